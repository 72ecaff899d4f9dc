; ==== <script> loop@000D(int) -> null : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", i64 %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 23
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"i_int" = alloca i64
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at000D_ok0", label %"deopt_0"
at000D:
  ; 000D GET_LOCAL_CONST 1 (i), 1 (100) at osr.eva:2:19: i
  %".16" = load i64, i64* %"i_int"
  %".17" = icmp slt i64 %".16", 100
  br i1 %".17", label %"at0012_fall", label %"at0012_jump"
at0015:
  ; 0015 GET_GLOBAL 0 (total) at osr.eva:2:47: total
  %".21" = load ptr, ptr @"gcell_0.addr", !invariant.load !0
  %".22" = getelementptr i8, ptr %".21", i64 24
  %".23" = load ptr, ptr %".22"
  %".24" = getelementptr i8, ptr %".23", i64 8
  %".25" = load ptr, ptr %".24"
  %".26" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".27" = icmp eq ptr %".25", %".26"
  %".28" = load i64, i64* %"i_int"
  br i1 %".27", label %"at0015_ok3", label %"deopt_3"
deopt_0:
  br label %"deopt"
at000D_ok0:
  ; 000D GET_LOCAL_CONST 1 (i), 1 (100) at osr.eva:2:19: i
  %".11" = icmp sge i64 %".2", 0
  br i1 %".11", label %"at000D_ok1", label %"deopt_1"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"], [2, %"at0012_jump"], [3, %"deopt_3"], [4, %"deopt_4"], [5, %"deopt_5"], [6, %"deopt_6"], [7, %"deopt_7"], [8, %"deopt_8"], [9, %"deopt_9"], [11, %"deopt_10"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"], [%".2", %"deopt_1"], [undef, %"at0012_jump"], [%".28", %"deopt_3"], [%".28", %"deopt_4"], [%".28", %"deopt_5"], [%".28", %"deopt_6"], [%".28", %"deopt_7"], [%".28", %"deopt_8"], [%".28", %"deopt_9"], [%".28", %"deopt_10"]
  %"deopt_word1" = phi  i64 [undef, %"deopt_0"], [undef, %"deopt_1"], [undef, %"at0012_jump"], [undef, %"deopt_3"], [undef, %"deopt_4"], [%".32", %"deopt_5"], [%".32", %"deopt_6"], [%".32", %"deopt_7"], [%".53", %"deopt_8"], [%".53", %"deopt_9"], [undef, %"deopt_10"]
  %"deopt_word2" = phi  i64 [undef, %"deopt_0"], [undef, %"deopt_1"], [undef, %"at0012_jump"], [undef, %"deopt_3"], [undef, %"deopt_4"], [undef, %"deopt_5"], [%".42", %"deopt_6"], [%".47", %"deopt_7"], [undef, %"deopt_8"], [undef, %"deopt_9"], [undef, %"deopt_10"]
  %".100" = getelementptr i64, i64* %"deoptbuf", i32 7
  store i64 %"deopt_word0", i64* %".100"
  %".102" = getelementptr i64, i64* %"deoptbuf", i32 8
  store i64 %"deopt_word1", i64* %".102"
  %".104" = getelementptr i64, i64* %"deoptbuf", i32 9
  store i64 %"deopt_word2", i64* %".104"
  store i64 %".1", ptr %".5"
  %".107" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".108" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".109" = call i32 %".107"(ptr %".108", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".110" = load i64, i64* %"resultbuf"
  %".111" = insertvalue {i64, i32} undef, i64 %".110", 0
  %".112" = insertvalue {i64, i32} %".111", i32 %".109", 1
  ret {i64, i32} %".112"
deopt_1:
  br label %"deopt"
at000D_ok1:
  ; 000D GET_LOCAL_CONST 1 (i), 1 (100) at osr.eva:2:19: i
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"i_int"
  br label %"at000D"
at0012_jump:
  ; 0012 JUMP_IF_NOT_LT 0033 at osr.eva:2:16: (< i 100)
  br label %"deopt"
at0012_fall:
  ; 0012 JUMP_IF_NOT_LT 0033 at osr.eva:2:16: (< i 100)
  br label %"at0015"
deopt_3:
  br label %"deopt"
at0015_ok3:
  ; 0015 GET_GLOBAL 0 (total) at osr.eva:2:47: total
  %".31" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".32" = call i64 %".31"(ptr %".23", i32* %"overflow")
  %".33" = load i32, i32* %"overflow"
  %".34" = icmp eq i32 %".33", 0
  br i1 %".34", label %"at0015_ok4", label %"deopt_4"
deopt_4:
  br label %"deopt"
at0015_ok4:
  ; 0015 GET_GLOBAL 0 (total) at osr.eva:2:47: total
  %".37" = call {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".28", i64 %".28")
  %".38" = extractvalue {i64, i1} %".37", 1
  %".39" = xor i1 %".38", -1
  br i1 %".39", label %"at001D_ok5", label %"deopt_5"
deopt_5:
  br label %"deopt"
at001D_ok5:
  ; 001D MUL at osr.eva:2:56: (* i i)
  %".42" = extractvalue {i64, i1} %".37", 0
  %".43" = icmp ne i64 7, 0
  br i1 %".43", label %"at0021_ok6", label %"deopt_6"
deopt_6:
  br label %"deopt"
at0021_ok6:
  ; 0021 MOD at osr.eva:2:53: (% (* i i) 7)
  %".46" = and i64 %".42", 9223372036854775807
  %".47" = urem i64 %".46", 7
  %".48" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".32", i64 %".47")
  %".49" = extractvalue {i64, i1} %".48", 1
  %".50" = xor i1 %".49", -1
  br i1 %".50", label %"at0022_ok7", label %"deopt_7"
