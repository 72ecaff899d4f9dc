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
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"s1_int" = alloca i64
  store i64 0, i64* %"backedges"
  %"limit" = load i64, i64* @"eva0_eva_limit"
  %".5" = icmp slt i64 %".1", %"limit"
  br i1 %".5", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".10" = load i64, i64* %"s1_int"
  %".11" = load i64, i64* %"s1_int"
  %".12" = call {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".10", i64 %".11")
  %".13" = extractvalue {i64, i1} %".12", 1
  %".14" = xor i1 %".13", -1
  br i1 %".14", label %"at0005_ok1", label %"deopt_1"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"], [%".10", %"deopt_1"]
  %"deopt_word1" = phi  i64 [undef, %"deopt_0"], [%".11", %"deopt_1"]
  %".21" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %"deopt_word0", i64* %".21"
  %".23" = getelementptr i64, i64* %"deoptbuf", i32 1
  store i64 %"deopt_word1", i64* %".23"
  store i64 %".1", i64* @"eva0_eva_depth"
  %".26" = call i32 @"eva0_eva_rt_deopt"(i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf")
  %".27" = load i64, i64* %"resultbuf"
  %".28" = insertvalue {i64, i32} undef, i64 %".27", 0
  %".29" = insertvalue {i64, i32} %".28", i32 %".26", 1
  ret {i64, i32} %".29"
deopt_0:
  br label %"deopt"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"s1_int"
  br label %"at0000"
deopt_1:
  br label %"deopt"
at0005_ok1:
  %".17" = extractvalue {i64, i1} %".12", 0
  %".18" = insertvalue {i64, i32} undef, i64 %".17", 0
  %".19" = insertvalue {i64, i32} %".18", i32 0, 1
  ret {i64, i32} %".19"
}

@"eva0_eva_depth" = external global i64
@"eva0_valid_0" = external global i64
@"eva0_eva_limit" = external global i64
declare {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".1", i64 %".2")

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

