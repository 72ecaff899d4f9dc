"""The runtime native code calls back into, and the entry objects the interpreter calls.

Native code never touches a Python object except in its entry builtin (unboxing arguments,
boxing the result). Everything else that needs Python goes through three callbacks, made
with ctypes.PYFUNCTYPE so the GIL stays held (the entry is a METH_FASTCALL builtin, called
with the GIL):

    eva_rt_deopt(point, words, out) a guard failed: rebuild the frame and finish it in the
                                    interpreter; the result comes back unboxed in *out when
                                    its type is the unit's (status 0), else boxed (1); or an
                                    error (2). For an OSR unit the frame is the interpreter's
                                    own, still live: the rebuilt stack and pc are handed back
                                    (status 3) for the interpreter to continue in place.
    eva_rt_call(site, args, out)    a call to a function that is not compiled
    eva_rt_unwind(site)             an error passes through a compiled frame: add it to the
                                    Eva stack trace

Shared counters live in C memory that native code reads and writes directly:
`eva_depth` (compiled frames active), `eva_limit` (the depth at which compiled code must
stop: it deopts, and the interpreter raises `stack overflow`), `eva_entries` (nested
Python-to-native entries, bounded to protect the C stack) and `eva_deopt_countdown`
(`--deopt-every`).
"""

from __future__ import annotations

import ctypes
import sys

from eva.errors import EvaInternalError, EvaRuntimeError, TraceEntry
from eva.objects import UNDEF, GlobalCell
from eva.jit.resume import DeoptPoint, box, unbox
from eva.jit.signals import DECLINED, ERROR, NOT_ENTERED, PENDING, RESUME, JitSignal
from eva.jit.types import type_of

STATUS_OK, STATUS_BOXED, STATUS_ERROR, STATUS_RESUME = 0, 1, 2, 3
"""What compiled functions return besides their value (lowering.py has the same numbers)."""

DEOPT_CALLBACK = ctypes.PYFUNCTYPE(ctypes.c_int32, ctypes.c_int64, ctypes.c_void_p,
                                   ctypes.c_void_p)
CALL_CALLBACK = ctypes.PYFUNCTYPE(ctypes.c_int32, ctypes.c_int64, ctypes.c_void_p, ctypes.c_void_p)
UNWIND_CALLBACK = ctypes.PYFUNCTYPE(None, ctypes.c_int64)
INTERRUPTED_CALLBACK = ctypes.PYFUNCTYPE(None)
C_API = ("Py_IncRef", "Py_DecRef", "PyLong_AsLongLongAndOverflow", "PyLong_FromLongLong",
         "PyFloat_FromDouble", "PyErr_CheckSignals", "PyErr_Clear")
"""The C-API functions compiled code calls (through slots, like the runtime's callbacks)."""


def slot_offset(cls, name: str) -> int:
    """Where instances of a __slots__ class keep attribute `name`: found by storing a marker
    object and looking for its address, so a layout change fails here, loudly, instead of
    in native code."""
    probe = cls.__new__(cls)
    marker = object()
    for slot in cls.__slots__:
        setattr(probe, slot, None)
    setattr(probe, name, marker)
    words = (ctypes.c_size_t * 16).from_address(id(probe))
    for index, word in enumerate(words):
        if word == id(marker):
            return index * ctypes.sizeof(ctypes.c_size_t)
    raise EvaInternalError(f"cannot find {cls.__name__}.{name} in the object layout")


GLOBAL_VALUE_OFFSET = slot_offset(GlobalCell, "value")
GLOBAL_WATCHED_OFFSET = slot_offset(GlobalCell, "watched")


class PyMethodDef(ctypes.Structure):
    _fields_ = [("ml_name", ctypes.c_char_p), ("ml_meth", ctypes.c_void_p),
                ("ml_flags", ctypes.c_int), ("ml_doc", ctypes.c_char_p)]


METH_FASTCALL = 0x80
_new_builtin = ctypes.pythonapi.PyCFunction_NewEx
_new_builtin.restype = ctypes.py_object
_new_builtin.argtypes = [ctypes.POINTER(PyMethodDef), ctypes.py_object, ctypes.py_object]


def make_builtin(name: str, address: int):
    """A Python callable for a native METH_FASTCALL function (about as cheap as a builtin)."""
    definition = PyMethodDef(name.encode(), address, METH_FASTCALL, None)
    builtin = _new_builtin(ctypes.byref(definition), None, None)
    return builtin, definition  # the definition must outlive the builtin


