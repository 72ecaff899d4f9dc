"""The runtime native code calls back into, and the entry objects the interpreter calls.

Native code never touches a Python object except in its entry builtin (unboxing arguments,
boxing the result). Everything else that needs Python goes through the runtime's Python
functions below, which native code calls with PyObject_Vectorcall (lowering.Lowerer.
call_runtime; the GIL is held throughout, the entry being a METH_FASTCALL builtin):

    rt_deopt(point, words, out)   a guard failed: rebuild the frame and finish it in the
                                  interpreter; the result comes back unboxed in *out when its
                                  type is the unit's (STATUS_OK), else boxed (STATUS_BOXED).
                                  For an OSR unit the frame is the interpreter's own, still
                                  live: the rebuilt stack and pc are handed back
                                  (STATUS_RESUME) for the interpreter to continue in place.
    rt_unwound(error, first)      an error leaves an entry: add the compiled frames it passed
                                  through to its Eva stack trace, and raise it again

and the operations on boxed values (`operations`): property reads and writes, `new`, calls of
any value, lists, strings, cells, closures and classes, each a plain function of objects
that native code calls with PyObject_Vectorcall (lowering.Lowerer.call_object) and that
returns a new reference, with the interpreter's semantics and error messages (they call
operations.py, as the interpreter does).

Errors are Python exceptions all the way: a runtime function that raises (an Eva error, a
KeyboardInterrupt arriving as it starts) returns NULL to native code, which returns
STATUS_ERROR (abi.py) with the exception still set, frame by frame, each noting its call site in `unwind_sites`
(C memory: no Python may run while an exception is set), until the entry hands the exception
to rt_unwound and returns NULL, so the interpreter sees it raised by the call.

Shared counters live in C memory that native code reads and writes directly:
`eva_depth` (compiled frames active), `eva_limit` (the depth at which compiled code must
stop: it deopts, and the interpreter raises `stack overflow`; -1 after Ctrl-C, interrupts.py),
`eva_entries` (nested Python-to-native entries, bounded to protect the C stack),
`eva_deopt_countdown` and `eva_deopt_forced` (`--deopt-every`: 1 when the last guard checked
was failed by it while its condition held) and the unwind list.
"""

from __future__ import annotations

import ctypes

from eva import operations as ops
from eva.errors import EvaInternalError, EvaRuntimeError, TraceEntry
from eva.objects import UNDEF, Cell, Function, Instance, List, Native, String, equal
from eva.jit.resume import DeoptPoint, unbox
from eva.jit import interrupts, support
from eva.jit.abi import MAX_UNWIND_SITES, ROOTS_CAPACITY, STATUS_BOXED, STATUS_OK, STATUS_RESUME
from eva.jit.signals import DECLINED, NOT_ENTERED, PENDING, RESUME, JitSignal
from eva.jit.types import BOXED, type_of

C_API = ("Py_IncRef", "PyLong_AsLongLongAndOverflow", "PyLong_FromLongLong",
         "PyFloat_FromDouble", "PyErr_CheckSignals", "PyObject_Vectorcall", "PyDict_GetItem",
         "PyList_Append", "_Py_Dealloc", "PyUnicode_Compare")
"""The C-API functions units call (through slots, like the runtime's functions); the shared
code calls more (support.C_API)."""


class PyMethodDef(ctypes.Structure):
    _fields_ = [("ml_name", ctypes.c_char_p), ("ml_meth", ctypes.c_void_p),
                ("ml_flags", ctypes.c_int), ("ml_doc", ctypes.c_char_p)]


METH_FASTCALL = 0x80
_new_builtin = ctypes.pythonapi.PyCFunction_NewEx
_new_builtin.restype = ctypes.py_object
_new_builtin.argtypes = [ctypes.POINTER(PyMethodDef), ctypes.py_object, ctypes.py_object]


def make_builtin(name: str, address: int):
    """A Python callable for a native METH_FASTCALL function (about as cheap as a builtin).
    Its `self` is its own definition: the definition must outlive the builtin (freeing a
    builtin reads it), and so it does."""
    definition = PyMethodDef(name.encode(), address, METH_FASTCALL, None)
    return _new_builtin(ctypes.byref(definition), definition, None)


