; ==== half(float) -> float : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define {i64, i32} @"eva0_fn_0"(i64 %".1", double %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 5
  %"callbuf" = alloca i64, i32 1
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"s1_float" = alloca double
  store i64 0, i64* %"backedges"
  %"limit" = load i64, i64* @"eva0_eva_limit"
  %".5" = icmp slt i64 %".1", %"limit"
  br i1 %".5", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".11" = load double, double* %"s1_float"
  %".12" = fcmp one double 0x4000000000000000,              0x0
  br i1 %".12", label %"at0005_ok1", label %"deopt_1"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".7", %"deopt_0"], [%".14", %"deopt_1"]
  %"deopt_word1" = phi  i64 [undef, %"deopt_0"], [%".15", %"deopt_1"]
  %".22" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %"deopt_word0", i64* %".22"
  %".24" = getelementptr i64, i64* %"deoptbuf", i32 1
  store i64 %"deopt_word1", i64* %".24"
  store i64 %".1", i64* @"eva0_eva_depth"
  %".27" = call i32 @"eva0_eva_rt_deopt"(i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf")
  %".28" = load i64, i64* %"resultbuf"
  %".29" = insertvalue {i64, i32} undef, i64 %".28", 0
  %".30" = insertvalue {i64, i32} %".29", i32 %".27", 1
  ret {i64, i32} %".30"
deopt_0:
  %".7" = bitcast double %".2" to i64
  br label %"deopt"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store double %".2", double* %"s1_float"
  br label %"at0000"
deopt_1:
  %".14" = bitcast double %".11" to i64
  %".15" = bitcast double 0x4000000000000000 to i64
  br label %"deopt"
at0005_ok1:
  %".17" = fdiv double %".11", 0x4000000000000000
  %".18" = bitcast double %".17" to i64
  %".19" = insertvalue {i64, i32} undef, i64 %".18", 0
  %".20" = insertvalue {i64, i32} %".19", i32 0, 1
  ret {i64, i32} %".20"
}

@"eva0_eva_depth" = external global i64
@"eva0_valid_0" = external global i64
@"eva0_eva_limit" = external global i64
declare i32 @"eva0_eva_rt_deopt"(i64 %".1", ptr %".2", ptr %".3") cold

define ptr @"eva0_entry_0"(ptr %".1", ptr %".2", i64 %".3")
{
entry:
  %"overflow" = alloca i32
  %".9" = load i64, i64* @"eva0_eva_entries"
  %".10" = icmp slt i64 %".9", 100
  br i1 %".10", label %"checked", label %"declined"
not_entered:
  call void @"Py_IncRef"(i8* @"eva0_obj_not_entered")
  ret i8* @"eva0_obj_not_entered"
declined:
  call void @"Py_IncRef"(i8* @"eva0_obj_declined")
  ret i8* @"eva0_obj_declined"
checked:
  %".12" = icmp eq i64 %".3", 2
  br i1 %".12", label %"checked.1", label %"not_entered"
checked.1:
  %".14" = getelementptr ptr, ptr %".2", i64 0
  %".15" = load ptr, ptr %".14"
  %".16" = call i64 @"PyLong_AsLongLongAndOverflow"(ptr %".15", i32* %"overflow")
  %".17" = load i32, i32* %"overflow"
  %".18" = icmp eq i32 %".17", 0
  br i1 %".18", label %"checked.2", label %"not_entered"
checked.2:
  %".20" = getelementptr ptr, ptr %".2", i64 1
  %".21" = load ptr, ptr %".20"
  %".22" = getelementptr ptr, ptr %".21", i64 1
  %".23" = load ptr, ptr %".22"
  %".24" = icmp eq ptr %".23", @"eva0_obj_float_type"
  br i1 %".24", label %"checked.3", label %"not_entered"
checked.3:
  %".26" = getelementptr double, ptr %".21", i64 2
  %".27" = load double, ptr %".26"
  %".28" = load i64, i64* @"eva0_eva_limit"
  %".29" = load i64, i64* @"eva0_eva_depth"
  %".30" = icmp slt i64 %".29", 10000
  br i1 %".30", label %"checked.4", label %"declined"
checked.4:
  %".32" = add i64 %".29", %".16"
  %".33" = icmp slt i64 %".32", 10000
  %".34" = select  i1 %".33", i64 %".32", i64 10000
  store i64 %".34", i64* @"eva0_eva_limit"
  %".36" = add i64 %".9", 1
  store i64 %".36", i64* @"eva0_eva_entries"
  %".38" = call {i64, i32} @"eva0_fn_0"(i64 %".29", double %".27")
  %".39" = extractvalue {i64, i32} %".38", 0
  %".40" = extractvalue {i64, i32} %".38", 1
  store i64 %".28", i64* @"eva0_eva_limit"
  store i64 %".29", i64* @"eva0_eva_depth"
  store i64 %".9", i64* @"eva0_eva_entries"
  switch i32 %".40", label %"error" [i32 0, label %"ok" i32 1, label %"boxed" i32 3, label %"resume"]
ok:
  %".51" = bitcast i64 %".39" to double
  %".52" = call ptr @"PyFloat_FromDouble"(double %".51")
  ret ptr %".52"
boxed:
  call void @"Py_IncRef"(i8* @"eva0_obj_pending")
  ret i8* @"eva0_obj_pending"
error:
  call void @"Py_IncRef"(i8* @"eva0_obj_error")
  ret i8* @"eva0_obj_error"
resume:
  call void @"Py_IncRef"(i8* @"eva0_obj_resume")
  ret i8* @"eva0_obj_resume"
}

declare void @"Py_IncRef"(ptr %".1")

declare i64 @"PyLong_AsLongLongAndOverflow"(ptr %".1", ptr %".2")

@"eva0_obj_not_entered" = external global i8
@"eva0_obj_declined" = external global i8
@"eva0_eva_entries" = external global i64
@"eva0_obj_float_type" = external global i8
@"eva0_obj_pending" = external global i8
@"eva0_obj_error" = external global i8
@"eva0_obj_resume" = external global i8
declare ptr @"PyFloat_FromDouble"(double %".1")

