; ==== iterate(float, float) -> int : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", double %".2", double %".3")
{
entry:
  %"deoptbuf" = alloca i64, i32 28
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"cr_float" = alloca double
  %"ci_float" = alloca double
  %"zr_float" = alloca double
  %"zi_float" = alloca double
  %"i_int" = alloca i64
  %"t_float" = alloca double
  store i64 0, i64* %"backedges"
  %".6" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".7" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".8" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".8"
  %".9" = icmp slt i64 %".1", %"limit"
  br i1 %".9", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 CONST 0 (0.0) at mandel.eva:3:13: 0.0
  store double              0x0, double* %"zr_float"
  store double              0x0, double* %"zi_float"
  store i64 0, i64* %"i_int"
  br label %"at0012"
at0065:
  ; 0065 GET_LOCAL 5 (i) at mandel.eva:12:5: i
  %".76" = load i64, i64* %"i_int"
  %".77" = insertvalue {i64, i32} undef, i64 %".76", 0
  %".78" = insertvalue {i64, i32} %".77", i32 0, 1
  ret {i64, i32} %".78"
at0012:
  ; 0012 GET_LOCAL_CONST 5 (i), 2 (50) at mandel.eva:6:20: i
  %".21" = load i64, i64* %"i_int"
  %".22" = icmp slt i64 %".21", 50
  br i1 %".22", label %"at0017_fall", label %"at0017_jump"
at001A:
  ; 001A GET_LOCAL2 3 (zr), 3 (zr) at mandel.eva:6:36: zr
  %".26" = load double, double* %"zr_float"
  %".27" = fmul double %".26", %".26"
  %".28" = load double, double* %"zi_float"
  %".29" = fmul double %".28", %".28"
  %".30" = fadd double %".27", %".29"
  %".31" = fcmp ole double %".30", 0x4010000000000000
  br i1 %".31", label %"at002B_fall", label %"at002B_jump"
at002E:
  ; 002E GET_LOCAL2 3 (zr), 3 (zr) at mandel.eva:8:25: zr
  %".35" = load double, double* %"zr_float"
  %".36" = fmul double %".35", %".35"
  %".37" = load double, double* %"zi_float"
  %".38" = fmul double %".37", %".37"
  %".39" = fsub double %".36", %".38"
  %".40" = load double, double* %"cr_float"
  %".41" = fadd double %".39", %".40"
  store double %".41", double* %"t_float"
  %".43" = fmul double %".35", %".37"
  %".44" = fmul double 0x4000000000000000, %".43"
  %".45" = load double, double* %"ci_float"
  %".46" = fadd double %".44", %".45"
  store double %".46", double* %"zi_float"
  store double %".41", double* %"zr_float"
  %".49" = load i64, i64* %"i_int"
  %".50" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".49", i64 1)
  %".51" = extractvalue {i64, i1} %".50", 1
  %".52" = xor i1 %".51", -1
  br i1 %".52", label %"at005E_ok1", label %"deopt_1"
deopt_0:
  %".11" = bitcast double %".2" to i64
  %".12" = bitcast double %".3" to i64
  br label %"deopt"
