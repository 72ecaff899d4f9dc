; ==== fib(int) -> int : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", i64 %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 24
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"n_int" = alloca i64
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 GET_LOCAL_CONST 1 (n), 0 (2) at fib.eva:1:21: n
  %".13" = load i64, i64* %"n_int"
  %".14" = icmp slt i64 %".13", 2
  br i1 %".14", label %"at0005_fall", label %"at0005_jump"
at0008:
  ; 0008 GET_LOCAL 1 (n) at fib.eva:1:26: n
  %".18" = load i64, i64* %"n_int"
  %".19" = insertvalue {i64, i32} undef, i64 %".18", 0
  %".20" = insertvalue {i64, i32} %".19", i32 0, 1
  ret {i64, i32} %".20"
at000C:
  ; 000C GET_GLOBAL 0 (fib) at fib.eva:1:32: fib
  %".22" = load i64, i64* %"n_int"
  %".23" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 1)
  %".24" = extractvalue {i64, i1} %".23", 1
  %".25" = xor i1 %".24", -1
  br i1 %".25", label %"at0014_ok1", label %"deopt_1"
deopt_0:
  br label %"deopt"
at0000_ok0:
  ; 0000 GET_LOCAL_CONST 1 (n), 0 (2) at fib.eva:1:21: n
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"n_int"
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
  %".73" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".74" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".75" = call i32 %".73"(ptr %".74", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".76" = load i64, i64* %"resultbuf"
  %".77" = insertvalue {i64, i32} undef, i64 %".76", 0
  %".78" = insertvalue {i64, i32} %".77", i32 %".75", 1
  ret {i64, i32} %".78"
at0005_jump:
  ; 0005 JUMP_IF_NOT_LT 000C at fib.eva:1:18: (< n 2)
  br label %"at000C"
at0005_fall:
  ; 0005 JUMP_IF_NOT_LT 000C at fib.eva:1:18: (< n 2)
  br label %"at0008"
deopt_1:
  br label %"deopt"
at0014_ok1:
  ; 0014 SUB at fib.eva:1:36: (- n 1)
  %".28" = extractvalue {i64, i1} %".23", 0
  %".29" = call {i64, i32} @"fn_0.inline"(i64 %"depth1", i64 %".28")
  %".30" = extractvalue {i64, i32} %".29", 0
  %".31" = extractvalue {i64, i32} %".29", 1
  %".32" = icmp eq i32 %".31", 0
  br i1 %".32", label %"at0015_called", label %"at0015_callfail"
at0015_called:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  %".41" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 2)
  %".42" = extractvalue {i64, i1} %".41", 1
  %".43" = xor i1 %".42", -1
  br i1 %".43", label %"at0020_ok3", label %"deopt_3"
at0015_callfail:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  %".34" = icmp eq i32 %".31", 2
  br i1 %".34", label %"at0015_error", label %"at0015_boxed"
at0015_error:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  call void @"eva_note_unwind"(i64 2) cold
  %".37" = insertvalue {i64, i32} undef, i64 0, 0
  %".38" = insertvalue {i64, i32} %".37", i32 2, 1
  ret {i64, i32} %".38"
at0015_boxed:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  br label %"deopt"
deopt_3:
  br label %"deopt"
at0020_ok3:
  ; 0020 SUB at fib.eva:1:50: (- n 2)
  %".46" = extractvalue {i64, i1} %".41", 0
  %".47" = call {i64, i32} @"fn_0.inline"(i64 %"depth1", i64 %".46")
  %".48" = extractvalue {i64, i32} %".47", 0
  %".49" = extractvalue {i64, i32} %".47", 1
  %".50" = icmp eq i32 %".49", 0
  br i1 %".50", label %"at0021_called", label %"at0021_callfail"
at0021_called:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  %".59" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".30", i64 %".48")
  %".60" = extractvalue {i64, i1} %".59", 1
  %".61" = xor i1 %".60", -1
  br i1 %".61", label %"at0024_ok5", label %"deopt_5"
at0021_callfail:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  %".52" = icmp eq i32 %".49", 2
  br i1 %".52", label %"at0021_error", label %"at0021_boxed"
at0021_error:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  call void @"eva_note_unwind"(i64 5) cold
  %".55" = insertvalue {i64, i32} undef, i64 0, 0
  %".56" = insertvalue {i64, i32} %".55", i32 2, 1
  ret {i64, i32} %".56"
at0021_boxed:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  br label %"deopt"
deopt_5:
  br label %"deopt"
at0024_ok5:
  ; 0024 ADD at fib.eva:1:28: (+ (fib (- n 1)) (fib (- n 2)))
  %".64" = extractvalue {i64, i1} %".59", 0
  %".65" = insertvalue {i64, i32} undef, i64 %".64", 0
  %".66" = insertvalue {i64, i32} %".65", i32 0, 1
  ret {i64, i32} %".66"
}