class Runtime:
    """The Python side of compiled code for one JIT: shared counters, the registries of
    deopt points and call sites, the callbacks, and what is pending between them."""

    def __init__(self, jit):
        self.jit = jit
        self.interpreter = jit.vm.interpreter
        self.depth = ctypes.c_int64(0)
        self.limit = ctypes.c_int64(0)
        self.entries = ctypes.c_int64(0)
        self.countdown = ctypes.c_int64(max(1, jit.options.deopt_every))
        self.deopt_points: list[tuple[DeoptPoint, object]] = []
        self.sites: list[tuple] = []
        self.pending_value = None
        self.pending_error: Exception | None = None
        self.pending_resume: tuple | None = None
        self.callbacks = (DEOPT_CALLBACK(self.on_deopt), CALL_CALLBACK(self.on_call),
                          UNWIND_CALLBACK(self.on_unwind), INTERRUPTED_CALLBACK(self.on_interrupted))

        jit.vm.heap.add_root_source(self.roots)

    def roots(self):
        """The JIT's GC roots. Compiled frames hold only unboxed numbers, so the only Eva
        values native code keeps are those in transit through the runtime: a boxed result
        waiting for its caller, and a deoptimized OSR frame waiting to be resumed."""
        if self.pending_value is not None:
            yield self.pending_value
        if self.pending_resume is not None:
            yield from self.pending_resume[0]

    def symbols(self) -> dict:
        """Name -> address of the runtime's counters, callbacks and objects and of the C-API
        functions, for the slots of compiled code (lowering.Lowerer.slot)."""
        address = ctypes.addressof
        table = {"eva_depth": address(self.depth), "eva_limit": address(self.limit),
                 "eva_entries": address(self.entries), "eva_deopt_countdown": address(self.countdown)}
        for name, callback in zip(("eva_rt_deopt", "eva_rt_call", "eva_rt_unwind",
                                   "eva_rt_interrupted"), self.callbacks):
            table[name] = ctypes.cast(callback, ctypes.c_void_p).value
        for name in C_API:
            table[name] = ctypes.cast(getattr(ctypes.pythonapi, name), ctypes.c_void_p).value
        table.update(object_symbols())
        return table

    # -- registries the lowering fills -------------------------------------------------------

    def new_deopt_point(self, unit, pc, reason, slots, stack, where) -> DeoptPoint:
        point = DeoptPoint(len(self.deopt_points), pc, reason, slots, stack, where)
        self.deopt_points.append((point, unit))
        return point

    def new_site(self, unit, code, pc, site) -> int:
        self.sites.append((unit, code, pc, site))
        return len(self.sites) - 1

    # -- callbacks from native code (must never raise: ctypes would only print it) ----------

    def on_deopt(self, point_id: int, words_address: int, out_address: int) -> int:
        try:
            point, unit = self.deopt_points[point_id]
            words = list((ctypes.c_uint64 * point.buffer_size).from_address(words_address))
            pending, self.pending_value = self.pending_value, None
            stack = point.rebuild(unit.function, words, pending)
            self.jit.note_deopt(unit, point, words)
            if unit.entry_pc:
                self.pending_resume = (stack, point.pc)
                return STATUS_RESUME
            result = self.interpreter.resume(unit.function, unit.code, stack, point.pc)
        except BaseException as error:  # noqa: BLE001 - carried to the entry, re-raised there
            self.pending_error = error
            return STATUS_ERROR
        return self.give_back(result, unit.return_type, out_address)

    def give_back(self, result, expected, out_address: int) -> int:
        """Hand a result to native code: unboxed when it has the type the caller compiled
        for (status 0), else kept boxed for the caller to deoptimize with (status 1)."""
        if type_of(result) is expected:
            if expected.stored:
                ctypes.c_uint64.from_address(out_address).value = unbox(result, expected)
            return STATUS_OK
        self.pending_value = result
        return STATUS_BOXED

    def on_call(self, site_id: int, args_address: int, out_address: int) -> int:
        try:
            unit, code, pc, site = self.sites[site_id]
            words = (ctypes.c_uint64 * max(1, len(site.arg_types))).from_address(args_address)
            args = [box(words[i], kind) if kind.stored else None
                    for i, kind in enumerate(site.arg_types)]
            result = self.interpreter.call(site.callee.value, args)
        except BaseException as error:  # noqa: BLE001 - carried to the entry, re-raised there
            self.pending_error = error
            return STATUS_ERROR
        return self.give_back(result, site.result, out_address)

    def on_interrupted(self) -> None:
        """A signal handler raised while a compiled loop ran (Ctrl-C): that loop unwinds."""
        self.pending_error = KeyboardInterrupt()

    def on_unwind(self, site_id: int) -> None:
        unit, code, pc, _ = self.sites[site_id]
        error = self.pending_error
        if isinstance(error, EvaRuntimeError):
            error.trace.append(TraceEntry(code.name, code.position(pc)))

    # -- the interpreter's side of an entry ------------------------------------------------

    def take(self, signal: JitSignal):
        """The value or error behind a signal an entry returned."""
        if signal is PENDING:
            value, self.pending_value = self.pending_value, None
            return value
        if signal is RESUME:
            resume, self.pending_resume = self.pending_resume, None
            return resume
        if signal is ERROR:
            error, self.pending_error = self.pending_error, None
            if isinstance(error, RecursionError):
                raise EvaRuntimeError("stack overflow: host recursion limit reached") from None
            if isinstance(error, EvaRuntimeError):
                raise error
            if isinstance(error, (KeyboardInterrupt, EvaInternalError)):
                raise error
            raise EvaInternalError(f"error in a JIT callback: {error!r}") from error
        return NOT_ENTERED  # NOT_ENTERED or DECLINED: the caller interprets

    def native_depth(self) -> int:
        return self.depth.value


def object_symbols() -> dict:
    """Symbols for the Python objects entries compare against or return, by address (a
    CPython object's id is its address). Naming them keeps the IR text free of addresses."""
    objects = {"not_entered": NOT_ENTERED, "declined": DECLINED, "pending": PENDING,
               "error": ERROR, "resume": RESUME, "undef": UNDEF, "int_type": int,
               "float_type": float, "bool_type": bool, "true": True, "false": False, "none": None}
    return {f"obj_{name}": id(value) for name, value in objects.items()}


assert sys.implementation.name == "cpython", "the JIT tier embeds CPython object layouts"
