; ==== fib(int) -> int : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", i64 %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 24
  %"callbuf" = alloca i64, i32 1
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"s1_int" = alloca i64
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".13" = load i64, i64* %"s1_int"
  %".14" = icmp slt i64 %".13", 2
  br i1 %".14", label %"at0005_fall", label %"at0005_jump"
at0008:
  %".18" = load i64, i64* %"s1_int"
  %".19" = insertvalue {i64, i32} undef, i64 %".18", 0
  %".20" = insertvalue {i64, i32} %".19", i32 0, 1
  ret {i64, i32} %".20"
at000C:
  %".22" = load i64, i64* %"s1_int"
  %".23" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 1)
  %".24" = extractvalue {i64, i1} %".23", 1
  %".25" = xor i1 %".24", -1
  br i1 %".25", label %"at0014_ok1", label %"deopt_1"
deopt_0:
  br label %"deopt"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"s1_int"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"], [3, %"at0015_boxed"], [4, %"deopt_3"], [6, %"at0021_boxed"], [7, %"deopt_5"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"], [%".22", %"deopt_1"], [%".22", %"at0015_boxed"], [%".30", %"deopt_3"], [%".30", %"at0021_boxed"], [%".30", %"deopt_5"]
  %"deopt_word1" = phi  i64 [undef, %"deopt_0"], [undef, %"deopt_1"], [undef, %"at0015_boxed"], [%".22", %"deopt_3"], [undef, %"at0021_boxed"], [%".48", %"deopt_5"]
  %".68" = getelementptr i64, i64* %"deoptbuf", i32 8
  store i64 %"deopt_word0", i64* %".68"
  %".70" = getelementptr i64, i64* %"deoptbuf", i32 9
  store i64 %"deopt_word1", i64* %".70"
  store i64 %".1", ptr %".5"
  %".73" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".74" = call i32 @"eva_runtime"(ptr %".73", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".75" = load i64, i64* %"resultbuf"
  %".76" = insertvalue {i64, i32} undef, i64 %".75", 0
  %".77" = insertvalue {i64, i32} %".76", i32 %".74", 1
  ret {i64, i32} %".77"
at0005_jump:
  br label %"at000C"
at0005_fall:
  br label %"at0008"
deopt_1:
  br label %"deopt"
at0014_ok1:
  %".28" = extractvalue {i64, i1} %".23", 0
  %".29" = call {i64, i32} @"fn_0.inline"(i64 %"depth1", i64 %".28")
  %".30" = extractvalue {i64, i32} %".29", 0
  %".31" = extractvalue {i64, i32} %".29", 1
  %".32" = icmp eq i32 %".31", 0
  br i1 %".32", label %"at0015_called", label %"at0015_callfail"
at0015_called:
  %".41" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 2)
  %".42" = extractvalue {i64, i1} %".41", 1
  %".43" = xor i1 %".42", -1
  br i1 %".43", label %"at0020_ok3", label %"deopt_3"
at0015_callfail:
  %".34" = icmp eq i32 %".31", 2
  br i1 %".34", label %"at0015_error", label %"at0015_boxed"
at0015_error:
  call void @"eva_note_unwind"(i64 2) cold
  %".37" = insertvalue {i64, i32} undef, i64 0, 0
  %".38" = insertvalue {i64, i32} %".37", i32 2, 1
  ret {i64, i32} %".38"
at0015_boxed:
  br label %"deopt"
deopt_3:
  br label %"deopt"
at0020_ok3:
  %".46" = extractvalue {i64, i1} %".41", 0
  %".47" = call {i64, i32} @"fn_0.inline"(i64 %"depth1", i64 %".46")
  %".48" = extractvalue {i64, i32} %".47", 0
  %".49" = extractvalue {i64, i32} %".47", 1
  %".50" = icmp eq i32 %".49", 0
  br i1 %".50", label %"at0021_called", label %"at0021_callfail"
