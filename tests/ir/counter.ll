; ==== make-counter(int) -> boxed : pre ====
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
  %"start_int" = alloca i64
  %"objargs" = alloca ptr, i32 5
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  %".9" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  %"area_base" = load i64, ptr %".9"
  %".10" = add i64 %"area_base", 6
  %".11" = icmp sle i64 %".10", 262144
  %".12" = and i1 %".8", %".11"
  %".13" = sub i64 262144, %"area_base"
  %".14" = select  i1 %".11", i64 6, i64 %".13"
  %".15" = load ptr, ptr @"eva_roots.addr", !invariant.load !0
  %"area" = getelementptr ptr, ptr %".15", i64 %"area_base"
  br i1 %".12", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 MAKE_CELL 2 (n) at counter.eva:3:3: (begin (var n start) (lambda () (begin (set n (+ n 1)) n)))
  ; MAKE_CELL at 0000: runtime rt_make_cell
  store i64 %"depth1", ptr %".5"
  %".23" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".24" = load ptr, ptr @"obj_rt_make_cell.addr", !invariant.load !0
  %".25" = call ptr %".23"(ptr %".24", ptr %"objargs", i64 0, ptr null)
  %".26" = icmp eq ptr %".25", null
  br i1 %".26", label %"at0000_raised", label %"at0000_fine"
deopt_0:
  br label %"deopt"
