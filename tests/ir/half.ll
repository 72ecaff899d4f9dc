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
  %"s1_float" = alloca double
  %"limit" = load i64, i64* @"eva0_eva_limit"
  %".4" = icmp slt i64 %".1", %"limit"
  br i1 %".4", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".16" = load double, double* %"s1_float"
  %".17" = fcmp one double 0x4000000000000000,              0x0
  br i1 %".17", label %"at0005_ok1", label %"deopt_1"
deopt_0:
  %".6" = bitcast double %".2" to i64
  %".7" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %".6", i64* %".7"
  store i64 %".1", i64* @"eva0_eva_depth"
  %".10" = call i32 @"eva0_eva_rt_deopt"(i64 0, i64* %"deoptbuf")
  %".11" = insertvalue {i64, i32} undef, i64 0, 0
  %".12" = insertvalue {i64, i32} %".11", i32 %".10", 1
  ret {i64, i32} %".12"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store double %".2", double* %"s1_float"
  br label %"at0000"
deopt_1:
  %".19" = bitcast double %".16" to i64
  %".20" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %".19", i64* %".20"
  %".22" = bitcast double 0x4000000000000000 to i64
  %".23" = getelementptr i64, i64* %"deoptbuf", i32 1
  store i64 %".22", i64* %".23"
  store i64 %".1", i64* @"eva0_eva_depth"
  %".26" = call i32 @"eva0_eva_rt_deopt"(i64 1, i64* %"deoptbuf")
  %".27" = insertvalue {i64, i32} undef, i64 0, 0
  %".28" = insertvalue {i64, i32} %".27", i32 %".26", 1
  ret {i64, i32} %".28"
at0005_ok1:
  %".30" = fdiv double %".16", 0x4000000000000000
  %".31" = bitcast double %".30" to i64
  %".32" = insertvalue {i64, i32} undef, i64 %".31", 0
  %".33" = insertvalue {i64, i32} %".32", i32 0, 1
  ret {i64, i32} %".33"
}

@"eva0_eva_depth" = external global i64
@"eva0_valid_0" = external global i64
@"eva0_eva_limit" = external global i64
declare i32 @"eva0_eva_rt_deopt"(i64 %".1", ptr %".2")

define ptr @"eva0_entry_0"(ptr %".1", ptr %".2", i64 %".3")
{
entry:
  %"overflow" = alloca i32
  %".7" = load i64, i64* @"eva0_eva_entries"
  %".8" = icmp slt i64 %".7", 150
  %".9" = icmp eq i64 %".3", 2
  %".10" = and i1 %".8", %".9"
  br i1 %".10", label %"checked", label %"not_entered"
not_entered:
  call void @"Py_IncRef"(i8* @"eva0_obj_not_entered")
  ret i8* @"eva0_obj_not_entered"
checked:
  %".12" = getelementptr ptr, ptr %".2", i64 0
  %".13" = load ptr, ptr %".12"
  %".14" = call i64 @"PyLong_AsLongLongAndOverflow"(ptr %".13", i32* %"overflow")
  %".15" = load i32, i32* %"overflow"
  %".16" = icmp eq i32 %".15", 0
  br i1 %".16", label %"checked.1", label %"not_entered"
checked.1:
  %".18" = getelementptr ptr, ptr %".2", i64 1
  %".19" = load ptr, ptr %".18"
  %".20" = getelementptr ptr, ptr %".19", i64 1
  %".21" = load ptr, ptr %".20"
  %".22" = icmp eq ptr %".21", @"eva0_obj_float_type"
  br i1 %".22", label %"checked.2", label %"not_entered"
checked.2:
  %".24" = getelementptr double, ptr %".19", i64 2
  %".25" = load double, ptr %".24"
  %".26" = load i64, i64* @"eva0_eva_limit"
  %".27" = load i64, i64* @"eva0_eva_depth"
  %".28" = icmp slt i64 %".27", 10000
  br i1 %".28", label %"checked.3", label %"not_entered"
checked.3:
  %".30" = add i64 %".27", %".14"
  %".31" = icmp slt i64 %".30", 10000
  %".32" = select  i1 %".31", i64 %".30", i64 10000
  store i64 %".32", i64* @"eva0_eva_limit"
  %".34" = add i64 %".7", 1
  store i64 %".34", i64* @"eva0_eva_entries"
  %".36" = call {i64, i32} @"eva0_fn_0"(i64 %".27", double %".25")
  %".37" = extractvalue {i64, i32} %".36", 0
  %".38" = extractvalue {i64, i32} %".36", 1
  store i64 %".26", i64* @"eva0_eva_limit"
  store i64 %".27", i64* @"eva0_eva_depth"
  store i64 %".7", i64* @"eva0_eva_entries"
  switch i32 %".38", label %"error" [i32 0, label %"ok" i32 1, label %"boxed"]
ok:
  %".47" = bitcast i64 %".37" to double
  %".48" = call ptr @"PyFloat_FromDouble"(double %".47")
  ret ptr %".48"
boxed:
  call void @"Py_IncRef"(i8* @"eva0_obj_pending")
  ret i8* @"eva0_obj_pending"
error:
  call void @"Py_IncRef"(i8* @"eva0_obj_error")
  ret i8* @"eva0_obj_error"
}

declare void @"Py_IncRef"(ptr %".1")

declare i64 @"PyLong_AsLongLongAndOverflow"(ptr %".1", ptr %".2")

@"eva0_obj_not_entered" = external global i8
@"eva0_eva_entries" = external global i64
@"eva0_obj_float_type" = external global i8
@"eva0_obj_pending" = external global i8
@"eva0_obj_error" = external global i8
declare ptr @"PyFloat_FromDouble"(double %".1")

