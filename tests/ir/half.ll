; ==== half(float) -> float : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", double %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 22
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"x_float" = alloca double
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 GET_LOCAL_CONST 1 (x), 0 (2.0) at half.eva:1:18: x
  %".14" = load double, double* %"x_float"
  %".15" = fcmp une double 0x4000000000000000,              0x0
  br i1 %".15", label %"at0005_ok1", label %"deopt_1"
deopt_0:
  %".10" = bitcast double %".2" to i64
  br label %"deopt"
at0000_ok0:
  ; 0000 GET_LOCAL_CONST 1 (x), 0 (2.0) at half.eva:1:18: x
  %"depth1" = add i64 %".1", 1
  store double %".2", double* %"x_float"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".10", %"deopt_0"], [%".17", %"deopt_1"]
  %".24" = getelementptr i64, i64* %"deoptbuf", i32 6
  store i64 %"deopt_word0", i64* %".24"
  store i64 %".1", ptr %".5"
  %".27" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".28" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".29" = call i32 %".27"(ptr %".28", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".30" = load i64, i64* %"resultbuf"
  %".31" = insertvalue {i64, i32} undef, i64 %".30", 0
  %".32" = insertvalue {i64, i32} %".31", i32 %".29", 1
  ret {i64, i32} %".32"
deopt_1:
  %".17" = bitcast double %".14" to i64
  br label %"deopt"
at0005_ok1:
  ; 0005 DIV at half.eva:1:15: (/ x 2.0)
  %".19" = fdiv double %".14", 0x4000000000000000
  %".20" = bitcast double %".19" to i64
  %".21" = insertvalue {i64, i32} undef, i64 %".20", 0
  %".22" = insertvalue {i64, i32} %".21", i32 0, 1
  ret {i64, i32} %".22"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
@"eva_runtime.addr" = protected global ptr null
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
  %".23" = icmp eq i64 %".3", 3
  br i1 %".23", label %"checked.2", label %"not_entered"
checked.2:
  %".25" = getelementptr ptr, ptr %".2", i64 0
  %".26" = load ptr, ptr %".25"
  %".27" = load ptr, ptr @"obj_none.addr", !invariant.load !0
  %".28" = icmp eq ptr %".26", %".27"
  br i1 %".28", label %"budget_known", label %"budget_given"
budget_given:
  %".30" = call i64 %".6"(ptr %".26", i32* %"overflow")
  %".31" = load i32, i32* %"overflow"
  %".32" = icmp eq i32 %".31", 0
  br i1 %".32", label %"checked.3", label %"not_entered"
budget_known:
  %".35" = phi  i64 [0, %"checked.2"], [%".30", %"checked.3"]
  %".36" = getelementptr ptr, ptr %".2", i64 2
  %".37" = load ptr, ptr %".36"
  %".38" = getelementptr i8, ptr %".37", i64 8
  %".39" = load ptr, ptr %".38"
  %".40" = load ptr, ptr @"obj_float_type.addr", !invariant.load !0
  %".41" = icmp eq ptr %".39", %".40"
  br i1 %".41", label %"checked.4", label %"not_entered"
checked.3:
  br label %"budget_known"
checked.4:
  %".43" = getelementptr i8, ptr %".37", i64 16
  %".44" = load double, ptr %".43"
  %".45" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %".46" = load i64, ptr %".45"
  %".47" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".48" = load i64, ptr %".47"
  %".49" = icmp slt i64 %".48", 10000
  br i1 %".49", label %"checked.5", label %"declined"
checked.5:
  %".51" = add i64 %".48", %".35"
  %".52" = icmp slt i64 %".51", 10000
  %".53" = select  i1 %".52", i64 %".51", i64 10000
  %".54" = select  i1 %".28", i64 %".46", i64 %".53"
  store i64 %".54", ptr %".45"
  %".56" = load ptr, ptr @"eva_interrupt.addr", !invariant.load !0
  %".57" = load i64, ptr %".56"
  %".58" = icmp ne i64 %".57", 0
  %".59" = load i64, ptr %".45"
  %".60" = select  i1 %".58", i64 -1, i64 %".59"
  store i64 %".60", ptr %".45"
  %".62" = load ptr, ptr @"eva_unwind_count.addr", !invariant.load !0
  %".63" = load i64, ptr %".62"
  %".64" = add i64 %".16", 1
  store i64 %".64", ptr %".15"
  %".66" = call {i64, i32} @"fn_0"(i64 %".48", double %".44")
  %".67" = extractvalue {i64, i32} %".66", 0
  %".68" = extractvalue {i64, i32} %".66", 1
  store i64 %".46", ptr %".45"
  store i64 %".48", ptr %".47"
  store i64 %".16", ptr %".15"
  switch i32 %".68", label %"error" [i32 0, label %"ok" i32 1, label %"boxed" i32 3, label %"resume"]
ok:
  %".85" = load ptr, ptr @"PyFloat_FromDouble.addr", !invariant.load !0
  %".86" = bitcast i64 %".67" to double
  %".87" = call ptr %".85"(double %".86")
  ret ptr %".87"
boxed:
  %".73" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".73")
  %".75" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".75"
error:
  %".77" = load ptr, ptr @"eva_unwound.addr", !invariant.load !0
  %".78" = load ptr, ptr @"obj_rt_unwound.addr", !invariant.load !0
  call void %".77"(ptr %".78", i64 %".63") cold
  ret ptr null
resume:
  %".81" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  call void %".5"(ptr %".81")
  %".83" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  ret ptr %".83"
}

@"Py_IncRef.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"obj_declined.addr" = protected global ptr null
@"eva_entries.addr" = protected global ptr null
@"obj_none.addr" = protected global ptr null
@"obj_float_type.addr" = protected global ptr null
@"eva_interrupt.addr" = protected global ptr null
@"eva_unwind_count.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
@"eva_unwound.addr" = protected global ptr null
@"obj_rt_unwound.addr" = protected global ptr null
@"obj_resume.addr" = protected global ptr null
@"PyFloat_FromDouble.addr" = protected global ptr null
!0 = !{  }