at0000_ok0:
  ; 0000 MAKE_CELL 2 (n) at counter.eva:3:3: (begin (var n start) (lambda () (begin (set n (+ n 1)) n)))
  store i64 %".10", ptr %".9"
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"start_int"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"]
  %".103" = getelementptr i64, i64* %"deoptbuf", i32 6
  store i64 %"deopt_word0", i64* %".103"
  %".105" = ptrtoint ptr %"area" to i64
  store i64 %".105", i64* %"deoptbuf"
  store i64 %".1", ptr %".5"
  %".108" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".109" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".110" = call i32 %".108"(ptr %".109", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".112" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".112"
  %".114" = load i64, i64* %"resultbuf"
  %".115" = insertvalue {i64, i32} undef, i64 %".114", 0
  %".116" = insertvalue {i64, i32} %".115", i32 %".110", 1
  ret {i64, i32} %".116"
at0000_raised:
  ; 0000 MAKE_CELL 2 (n) at counter.eva:3:3: (begin (var n start) (lambda () (begin (set n (+ n 1)) n)))
  call void @"eva_note_unwind"(i64 1) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".30" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".30"
  %".32" = insertvalue {i64, i32} undef, i64 0, 0
  %".33" = insertvalue {i64, i32} %".32", i32 2, 1
  ret {i64, i32} %".33"
at0000_fine:
  ; 0000 MAKE_CELL 2 (n) at counter.eva:3:3: (begin (var n start) (lambda () (begin (set n (+ n 1)) n)))
  %".35" = getelementptr ptr, ptr %"area", i64 2
  %".36" = load ptr, ptr %".35"
  store ptr %".25", ptr %".35"
  call void @"eva_decref"(ptr %".36")
  %".39" = load i64, i64* %"start_int"
  %".40" = load ptr, ptr @"k0_0.addr", !invariant.load !0
  %".41" = getelementptr i8, ptr %".25", i64 32
  %".42" = load ptr, ptr %".41"
  %".43" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".44" = call ptr %".43"(i64 %".39")
  %".45" = icmp eq ptr %".44", null
  br i1 %".45", label %"at0006_raised", label %"at0006_fine"
at0006_raised:
  ; 0006 DECLARE_CELL 2 (n) at counter.eva:3:15: n
  call void @"eva_note_unwind"(i64 2) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".49" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".49"
  %".51" = insertvalue {i64, i32} undef, i64 0, 0
  %".52" = insertvalue {i64, i32} %".51", i32 2, 1
  ret {i64, i32} %".52"
at0006_fine:
  ; 0006 DECLARE_CELL 2 (n) at counter.eva:3:15: n
  store ptr %".44", ptr %".41"
  call void @"eva_decref"(ptr %".42")
  %".56" = getelementptr i8, ptr %".25", i64 0
  %".57" = load i64, ptr %".56"
  %".58" = add i64 %".57", 1
  store i64 %".58", ptr %".56"
  %".60" = getelementptr ptr, ptr %"area", i64 3
  store ptr %".25", ptr %".60"
  %".62" = load ptr, ptr @"k0_1.addr", !invariant.load !0
  ; MAKE_FUNCTION at 000D: runtime rt_make_function
  %".64" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".62", ptr %".64"
  %".66" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".25", ptr %".66"
  store i64 %"depth1", ptr %".5"
  %".69" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".70" = load ptr, ptr @"obj_rt_make_function.addr", !invariant.load !0
  %".71" = call ptr %".69"(ptr %".70", ptr %"objargs", i64 2, ptr null)
  %".72" = icmp eq ptr %".71", null
  br i1 %".72", label %"at000D_raised", label %"at000D_fine"
at000D_raised:
  ; 000D MAKE_FUNCTION 0 (<code lambda/0>), 1 at counter.eva:3:24: (lambda () (begin (set n (+ n 1)) n))
  call void @"eva_note_unwind"(i64 3) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".76" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".76"
  %".78" = insertvalue {i64, i32} undef, i64 0, 0
  %".79" = insertvalue {i64, i32} %".78", i32 2, 1
  ret {i64, i32} %".79"
at000D_fine:
  ; 000D MAKE_FUNCTION 0 (<code lambda/0>), 1 at counter.eva:3:24: (lambda () (begin (set n (+ n 1)) n))
  %".81" = getelementptr ptr, ptr %"area", i64 3
  store ptr null, ptr %".81"
  %".83" = getelementptr i8, ptr %".25", i64 0
  %".84" = load i64, ptr %".83"
  %".85" = sub i64 %".84", 1
  store i64 %".85", ptr %".83"
  %".87" = icmp eq i64 %".85", 0
  br i1 %".87", label %"at000D_freed", label %"at000D_kept"
at000D_freed:
  ; 000D MAKE_FUNCTION 0 (<code lambda/0>), 1 at counter.eva:3:24: (lambda () (begin (set n (+ n 1)) n))
  %".89" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".89"(ptr %".25") cold
  br label %"at000D_kept"
at000D_kept:
  ; 000D MAKE_FUNCTION 0 (<code lambda/0>), 1 at counter.eva:3:24: (lambda () (begin (set n (+ n 1)) n))
  %".92" = getelementptr ptr, ptr %"area", i64 3
  store ptr %".71", ptr %".92"
  %".94" = getelementptr ptr, ptr %"area", i64 3
  store ptr null, ptr %".94"
  %".96" = ptrtoint ptr %".71" to i64
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".98" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".98"
  %".100" = insertvalue {i64, i32} undef, i64 %".96", 0
  %".101" = insertvalue {i64, i32} %".100", i32 0, 1
  ret {i64, i32} %".101"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
@"eva_roots_top.addr" = protected global ptr null
@"eva_roots.addr" = protected global ptr null
@"PyObject_Vectorcall.addr" = protected global ptr null
@"obj_rt_make_cell.addr" = protected global ptr null
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
define internal void @"eva_release_area"(ptr %".1", i64 %".2") noinline
{
entry:
  br label %"head"
head:
  %".5" = phi  i64 [0, %"entry"], [%".10", %"body"], [%".10", %"release"]
  %".6" = icmp slt i64 %".5", %".2"
  br i1 %".6", label %"body", label %"done"
body:
  %".8" = getelementptr ptr, ptr %".1", i64 %".5"
  %".9" = load ptr, ptr %".8"
  %".10" = add i64 %".5", 1
  %".11" = icmp eq ptr %".9", null
  br i1 %".11", label %"head", label %"release"
release:
  store ptr null, ptr %".8"
  call void @"eva_decref"(ptr %".9")
  br label %"head"
done:
  ret void
}

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
@"k0_0.addr" = protected global ptr null
@"PyLong_FromLongLong.addr" = protected global ptr null
@"k0_1.addr" = protected global ptr null
@"obj_rt_make_function.addr" = protected global ptr null
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
  %".37" = inttoptr i64 %".29" to ptr
  ret ptr %".37"
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

; ==== run(boxed, int) -> boxed : pre ====
; ModuleID = "eva_unit_1"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_1"(i64 %".1", ptr %".2", i64 %".3")
{
entry:
  %"deoptbuf" = alloca i64, i32 26
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"rounds_int" = alloca i64
  %"total_int" = alloca i64
  %"i_int" = alloca i64
  %"objargs" = alloca ptr, i32 7
  store i64 0, i64* %"backedges"
  %".6" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".7" = load ptr, ptr @"valid_1.addr", !invariant.load !0
  %".8" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".8"
  %".9" = icmp slt i64 %".1", %"limit"
  %".10" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  %"area_base" = load i64, ptr %".10"
  %".11" = add i64 %"area_base", 10
  %".12" = icmp sle i64 %".11", 262144
  %".13" = and i1 %".9", %".12"
  %".14" = sub i64 262144, %"area_base"
  %".15" = select  i1 %".12", i64 10, i64 %".14"
  %".16" = load ptr, ptr @"eva_roots.addr", !invariant.load !0
  %"area" = getelementptr ptr, ptr %".16", i64 %"area_base"
  br i1 %".13", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 CONST 0 (0) at counter.eva:6:16: 0
  store i64 0, i64* %"total_int"
  store i64 0, i64* %"i_int"
  %".31" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".32" = call ptr %".31"(i64 0)
  %".33" = icmp eq ptr %".32", null
  br i1 %".33", label %"at0009_raised", label %"at0009_fine"
at0030:
  ; 0030 GET_LOCAL 3 (total) at counter.eva:8:5: total
  %".423" = getelementptr ptr, ptr %"area", i64 3
  %".424" = load ptr, ptr %".423"
  %".425" = getelementptr i8, ptr %".424", i64 0
  %".426" = load i64, ptr %".425"
  %".427" = add i64 %".426", 1
  store i64 %".427", ptr %".425"
  %".429" = getelementptr ptr, ptr %"area", i64 5
  store ptr %".424", ptr %".429"
  %".431" = getelementptr ptr, ptr %"area", i64 5
  store ptr null, ptr %".431"
  %".433" = ptrtoint ptr %".424" to i64
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".435" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".435"
  %".437" = insertvalue {i64, i32} undef, i64 %".433", 0
  %".438" = insertvalue {i64, i32} %".437", i32 0, 1
  ret {i64, i32} %".438"
at000C:
  ; 000C GET_LOCAL2 4 (i), 2 (rounds) at counter.eva:7:23: i
  %".47" = load i64, i64* %"i_int"
  %".48" = load i64, i64* %"rounds_int"
  %".49" = icmp slt i64 %".47", %".48"
  br i1 %".49", label %"at0011_fall", label %"at0011_jump"
at0014:
  ; 0014 GET_LOCAL2 3 (total), 1 (f) at counter.eva:7:54: total
  %".53" = getelementptr ptr, ptr %"area", i64 3
  %".54" = load ptr, ptr %".53"
  %".55" = getelementptr i8, ptr %".54", i64 0
  %".56" = load i64, ptr %".55"
  %".57" = add i64 %".56", 1
  store i64 %".57", ptr %".55"
  %".59" = getelementptr ptr, ptr %"area", i64 5
  store ptr %".54", ptr %".59"
  %".61" = getelementptr ptr, ptr %"area", i64 1
  %".62" = load ptr, ptr %".61"
  %".63" = getelementptr i8, ptr %".62", i64 0
  %".64" = load i64, ptr %".63"
  %".65" = add i64 %".64", 1
  store i64 %".65", ptr %".63"
  %".67" = getelementptr ptr, ptr %"area", i64 6
  store ptr %".62", ptr %".67"
  %".69" = load ptr, ptr @"k1_0.addr", !invariant.load !0
  %".70" = load ptr, ptr @"w1_0.addr", !invariant.load !0
  %".71" = getelementptr i8, ptr %".62", i64 8
  %".72" = load ptr, ptr %".71"
  %".73" = load ptr, ptr @"obj_function_type.addr", !invariant.load !0
  %".74" = icmp eq ptr %".72", %".73"
  br i1 %".74", label %"at0019_fast", label %"at0019_slow"
deopt_0:
  %".18" = ptrtoint ptr %".2" to i64
  br label %"deopt"
at0000_ok0:
  ; 0000 CONST 0 (0) at counter.eva:6:16: 0
  store i64 %".11", ptr %".10"
  %".21" = getelementptr i8, ptr %".2", i64 0
  %".22" = load i64, ptr %".21"
  %".23" = add i64 %".22", 1
  store i64 %".23", ptr %".21"
  %".25" = getelementptr ptr, ptr %"area", i64 1
  store ptr %".2", ptr %".25"
  %"depth1" = add i64 %".1", 1
  store i64 %".3", i64* %"rounds_int"
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [4, %"deopt_0"], [15, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".18", %"deopt_0"], [%".400", %"deopt_1"]
  %"deopt_word1" = phi  i64 [%".3", %"deopt_0"], [%".396", %"deopt_1"]
  %".440" = getelementptr i64, i64* %"deoptbuf", i32 10
  store i64 %"deopt_word0", i64* %".440"
  %".442" = getelementptr i64, i64* %"deoptbuf", i32 11
  store i64 %"deopt_word1", i64* %".442"
  %".444" = ptrtoint ptr %"area" to i64
  store i64 %".444", i64* %"deoptbuf"
  store i64 %".1", ptr %".6"
  %".447" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".448" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".449" = call i32 %".447"(ptr %".448", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".451" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".451"
  %".453" = load i64, i64* %"resultbuf"
  %".454" = insertvalue {i64, i32} undef, i64 %".453", 0
  %".455" = insertvalue {i64, i32} %".454", i32 %".449", 1
  ret {i64, i32} %".455"
at0009_raised:
  ; 0009 STORE_LOCAL 4 (i) at counter.eva:7:15: i
  call void @"eva_note_unwind"(i64 5) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".37" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".37"
  %".39" = insertvalue {i64, i32} undef, i64 0, 0
  %".40" = insertvalue {i64, i32} %".39", i32 2, 1
  ret {i64, i32} %".40"
at0009_fine:
  ; 0009 STORE_LOCAL 4 (i) at counter.eva:7:15: i
  %".42" = getelementptr ptr, ptr %"area", i64 3
  %".43" = load ptr, ptr %".42"
  store ptr %".32", ptr %".42"
  call void @"eva_decref"(ptr %".43")
  br label %"at000C"
at0011_jump:
  ; 0011 JUMP_IF_NOT_LT 0030 at counter.eva:7:20: (< i rounds)
  br label %"at0030"
at0011_fall:
  ; 0011 JUMP_IF_NOT_LT 0030 at counter.eva:7:20: (< i rounds)
  br label %"at0014"
at0019_fast:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".76" = getelementptr i8, ptr %".62", i64 40
  %".77" = load i64, ptr %".76"
  %".78" = getelementptr i64, ptr %".70", i64 6
  %".79" = load i64, ptr %".78"
  %".80" = icmp eq i64 %".77", %".79"
  %".81" = getelementptr i64, ptr %".70", i64 7
  %".82" = load i64, ptr %".81"
  %".83" = select  i1 %".80", i64 %".82", i64 0
  %".84" = getelementptr i64, ptr %".70", i64 4
  %".85" = load i64, ptr %".84"
  %".86" = icmp eq i64 %".77", %".85"
  %".87" = getelementptr i64, ptr %".70", i64 5
  %".88" = load i64, ptr %".87"
  %".89" = select  i1 %".86", i64 %".88", i64 %".83"
  %".90" = getelementptr i64, ptr %".70", i64 2
  %".91" = load i64, ptr %".90"
  %".92" = icmp eq i64 %".77", %".91"
  %".93" = getelementptr i64, ptr %".70", i64 3
  %".94" = load i64, ptr %".93"
  %".95" = select  i1 %".92", i64 %".94", i64 %".89"
  %".96" = getelementptr i64, ptr %".70", i64 0
  %".97" = load i64, ptr %".96"
  %".98" = icmp eq i64 %".77", %".97"
  %".99" = getelementptr i64, ptr %".70", i64 1
  %".100" = load i64, ptr %".99"
  %".101" = select  i1 %".98", i64 %".100", i64 %".95"
  br label %"at0019_join"
at0019_slow:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  br label %"at0019_join"
at0019_join:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".104" = phi  i64 [%".101", %"at0019_fast"], [0, %"at0019_slow"]
  %".105" = icmp ne i64 %".104", 0
  br i1 %".105", label %"at0019_fast.1", label %"at0019_slow.1"
at0019_fast.1:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".107" = inttoptr i64 %".104" to ptr
  %".108" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".62", ptr %".108"
  %".110" = call ptr %".107"(i64 %"depth1", ptr %"objargs", i64 1)
  %".111" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  %".112" = icmp eq ptr %".110", %".111"
  %".113" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  %".114" = icmp eq ptr %".110", %".113"
  %".115" = or i1 %".112", %".114"
  br i1 %".115", label %"at0019_fast.2", label %"at0019_slow.2"
at0019_slow.1:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  ; CALL 0 at 0019: runtime rt_call_cached
  %".142" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".69", ptr %".142"
  %".144" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".62", ptr %".144"
  store i64 %"depth1", ptr %".6"
  %".147" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".148" = load ptr, ptr @"obj_rt_call_cached.addr", !invariant.load !0
  %".149" = call ptr %".147"(ptr %".148", ptr %"objargs", i64 2, ptr null)
  br label %"at0019_join.1"
at0019_join.1:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".151" = phi  ptr [%".139", %"at0019_join.2"], [%".149", %"at0019_slow.1"]
  %".152" = icmp eq ptr %".151", null
  br i1 %".152", label %"at0019_raised", label %"at0019_fine"
at0019_fast.2:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  ; CALL 0 at 0019: runtime rt_after_entry
  %".118" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".110", ptr %".118"
  %".120" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".69", ptr %".120"
  %".122" = getelementptr ptr, ptr %"objargs", i32 2
  store ptr %".62", ptr %".122"
  store i64 %"depth1", ptr %".6"
  %".125" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".126" = load ptr, ptr @"obj_rt_after_entry.addr", !invariant.load !0
  %".127" = call ptr %".125"(ptr %".126", ptr %"objargs", i64 3, ptr null)
  %".128" = getelementptr i8, ptr %".110", i64 0
  %".129" = load i64, ptr %".128"
  %".130" = sub i64 %".129", 1
  store i64 %".130", ptr %".128"
  %".132" = icmp eq i64 %".130", 0
  br i1 %".132", label %"at0019_freed", label %"at0019_kept"
at0019_slow.2:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  br label %"at0019_join.2"
at0019_join.2:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".139" = phi  ptr [%".127", %"at0019_kept"], [%".110", %"at0019_slow.2"]
  br label %"at0019_join.1"
at0019_freed:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".134" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".134"(ptr %".110") cold
  br label %"at0019_kept"
at0019_kept:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  br label %"at0019_join.2"
at0019_raised:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  call void @"eva_note_unwind"(i64 6) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".156" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".156"
  %".158" = insertvalue {i64, i32} undef, i64 0, 0
  %".159" = insertvalue {i64, i32} %".158", i32 2, 1
  ret {i64, i32} %".159"
at0019_fine:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".161" = getelementptr ptr, ptr %"area", i64 6
  store ptr null, ptr %".161"
  %".163" = getelementptr i8, ptr %".62", i64 0
  %".164" = load i64, ptr %".163"
  %".165" = sub i64 %".164", 1
  store i64 %".165", ptr %".163"
  %".167" = icmp eq i64 %".165", 0
  br i1 %".167", label %"at0019_freed.1", label %"at0019_kept.1"
at0019_freed.1:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".169" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".169"(ptr %".62") cold
  br label %"at0019_kept.1"
at0019_kept.1:
  ; 0019 CALL 0 at counter.eva:7:63: (f)
  %".172" = getelementptr ptr, ptr %"area", i64 6
  store ptr %".151", ptr %".172"
  %".174" = getelementptr i8, ptr %".151", i64 8
  %".175" = load ptr, ptr %".174"
  %".176" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".177" = icmp eq ptr %".175", %".176"
  %".178" = and i1 %".177", 1
  br i1 %".178", label %"at001F_fast", label %"at001F_slow"
at001F_fast:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".180" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".181" = call i64 %".180"(ptr %".151", i32* %"overflow")
  %".182" = load i32, i32* %"overflow"
  %".183" = icmp eq i32 %".182", 0
  %".184" = and i1 1, %".183"
  %".185" = icmp ne i64 10, 0
  %".186" = and i1 %".184", %".185"
  br i1 %".186", label %"at001F_fast.1", label %"at001F_slow.1"
at001F_slow:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".243" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".244" = call ptr %".243"(i64 10)
  %".245" = icmp eq ptr %".244", null
  br i1 %".245", label %"at001F_raised.3", label %"at001F_fine.3"
at001F_join:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".274" = phi  ptr [%".241", %"at001F_join.1"], [%".262", %"at001F_fine.4"]
  %".275" = getelementptr ptr, ptr %"area", i64 6
  store ptr null, ptr %".275"
  %".277" = getelementptr i8, ptr %".151", i64 0
  %".278" = load i64, ptr %".277"
  %".279" = sub i64 %".278", 1
  store i64 %".279", ptr %".277"
  %".281" = icmp eq i64 %".279", 0
  br i1 %".281", label %"at001F_freed", label %"at001F_kept"
at001F_fast.1:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".188" = icmp eq i64 10, -1
  %".189" = select  i1 %".188", i64 1, i64 10
  %".190" = srem i64 %".181", %".189"
  %".191" = icmp ne i64 %".190", 0
  %".192" = xor i64 %".190", %".189"
  %".193" = icmp slt i64 %".192", 0
  %".194" = and i1 %".191", %".193"
  %".195" = add i64 %".190", %".189"
  %".196" = select  i1 %".194", i64 %".195", i64 %".190"
  %".197" = select  i1 %".188", i64 0, i64 %".196"
  %".198" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".199" = call ptr %".198"(i64 %".197")
  %".200" = icmp eq ptr %".199", null
  br i1 %".200", label %"at001F_raised", label %"at001F_fine"
at001F_slow.1:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".210" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".211" = call ptr %".210"(i64 10)
  %".212" = icmp eq ptr %".211", null
  br i1 %".212", label %"at001F_raised.1", label %"at001F_fine.1"
at001F_join.1:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".241" = phi  ptr [%".199", %"at001F_fine"], [%".229", %"at001F_fine.2"]
  br label %"at001F_join"
at001F_raised:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  call void @"eva_note_unwind"(i64 7) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".204" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".204"
  %".206" = insertvalue {i64, i32} undef, i64 0, 0
  %".207" = insertvalue {i64, i32} %".206", i32 2, 1
  ret {i64, i32} %".207"
at001F_fine:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  br label %"at001F_join.1"
at001F_raised.1:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  call void @"eva_note_unwind"(i64 8) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".216" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".216"
  %".218" = insertvalue {i64, i32} undef, i64 0, 0
  %".219" = insertvalue {i64, i32} %".218", i32 2, 1
  ret {i64, i32} %".219"
at001F_fine.1:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  ; MOD at 001F: runtime rt_modulo
  %".222" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".151", ptr %".222"
  %".224" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".211", ptr %".224"
  store i64 %"depth1", ptr %".6"
  %".227" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".228" = load ptr, ptr @"obj_rt_modulo.addr", !invariant.load !0
  %".229" = call ptr %".227"(ptr %".228", ptr %"objargs", i64 2, ptr null)
  call void @"eva_decref"(ptr %".211")
  %".231" = icmp eq ptr %".229", null
  br i1 %".231", label %"at001F_raised.2", label %"at001F_fine.2"
at001F_raised.2:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  call void @"eva_note_unwind"(i64 9) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".235" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".235"
  %".237" = insertvalue {i64, i32} undef, i64 0, 0
  %".238" = insertvalue {i64, i32} %".237", i32 2, 1
  ret {i64, i32} %".238"
at001F_fine.2:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  br label %"at001F_join.1"
at001F_raised.3:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  call void @"eva_note_unwind"(i64 10) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".249" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".249"
  %".251" = insertvalue {i64, i32} undef, i64 0, 0
  %".252" = insertvalue {i64, i32} %".251", i32 2, 1
  ret {i64, i32} %".252"
at001F_fine.3:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  ; MOD at 001F: runtime rt_modulo
  %".255" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".151", ptr %".255"
  %".257" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".244", ptr %".257"
  store i64 %"depth1", ptr %".6"
  %".260" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".261" = load ptr, ptr @"obj_rt_modulo.addr", !invariant.load !0
  %".262" = call ptr %".260"(ptr %".261", ptr %"objargs", i64 2, ptr null)
  call void @"eva_decref"(ptr %".244")
  %".264" = icmp eq ptr %".262", null
  br i1 %".264", label %"at001F_raised.4", label %"at001F_fine.4"
at001F_raised.4:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  call void @"eva_note_unwind"(i64 11) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".268" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".268"
  %".270" = insertvalue {i64, i32} undef, i64 0, 0
  %".271" = insertvalue {i64, i32} %".270", i32 2, 1
  ret {i64, i32} %".271"
at001F_fine.4:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  br label %"at001F_join"
at001F_freed:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".283" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".283"(ptr %".151") cold
  br label %"at001F_kept"
at001F_kept:
  ; 001F MOD at counter.eva:7:60: (% (f) 10)
  %".286" = getelementptr ptr, ptr %"area", i64 6
  store ptr %".274", ptr %".286"
  %".288" = getelementptr i8, ptr %".54", i64 8
  %".289" = load ptr, ptr %".288"
  %".290" = getelementptr i8, ptr %".274", i64 8
  %".291" = load ptr, ptr %".290"
  %".292" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".293" = icmp eq ptr %".289", %".292"
  %".294" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".295" = icmp eq ptr %".291", %".294"
  %".296" = and i1 %".293", %".295"
  br i1 %".296", label %"at0020_fast", label %"at0020_slow"
at0020_fast:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".298" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".299" = call i64 %".298"(ptr %".54", i32* %"overflow")
  %".300" = load i32, i32* %"overflow"
  %".301" = icmp eq i32 %".300", 0
  %".302" = and i1 1, %".301"
  %".303" = call i64 %".298"(ptr %".274", i32* %"overflow")
  %".304" = load i32, i32* %"overflow"
  %".305" = icmp eq i32 %".304", 0
  %".306" = and i1 %".302", %".305"
  %".307" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".299", i64 %".303")
  %".308" = extractvalue {i64, i1} %".307", 1
  %".309" = xor i1 %".308", -1
  %".310" = and i1 %".306", %".309"
  br i1 %".310", label %"at0020_fast.1", label %"at0020_slow.1"
at0020_slow:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  ; ADD at 0020: runtime rt_add
  %".347" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".54", ptr %".347"
  %".349" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".274", ptr %".349"
  store i64 %"depth1", ptr %".6"
  %".352" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".353" = load ptr, ptr @"obj_rt_add.addr", !invariant.load !0
  %".354" = call ptr %".352"(ptr %".353", ptr %"objargs", i64 2, ptr null)
  %".355" = icmp eq ptr %".354", null
  br i1 %".355", label %"at0020_raised.2", label %"at0020_fine.2"
at0020_join:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".365" = phi  ptr [%".344", %"at0020_join.1"], [%".354", %"at0020_fine.2"]
  %".366" = getelementptr ptr, ptr %"area", i64 6
  store ptr null, ptr %".366"
  %".368" = getelementptr i8, ptr %".274", i64 0
  %".369" = load i64, ptr %".368"
  %".370" = sub i64 %".369", 1
  store i64 %".370", ptr %".368"
  %".372" = icmp eq i64 %".370", 0
  br i1 %".372", label %"at0020_freed", label %"at0020_kept"
at0020_fast.1:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".312" = extractvalue {i64, i1} %".307", 0
  %".313" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".314" = call ptr %".313"(i64 %".312")
  %".315" = icmp eq ptr %".314", null
  br i1 %".315", label %"at0020_raised", label %"at0020_fine"
at0020_slow.1:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  ; ADD at 0020: runtime rt_add
  %".326" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".54", ptr %".326"
  %".328" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".274", ptr %".328"
  store i64 %"depth1", ptr %".6"
  %".331" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".332" = load ptr, ptr @"obj_rt_add.addr", !invariant.load !0
  %".333" = call ptr %".331"(ptr %".332", ptr %"objargs", i64 2, ptr null)
  %".334" = icmp eq ptr %".333", null
  br i1 %".334", label %"at0020_raised.1", label %"at0020_fine.1"
at0020_join.1:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".344" = phi  ptr [%".314", %"at0020_fine"], [%".333", %"at0020_fine.1"]
  br label %"at0020_join"
at0020_raised:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  call void @"eva_note_unwind"(i64 12) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".319" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".319"
  %".321" = insertvalue {i64, i32} undef, i64 0, 0
  %".322" = insertvalue {i64, i32} %".321", i32 2, 1
  ret {i64, i32} %".322"
at0020_fine:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  br label %"at0020_join.1"
at0020_raised.1:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  call void @"eva_note_unwind"(i64 13) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".338" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".338"
  %".340" = insertvalue {i64, i32} undef, i64 0, 0
  %".341" = insertvalue {i64, i32} %".340", i32 2, 1
  ret {i64, i32} %".341"
at0020_fine.1:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  br label %"at0020_join.1"
at0020_raised.2:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  call void @"eva_note_unwind"(i64 14) cold
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".359" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".359"
  %".361" = insertvalue {i64, i32} undef, i64 0, 0
  %".362" = insertvalue {i64, i32} %".361", i32 2, 1
  ret {i64, i32} %".362"
at0020_fine.2:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  br label %"at0020_join"
at0020_freed:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".374" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".374"(ptr %".274") cold
  br label %"at0020_kept"
at0020_kept:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".377" = getelementptr ptr, ptr %"area", i64 5
  store ptr null, ptr %".377"
  %".379" = getelementptr i8, ptr %".54", i64 0
  %".380" = load i64, ptr %".379"
  %".381" = sub i64 %".380", 1
  store i64 %".381", ptr %".379"
  %".383" = icmp eq i64 %".381", 0
  br i1 %".383", label %"at0020_freed.1", label %"at0020_kept.1"
at0020_freed.1:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".385" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".385"(ptr %".54") cold
  br label %"at0020_kept.1"
at0020_kept.1:
  ; 0020 ADD at counter.eva:7:51: (+ total (% (f) 10))
  %".388" = getelementptr ptr, ptr %"area", i64 5
  store ptr %".365", ptr %".388"
  %".390" = getelementptr ptr, ptr %"area", i64 5
  store ptr null, ptr %".390"
  %".392" = getelementptr ptr, ptr %"area", i64 3
  %".393" = load ptr, ptr %".392"
  store ptr %".365", ptr %".392"
  call void @"eva_decref"(ptr %".393")
  %".396" = load i64, i64* %"i_int"
  %".397" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".396", i64 1)
  %".398" = extractvalue {i64, i1} %".397", 1
  %".399" = xor i1 %".398", -1
  %".400" = load i64, i64* %"rounds_int"
  br i1 %".399", label %"at0029_ok1", label %"deopt_1"
deopt_1:
  br label %"deopt"
at0029_ok1:
  ; 0029 ADD at counter.eva:7:33: (++ i)
  %".403" = extractvalue {i64, i1} %".397", 0
  store i64 %".403", i64* %"i_int"
  %".405" = load i64, i64* %"backedges"
  %".406" = add i64 %".405", 1
  store i64 %".406", i64* %"backedges"
  %".408" = and i64 %".406", 1048575
  %".409" = icmp eq i64 %".408", 0
  br i1 %".409", label %"at002D_poll", label %"at002D_back"
at002D_poll:
  ; 002D LOOP 000C at counter.eva:7:5: (for (var i 0) (< i rounds) (++ i) (set total (+ total ( ...
  %".411" = load ptr, ptr @"PyErr_CheckSignals.addr", !invariant.load !0
  %".412" = call i32 %".411"()
  %".413" = icmp eq i32 %".412", 0
  br i1 %".413", label %"at002D_back", label %"at002D_interrupted"
at002D_interrupted:
  ; 002D LOOP 000C at counter.eva:7:5: (for (var i 0) (< i rounds) (++ i) (set total (+ total ( ...
  store i64 %".1", ptr %".6"
  call void @"eva_release_area"(ptr %"area", i64 %".15") cold
  %".417" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".417"
  %".419" = insertvalue {i64, i32} undef, i64 0, 0
  %".420" = insertvalue {i64, i32} %".419", i32 2, 1
  ret {i64, i32} %".420"
at002D_back:
  ; 002D LOOP 000C at counter.eva:7:5: (for (var i 0) (< i rounds) (++ i) (set total (+ total ( ...
  br label %"at000C"
}

@"eva_depth.addr" = protected global ptr null
@"valid_1.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
@"eva_roots_top.addr" = protected global ptr null
@"eva_roots.addr" = protected global ptr null
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
define internal void @"eva_release_area"(ptr %".1", i64 %".2") noinline
{
entry:
  br label %"head"
head:
  %".5" = phi  i64 [0, %"entry"], [%".10", %"body"], [%".10", %"release"]
  %".6" = icmp slt i64 %".5", %".2"
  br i1 %".6", label %"body", label %"done"
body:
  %".8" = getelementptr ptr, ptr %".1", i64 %".5"
  %".9" = load ptr, ptr %".8"
  %".10" = add i64 %".5", 1
  %".11" = icmp eq ptr %".9", null
  br i1 %".11", label %"head", label %"release"
release:
  store ptr null, ptr %".8"
  call void @"eva_decref"(ptr %".9")
  br label %"head"
done:
  ret void
}

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
@"k1_0.addr" = protected global ptr null
@"w1_0.addr" = protected global ptr null
@"obj_function_type.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
@"PyObject_Vectorcall.addr" = protected global ptr null
@"obj_rt_after_entry.addr" = protected global ptr null
@"obj_rt_call_cached.addr" = protected global ptr null
@"obj_int_type.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
@"obj_rt_modulo.addr" = protected global ptr null
declare {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".1", i64 %".2")

@"obj_rt_add.addr" = protected global ptr null
@"PyErr_CheckSignals.addr" = protected global ptr null
@"eva_runtime.addr" = protected global ptr null
@"obj_rt_deopt.addr" = protected global ptr null
define protected ptr @"call_1"(i64 %".1", ptr %".2", i64 %".3") noinline optnone
{
entry:
  %"overflow" = alloca i32
  %".5" = load ptr, ptr @"Py_IncRef.addr", !invariant.load !0
  %".10" = load ptr, ptr @"valid_1.addr", !invariant.load !0
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
  %".19" = getelementptr ptr, ptr %".2", i64 2
  %".20" = load ptr, ptr %".19"
  %".21" = getelementptr i8, ptr %".20", i64 8
  %".22" = load ptr, ptr %".21"
  %".23" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".24" = icmp eq ptr %".22", %".23"
  br i1 %".24", label %"checked.2", label %"not_entered"
checked.2:
  %".26" = call i64 %".16"(ptr %".20", i32* %"overflow")
  %".27" = load i32, i32* %"overflow"
  %".28" = icmp eq i32 %".27", 0
  br i1 %".28", label %"checked.3", label %"not_entered"
checked.3:
  %".30" = call {i64, i32} @"fn_1"(i64 %".1", ptr %".18", i64 %".26")
  %".31" = extractvalue {i64, i32} %".30", 0
  %".32" = extractvalue {i64, i32} %".30", 1
  switch i32 %".32", label %"error" [i32 0, label %"ok" i32 1, label %"boxed"]
ok:
  %".39" = inttoptr i64 %".31" to ptr
  ret ptr %".39"
boxed:
  %".34" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".34")
  %".36" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".36"
error:
  ret ptr null
}

@"Py_IncRef.addr" = protected global ptr null
define protected ptr @"entry_1"(ptr %".1", ptr %".2", i64 %".3") noinline optnone
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
  %".48" = call ptr @"call_1"(i64 %".30", ptr %".47", i64 3)
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

; ==== lambda() -> boxed : pre ====
; ModuleID = "eva_unit_2"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_2"(i64 %".1", ptr %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 21
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"objargs" = alloca ptr, i32 6
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_2.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  %".9" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  %"area_base" = load i64, ptr %".9"
  %".10" = add i64 %"area_base", 5
  %".11" = icmp sle i64 %".10", 262144
  %".12" = and i1 %".8", %".11"
  %".13" = sub i64 262144, %"area_base"
  %".14" = select  i1 %".11", i64 5, i64 %".13"
  %".15" = load ptr, ptr @"eva_roots.addr", !invariant.load !0
  %"area" = getelementptr ptr, ptr %".15", i64 %"area_base"
  br i1 %".12", label %"at0000_ok0", label %"deopt_0"
at0000:
  ; 0000 GET_FREE 0 (n) at counter.eva:3:52: n
  %".27" = getelementptr ptr, ptr %"area", i64 0
  %".28" = load ptr, ptr %".27"
  %".29" = getelementptr i8, ptr %".28", i64 32
  %".30" = load ptr, ptr %".29"
  %".31" = getelementptr i8, ptr %".30", i64 24
  %".32" = load ptr, ptr %".31"
  %".33" = load ptr, ptr @"k2_0.addr", !invariant.load !0
  %".34" = getelementptr i8, ptr %".32", i64 32
  %".35" = load ptr, ptr %".34"
  %".36" = load ptr, ptr @"obj_undef.addr", !invariant.load !0
  %".37" = icmp ne ptr %".35", %".36"
  br i1 %".37", label %"at0000_fast", label %"at0000_slow"
deopt_0:
  %".17" = ptrtoint ptr %".2" to i64
  br label %"deopt"
at0000_ok0:
  ; 0000 GET_FREE 0 (n) at counter.eva:3:52: n
  store i64 %".10", ptr %".9"
  %".20" = getelementptr i8, ptr %".2", i64 0
  %".21" = load i64, ptr %".20"
  %".22" = add i64 %".21", 1
  store i64 %".22", ptr %".20"
  %".24" = getelementptr ptr, ptr %"area", i64 0
  store ptr %".2", ptr %".24"
  %"depth1" = add i64 %".1", 1
  br label %"at0000"
deopt:
  %"deopt_point" = phi  i64 [16, %"deopt_0"]
  %"deopt_word0" = phi  i64 [%".17", %"deopt_0"]
  %".269" = getelementptr i64, i64* %"deoptbuf", i32 5
  store i64 %"deopt_word0", i64* %".269"
  %".271" = ptrtoint ptr %"area" to i64
  store i64 %".271", i64* %"deoptbuf"
  store i64 %".1", ptr %".5"
  %".274" = load ptr, ptr @"eva_runtime.addr", !invariant.load !0
  %".275" = load ptr, ptr @"obj_rt_deopt.addr", !invariant.load !0
  %".276" = call i32 %".274"(ptr %".275", i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".278" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".278"
  %".280" = load i64, i64* %"resultbuf"
  %".281" = insertvalue {i64, i32} undef, i64 %".280", 0
  %".282" = insertvalue {i64, i32} %".281", i32 %".276", 1
  ret {i64, i32} %".282"
at0000_fast:
  ; 0000 GET_FREE 0 (n) at counter.eva:3:52: n
  %".39" = getelementptr i8, ptr %".35", i64 0
  %".40" = load i64, ptr %".39"
  %".41" = add i64 %".40", 1
  store i64 %".41", ptr %".39"
  br label %"at0000_join"
at0000_slow:
  ; 0000 GET_FREE 0 (n) at counter.eva:3:52: n
  ; GET_FREE at 0000: runtime rt_get_cell
  %".45" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".33", ptr %".45"
  %".47" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".32", ptr %".47"
  store i64 %"depth1", ptr %".5"
  %".50" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".51" = load ptr, ptr @"obj_rt_get_cell.addr", !invariant.load !0
  %".52" = call ptr %".50"(ptr %".51", ptr %"objargs", i64 2, ptr null)
  %".53" = icmp eq ptr %".52", null
  br i1 %".53", label %"at0000_raised", label %"at0000_fine"
at0000_join:
  ; 0000 GET_FREE 0 (n) at counter.eva:3:52: n
  %".63" = phi  ptr [%".35", %"at0000_fast"], [%".52", %"at0000_fine"]
  %".64" = getelementptr ptr, ptr %"area", i64 1
  store ptr %".63", ptr %".64"
  %".66" = getelementptr i8, ptr %".63", i64 8
  %".67" = load ptr, ptr %".66"
  %".68" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".69" = icmp eq ptr %".67", %".68"
  %".70" = and i1 %".69", 1
  br i1 %".70", label %"at0006_fast", label %"at0006_slow"
at0000_raised:
  ; 0000 GET_FREE 0 (n) at counter.eva:3:52: n
  call void @"eva_note_unwind"(i64 17) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".57" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".57"
  %".59" = insertvalue {i64, i32} undef, i64 0, 0
  %".60" = insertvalue {i64, i32} %".59", i32 2, 1
  ret {i64, i32} %".60"
at0000_fine:
  ; 0000 GET_FREE 0 (n) at counter.eva:3:52: n
  br label %"at0000_join"
at0006_fast:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".72" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".73" = call i64 %".72"(ptr %".63", i32* %"overflow")
  %".74" = load i32, i32* %"overflow"
  %".75" = icmp eq i32 %".74", 0
  %".76" = and i1 1, %".75"
  %".77" = call {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".73", i64 1)
  %".78" = extractvalue {i64, i1} %".77", 1
  %".79" = xor i1 %".78", -1
  %".80" = and i1 %".76", %".79"
  br i1 %".80", label %"at0006_fast.1", label %"at0006_slow.1"
at0006_slow:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".128" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".129" = call ptr %".128"(i64 1)
  %".130" = icmp eq ptr %".129", null
  br i1 %".130", label %"at0006_raised.3", label %"at0006_fine.3"
at0006_join:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".159" = phi  ptr [%".126", %"at0006_join.1"], [%".147", %"at0006_fine.4"]
  %".160" = getelementptr ptr, ptr %"area", i64 1
  store ptr null, ptr %".160"
  %".162" = getelementptr i8, ptr %".63", i64 0
  %".163" = load i64, ptr %".162"
  %".164" = sub i64 %".163", 1
  store i64 %".164", ptr %".162"
  %".166" = icmp eq i64 %".164", 0
  br i1 %".166", label %"at0006_freed", label %"at0006_kept"
at0006_fast.1:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".82" = extractvalue {i64, i1} %".77", 0
  %".83" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".84" = call ptr %".83"(i64 %".82")
  %".85" = icmp eq ptr %".84", null
  br i1 %".85", label %"at0006_raised", label %"at0006_fine"
at0006_slow.1:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".95" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".96" = call ptr %".95"(i64 1)
  %".97" = icmp eq ptr %".96", null
  br i1 %".97", label %"at0006_raised.1", label %"at0006_fine.1"
at0006_join.1:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".126" = phi  ptr [%".84", %"at0006_fine"], [%".114", %"at0006_fine.2"]
  br label %"at0006_join"
at0006_raised:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  call void @"eva_note_unwind"(i64 18) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".89" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".89"
  %".91" = insertvalue {i64, i32} undef, i64 0, 0
  %".92" = insertvalue {i64, i32} %".91", i32 2, 1
  ret {i64, i32} %".92"
at0006_fine:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  br label %"at0006_join.1"
at0006_raised.1:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  call void @"eva_note_unwind"(i64 19) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".101" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".101"
  %".103" = insertvalue {i64, i32} undef, i64 0, 0
  %".104" = insertvalue {i64, i32} %".103", i32 2, 1
  ret {i64, i32} %".104"
at0006_fine.1:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  ; ADD at 0006: runtime rt_add
  %".107" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".63", ptr %".107"
  %".109" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".96", ptr %".109"
  store i64 %"depth1", ptr %".5"
  %".112" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".113" = load ptr, ptr @"obj_rt_add.addr", !invariant.load !0
  %".114" = call ptr %".112"(ptr %".113", ptr %"objargs", i64 2, ptr null)
  call void @"eva_decref"(ptr %".96")
  %".116" = icmp eq ptr %".114", null
  br i1 %".116", label %"at0006_raised.2", label %"at0006_fine.2"
at0006_raised.2:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  call void @"eva_note_unwind"(i64 20) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".120" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".120"
  %".122" = insertvalue {i64, i32} undef, i64 0, 0
  %".123" = insertvalue {i64, i32} %".122", i32 2, 1
  ret {i64, i32} %".123"
at0006_fine.2:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  br label %"at0006_join.1"
at0006_raised.3:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  call void @"eva_note_unwind"(i64 21) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".134" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".134"
  %".136" = insertvalue {i64, i32} undef, i64 0, 0
  %".137" = insertvalue {i64, i32} %".136", i32 2, 1
  ret {i64, i32} %".137"
at0006_fine.3:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  ; ADD at 0006: runtime rt_add
  %".140" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".63", ptr %".140"
  %".142" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".129", ptr %".142"
  store i64 %"depth1", ptr %".5"
  %".145" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".146" = load ptr, ptr @"obj_rt_add.addr", !invariant.load !0
  %".147" = call ptr %".145"(ptr %".146", ptr %"objargs", i64 2, ptr null)
  call void @"eva_decref"(ptr %".129")
  %".149" = icmp eq ptr %".147", null
  br i1 %".149", label %"at0006_raised.4", label %"at0006_fine.4"
at0006_raised.4:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  call void @"eva_note_unwind"(i64 22) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".153" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".153"
  %".155" = insertvalue {i64, i32} undef, i64 0, 0
  %".156" = insertvalue {i64, i32} %".155", i32 2, 1
  ret {i64, i32} %".156"
at0006_fine.4:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  br label %"at0006_join"
at0006_freed:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".168" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".168"(ptr %".63") cold
  br label %"at0006_kept"
at0006_kept:
  ; 0006 ADD at counter.eva:3:49: (+ n 1)
  %".171" = getelementptr ptr, ptr %"area", i64 1
  store ptr %".159", ptr %".171"
  %".173" = getelementptr i8, ptr %".28", i64 32
  %".174" = load ptr, ptr %".173"
  %".175" = getelementptr i8, ptr %".174", i64 24
  %".176" = load ptr, ptr %".175"
  %".177" = load ptr, ptr @"k2_0.addr", !invariant.load !0
  %".178" = getelementptr i8, ptr %".176", i64 32
  %".179" = load ptr, ptr %".178"
  %".180" = load ptr, ptr @"obj_undef.addr", !invariant.load !0
  %".181" = icmp ne ptr %".179", %".180"
  br i1 %".181", label %"at0007_fast", label %"at0007_slow"
at0007_fast:
  ; 0007 SET_FREE 0 (n) at counter.eva:3:47: n
  %".183" = getelementptr i8, ptr %".159", i64 0
  %".184" = load i64, ptr %".183"
  %".185" = add i64 %".184", 1
  store i64 %".185", ptr %".183"
  store ptr %".159", ptr %".178"
  call void @"eva_decref"(ptr %".179")
  br label %"at0007_join"
at0007_slow:
  ; 0007 SET_FREE 0 (n) at counter.eva:3:47: n
  ; SET_FREE at 0007: runtime rt_set_cell
  %".191" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".177", ptr %".191"
  %".193" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".176", ptr %".193"
  %".195" = getelementptr ptr, ptr %"objargs", i32 2
  store ptr %".159", ptr %".195"
  store i64 %"depth1", ptr %".5"
  %".198" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".199" = load ptr, ptr @"obj_rt_set_cell.addr", !invariant.load !0
  %".200" = call ptr %".198"(ptr %".199", ptr %"objargs", i64 3, ptr null)
  %".201" = icmp eq ptr %".200", null
  br i1 %".201", label %"at0007_raised", label %"at0007_fine"
at0007_join:
  ; 0007 SET_FREE 0 (n) at counter.eva:3:47: n
  %".212" = getelementptr ptr, ptr %"area", i64 1
  store ptr null, ptr %".212"
  %".214" = getelementptr i8, ptr %".159", i64 0
  %".215" = load i64, ptr %".214"
  %".216" = sub i64 %".215", 1
  store i64 %".216", ptr %".214"
  %".218" = icmp eq i64 %".216", 0
  br i1 %".218", label %"at000A_freed", label %"at000A_kept"
at0007_raised:
  ; 0007 SET_FREE 0 (n) at counter.eva:3:47: n
  call void @"eva_note_unwind"(i64 23) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".205" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".205"
  %".207" = insertvalue {i64, i32} undef, i64 0, 0
  %".208" = insertvalue {i64, i32} %".207", i32 2, 1
  ret {i64, i32} %".208"
at0007_fine:
  ; 0007 SET_FREE 0 (n) at counter.eva:3:47: n
  call void @"eva_decref"(ptr %".200")
  br label %"at0007_join"
at000A_freed:
  ; 000A POP at counter.eva:3:42: (set n (+ n 1))
  %".220" = load ptr, ptr @"_Py_Dealloc.addr", !invariant.load !0
  call void %".220"(ptr %".159") cold
  br label %"at000A_kept"
at000A_kept:
  ; 000A POP at counter.eva:3:42: (set n (+ n 1))
  %".223" = getelementptr i8, ptr %".28", i64 32
  %".224" = load ptr, ptr %".223"
  %".225" = getelementptr i8, ptr %".224", i64 24
  %".226" = load ptr, ptr %".225"
  %".227" = load ptr, ptr @"k2_0.addr", !invariant.load !0
  %".228" = getelementptr i8, ptr %".226", i64 32
  %".229" = load ptr, ptr %".228"
  %".230" = load ptr, ptr @"obj_undef.addr", !invariant.load !0
  %".231" = icmp ne ptr %".229", %".230"
  br i1 %".231", label %"at000B_fast", label %"at000B_slow"
at000B_fast:
  ; 000B GET_FREE 0 (n) at counter.eva:3:58: n
  %".233" = getelementptr i8, ptr %".229", i64 0
  %".234" = load i64, ptr %".233"
  %".235" = add i64 %".234", 1
  store i64 %".235", ptr %".233"
  br label %"at000B_join"
at000B_slow:
  ; 000B GET_FREE 0 (n) at counter.eva:3:58: n
  ; GET_FREE at 000B: runtime rt_get_cell
  %".239" = getelementptr ptr, ptr %"objargs", i32 0
  store ptr %".227", ptr %".239"
  %".241" = getelementptr ptr, ptr %"objargs", i32 1
  store ptr %".226", ptr %".241"
  store i64 %"depth1", ptr %".5"
  %".244" = load ptr, ptr @"PyObject_Vectorcall.addr", !invariant.load !0
  %".245" = load ptr, ptr @"obj_rt_get_cell.addr", !invariant.load !0
  %".246" = call ptr %".244"(ptr %".245", ptr %"objargs", i64 2, ptr null)
  %".247" = icmp eq ptr %".246", null
  br i1 %".247", label %"at000B_raised", label %"at000B_fine"
at000B_join:
  ; 000B GET_FREE 0 (n) at counter.eva:3:58: n
  %".257" = phi  ptr [%".229", %"at000B_fast"], [%".246", %"at000B_fine"]
  %".258" = getelementptr ptr, ptr %"area", i64 1
  store ptr %".257", ptr %".258"
  %".260" = getelementptr ptr, ptr %"area", i64 1
  store ptr null, ptr %".260"
  %".262" = ptrtoint ptr %".257" to i64
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".264" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".264"
  %".266" = insertvalue {i64, i32} undef, i64 %".262", 0
  %".267" = insertvalue {i64, i32} %".266", i32 0, 1
  ret {i64, i32} %".267"
at000B_raised:
  ; 000B GET_FREE 0 (n) at counter.eva:3:58: n
  call void @"eva_note_unwind"(i64 24) cold
  call void @"eva_release_area"(ptr %"area", i64 %".14") cold
  %".251" = load ptr, ptr @"eva_roots_top.addr", !invariant.load !0
  store i64 %"area_base", ptr %".251"
  %".253" = insertvalue {i64, i32} undef, i64 0, 0
  %".254" = insertvalue {i64, i32} %".253", i32 2, 1
  ret {i64, i32} %".254"
at000B_fine:
  ; 000B GET_FREE 0 (n) at counter.eva:3:58: n
  br label %"at000B_join"
}

@"eva_depth.addr" = protected global ptr null
@"valid_2.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
@"eva_roots_top.addr" = protected global ptr null
@"eva_roots.addr" = protected global ptr null
@"k2_0.addr" = protected global ptr null
@"obj_undef.addr" = protected global ptr null
@"PyObject_Vectorcall.addr" = protected global ptr null
@"obj_rt_get_cell.addr" = protected global ptr null
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
define internal void @"eva_release_area"(ptr %".1", i64 %".2") noinline
{
entry:
  br label %"head"
head:
  %".5" = phi  i64 [0, %"entry"], [%".10", %"body"], [%".10", %"release"]
  %".6" = icmp slt i64 %".5", %".2"
  br i1 %".6", label %"body", label %"done"
body:
  %".8" = getelementptr ptr, ptr %".1", i64 %".5"
  %".9" = load ptr, ptr %".8"
  %".10" = add i64 %".5", 1
  %".11" = icmp eq ptr %".9", null
  br i1 %".11", label %"head", label %"release"
release:
  store ptr null, ptr %".8"
  call void @"eva_decref"(ptr %".9")
  br label %"head"
done:
  ret void
}

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
@"obj_int_type.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
declare {i64, i1} @"llvm.sadd.with.overflow.i64"(i64 %".1", i64 %".2")

@"PyLong_FromLongLong.addr" = protected global ptr null
@"obj_rt_add.addr" = protected global ptr null
@"obj_rt_set_cell.addr" = protected global ptr null
@"eva_runtime.addr" = protected global ptr null
@"obj_rt_deopt.addr" = protected global ptr null
define protected ptr @"call_2"(i64 %".1", ptr %".2", i64 %".3") noinline optnone
{
entry:
  %"overflow" = alloca i32
  %".5" = load ptr, ptr @"Py_IncRef.addr", !invariant.load !0
  %".10" = load ptr, ptr @"valid_2.addr", !invariant.load !0
  %".11" = load i64, ptr %".10"
  %".12" = icmp ne i64 %".11", 0
  br i1 %".12", label %"checked", label %"not_entered"
not_entered:
  %".6" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  call void %".5"(ptr %".6")
  %".8" = load ptr, ptr @"obj_not_entered.addr", !invariant.load !0
  ret ptr %".8"
checked:
  %".14" = icmp eq i64 %".3", 1
  br i1 %".14", label %"checked.1", label %"not_entered"
checked.1:
  %".16" = load ptr, ptr @"PyLong_AsLongLongAndOverflow.addr", !invariant.load !0
  %".17" = getelementptr ptr, ptr %".2", i64 0
  %".18" = load ptr, ptr %".17"
  %".19" = call {i64, i32} @"fn_2"(i64 %".1", ptr %".18")
  %".20" = extractvalue {i64, i32} %".19", 0
  %".21" = extractvalue {i64, i32} %".19", 1
  switch i32 %".21", label %"error" [i32 0, label %"ok" i32 1, label %"boxed"]
ok:
  %".28" = inttoptr i64 %".20" to ptr
  ret ptr %".28"
boxed:
  %".23" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".23")
  %".25" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".25"
error:
  ret ptr null
}

@"Py_IncRef.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
define protected ptr @"entry_2"(ptr %".1", ptr %".2", i64 %".3") noinline optnone
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
  %".19" = icmp eq i64 %".3", 2
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
  %".48" = call ptr @"call_2"(i64 %".30", ptr %".47", i64 1)
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

