"""The process's shared native code: what every unit would otherwise carry a copy of.

Two functions link compiled code to the runtime's Python side, and the SIGINT handler
(interrupts.py) sits with them:

- `i32 eva_runtime(callable, number, words, out)` calls one of the runtime's Python functions
  (runtime.Runtime's `rt_*`) as callable(number, words' address, out's address) through
  PyObject_Vectorcall and returns the int it returns, or STATUS_ERROR with the exception
  set if it raised. Boxing the three arguments and the call cost about 100 ns; a ctypes
  callback cost 200-600 ns, and could not report an exception raised before its first line
  (a Ctrl-C arriving then).
- `void eva_unwound(rt_unwound, from)` is an entry's way out with an error: it fetches the
  exception that is set and calls rt_unwound(exception, from), which adds the compiled
  frames it passed through (recorded in the unwind list from `from` on) to its Eva stack
  trace and raises it again. Without an exception value, or without memory for `from`, the
  error is put back as it was.

Both used to be made in every unit's module: 4 KB of IR, a quarter of fib's, which made each
compilation about 35 % slower (callgrind, in-process). Here they are compiled once per
process (or loaded from the code cache, like a unit, since they are IR text that does not
change), and units call them through slots. They refer to nothing but the C API, so one copy
serves every runtime; the runtime's own objects come in as arguments.
"""

from __future__ import annotations

import ctypes

from eva.jit import interrupts
from eva.jit.abi import STATUS_ERROR
from eva.jit.slots import slot_symbol

FUNCTIONS = ("eva_runtime", "eva_unwound")
C_API = ("PyLong_FromLongLong", "PyLong_FromVoidPtr", "PyLong_AsLong", "PyObject_Vectorcall",
         "Py_DecRef", "PyErr_Fetch", "PyErr_NormalizeException", "PyErr_Restore")
"""The C-API functions the shared code calls, through slots like a unit's."""

_module = None  # the shared code, mapped for as long as the process lives


def c_api(name: str) -> int:
    return ctypes.cast(getattr(ctypes.pythonapi, name), ctypes.c_void_p).value


def module_ir() -> str:
    """The shared module: the two functions above and the SIGINT handler."""
    slots = "\n".join(f'@"{slot_symbol(name)}" = protected global ptr null' for name in C_API)
    api = {name: f'@"{slot_symbol(name)}"' for name in C_API}
    return f"""; eva's shared native code (eva/jit/support.py)
{slots}

define protected i32 @"eva_runtime"(ptr %callable, i64 %number, ptr %words, ptr %out) {{
entry:
  %args = alloca [3 x ptr]
  %box_int = load ptr, ptr {api["PyLong_FromLongLong"]}
  %box_pointer = load ptr, ptr {api["PyLong_FromVoidPtr"]}
  %decref = load ptr, ptr {api["Py_DecRef"]}
  %arg0 = call ptr %box_int(i64 %number)
  %arg1 = call ptr %box_pointer(ptr %words)
  %arg2 = call ptr %box_pointer(ptr %out)
  store ptr %arg0, ptr %args
  %place1 = getelementptr ptr, ptr %args, i64 1
  store ptr %arg1, ptr %place1
  %place2 = getelementptr ptr, ptr %args, i64 2
  store ptr %arg2, ptr %place2
  %null0 = icmp eq ptr %arg0, null
  %null1 = icmp eq ptr %arg1, null
  %null2 = icmp eq ptr %arg2, null
  %null01 = or i1 %null0, %null1
  %no_memory = or i1 %null01, %null2
  br i1 %no_memory, label %release, label %call
call:
  %vectorcall = load ptr, ptr {api["PyObject_Vectorcall"]}
  %returned = call ptr %vectorcall(ptr %callable, ptr %args, i64 3, ptr null)
  br label %release
release:
  %result = phi ptr [null, %entry], [%returned, %call]
  call void %decref(ptr %arg0)
  call void %decref(ptr %arg1)
  call void %decref(ptr %arg2)
  %raised = icmp eq ptr %result, null
  br i1 %raised, label %error, label %done
error:
  ret i32 {STATUS_ERROR}
done:
  %as_long = load ptr, ptr {api["PyLong_AsLong"]}
  %status = call i64 %as_long(ptr %result)
  call void %decref(ptr %result)
  %status32 = trunc i64 %status to i32
  ret i32 %status32
}}

define protected void @"eva_unwound"(ptr %rt_unwound, i64 %from) {{
entry:
  %type = alloca ptr
  %value = alloca ptr
  %traceback = alloca ptr
  %args = alloca [2 x ptr]
  %fetch = load ptr, ptr {api["PyErr_Fetch"]}
  call void %fetch(ptr %type, ptr %value, ptr %traceback)
  %normalize = load ptr, ptr {api["PyErr_NormalizeException"]}
  call void %normalize(ptr %type, ptr %value, ptr %traceback)
  %box_int = load ptr, ptr {api["PyLong_FromLongLong"]}
  %position = call ptr %box_int(i64 %from)
  %decref = load ptr, ptr {api["Py_DecRef"]}
  %exception = load ptr, ptr %value
  %no_exception = icmp eq ptr %exception, null
  %no_position = icmp eq ptr %position, null
  %as_it_was = or i1 %no_exception, %no_position
  br i1 %as_it_was, label %restore, label %unwound
restore:
  %restore_error = load ptr, ptr {api["PyErr_Restore"]}
  %type1 = load ptr, ptr %type
  %traceback1 = load ptr, ptr %traceback
  call void %restore_error(ptr %type1, ptr %exception, ptr %traceback1)
  call void %decref(ptr %position)
  ret void
unwound:
  store ptr %exception, ptr %args
  %place1 = getelementptr ptr, ptr %args, i64 1
  store ptr %position, ptr %place1
  %vectorcall = load ptr, ptr {api["PyObject_Vectorcall"]}
  %result = call ptr %vectorcall(ptr %rt_unwound, ptr %args, i64 2, ptr null)
  %type2 = load ptr, ptr %type
  %traceback2 = load ptr, ptr %traceback
  call void %decref(ptr %type2)
  call void %decref(ptr %exception)
  call void %decref(ptr %traceback2)
  call void %decref(ptr %position)
  call void %decref(ptr %result)
  ret void
}}

{interrupts.handler_ir()}"""


def load(machine_code) -> dict:
    """Name -> address of the shared functions, for units' slots; the first call compiles
    the module (or loads it from the code cache) with `machine_code(ir_text, names, slots,
    shared=True)` (backend.py) and puts the SIGINT handler in place."""
    global _module
    if _module is None:
        module = machine_code(module_ir(), [*FUNCTIONS, interrupts.HANDLER],
                              [*C_API, *interrupts.SLOTS], shared=True)
        module.bind({name: c_api(name) for name in C_API})
        interrupts.install(module)
        _module = module
    return {name: _module.addresses[name] for name in FUNCTIONS}