at0021_called:
  %".59" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".30", i64 %".48")
  %".60" = extractvalue {i64, i1} %".59", 1
  %".61" = xor i1 %".60", -1
  br i1 %".61", label %"at0024_ok5", label %"deopt_5"
at0021_callfail:
  %".52" = icmp eq i32 %".49", 2
  br i1 %".52", label %"at0021_error", label %"at0021_boxed"
at0021_error:
  call void @"eva_note_unwind"(i64 5) cold
  %".55" = insertvalue {i64, i32} undef, i64 0, 0
  %".56" = insertvalue {i64, i32} %".55", i32 2, 1
  ret {i64, i32} %".56"
at0021_boxed:
  br label %"deopt"
deopt_5:
  br label %"deopt"
at0024_ok5:
  %".64" = extractvalue {i64, i1} %".59", 0
  %".65" = insertvalue {i64, i32} undef, i64 %".64", 0
  %".66" = insertvalue {i64, i32} %".65", i32 0, 1
  ret {i64, i32} %".66"
}

define internal {i64, i32} @"fn_0.inline"(i64 %".1", i64 %".2") alwaysinline
{
entry:
  %"deoptbuf" = alloca i64, i32 24
  %"callbuf" = alloca i64, i32 1
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"s1_int" = alloca i64
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".13" = load i64, i64* %"s1_int"
  %".14" = icmp slt i64 %".13", 2
  br i1 %".14", label %"at0005_fall", label %"at0005_jump"
at0008:
  %".18" = load i64, i64* %"s1_int"
  %".19" = insertvalue {i64, i32} undef, i64 %".18", 0
  %".20" = insertvalue {i64, i32} %".19", i32 0, 1
  ret {i64, i32} %".20"
at000C:
  %".22" = load i64, i64* %"s1_int"
  %".23" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 1)
  %".24" = extractvalue {i64, i1} %".23", 1
  %".25" = xor i1 %".24", -1
  br i1 %".25", label %"at0014_ok1", label %"deopt_1"
deopt_0:
  br label %"deopt"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"s1_int"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"], [3, %"at0015_boxed"], [4, %"deopt_3"], [6, %"at0021_boxed"], [7, %"deopt_5"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"], [%".22", %"deopt_1"], [%".22", %"at0015_boxed"], [%".30", %"deopt_3"], [%".30", %"at0021_boxed"], [%".30", %"deopt_5"]
  %"deopt_word1" = phi  i64 [undef, %"deopt_0"], [undef, %"deopt_1"], [undef, %"at0015_boxed"], [%".22", %"deopt_3"], [undef, %"at0021_boxed"], [%".48", %"deopt_5"]
  %".68" = getelementptr i64, i64* %"deoptbuf", i32 8
  store i64 %"deopt_word0", i64* %".68"
  %".70" = getelementptr i64, i64* %"deoptbuf", i32 9
  store i64 %"deopt_word1", i64* %".70"
  store i64 %".1", ptr %".5"
  %".73" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".74" = call i32 @"eva_runtime"(ptr %".73", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".75" = load i64, i64* %"resultbuf"
  %".76" = insertvalue {i64, i32} undef, i64 %".75", 0
  %".77" = insertvalue {i64, i32} %".76", i32 %".74", 1
  ret {i64, i32} %".77"
at0005_jump:
  br label %"at000C"
at0005_fall:
  br label %"at0008"
deopt_1:
  br label %"deopt"
at0014_ok1:
  %".28" = extractvalue {i64, i1} %".23", 0
  %".29" = call {i64, i32} @"fn_0"(i64 %"depth1", i64 %".28")
  %".30" = extractvalue {i64, i32} %".29", 0
  %".31" = extractvalue {i64, i32} %".29", 1
  %".32" = icmp eq i32 %".31", 0
  br i1 %".32", label %"at0015_called", label %"at0015_callfail"
at0015_called:
  %".41" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 2)
  %".42" = extractvalue {i64, i1} %".41", 1
  %".43" = xor i1 %".42", -1
  br i1 %".43", label %"at0020_ok3", label %"deopt_3"