deopt_7:
  br label %"deopt"
at0022_ok7:
  ; 0022 ADD at osr.eva:2:44: (+ total (% (* i i) 7))
  %".53" = extractvalue {i64, i1} %".48", 0
  %".54" = load ptr, ptr @"gcell_0.addr", !invariant.load !0
  %".55" = getelementptr i8, ptr %".54", i64 24
  %".56" = load ptr, ptr %".55"
  %".57" = load ptr, ptr @"obj_undef.addr", !invariant.load !0
  %".58" = icmp ne ptr %".56", %".57"
  br i1 %".58", label %"at0023_ok8", label %"deopt_8"
deopt_8:
  br label %"deopt"
at0023_ok8:
  ; 0023 SET_GLOBAL 0 (total) at osr.eva:2:38: total
  %".61" = load ptr, ptr @"gcell_0.addr", !invariant.load !0
  %".62" = getelementptr i8, ptr %".61", i64 32
  %".63" = load ptr, ptr %".62"
  %".64" = load ptr, ptr @"obj_true.addr", !invariant.load !0
  %".65" = icmp ne ptr %".63", %".64"
  br i1 %".65", label %"at0023_ok9", label %"deopt_9"
deopt_9:
  br label %"deopt"
at0023_ok9:
  ; 0023 SET_GLOBAL 0 (total) at osr.eva:2:38: total
  %".68" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".69" = call ptr %".68"(i64 %".53")
  %".70" = icmp eq ptr %".69", null
  br i1 %".70", label %"at0023_raised", label %"at0023_fine"
at0023_raised:
  ; 0023 SET_GLOBAL 0 (total) at osr.eva:2:38: total
  call void @"eva_note_unwind"(i64 10) cold
  %".73" = insertvalue {i64, i32} undef, i64 0, 0
  %".74" = insertvalue {i64, i32} %".73", i32 2, 1
  ret {i64, i32} %".74"
at0023_fine:
  ; 0023 SET_GLOBAL 0 (total) at osr.eva:2:38: total
  store ptr %".69", ptr %".55"
  call void @"eva_decref"(ptr %".56")
  %".78" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".28", i64 1)
  %".79" = extractvalue {i64, i1} %".78", 1
  %".80" = xor i1 %".79", -1
  br i1 %".80", label %"at002C_ok10", label %"deopt_10"
deopt_10:
  br label %"deopt"
at002C_ok10:
  ; 002C ADD at osr.eva:2:26: (++ i)
  %".83" = extractvalue {i64, i1} %".78", 0
  store i64 %".83", i64* %"i_int"
  %".85" = load i64, i64* %"backedges"
  %".86" = add i64 %".85", 1
  store i64 %".86", i64* %"backedges"
  %".88" = and i64 %".86", 1048575
  %".89" = icmp eq i64 %".88", 0
  br i1 %".89", label %"at0030_poll", label %"at0030_back"