at0000_ok0:
  ; 0000 CONST 0 (0.0) at mandel.eva:3:13: 0.0
  %"depth1" = add i64 %".1", 1
  store double %".2", double* %"cr_float"
  store double %".3", double* %"ci_float"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".11", %"deopt_0"], [%".54", %"deopt_1"]
  %"deopt_word1" = phi  i64 [%".12", %"deopt_0"], [%".55", %"deopt_1"]
  %"deopt_word2" = phi  i64 [undef, %"deopt_0"], [%".56", %"deopt_1"]
  %"deopt_word3" = phi  i64 [undef, %"deopt_0"], [%".57", %"deopt_1"]
  %"deopt_word4" = phi  i64 [undef, %"deopt_0"], [%".49", %"deopt_1"]
  %".80" = getelementptr i64, i64* %"deoptbuf", i32 12
  store i64 %"deopt_word0", i64* %".80"
  %".82" = getelementptr i64, i64* %"deoptbuf", i32 13
  store i64 %"deopt_word1", i64* %".82"
  %".84" = getelementptr i64, i64* %"deoptbuf", i32 14
  store i64 %"deopt_word2", i64* %".84"
  %".86" = getelementptr i64, i64* %"deoptbuf", i32 15
  store i64 %"deopt_word3", i64* %".86"
  %".88" = getelementptr i64, i64* %"deoptbuf", i32 16
  store i64 %"deopt_word4", i64* %".88"
  store i64 %".1", ptr %".6"
  %".91" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".92" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".93" = call i32 %".91"(ptr %".92", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".94" = load i64, i64* %"resultbuf"
  %".95" = insertvalue {i64, i32} undef, i64 %".94", 0
  %".96" = insertvalue {i64, i32} %".95", i32 %".93", 1
  ret {i64, i32} %".96"
at0017_jump:
  ; 0017 JUMP_IF_NOT_LT 0065 at mandel.eva:6:17: (< i 50)
  br label %"at0065"
at0017_fall:
  ; 0017 JUMP_IF_NOT_LT 0065 at mandel.eva:6:17: (< i 50)
  br label %"at001A"
at002B_jump:
  ; 002B JUMP_IF_FALSE 0065 at mandel.eva:6:5: (while (and (< i 50) (<= (+ (* zr zr) (* zi zi)) 4.0)) ...
  br label %"at0065"
at002B_fall:
  ; 002B JUMP_IF_FALSE 0065 at mandel.eva:6:5: (while (and (< i 50) (<= (+ (* zr zr) (* zi zi)) 4.0)) ...
  br label %"at002E"
deopt_1:
  %".54" = bitcast double %".40" to i64
  %".55" = bitcast double %".45" to i64
  %".56" = bitcast double %".41" to i64
  %".57" = bitcast double %".46" to i64
  br label %"deopt"
at005E_ok1:
  ; 005E ADD at mandel.eva:11:16: (+ i 1)
  %".59" = extractvalue {i64, i1} %".50", 0
  store i64 %".59", i64* %"i_int"
  %".61" = load i64, i64* %"backedges"
  %".62" = add i64 %".61", 1
  store i64 %".62", i64* %"backedges"
  %".64" = and i64 %".62", 1048575
  %".65" = icmp eq i64 %".64", 0
  br i1 %".65", label %"at0062_poll", label %"at0062_back"
at0062_poll:
  ; 0062 LOOP 0012 at mandel.eva:6:5: (while (and (< i 50) (<= (+ (* zr zr) (* zi zi)) 4.0)) ...
  %".67" = load ptr, ptr @"PyErr_CheckSignals.addr", !invariant.load !0
  %".68" = call i32 %".67"()
  %".69" = icmp eq i32 %".68", 0
  br i1 %".69", label %"at0062_back", label %"at0062_interrupted"
at0062_interrupted:
  ; 0062 LOOP 0012 at mandel.eva:6:5: (while (and (< i 50) (<= (+ (* zr zr) (* zi zi)) 4.0)) ...
  store i64 %".1", ptr %".6"
  %".72" = insertvalue {i64, i32} undef, i64 0, 0
  %".73" = insertvalue {i64, i32} %".72", i32 2, 1
  ret {i64, i32} %".73"
at0062_back:
  ; 0062 LOOP 0012 at mandel.eva:6:5: (while (and (< i 50) (<= (+ (* zr zr) (* zi zi)) 4.0)) ...
  br label %"at0012"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
declare {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".1", i64 %".2")

@"PyErr_CheckSignals.addr" = protected global ptr null
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
  %".14" = icmp eq i64 %".3", 3
  br i1 %".14", label %"checked.1", label %"not_entered"
checked.1:
  %".16" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".17" = getelementptr ptr, ptr %".2", i64 1
  %".18" = load ptr, ptr %".17"
  %".19" = getelementptr i8, ptr %".18", i64 8
  %".20" = load ptr, ptr %".19"
  %".21" = load ptr, ptr @"obj_float_type.addr", !invariant.load !0
  %".22" = icmp eq ptr %".20", %".21"
  br i1 %".22", label %"checked.2", label %"not_entered"
checked.2:
  %".24" = getelementptr i8, ptr %".18", i64 16
  %".25" = load double, ptr %".24"
  %".26" = getelementptr ptr, ptr %".2", i64 2
  %".27" = load ptr, ptr %".26"
  %".28" = getelementptr i8, ptr %".27", i64 8
  %".29" = load ptr, ptr %".28"
  %".30" = load ptr, ptr @"obj_float_type.addr", !invariant.load !0
  %".31" = icmp eq ptr %".29", %".30"
  br i1 %".31", label %"checked.3", label %"not_entered"
checked.3:
  %".33" = getelementptr i8, ptr %".27", i64 16
  %".34" = load double, ptr %".33"
  %".35" = call {i64, i32} @"fn_0"(i64 %".1", double %".25", double %".34")
  %".36" = extractvalue {i64, i32} %".35", 0
  %".37" = extractvalue {i64, i32} %".35", 1
  switch i32 %".37", label %"error" [i32 0, label %"ok" i32 1, label %"boxed"]
ok:
  %".44" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".45" = call ptr %".44"(i64 %".36")
  ret ptr %".45"
boxed:
  %".39" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".39")
  %".41" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".41"
error:
  ret ptr null
}

@"Py_IncRef.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
@"obj_float_type.addr" = protected global ptr null
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
  %".19" = icmp eq i64 %".3", 4
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
  %".48" = call ptr @"call_0"(i64 %".30", ptr %".47", i64 3)
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