at0015_callfail:
  %".34" = icmp eq i32 %".31", 2
  br i1 %".34", label %"at0015_error", label %"at0015_boxed"
at0015_error:
  call void @"eva_note_unwind"(i64 2) cold
  %".37" = insertvalue {i64, i32} undef, i64 0, 0
  %".38" = insertvalue {i64, i32} %".37", i32 2, 1
  ret {i64, i32} %".38"
at0015_boxed:
  br label %"deopt"
deopt_3:
  br label %"deopt"
at0020_ok3:
  %".46" = extractvalue {i64, i1} %".41", 0
  %".47" = call {i64, i32} @"fn_0"(i64 %"depth1", i64 %".46")
  %".48" = extractvalue {i64, i32} %".47", 0
  %".49" = extractvalue {i64, i32} %".47", 1
  %".50" = icmp eq i32 %".49", 0
  br i1 %".50", label %"at0021_called", label %"at0021_callfail"
at0021_called:
  %".59" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".30", i64 %".48")
  %".60" = extractvalue {i64, i1} %".59", 1
  %".61" = xor i1 %".60", -1
  br i1 %".61", label %"at0024_ok5", label %"deopt_5"
at0021_callfail:
  %".52" = icmp eq i32 %".49", 2
  br i1 %".52", label %"at0021_error", label %"at0021_boxed"
at0021_error:
  call void @"eva_note_unwind"(i64 5) cold
  %".55" = insertvalue {i64, i32} undef, i64 0, 0
  %".56" = insertvalue {i64, i32} %".55", i32 2, 1
  ret {i64, i32} %".56"
at0021_boxed:
  br label %"deopt"
deopt_5:
  br label %"deopt"
at0024_ok5:
  %".64" = extractvalue {i64, i1} %".59", 0
  %".65" = insertvalue {i64, i32} undef, i64 %".64", 0
  %".66" = insertvalue {i64, i32} %".65", i32 0, 1
  ret {i64, i32} %".66"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
declare {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".1", i64 %".2")

define internal void @"eva_note_unwind"(i64 %".1") noinline
{
entry:
  %".3" = load ptr, ptr @"eva_unwind_count.addr", !invariant.load !0
  %".4" = load i64, ptr %".3"
  %".5" = icmp ult i64 %".4", 10000
  br i1 %".5", label %"room", label %"full"
room:
  %".7" = load ptr, ptr @"eva_unwind_sites.addr", !invariant.load !0
  %".8" = getelementptr i64, ptr %".7", i64 %".4"
  store i64 %".1", ptr %".8"
  %".10" = add i64 %".4", 1
  store i64 %".10", ptr %".3"
  ret void
full:
  ret void
}

@"eva_unwind_count.addr" = protected global ptr null
@"eva_unwind_sites.addr" = protected global ptr null
declare {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".1", i64 %".2")