define internal {i64, i32} @"fn_0.inline"(i64 %".1", i64 %".2") alwaysinline
{
entry:
  %"deoptbuf" = alloca i64, i32 24
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"n_int" = alloca i64
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 GET_LOCAL_CONST 1 (n), 0 (2) at fib.eva:1:21: n
  %".13" = load i64, i64* %"n_int"
  %".14" = icmp slt i64 %".13", 2
  br i1 %".14", label %"at0005_fall", label %"at0005_jump"
at0008:
  ; 0008 GET_LOCAL 1 (n) at fib.eva:1:26: n
  %".18" = load i64, i64* %"n_int"
  %".19" = insertvalue {i64, i32} undef, i64 %".18", 0
  %".20" = insertvalue {i64, i32} %".19", i32 0, 1
  ret {i64, i32} %".20"
at000C:
  ; 000C GET_GLOBAL 0 (fib) at fib.eva:1:32: fib
  %".22" = load i64, i64* %"n_int"
  %".23" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 1)
  %".24" = extractvalue {i64, i1} %".23", 1
  %".25" = xor i1 %".24", -1
  br i1 %".25", label %"at0014_ok1", label %"deopt_1"
deopt_0:
  br label %"deopt"
at0000_ok0:
  ; 0000 GET_LOCAL_CONST 1 (n), 0 (2) at fib.eva:1:21: n
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"n_int"
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
  %".73" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".74" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".75" = call i32 %".73"(ptr %".74", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".76" = load i64, i64* %"resultbuf"
  %".77" = insertvalue {i64, i32} undef, i64 %".76", 0
  %".78" = insertvalue {i64, i32} %".77", i32 %".75", 1
  ret {i64, i32} %".78"
at0005_jump:
  ; 0005 JUMP_IF_NOT_LT 000C at fib.eva:1:18: (< n 2)
  br label %"at000C"
at0005_fall:
  ; 0005 JUMP_IF_NOT_LT 000C at fib.eva:1:18: (< n 2)
  br label %"at0008"
deopt_1:
  br label %"deopt"
at0014_ok1:
  ; 0014 SUB at fib.eva:1:36: (- n 1)
  %".28" = extractvalue {i64, i1} %".23", 0
  %".29" = call {i64, i32} @"fn_0"(i64 %"depth1", i64 %".28")
  %".30" = extractvalue {i64, i32} %".29", 0
  %".31" = extractvalue {i64, i32} %".29", 1
  %".32" = icmp eq i32 %".31", 0
  br i1 %".32", label %"at0015_called", label %"at0015_callfail"
at0015_called:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  %".41" = call {i64, i1} @"llvm.ssub.with.overflow.i64"(i64 %".22", i64 2)
  %".42" = extractvalue {i64, i1} %".41", 1
  %".43" = xor i1 %".42", -1
  br i1 %".43", label %"at0020_ok3", label %"deopt_3"
at0015_callfail:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  %".34" = icmp eq i32 %".31", 2
  br i1 %".34", label %"at0015_error", label %"at0015_boxed"
at0015_error:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  call void @"eva_note_unwind"(i64 2) cold
  %".37" = insertvalue {i64, i32} undef, i64 0, 0
  %".38" = insertvalue {i64, i32} %".37", i32 2, 1
  ret {i64, i32} %".38"
at0015_boxed:
  ; 0015 CALL 1 at fib.eva:1:31: (fib (- n 1))
  br label %"deopt"
deopt_3:
  br label %"deopt"
at0020_ok3:
  ; 0020 SUB at fib.eva:1:50: (- n 2)
  %".46" = extractvalue {i64, i1} %".41", 0
  %".47" = call {i64, i32} @"fn_0"(i64 %"depth1", i64 %".46")
  %".48" = extractvalue {i64, i32} %".47", 0
  %".49" = extractvalue {i64, i32} %".47", 1
  %".50" = icmp eq i32 %".49", 0
  br i1 %".50", label %"at0021_called", label %"at0021_callfail"
at0021_called:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  %".59" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".30", i64 %".48")
  %".60" = extractvalue {i64, i1} %".59", 1
  %".61" = xor i1 %".60", -1
  br i1 %".61", label %"at0024_ok5", label %"deopt_5"
at0021_callfail:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  %".52" = icmp eq i32 %".49", 2
  br i1 %".52", label %"at0021_error", label %"at0021_boxed"
at0021_error:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  call void @"eva_note_unwind"(i64 5) cold
  %".55" = insertvalue {i64, i32} undef, i64 0, 0
  %".56" = insertvalue {i64, i32} %".55", i32 2, 1
  ret {i64, i32} %".56"
at0021_boxed:
  ; 0021 CALL 1 at fib.eva:1:45: (fib (- n 2))
  br label %"deopt"
deopt_5:
  br label %"deopt"
at0024_ok5:
  ; 0024 ADD at fib.eva:1:28: (+ (fib (- n 1)) (fib (- n 2)))
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

