; ==== sq(int) -> int : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define {i64, i32} @"eva0_fn_0"(i64 %".1", i64 %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 5
  %"callbuf" = alloca i64, i32 1
  %"resultbuf" = alloca i64
  %"s1_int" = alloca i64
  %"limit" = load i64, i64* @"eva0_eva_limit"
  %".4" = icmp slt i64 %".1", %"limit"
  br i1 %".4", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".15" = load i64, i64* %"s1_int"
  %".16" = load i64, i64* %"s1_int"
  %".17" = call {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".15", i64 %".16")
  %".18" = extractvalue {i64, i1} %".17", 1
  %".19" = xor i1 %".18", -1
  br i1 %".19", label %"at0005_ok1", label %"deopt_1"
deopt_0:
  %".6" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %".2", i64* %".6"
  store i64 %".1", i64* @"eva0_eva_depth"
  %".9" = call i32 @"eva0_eva_rt_deopt"(i64 0, i64* %"deoptbuf")
  %".10" = insertvalue {i64, i32} undef, i64 0, 0
  %".11" = insertvalue {i64, i32} %".10", i32 %".9", 1
  ret {i64, i32} %".11"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"s1_int"
  br label %"at0000"
deopt_1:
  %".21" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %".15", i64* %".21"
  %".23" = getelementptr i64, i64* %"deoptbuf", i32 1
  store i64 %".16", i64* %".23"
  store i64 %".1", i64* @"eva0_eva_depth"
  %".26" = call i32 @"eva0_eva_rt_deopt"(i64 1, i64* %"deoptbuf")
  %".27" = insertvalue {i64, i32} undef, i64 0, 0
  %".28" = insertvalue {i64, i32} %".27", i32 %".26", 1
  ret {i64, i32} %".28"
at0005_ok1:
  %".30" = extractvalue {i64, i1} %".17", 0
  %".31" = insertvalue {i64, i32} undef, i64 %".30", 0
  %".32" = insertvalue {i64, i32} %".31", i32 0, 1
  ret {i64, i32} %".32"
}

@"eva0_eva_depth" = external global i64
@"eva0_valid_0" = external global i64
@"eva0_eva_limit" = external global i64
declare i32 @"eva0_eva_rt_deopt"(i64 %".1", ptr %".2")

declare {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".1", i64 %".2")

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
  %".22" = icmp eq ptr %".21", @"eva0_obj_int_type"
  br i1 %".22", label %"checked.2", label %"not_entered"
checked.2:
  %".24" = call i64 @"PyLong_AsLongLongAndOverflow"(ptr %".19", i32* %"overflow")
  %".25" = load i32, i32* %"overflow"
  %".26" = icmp eq i32 %".25", 0
  br i1 %".26", label %"checked.3", label %"not_entered"
checked.3:
  %".28" = load i64, i64* @"eva0_eva_limit"
  %".29" = load i64, i64* @"eva0_eva_depth"
  %".30" = icmp slt i64 %".29", 10000
  br i1 %".30", label %"checked.4", label %"not_entered"
checked.4:
  %".32" = add i64 %".29", %".14"
  %".33" = icmp slt i64 %".32", 10000
  %".34" = select  i1 %".33", i64 %".32", i64 10000
  store i64 %".34", i64* @"eva0_eva_limit"
  %".36" = add i64 %".7", 1
  store i64 %".36", i64* @"eva0_eva_entries"
  %".38" = call {i64, i32} @"eva0_fn_0"(i64 %".29", i64 %".24")
  %".39" = extractvalue {i64, i32} %".38", 0
  %".40" = extractvalue {i64, i32} %".38", 1
  store i64 %".28", i64* @"eva0_eva_limit"
  store i64 %".29", i64* @"eva0_eva_depth"
  store i64 %".7", i64* @"eva0_eva_entries"
  switch i32 %".40", label %"error" [i32 0, label %"ok" i32 1, label %"boxed"]
ok:
  %".49" = call ptr @"PyLong_FromLongLong"(i64 %".39")
  ret ptr %".49"
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
@"eva0_obj_int_type" = external global i8
@"eva0_obj_pending" = external global i8
@"eva0_obj_error" = external global i8
declare ptr @"PyLong_FromLongLong"(i64 %".1")