class Runtime:
    """The Python side of compiled code for one JIT: shared counters, the registries of
    deopt points and call sites, the functions native code calls, and what is pending
    between them."""

    def __init__(self, jit):
        self.jit = jit
        self.interpreter = jit.vm.interpreter
        self.depth = ctypes.c_int64(0)
        self.limit = interrupts.limit_word(self)
        self.entries = ctypes.c_int64(0)
        self.countdown = ctypes.c_int64(max(1, jit.options.deopt_every))
        self.forced = ctypes.c_int64(0)
        self.unwind_count = ctypes.c_int64(0)
        self.unwind_sites = (ctypes.c_int64 * MAX_UNWIND_SITES)()
        self.roots_area = (ctypes.c_size_t * ROOTS_CAPACITY)()  # native frames' boxed values
        self.roots_top = ctypes.c_int64(0)
        self.deopt_points: dict[int, tuple[DeoptPoint, object]] = {}  # id -> (point, unit)
        self.sites: dict[int, tuple] = {}  # id -> (unit, code, pc, CallSite or None)
        self.next_id = 0  # of deopt points and sites, never reused: ids are in machine code
        self.pending_value = None
        self.pending_resume: tuple | None = None
        # what native code calls (bound methods made once: their addresses go in slots)
        self.functions = {"rt_deopt": self.rt_deopt,
                          "rt_unwound": self.rt_unwound, **operations(self.interpreter, self.depth)}
        jit.vm.heap.add_root_source(self.roots)

    def roots(self):
        """The JIT's GC roots: every boxed value of a running native frame (their root
        areas on the shadow stack, lowering.py "Boxed values"), and the values in transit
        through the runtime: a boxed result waiting for its caller, and a deoptimized OSR
        frame waiting to be resumed."""
        area = self.roots_area
        for address in area[:self.roots_top.value]:
            if address:
                yield ctypes.cast(address, ctypes.py_object).value
        for unit in self.jit.units:  # (a function a unit refers to, if its global is rebound;
            yield unit.function       # the function a deopt rebuilds a frame of)
            yield from unit.constants
        if self.pending_value is not None:
            yield self.pending_value
        if self.pending_resume is not None:
            yield from self.pending_resume[0]

    def symbols(self) -> dict:
        """Name -> address of the runtime's counters, functions and objects and of the C-API
        functions, for the slots of compiled code (lowering.Lowerer.slot)."""
        address = ctypes.addressof
        table = {"eva_depth": address(self.depth), "eva_limit": address(self.limit),
                 "eva_entries": address(self.entries), "eva_deopt_countdown": address(self.countdown),
                 "eva_deopt_forced": address(self.forced),
                 "eva_unwind_count": address(self.unwind_count),
                 "eva_unwind_sites": address(self.unwind_sites),
                 "eva_interrupt": address(interrupts.flag),
                 "eva_roots": address(self.roots_area), "eva_roots_top": address(self.roots_top)}
        for name in C_API:
            table[name] = support.c_api(name)
        table.update(object_symbols())
        table.update({f"obj_{name}": id(function) for name, function in self.functions.items()})
        return table

    # -- registries the lowering fills -------------------------------------------------------

    def new_deopt_point(self, unit, pc, reason, slots, stack, where) -> DeoptPoint:
        point = DeoptPoint(self.new_id(unit), pc, reason, slots, stack, where)
        self.deopt_points[point.id] = (point, unit)
        self.jit.stats.points_made[point.id] = reason  # kept when the unit is released
        return point

    def new_site(self, unit, code, pc, site) -> int:
        site_id = self.new_id(unit)
        self.sites[site_id] = (unit, code, pc, site)
        return site_id

    def new_id(self, unit) -> int:
        unit.runtime_ids.append(self.next_id)
        self.next_id += 1
        return self.next_id - 1

    def forget(self, unit) -> None:
        """Drop a released unit's deopt points and call sites."""
        for number in unit.runtime_ids:
            self.deopt_points.pop(number, None)
            self.sites.pop(number, None)
        unit.runtime_ids = []

    # -- what native code calls --------------------------------------------------------------

    def rt_deopt(self, point_id: int, words_address: int, out_address: int) -> int:
        point, unit = self.deopt_points[point_id]
        interrupted = interrupts.flag.value and point.reason == "stack depth"
        if interrupted:  # the limit was the signal handler's, not the program's
            interrupts.flag.value = 0
        words = list((ctypes.c_uint64 * point.buffer_size).from_address(words_address))
        pending, self.pending_value = self.pending_value, None
        stack = point.rebuild(unit.function, words, pending)
        self.jit.note_deopt(unit, point, words, "interrupt" if interrupted else point.reason,
                            self.forcing(point))
        if unit.entry_pc:
            self.pending_resume = (stack, point.pc)
            return STATUS_RESUME
        result = self.interpreter.resume(unit.function, unit.code, stack, point.pc)
        return self.give_back(result, unit.return_type, out_address)

    def forcing(self, point) -> str | None:
        """The option that made `point`'s guard fail although its condition held
        (`--deopt-every`, `--fail-guard`), or None for a genuine failure."""
        if self.forced.value:
            self.forced.value = 0
            return "--deopt-every"
        if point.id == self.jit.options.fail_guard:
            return "--fail-guard"
        return None

    def give_back(self, result, expected, out_address: int) -> int:
        """Hand a result to native code: unboxed when it has the type the caller compiled
        for (STATUS_OK), else kept boxed for the caller to deoptimize with (STATUS_BOXED)."""
        if expected is BOXED:  # a new reference for native code
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
            ctypes.c_uint64.from_address(out_address).value = id(result)
            return STATUS_OK
        if type_of(result) is expected:
            if expected.stored:
                ctypes.c_uint64.from_address(out_address).value = unbox(result, expected)
            return STATUS_OK
        self.pending_value = result
        return STATUS_BOXED

    def rt_unwound(self, error, first: int):
        """An error leaves an entry: the compiled frames it passed through, innermost first,
        join its Eva stack trace, and it is raised again (a host error as what it means to
        Eva: a RecursionError is a stack overflow, anything else an internal error)."""
        sites = self.unwind_sites[first:self.unwind_count.value]
        self.unwind_count.value = first
        if isinstance(error, KeyboardInterrupt):
            interrupts.flag.value = 0
        if isinstance(error, (EvaRuntimeError, KeyboardInterrupt, EvaInternalError)):
            if isinstance(error, EvaRuntimeError):
                for site in sites:
                    _, code, pc, _ = self.sites[site]
                    error.trace.append(TraceEntry(code.name, code.position(pc)))
            try:
                raise error
            finally:  # (else this frame, in the error's traceback, keeps the error: a
                del error  # cycle that holds every value of the frames it passed through)
        if isinstance(error, RecursionError):
            raise EvaRuntimeError("stack overflow: host recursion limit reached") from None
        raise EvaInternalError(f"error in a JIT callback: {error!r}") from error

    # -- the interpreter's side of an entry ------------------------------------------------

    def take(self, signal: JitSignal):
        """The value behind a signal an entry returned."""
        if signal is PENDING:
            value, self.pending_value = self.pending_value, None
            return value
        if signal is RESUME:
            resume, self.pending_resume = self.pending_resume, None
            return resume
        return NOT_ENTERED  # NOT_ENTERED or DECLINED: the caller interprets

    def native_depth(self) -> int:
        return self.depth.value