define internal i32 @"eva_runtime"(ptr %".1", i64 %".2", ptr %".3", ptr %".4") noinline
{
entry:
  %".6" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".7" = load ptr, ptr @"PyLong_FromVoidPtr.addr", !invariant.load !0
  %".8" = alloca ptr, i32 3
  %".9" = call ptr %".6"(i64 %".2")
  %".10" = call ptr %".7"(ptr %".3")
  %".11" = call ptr %".7"(ptr %".4")
  %".12" = getelementptr ptr, ptr %".8", i32 0
  store ptr %".9", ptr %".12"
  %".14" = getelementptr ptr, ptr %".8", i32 1
  store ptr %".10", ptr %".14"
  %".16" = getelementptr ptr, ptr %".8", i32 2
  store ptr %".11", ptr %".16"
  %".18" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".19" = icmp eq ptr %".9", null
  %".20" = icmp eq ptr %".10", null
  %".21" = or i1 %".19", %".20"
  %".22" = icmp eq ptr %".11", null
  %".23" = or i1 %".21", %".22"
  %".24" = call ptr %".18"(ptr %".1", ptr %".8", i64 3, ptr null)
  %".25" = select  i1 %".23", ptr null, ptr %".24"
  %".26" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".26"(ptr %".9")
  %".28" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".28"(ptr %".10")
  %".30" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".30"(ptr %".11")
  %".32" = icmp eq ptr %".25", null
  br i1 %".32", label %"failed", label %"done"
failed:
  ret i32 2
done:
  %".35" = load ptr, ptr @"PyLong_AsLong.addr", !invariant.load !0
  %".36" = call i64 %".35"(ptr %".25")
  %".37" = trunc i64 %".36" to i32
  %".38" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".38"(ptr %".25")
  ret i32 %".37"
}

@"PyLong_FromLongLong.addr" = protected global ptr null
@"PyLong_FromVoidPtr.addr" = protected global ptr null
@"PyObject_Vectorcall.addr" = protected global ptr null
@"Py_DecRef.addr" = protected global ptr null
@"PyLong_AsLong.addr" = protected global ptr null
@"obj_rt_deopt.addr" = protected global ptr null
define protected ptr @"entry_0"(ptr %".1", ptr %".2", i64 %".3") noinline optnone
{
entry:
  %".5" = load ptr, ptr @"Py_IncRef.addr", !invariant.load !0
  %".6" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %"overflow" = alloca i32
  %".15" = load ptr, ptr @"eva_entries.addr", !invariant.load !0
  %".16" = load i64, ptr %".15"
  %".17" = icmp slt i64 %".16", 100
  br i1 %".17", label %"checked", label %"declined"
not_entered:
  %".7" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  call void %".5"(ptr %".7")
  %".9" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  ret ptr %".9"
declined:
  %".11" = load ptr, ptr @"obj_declined.addr", !invariant.load !0
  call void %".5"(ptr %".11")
  %".13" = load ptr, ptr @"obj_declined.addr", !invariant.load !0
  ret ptr %".13"
checked:
  %".19" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".20" = load i64, ptr %".19"
  %".21" = icmp ne i64 %".20", 0
  br i1 %".21", label %"checked.1", label %"not_entered"
checked.1:
  %".23" = icmp eq i64 %".3", 2
  br i1 %".23", label %"checked.2", label %"not_entered"
checked.2:
  %".25" = getelementptr ptr, ptr %".2", i64 0
  %".26" = load ptr, ptr %".25"
  %".27" = call i64 %".6"(ptr %".26", i32* %"overflow")
  %".28" = load i32, i32* %"overflow"
  %".29" = icmp eq i32 %".28", 0
  br i1 %".29", label %"checked.3", label %"not_entered"
checked.3:
  %".31" = getelementptr ptr, ptr %".2", i64 1
  %".32" = load ptr, ptr %".31"
  %".33" = getelementptr i8, ptr %".32", i64 8
  %".34" = load ptr, ptr %".33"
  %".35" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".36" = icmp eq ptr %".34", %".35"
  br i1 %".36", label %"checked.4", label %"not_entered"
checked.4:
  %".38" = call i64 %".6"(ptr %".32", i32* %"overflow")
  %".39" = load i32, i32* %"overflow"
  %".40" = icmp eq i32 %".39", 0
  br i1 %".40", label %"checked.5", label %"not_entered"
checked.5:
  %".42" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %".43" = load i64, ptr %".42"
  %".44" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".45" = load i64, ptr %".44"
  %".46" = icmp slt i64 %".45", 10000
  br i1 %".46", label %"checked.6", label %"declined"
checked.6:
  %".48" = add i64 %".45", %".27"
  %".49" = icmp slt i64 %".48", 10000
  %".50" = select  i1 %".49", i64 %".48", i64 10000
  store i64 %".50", ptr %".42"
  %".52" = load ptr, ptr @"eva_interrupt.addr", !invariant.load !0
  %".53" = load i64, ptr %".52"
  %".54" = icmp ne i64 %".53", 0
  %".55" = load i64, ptr %".42"
  %".56" = select  i1 %".54", i64 -1, i64 %".55"
  store i64 %".56", ptr %".42"
  %".58" = load ptr, ptr @"eva_unwind_count.addr", !invariant.load !0
  %".59" = load i64, ptr %".58"
  %".60" = add i64 %".16", 1
  store i64 %".60", ptr %".15"
  %".62" = call {i64, i32} @"fn_0"(i64 %".45", i64 %".38")
  %".63" = extractvalue {i64, i32} %".62", 0
  %".64" = extractvalue {i64, i32} %".62", 1
  store i64 %".43", ptr %".42"
  store i64 %".45", ptr %".44"
  store i64 %".16", ptr %".15"
  switch i32 %".64", label %"error" [i32 0, label %"ok" i32 1, label %"boxed" i32 3, label %"resume"]
ok:
  %".120" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".121" = call ptr %".120"(i64 %".63")
  ret ptr %".121"
boxed:
  %".69" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".69")
  %".71" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".71"