at0030_poll:
  ; 0030 LOOP 000D at osr.eva:2:1: (for (var i 0) (< i 100) (++ i) (set total (+ total (% ( ...
  %".91" = load ptr, ptr @"PyErr_CheckSignals.addr", !invariant.load !0
  %".92" = call i32 %".91"()
  %".93" = icmp eq i32 %".92", 0
  br i1 %".93", label %"at0030_back", label %"at0030_interrupted"
at0030_interrupted:
  ; 0030 LOOP 000D at osr.eva:2:1: (for (var i 0) (< i 100) (++ i) (set total (+ total (% ( ...
  store i64 %".1", ptr %".5"
  %".96" = insertvalue {i64, i32} undef, i64 0, 0
  %".97" = insertvalue {i64, i32} %".96", i32 2, 1
  ret {i64, i32} %".97"
at0030_back:
  ; 0030 LOOP 000D at osr.eva:2:1: (for (var i 0) (< i 100) (++ i) (set total (+ total (% ( ...
  br label %"at000D"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
@"gcell_0.addr" = protected global ptr null
@"obj_int_type.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
declare {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".1", i64 %".2")

declare {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".1", i64 %".2")

@"obj_undef.addr" = protected global ptr null
@"obj_true.addr" = protected global ptr null
@"PyLong_FromLongLong.addr" = protected global ptr null
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
define internal void @"eva_decref"(ptr %".1") noinline
{
entry:
  %".3" = icmp eq ptr %".1", null
  br i1 %".3", label %"done", label %"live"
live:
  %".5" = getelementptr i8, ptr %".1", i64 0
  %".6" = load i64, ptr %".5"
  %".7" = sub i64 %".6", 1
  store i64 %".7", ptr %".5"
  %".9" = icmp eq i64 %".7", 0
  br i1 %".9", label %"last", label %"done"
last:
  %".11" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".11"(ptr %".1")
  br label %"done"
done:
  ret void
}

@"_Py_Dealloc.addr" = protected global ptr null
@"PyErr_CheckSignals.addr" = protected global ptr null
@"eva_runtime.addr" = protected global ptr null
@"obj_rt_deopt.addr" = protected global ptr null
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
  %".27" = call i64 %".5"(ptr %".26", i32* %"overflow")
  %".28" = load i32, i32* %"overflow"
  %".29" = icmp eq i32 %".28", 0
  br i1 %".29", label %"checked.3", label %"not_entered"
checked.3:
  %".31" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".32" = getelementptr ptr, ptr %".2", i64 1
  %".33" = load ptr, ptr %".32"
  %".34" = getelementptr i8, ptr %".33", i64 8
  %".35" = load ptr, ptr %".34"
  %".36" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".37" = icmp eq ptr %".35", %".36"
  br i1 %".37", label %"checked.4", label %"not_entered"
checked.4:
  %".39" = call i64 %".31"(ptr %".33", i32* %"overflow")
  %".40" = load i32, i32* %"overflow"
  %".41" = icmp eq i32 %".40", 0
  br i1 %".41", label %"checked.5", label %"not_entered"
checked.5:
  %".43" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %".44" = load i64, ptr %".43"
  %".45" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".46" = load i64, ptr %".45"
  %".47" = icmp slt i64 %".46", 10000
  br i1 %".47", label %"checked.6", label %"declined"
checked.6:
  %".49" = add i64 %".46", %".27"
  %".50" = icmp slt i64 %".49", 10000
  %".51" = select  i1 %".50", i64 %".49", i64 10000
  store i64 %".51", ptr %".43"
  %".53" = load ptr, ptr @"eva_interrupt.addr", !invariant.load !0
  %".54" = load i64, ptr %".53"
  %".55" = icmp ne i64 %".54", 0
  %".56" = load i64, ptr %".43"
  %".57" = select  i1 %".55", i64 -1, i64 %".56"
  store i64 %".57", ptr %".43"
  %".59" = load ptr, ptr @"eva_unwind_count.addr", !invariant.load !0
  %".60" = load i64, ptr %".59"
  %".61" = add i64 %".16", 1
  store i64 %".61", ptr %".15"
  %".63" = call {i64, i32} @"fn_0"(i64 %".46", i64 %".39")
  store i64 %".44", ptr %".43"
  store i64 %".46", ptr %".45"
  store i64 %".16", ptr %".15"
  %".67" = extractvalue {i64, i32} %".63", 0
  %".68" = extractvalue {i64, i32} %".63", 1
  switch i32 %".68", label %"error" [i32 0, label %"ok" i32 1, label %"boxed" i32 3, label %"resume"]
error:
  %".84" = load ptr, ptr @"eva_unwound.addr", !invariant.load !0
  %".85" = load ptr, ptr @"obj_rt_unwound.addr", !invariant.load !0
  call void %".84"(ptr %".85", i64 %".60") cold
  ret ptr null
ok:
  %".78" = load ptr, ptr @"obj_none.addr", !invariant.load !0
  %".79" = getelementptr i8, ptr %".78", i64 0
  %".80" = load i64, ptr %".79"
  %".81" = add i64 %".80", 1
  store i64 %".81", ptr %".79"
  ret ptr %".78"
boxed:
  %".70" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".6"(ptr %".70")
  %".72" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".72"
resume:
  %".74" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  call void %".6"(ptr %".74")
  %".76" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  ret ptr %".76"
}

@"Py_IncRef.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"obj_declined.addr" = protected global ptr null
@"eva_entries.addr" = protected global ptr null
@"eva_interrupt.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
@"obj_resume.addr" = protected global ptr null
@"obj_none.addr" = protected global ptr null
@"eva_unwound.addr" = protected global ptr null
@"obj_rt_unwound.addr" = protected global ptr null
!0 = !{  }