def object_symbols() -> dict:
    """Symbols for the Python objects entries compare against or return, by address (a
    CPython object's id is its address). Naming them keeps the IR text free of addresses."""
    objects = {"not_entered": NOT_ENTERED, "declined": DECLINED, "pending": PENDING,
               "resume": RESUME, "undef": UNDEF, "int_type": int,
               "float_type": float, "bool_type": bool, "true": True, "false": False, "none": None,
               "instance_type": Instance, "list_type": List, "host_list_type": list,
               "function_type": Function,
               "string_type": String, "host_str_type": str}
    return {f"obj_{name}": id(value) for name, value in objects.items()}



def operations(interpreter, native_depth=None) -> dict:
    """The runtime functions of the operations on boxed values (the module docstring), by
    name, for one interpreter whose compiled frames `native_depth` counts (a c_int64): plain
    functions (a bound method costs an extra call)."""
    alloc = interpreter.heap.alloc
    frames = interpreter.frames
    jit = interpreter.vm.jit

    def call(function, args: list):
        """Call any value as the interpreter does; a function with native code is entered
        directly (the interpreter's `call` first counts the call toward tier-up and checks
        what native code checks again: a third of `new`'s time in the objects benchmark)."""
        kind = type(function)
        if kind is Native:
            return interpreter.call_native(function, args)
        if kind is Function:
            code = function.code
            native = code.native
            if native is not None and code.arity == len(args):
                # the frames this one may push: Interpreter.depth_limit, without its calls
                budget = interpreter.max_depth - interpreter.hidden - native_depth.value - \
                    len(frames)
                result = native(budget, function, *args)
                if type(result) is not JitSignal:
                    return result
                result = interpreter.vm.jit.settle(result, code)
                if result is not NOT_ENTERED:
                    return result
        return interpreter.call(function, args)

    def rt_get_prop(site, obj):
        return ops.get_property_at(obj, site)

    def rt_set_prop(site, obj, value):
        return ops.set_property_at(obj, site, value)

    def rt_new(cls, *args):
        constructor = ops.constructor_of(cls, len(args))
        instance = alloc(Instance(cls))
        if constructor is not None:
            call(constructor, [instance, *args])
        return instance

    def rt_call_value(callee, *args):
        if type(callee) is Native and (callee.arity is None or callee.arity == len(args)):
            return callee.fn(*args)  # push, str, len...: what `call` would end in, at once
        return call(callee, list(args))

    def rt_call_cached(cache, callee, *args):
        """A call site's cache missed (callcache.CallCache): call the value, offering a function
        native code calls to the JIT (tierup.Jit.called_by_native_code), and cache the
        entry the function has after the call."""
        if type(callee) is not Function:
            return rt_call_value(callee, *args)
        code = callee.code
        if code.native is None:
            jit.called_by_native_code(callee, args)
        result = call(callee, list(args))
        cache.fill(code, jit.entry_unit(code))
        return result

    def rt_after_entry(signal, cache, callee, *args):
        """A call entry returned a signal instead of a value: the callee deoptimized and its
        result was of another type than its unit's (PENDING: that result), or the call entry
        refused the call (its arguments' types, an invalidated unit: the call is made the
        ordinary way)."""
        result = jit.settle(signal, callee.code)
        if result is not NOT_ENTERED:
            return result
        return rt_call_cached(cache, callee, *args)

    def rt_make_function(code, *cells):
        return alloc(Function(code, cells, code.name))

    def rt_make_class(name, parent, *methods):
        return ops.make_class(name, parent, methods, alloc)

    def rt_get_index(obj, index):
        if type(obj) is List and type(index) is int and 0 <= index < len(obj.items):
            return obj.items[index]
        return ops.get_index(obj, index, alloc)

    def rt_set_index(obj, index, value):
        if type(obj) is List and type(index) is int and 0 <= index < len(obj.items):
            obj.items[index] = value
            return value
        return ops.set_index(obj, index, value)

    def rt_get_cell(name, cell):
        value = cell.value
        if value is UNDEF:
            raise ops.undeclared_variable(name)
        return value

    def rt_set_cell(name, cell, value):
        if cell.value is UNDEF:
            raise ops.undeclared_variable(name)
        cell.value = value

    def rt_add(a, b):
        return ops.add(a, b, alloc)

    def rt_not_equal(a, b):
        return not equal(a, b)

    table = {
        "rt_get_prop": rt_get_prop, "rt_set_prop": rt_set_prop, "rt_new": rt_new,
        "rt_call_value": rt_call_value, "rt_call_cached": rt_call_cached,
        "rt_after_entry": rt_after_entry, "rt_make_function": rt_make_function,
        "rt_make_class": rt_make_class, "rt_super": ops.superclass,
        "rt_make_list": lambda *items: alloc(List(list(items))),
        "rt_get_index": rt_get_index, "rt_set_index": rt_set_index,
        "rt_make_cell": lambda: alloc(Cell()), "rt_box_arg": lambda value: alloc(Cell(value)),
        "rt_get_cell": rt_get_cell, "rt_set_cell": rt_set_cell,
        "rt_add": rt_add, "rt_subtract": ops.subtract, "rt_multiply": ops.multiply,
        "rt_divide": ops.divide, "rt_modulo": ops.modulo, "rt_negate": ops.negate,
        "rt_less": lambda a, b: ops.compare("<", a, b),
        "rt_greater": lambda a, b: ops.compare(">", a, b),
        "rt_less_equal": lambda a, b: ops.compare("<=", a, b),
        "rt_greater_equal": lambda a, b: ops.compare(">=", a, b),
        "rt_equal": equal, "rt_not_equal": rt_not_equal,
    }
    return table