error:
  %".73" = alloca ptr
  %".74" = alloca ptr
  %".75" = alloca ptr
  %".76" = load ptr, ptr @"PyErr_Fetch.addr", !invariant.load !0
  call void %".76"(ptr %".73", ptr %".74", ptr %".75")
  %".78" = load ptr, ptr @"PyErr_NormalizeException.addr", !invariant.load !0
  call void %".78"(ptr %".73", ptr %".74", ptr %".75")
  %".80" = alloca ptr, i32 2
  %".81" = load ptr, ptr %".74"
  %".82" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".83" = call ptr %".82"(i64 %".59")
  %".84" = icmp eq ptr %".81", null
  %".85" = icmp eq ptr %".83", null
  %".86" = or i1 %".84", %".85"
  br i1 %".86", label %"restore", label %"unwound"
resume:
  %".116" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  call void %".5"(ptr %".116")
  %".118" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  ret ptr %".118"
restore:
  %".88" = load ptr, ptr @"PyErr_Restore.addr", !invariant.load !0
  %".89" = load ptr, ptr %".73"
  %".90" = load ptr, ptr %".74"
  %".91" = load ptr, ptr %".75"
  call void %".88"(ptr %".89", ptr %".90", ptr %".91")
  %".93" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".93"(ptr %".83")
  ret ptr null
unwound:
  store ptr %".81", ptr %".80"
  %".97" = getelementptr ptr, ptr %".80", i32 1
  store ptr %".83", ptr %".97"
  %".99" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".100" = load ptr, ptr @"obj_rt_unwound.addr", !invariant.load !0
  %".101" = call ptr %".99"(ptr %".100", ptr %".80", i64 2, ptr null)
  %".102" = load ptr, ptr %".73"
  %".103" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".103"(ptr %".102")
  %".105" = load ptr, ptr %".74"
  %".106" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".106"(ptr %".105")
  %".108" = load ptr, ptr %".75"
  %".109" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".109"(ptr %".108")
  %".111" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".111"(ptr %".83")
  %".113" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".113"(ptr %".101")
  ret ptr null
}

@"Py_IncRef.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"obj_declined.addr" = protected global ptr null
@"eva_entries.addr" = protected global ptr null
@"obj_int_type.addr" = protected global ptr null
@"eva_interrupt.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
@"PyErr_Fetch.addr" = protected global ptr null
@"PyErr_NormalizeException.addr" = protected global ptr null
@"PyErr_Restore.addr" = protected global ptr null
@"obj_rt_unwound.addr" = protected global ptr null
@"obj_resume.addr" = protected global ptr null
!0 = !{  }

