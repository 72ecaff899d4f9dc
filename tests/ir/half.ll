; ==== half(float) -> float : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", double %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 22
  %"callbuf" = alloca i64, i32 1
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"s1_float" = alloca double
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".14" = load double, double* %"s1_float"
  %".15" = fcmp une double 0x4000000000000000,              0x0
  br i1 %".15", label %"at0005_ok1", label %"deopt_1"
deopt_0:
  %".10" = bitcast double %".2" to i64
  br label %"deopt"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store double %".2", double* %"s1_float"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".10", %"deopt_0"], [%".17", %"deopt_1"]
  %".24" = getelementptr i64, i64* %"deoptbuf", i32 6
  store i64 %"deopt_word0", i64* %".24"
  store i64 %".1", ptr %".5"
  %".27" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".28" = call i32 @"eva_runtime"(ptr %".27", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".29" = load i64, i64* %"resultbuf"
  %".30" = insertvalue {i64, i32} undef, i64 %".29", 0
  %".31" = insertvalue {i64, i32} %".30", i32 %".28", 1
  ret {i64, i32} %".31"
deopt_1:
  %".17" = bitcast double %".14" to i64
  br label %"deopt"
at0005_ok1:
  %".19" = fdiv double %".14", 0x4000000000000000
  %".20" = bitcast double %".19" to i64
  %".21" = insertvalue {i64, i32} undef, i64 %".20", 0
  %".22" = insertvalue {i64, i32} %".21", i32 0, 1
  ret {i64, i32} %".22"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
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
  %".35" = load ptr, ptr @"obj_float_type.addr", !invariant.load !0
  %".36" = icmp eq ptr %".34", %".35"
  br i1 %".36", label %"checked.4", label %"not_entered"
checked.4:
  %".38" = getelementptr i8, ptr %".32", i64 16
  %".39" = load double, ptr %".38"
  %".40" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %".41" = load i64, ptr %".40"
  %".42" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".43" = load i64, ptr %".42"
  %".44" = icmp slt i64 %".43", 10000
  br i1 %".44", label %"checked.5", label %"declined"
checked.5:
  %".46" = add i64 %".43", %".27"
  %".47" = icmp slt i64 %".46", 10000
  %".48" = select  i1 %".47", i64 %".46", i64 10000
  store i64 %".48", ptr %".40"
  %".50" = load ptr, ptr @"eva_interrupt.addr", !invariant.load !0
  %".51" = load i64, ptr %".50"
  %".52" = icmp ne i64 %".51", 0
  %".53" = load i64, ptr %".40"
  %".54" = select  i1 %".52", i64 -1, i64 %".53"
  store i64 %".54", ptr %".40"
  %".56" = load ptr, ptr @"eva_unwind_count.addr", !invariant.load !0
  %".57" = load i64, ptr %".56"
  %".58" = add i64 %".16", 1
  store i64 %".58", ptr %".15"
  %".60" = call {i64, i32} @"fn_0"(i64 %".43", double %".39")
  %".61" = extractvalue {i64, i32} %".60", 0
  %".62" = extractvalue {i64, i32} %".60", 1
  store i64 %".41", ptr %".40"
  store i64 %".43", ptr %".42"
  store i64 %".16", ptr %".15"
  switch i32 %".62", label %"error" [i32 0, label %"ok" i32 1, label %"boxed" i32 3, label %"resume"]
ok:
  %".118" = load ptr, ptr @"PyFloat_FromDouble.addr", !invariant.load !0
  %".119" = bitcast i64 %".61" to double
  %".120" = call ptr %".118"(double %".119")
  ret ptr %".120"
boxed:
  %".67" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".67")
  %".69" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".69"
error:
  %".71" = alloca ptr
  %".72" = alloca ptr
  %".73" = alloca ptr
  %".74" = load ptr, ptr @"PyErr_Fetch.addr", !invariant.load !0
  call void %".74"(ptr %".71", ptr %".72", ptr %".73")
  %".76" = load ptr, ptr @"PyErr_NormalizeException.addr", !invariant.load !0
  call void %".76"(ptr %".71", ptr %".72", ptr %".73")
  %".78" = alloca ptr, i32 2
  %".79" = load ptr, ptr %".72"
  %".80" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".81" = call ptr %".80"(i64 %".57")
  %".82" = icmp eq ptr %".79", null
  %".83" = icmp eq ptr %".81", null
  %".84" = or i1 %".82", %".83"
  br i1 %".84", label %"restore", label %"unwound"
resume:
  %".114" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  call void %".5"(ptr %".114")
  %".116" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  ret ptr %".116"
restore:
  %".86" = load ptr, ptr @"PyErr_Restore.addr", !invariant.load !0
  %".87" = load ptr, ptr %".71"
  %".88" = load ptr, ptr %".72"
  %".89" = load ptr, ptr %".73"
  call void %".86"(ptr %".87", ptr %".88", ptr %".89")
  %".91" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".91"(ptr %".81")
  ret ptr null
unwound:
  store ptr %".79", ptr %".78"
  %".95" = getelementptr ptr, ptr %".78", i32 1
  store ptr %".81", ptr %".95"
  %".97" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".98" = load ptr, ptr @"obj_rt_unwound.addr", !invariant.load !0
  %".99" = call ptr %".97"(ptr %".98", ptr %".78", i64 2, ptr null)
  %".100" = load ptr, ptr %".71"
  %".101" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".101"(ptr %".100")
  %".103" = load ptr, ptr %".72"
  %".104" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".104"(ptr %".103")
  %".106" = load ptr, ptr %".73"
  %".107" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".107"(ptr %".106")
  %".109" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".109"(ptr %".81")
  %".111" = load ptr, ptr @"Py_DecRef.addr", !invariant.load !0
  call void %".111"(ptr %".99")
  ret ptr null
}

@"Py_IncRef.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"obj_declined.addr" = protected global ptr null
@"eva_entries.addr" = protected global ptr null
@"obj_float_type.addr" = protected global ptr null
@"eva_interrupt.addr" = protected global ptr null
@"eva_unwind_count.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
@"PyErr_Fetch.addr" = protected global ptr null
@"PyErr_NormalizeException.addr" = protected global ptr null
@"PyErr_Restore.addr" = protected global ptr null
@"obj_rt_unwound.addr" = protected global ptr null
@"obj_resume.addr" = protected global ptr null
@"PyFloat_FromDouble.addr" = protected global ptr null
!0 = !{  }