@"eva_runtime.addr" = protected global ptr null
@"obj_rt_deopt.addr" = protected global ptr null
define protected ptr @"call_0"(i64 %".1", ptr %".2", i64 %".3") noinline optnone
{
entry:
  %"overflow" = alloca i32
  %".5" = load ptr, ptr @"Py_IncRef.addr", !invariant.load !0
  %".10" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".11" = load i64, ptr %".10"
  %".12" = icmp ne i64 %".11", 0
  br i1 %".12", label %"checked", label %"not_entered"
not_entered:
  %".6" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  call void %".5"(ptr %".6")
  %".8" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  ret ptr %".8"
checked:
  %".14" = icmp eq i64 %".3", 2
  br i1 %".14", label %"checked.1", label %"not_entered"
checked.1:
  %".16" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".17" = getelementptr ptr, ptr %".2", i64 1
  %".18" = load ptr, ptr %".17"
  %".19" = getelementptr i8, ptr %".18", i64 8
  %".20" = load ptr, ptr %".19"
  %".21" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".22" = icmp eq ptr %".20", %".21"
  br i1 %".22", label %"checked.2", label %"not_entered"
checked.2:
  %".24" = call i64 %".16"(ptr %".18", i32* %"overflow")
  %".25" = load i32, i32* %"overflow"
  %".26" = icmp eq i32 %".25", 0
  br i1 %".26", label %"checked.3", label %"not_entered"
checked.3:
  %".28" = call {i64, i32} @"fn_0"(i64 %".1", i64 %".24")
  %".29" = extractvalue {i64, i32} %".28", 0
  %".30" = extractvalue {i64, i32} %".28", 1
  switch i32 %".30", label %"error" [i32 0, label %"ok" i32 1, label %"boxed"]
ok:
  %".37" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".38" = call ptr %".37"(i64 %".29")
  ret ptr %".38"
boxed:
  %".32" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".32")
  %".34" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".34"
error:
  ret ptr null
}

@"Py_IncRef.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
@"obj_int_type.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
@"PyLong_FromLongLong.addr" = protected global ptr null
define protected ptr @"entry_0"(ptr %".1", ptr %".2", i64 %".3") noinline optnone
{
entry:
  %".5" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %"overflow" = alloca i32
  %".6" = load ptr, ptr @"Py_IncRef.addr", !invariant.load !0
  %".15" = load ptr, ptr @"eva_entries.addr", !invariant.load !0
  %".16" = load i64, ptr %".15"
  %".17" = icmp slt i64 %".16", 100
  br i1 %".17", label %"checked", label %"declined"
not_entered:
  %".7" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  call void %".6"(ptr %".7")
  %".9" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  ret ptr %".9"
declined:
  %".11" = load ptr, ptr @"obj_declined.addr", !invariant.load !0
  call void %".6"(ptr %".11")
  %".13" = load ptr, ptr @"obj_declined.addr", !invariant.load !0
  ret ptr %".13"
checked:
  %".19" = icmp eq i64 %".3", 3
  br i1 %".19", label %"checked.1", label %"not_entered"
checked.1:
  %".21" = getelementptr ptr, ptr %".2", i64 0
  %".22" = load ptr, ptr %".21"
  %".23" = call i64 %".5"(ptr %".22", i32* %"overflow")
  %".24" = load i32, i32* %"overflow"
  %".25" = icmp eq i32 %".24", 0
  br i1 %".25", label %"checked.2", label %"not_entered"
checked.2:
  %".27" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %".28" = load i64, ptr %".27"
  %".29" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".30" = load i64, ptr %".29"
  %".31" = icmp slt i64 %".30", 10000
  br i1 %".31", label %"checked.3", label %"declined"
checked.3:
  %".33" = add i64 %".30", %".23"
  %".34" = icmp slt i64 %".33", 10000
  %".35" = select  i1 %".34", i64 %".33", i64 10000
  store i64 %".35", ptr %".27"
  %".37" = load ptr, ptr @"eva_interrupt.addr", !invariant.load !0
  %".38" = load i64, ptr %".37"
  %".39" = icmp ne i64 %".38", 0
  %".40" = load i64, ptr %".27"
  %".41" = select  i1 %".39", i64 -1, i64 %".40"
  store i64 %".41", ptr %".27"
  %".43" = load ptr, ptr @"eva_unwind_count.addr", !invariant.load !0
  %".44" = load i64, ptr %".43"
  %".45" = add i64 %".16", 1
  store i64 %".45", ptr %".15"
  %".47" = getelementptr ptr, ptr %".2", i64 1
  %".48" = call ptr @"call_0"(i64 %".30", ptr %".47", i64 2)
  store i64 %".28", ptr %".27"
  store i64 %".30", ptr %".29"
  store i64 %".16", ptr %".15"
  %".52" = icmp eq ptr %".48", null
  br i1 %".52", label %"error", label %"done"
error:
  %".55" = load ptr, ptr @"eva_unwound.addr", !invariant.load !0
  %".56" = load ptr, ptr @"obj_rt_unwound.addr", !invariant.load !0
  call void %".55"(ptr %".56", i64 %".44") cold
  ret ptr null
done:
  ret ptr %".48"
}

@"obj_declined.addr" = protected global ptr null
@"eva_entries.addr" = protected global ptr null
@"eva_interrupt.addr" = protected global ptr null
@"eva_unwound.addr" = protected global ptr null
@"obj_rt_unwound.addr" = protected global ptr null
!0 = !{  }

