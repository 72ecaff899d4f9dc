; ==== sq(int) -> int : pre ====
; ModuleID = "eva_unit_0"
target triple = ""
target datalayout = ""

define protected {i64, i32} @"fn_0"(i64 %".1", i64 %".2")
{
entry:
  %"deoptbuf" = alloca i64, i32 5
  %"callbuf" = alloca i64, i32 1
  %"resultbuf" = alloca i64
  %"overflow" = alloca i32
  %"backedges" = alloca i64
  %"s1_int" = alloca i64
  store i64 0, i64* %"backedges"
  %".5" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".6" = load ptr, ptr @"valid_0.addr", !invariant.load !0
  %".7" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %"limit" = load i64, ptr %".7"
  %".8" = icmp slt i64 %".1", %"limit"
  br i1 %".8", label %"at0000_ok0", label %"deopt_0"
at0000:
  %".13" = load i64, i64* %"s1_int"
  %".14" = call {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".13", i64 %".13")
  %".15" = extractvalue {i64, i1} %".14", 1
  %".16" = xor i1 %".15", -1
  br i1 %".16", label %"at0005_ok1", label %"deopt_1"
deopt:
  %"deopt_point" = phi  i64 [0, %"deopt_0"], [1, %"deopt_1"]
  %"deopt_word0" = phi  i64 [%".2", %"deopt_0"], [%".13", %"deopt_1"]
  %"deopt_word1" = phi  i64 [undef, %"deopt_0"], [%".13", %"deopt_1"]
  %".23" = getelementptr i64, i64* %"deoptbuf", i32 0
  store i64 %"deopt_word0", i64* %".23"
  %".25" = getelementptr i64, i64* %"deoptbuf", i32 1
  store i64 %"deopt_word1", i64* %".25"
  store i64 %".1", ptr %".5"
  %".28" = load ptr, ptr @"eva_rt_deopt.addr", !invariant.load !0
  %".29" = call i32 %".28"(i64 %"deopt_point", i64* %"deoptbuf", i64* %"resultbuf") cold
  %".30" = load i64, i64* %"resultbuf"
  %".31" = insertvalue {i64, i32} undef, i64 %".30", 0
  %".32" = insertvalue {i64, i32} %".31", i32 %".29", 1
  ret {i64, i32} %".32"
deopt_0:
  br label %"deopt"
at0000_ok0:
  %"depth1" = add i64 %".1", 1
  store i64 %".2", i64* %"s1_int"
  br label %"at0000"
deopt_1:
  br label %"deopt"
at0005_ok1:
  %".19" = extractvalue {i64, i1} %".14", 0
  %".20" = insertvalue {i64, i32} undef, i64 %".19", 0
  %".21" = insertvalue {i64, i32} %".20", i32 0, 1
  ret {i64, i32} %".21"
}

@"eva_depth.addr" = protected global ptr null
@"valid_0.addr" = protected global ptr null
@"eva_limit.addr" = protected global ptr null
declare {i64, i1} @"llvm.smul.with.overflow.i64"(i64 %".1", i64 %".2")

@"eva_rt_deopt.addr" = protected global ptr null
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
  %".19" = icmp eq i64 %".3", 2
  br i1 %".19", label %"checked.1", label %"not_entered"
checked.1:
  %".21" = getelementptr ptr, ptr %".2", i64 0
  %".22" = load ptr, ptr %".21"
  %".23" = call i64 %".6"(ptr %".22", i32* %"overflow")
  %".24" = load i32, i32* %"overflow"
  %".25" = icmp eq i32 %".24", 0
  br i1 %".25", label %"checked.2", label %"not_entered"
checked.2:
  %".27" = getelementptr ptr, ptr %".2", i64 1
  %".28" = load ptr, ptr %".27"
  %".29" = getelementptr ptr, ptr %".28", i64 1
  %".30" = load ptr, ptr %".29"
  %".31" = load ptr, ptr @"obj_int_type.addr", !invariant.load !0
  %".32" = icmp eq ptr %".30", %".31"
  br i1 %".32", label %"checked.3", label %"not_entered"
checked.3:
  %".34" = call i64 %".6"(ptr %".28", i32* %"overflow")
  %".35" = load i32, i32* %"overflow"
  %".36" = icmp eq i32 %".35", 0
  br i1 %".36", label %"checked.4", label %"not_entered"
checked.4:
  %".38" = load ptr, ptr @"eva_limit.addr", !invariant.load !0
  %".39" = load i64, ptr %".38"
  %".40" = load ptr, ptr @"eva_depth.addr", !invariant.load !0
  %".41" = load i64, ptr %".40"
  %".42" = icmp slt i64 %".41", 10000
  br i1 %".42", label %"checked.5", label %"declined"
checked.5:
  %".44" = add i64 %".41", %".23"
  %".45" = icmp slt i64 %".44", 10000
  %".46" = select  i1 %".45", i64 %".44", i64 10000
  store i64 %".46", ptr %".38"
  %".48" = add i64 %".16", 1
  store i64 %".48", ptr %".15"
  %".50" = call {i64, i32} @"fn_0"(i64 %".41", i64 %".34")
  %".51" = extractvalue {i64, i32} %".50", 0
  %".52" = extractvalue {i64, i32} %".50", 1
  store i64 %".39", ptr %".38"
  store i64 %".41", ptr %".40"
  store i64 %".16", ptr %".15"
  switch i32 %".52", label %"error" [i32 0, label %"ok" i32 1, label %"boxed" i32 3, label %"resume"]
ok:
  %".69" = load ptr, ptr @"PyLong_FromLongLong.addr", !invariant.load !0
  %".70" = call ptr %".69"(i64 %".51")
  ret ptr %".70"
boxed:
  %".57" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  call void %".5"(ptr %".57")
  %".59" = load ptr, ptr @"obj_pending.addr", !invariant.load !0
  ret ptr %".59"
error:
  %".61" = load ptr, ptr @"obj_error.addr", !invariant.load !0
  call void %".5"(ptr %".61")
  %".63" = load ptr, ptr @"obj_error.addr", !invariant.load !0
  ret ptr %".63"
resume:
  %".65" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  call void %".5"(ptr %".65")
  %".67" = load ptr, ptr @"obj_resume.addr", !invariant.load !0
  ret ptr %".67"
}

@"Py_IncRef.addr" = protected global ptr null
@"PyLong_AsLongLongAndOverflow.addr" = protected global ptr null
@"obj_not_entered.addr" = protected global ptr null
@"obj_declined.addr" = protected global ptr null
@"eva_entries.addr" = protected global ptr null
@"obj_int_type.addr" = protected global ptr null
@"obj_pending.addr" = protected global ptr null
@"obj_error.addr" = protected global ptr null
@"obj_resume.addr" = protected global ptr null
@"PyLong_FromLongLong.addr" = protected global ptr null
!0 = !{  }

