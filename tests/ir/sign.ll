; ==== sign(int) -> int : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define {i64, i32} @"eva0_fn_0"(i64 %".1", i64 %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 5
  %"callbuf" = alloca i64, i32 1
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"s1_int" = alloca i64
  store i64 0, i64* %"backedges"
  %"limit" = load i64, i64* @"eva0_eva_limit"
  %".5" = icmp slt i64 %".1", %"limit"
  br i1 %".5", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".10" = load i64, i64* %"s1_int"
  %".11" = icmp slt i64 %".10", 0
  br i1 %".11", label %"at0005_fall", label %"at0005_jump"
at0008:
  %".15" = insertvalue {i64, i32} undef, i64 -1, 0
  %".16" = insertvalue {i64, i32} %".15", i32 0, 1
  ret {i64, i32} %".16"
at000C:
  %".18" = load i64, i64* %"s1_int"
  %".19" = icmp eq i64 %".18", 0
  br i1 %".19", label %"at0012_fall", label %"at0012_jump"
at0015:
  %".23" = insertvalue {i64, i32} undef, i64 0, 0
  %".24" = insertvalue {i64, i32} %".23", i32 0, 1
  ret {i64, i32} %".24"
at0019:
  %".26" = insertvalue {i64, i32} undef, i64 1, 0
  %".27" = insertvalue {i64, i32} %".26", i32 0, 1
  ret {i64, i32} %".27"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"]
  %".29" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %"deopt_word0", i64* %".29"
  store i64 %".1", i64* @"eva0_eva_depth"
  %".32" = call i32 @"eva0_eva_rt_deopt"(i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf")
  %".33" = load i64, i64* %"resultbuf"
  %".34" = insertvalue {i64, i32} undef, i64 %".33", 0
  %".35" = insertvalue {i64, i32} %".34", i32 %".32", 1
  ret {i64, i32} %".35"
deopt_0:
  br label %"deopt"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"s1_int"
  br label %"at0000"
at0005_jump:
  br label %"at000C"
at0005_fall:
  br label %"at0008"
at0012_jump:
  br label %"at0019"
at0012_fall:
  br label %"at0015"
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
  %".24" = icmp eq ptr %".23", @"eva0_obj_int_type"
  br i1 %".24", label %"checked.3", label %"not_entered"
checked.3:
  %".26" = call i64 @"PyLong_AsLongLongAndOverflow"(ptr %".21", i32* %"overflow")
  %".27" = load i32, i32* %"overflow"
  %".28" = icmp eq i32 %".27", 0
  br i1 %".28", label %"checked.4", label %"not_entered"
checked.4:
  %".30" = load i64, i64* @"eva0_eva_limit"
  %".31" = load i64, i64* @"eva0_eva_depth"
  %".32" = icmp slt i64 %".31", 10000
  br i1 %".32", label %"checked.5", label %"declined"
checked.5:
  %".34" = add i64 %".31", %".16"
  %".35" = icmp slt i64 %".34", 10000
  %".36" = select  i1 %".35", i64 %".34", i64 10000
  store i64 %".36", i64* @"eva0_eva_limit"
  %".38" = add i64 %".9", 1
  store i64 %".38", i64* @"eva0_eva_entries"
  %".40" = call {i64, i32} @"eva0_fn_0"(i64 %".31", i64 %".26")
  %".41" = extractvalue {i64, i32} %".40", 0
  %".42" = extractvalue {i64, i32} %".40", 1
  store i64 %".30", i64* @"eva0_eva_limit"
  store i64 %".31", i64* @"eva0_eva_depth"
  store i64 %".9", i64* @"eva0_eva_entries"
  switch i32 %".42", label %"error" [i32 0, label %"ok" i32 1, label %"boxed" i32 3, label %"resume"]
ok:
  %".53" = call ptr @"PyLong_FromLongLong"(i64 %".41")
  ret ptr %".53"
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
@"eva0_obj_int_type" = external global i8
@"eva0_obj_pending" = external global i8
@"eva0_obj_error" = external global i8
@"eva0_obj_resume" = external global i8
declare ptr @"PyLong_FromLongLong"(i64 %".1")

