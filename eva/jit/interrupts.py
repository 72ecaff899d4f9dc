"""Ctrl-C in compiled code that never loops: a signal handler that makes native code return.

Python handles a signal in two steps: its C handler only notes the signal, and the Python
handler (KeyboardInterrupt for SIGINT) runs at the next bytecode the interpreter executes.
Compiled code executes none. Its loops poll (`PyErr_CheckSignals` every 2^20 back-edges,
lowering.Lowerer.lower_back_edge), but compiled recursion does not loop: fib(45) ran for 37 s
after Ctrl-C, until it returned by itself.

So eva puts a C handler of its own in front of Python's, made by LLVM like compiled code (in
the process's shared module, support.py, kept in the code cache like a unit; `handler_ir`). On a signal it sets a flag, writes -1 into the
depth limit of every runtime, then calls Python's handler. Every compiled call checks its depth
against that limit (lowering.Lowerer.lower_body), so the next call deoptimizes, the interpreter
runs, and Python raises KeyboardInterrupt there. The check was already there: compiled code
pays nothing for this. A Python-to-native entry reads the flag after setting a runtime's limit,
so a signal that comes just before that store is not lost.

The limits live in one array for the process (MAX_RUNTIMES words, never freed), so the handler
writes only memory that stays valid; a runtime takes a word of it for as long as it lives. The
handler is installed once per process, with sigaction and Python's own mask and flags; if
SIGINT is not Python's to handle (ignored, default, or a handler taking siginfo), it is left
alone, and so is a platform whose sigaction layout this module does not know. A later
`signal.signal(SIGINT, ...)` puts Python's handler back in front: compiled recursion then
stops when it returns, as before, and loops still poll.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import weakref

MAX_RUNTIMES = 64
"""Runtimes (one per VM that compiled something) whose compiled calls a signal reaches; a
runtime beyond them gets a limit of its own, which Ctrl-C reaches only through its loops."""
HANDLER = "eva_on_signal"
SLOTS = ("eva_interrupt", "eva_limits", "eva_previous_handler")

SA_SIGINFO = 4
SIGNAL_DEFAULT, SIGNAL_IGNORE = 0, 1

flag = ctypes.c_int64(0)
"""Set by the handler; cleared by the runtime once Python code ran after it (the deopt that
noticed it, or the KeyboardInterrupt passing by)."""
_limits = (ctypes.c_int64 * MAX_RUNTIMES)()
_free = list(range(MAX_RUNTIMES - 1, -1, -1))


def limit_word(owner) -> ctypes.c_int64:
    """A depth-limit word for `owner`'s compiled code, held until `owner` is collected."""
    if not _free:
        return ctypes.c_int64(0)
    index = _free.pop()
    weakref.finalize(owner, _free.append, index)
    return ctypes.c_int64.from_buffer(_limits, index * ctypes.sizeof(ctypes.c_int64))


class Sigaction(ctypes.Structure):
    """glibc's `struct sigaction` on Linux (x86-64 and 64-bit ARM share it)."""

    _fields_ = [("handler", ctypes.c_void_p), ("mask", ctypes.c_ulong * 16),
                ("flags", ctypes.c_int), ("restorer", ctypes.c_void_p)]


def supported() -> bool:
    return sys.platform == "linux" and os.uname().machine in ("x86_64", "aarch64")


def handler_ir() -> str:
    """The handler's module: `void eva_on_signal(i32)`, reaching the flag, the limits and
    the previous handler through slots, like compiled code (slots.py). The stores are
    volatile: the code they interrupt reads them after the handler returns."""
    from eva.jit.slots import slot_symbol
    flag_slot, limits_slot, previous_slot = (f'@"{slot_symbol(name)}"' for name in SLOTS)
    slots = "\n".join(f'{slot} = protected global ptr null' for slot in
                      (flag_slot, limits_slot, previous_slot))
    return f"""; eva's SIGINT handler (eva/jit/interrupts.py)
{slots}

define protected void @"{HANDLER}"(i32 %signal) {{
entry:
  %flag = load ptr, ptr {flag_slot}
  store volatile i64 1, ptr %flag
  %limits = load ptr, ptr {limits_slot}
  br label %limit
limit:
  %index = phi i64 [0, %entry], [%next, %limit]
  %word = getelementptr i64, ptr %limits, i64 %index
  store volatile i64 -1, ptr %word
  %next = add i64 %index, 1
  %more = icmp ult i64 %next, {MAX_RUNTIMES}
  br i1 %more, label %limit, label %chain
chain:
  %previous = load ptr, ptr {previous_slot}
  call void %previous(i32 %signal)
  ret void
}}
"""


def install(module) -> None:
    """Put the handler, compiled in the process's shared module (support.py), in front of
    Python's SIGINT handler (support.load calls this once per process, and keeps the
    module). Not on a platform this module does not know, nor when SIGINT is not Python's to
    handle."""
    if not supported():
        return
    libc = ctypes.CDLL(None, use_errno=True)
    current = Sigaction()
    if libc.sigaction(signal.SIGINT, None, ctypes.byref(current)) != 0:
        return
    if current.handler in (None, SIGNAL_DEFAULT, SIGNAL_IGNORE) or current.flags & SA_SIGINFO:
        return
    module.bind({"eva_interrupt": ctypes.addressof(flag), "eva_limits": ctypes.addressof(_limits),
                 "eva_previous_handler": current.handler})
    ours = Sigaction.from_buffer_copy(current)
    ours.handler = module.addresses[HANDLER]
    libc.sigaction(signal.SIGINT, ctypes.byref(ours), None)
