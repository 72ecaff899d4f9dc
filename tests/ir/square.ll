; ==== sq(int) -> int : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", i64 %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 22
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"x_int" = alloca i64
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 GET_LOCAL2 1 (x), 1 (x) at square.eva:1:16: x
  %".13" = load i64, i64* %"x_int"
  %".14" = call {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".13", i64 %".13")
  %".15" = extractvalue {i64, i1} %".14", 1
  %".16" = xor i1 %".15", -1
  br i1 %".16", label %"at0005_ok1", label %"deopt_1"
deopt_0:
  br label %"deopt"
at0000_ok0:
  ; 0000 GET_LOCAL2 1 (x), 1 (x) at square.eva:1:16: x
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"x_int"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"], [%".13", %"deopt_1"]
  %".23" = getelementptr i64, i64* %"deoptbuf", i32 6
  store i64 %"deopt_word0", i64* %".23"
  store i64 %".1", ptr %".5"
  %".26" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".27" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".28" = call i32 %".26"(ptr %".27", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".29" = load i64, i64* %"resultbuf"
  %".30" = insertvalue {i64, i32} undef, i64 %".29", 0
  %".31" = insertvalue {i64, i32} %".30", i32 %".28", 1
  ret {i64, i32} %".31"
deopt_1:
  br label %"deopt"
at0005_ok1:
  ; 0005 MUL at square.eva:1:13: (* x x)
  %".19" = extractvalue {i64, i1} %".14", 0
  %".20" = insertvalue {i64, i32} undef, i64 %".19", 0
  %".21" = insertvalue {i64, i32} %".20", i32 0, 1
  ret {i64, i32} %".21"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
declare {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".1", i64 %".2")

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
@"eva_unwind_count.addr" = protected global ptr null
@"eva_unwound.addr" = protected global ptr null
@"obj_rt_unwound.addr" = protected global ptr null
!0 = !{  }

