"""The bytecode interpreter: the baseline tier.

`Interpreter.execute` is the hot loop. It is written for speed, which in CPython 3.11 means:
every value it touches in the loop is a local variable (opcodes included: comparing two
locals is faster than loading a global or an enum member); the most frequent opcodes come
first in the `if` chain; integer and float fast paths are inline and everything else calls
the shared operations in eva/operations.py; quickened instructions (see profile.py) replace
generic ones in place once the operand types are known.

Calls do not recurse in Python: a call pushes a `Frame` and switches the loop's locals to it,
so Eva recursion depth is bounded by `max_depth`, never by the host stack.
"""

from __future__ import annotations

from eva import operations as ops
from eva.errors import EvaRuntimeError, TraceEntry
from eva.interp.frames import Frame
from eva.interp.profile import record, unquicken
from eva.objects import UNDEF, Cell, Class, Function, Instance, List, Native, String, equal
from eva.opcodes import Op


class Interpreter:
    def __init__(self, vm):
        self.vm = vm
        self.heap = vm.heap
        self.frames: list[Frame] = []
        self.max_depth = vm.options.max_depth
        self.heap.add_root_source(self.roots)

    def roots(self):
        """Every value the interpreter's frames hold (functions, locals, operands)."""
        for frame in self.frames:
            yield frame.function
            yield from frame.stack
            if frame.construct is not None:
                yield frame.construct

    def call(self, function, args: list):
        """Run an Eva function (or the script) to completion and return its result."""
        if type(function) is Native:
            return self.call_native(function, args)
        if type(function) is not Function:
            raise ops.call_error(function)
        code = function.code
        if code.arity != len(args):
            raise ops.arity_error(f"{code.name}", code.arity, len(args))
        base = len(self.frames)
        if base >= self.max_depth:
            raise EvaRuntimeError(f"stack overflow: more than {self.max_depth} nested calls")
        stack = [function, *args]
        stack += code.blank_slots
        self.frames.append(Frame(function, code, stack))
        return self.execute(base)

    @staticmethod
    def call_native(native: Native, args: list):
        if native.arity is not None and native.arity != len(args):
            raise ops.arity_error(native.name, native.arity, len(args))
        return native.fn(*args)

    def trace(self, base: int) -> list[TraceEntry]:
        """The Eva stack trace of frames above `base`, innermost first."""
        entries = []
        for frame in reversed(self.frames[base:]):
            entries.append(TraceEntry(frame.code.name, frame.code.position(frame.pc - 1)))
        return entries

    def execute(self, base: int):
        """Run until the frame at depth `base` returns; its result is returned."""
        frames = self.frames
        frame = frames[-1]
        try:
            return self.loop(frames, frame, base)
        except EvaRuntimeError as error:
            if not error.trace:
                error.trace = self.trace(base)
            del frames[base:]
            raise
        except RecursionError:
            # Only reachable through nested host calls (natives, the JIT calling back in).
            error = EvaRuntimeError("stack overflow: host recursion limit reached")
            error.trace = self.trace(base)
            del frames[base:]
            raise error from None

    def loop(self, frames: list, frame: Frame, base: int):
        """The dispatch loop. On error, `frame.pc` is saved so the trace shows the position."""
        alloc = self.heap.alloc
        max_depth = self.max_depth
        code = frame.code
        insns = code.insns
        stack = frame.stack
        cells = frame.function.cells
        pc = frame.pc
        # opcodes as locals (see module docstring)
        GET_LOCAL = Op.GET_LOCAL; CONST = Op.CONST; SET_LOCAL = Op.SET_LOCAL; POP = Op.POP
        ADD_INT = Op.ADD_INT; SUB_INT = Op.SUB_INT; LT_INT = Op.LT_INT; JUMP_IF_FALSE = Op.JUMP_IF_FALSE
        GET_GLOBAL = Op.GET_GLOBAL; CALL = Op.CALL; RETURN = Op.RETURN; LOOP = Op.LOOP
        JUMP = Op.JUMP; MUL_INT = Op.MUL_INT; ADD_FLOAT = Op.ADD_FLOAT; SUB_FLOAT = Op.SUB_FLOAT
        MUL_FLOAT = Op.MUL_FLOAT; LT_FLOAT = Op.LT_FLOAT; GT_INT = Op.GT_INT; GT_FLOAT = Op.GT_FLOAT
        LE_INT = Op.LE_INT; GE_INT = Op.GE_INT; EQ_INT = Op.EQ_INT; GET_PROP = Op.GET_PROP
        SET_PROP = Op.SET_PROP; GET_FREE = Op.GET_FREE; SET_FREE = Op.SET_FREE
        GET_CELL = Op.GET_CELL; SET_CELL = Op.SET_CELL; DECLARE_LOCAL = Op.DECLARE_LOCAL
        GET_LOCAL_CHECKED = Op.GET_LOCAL_CHECKED; SET_LOCAL_CHECKED = Op.SET_LOCAL_CHECKED
        ADD = Op.ADD; SUB = Op.SUB; MUL = Op.MUL; DIV = Op.DIV; MOD = Op.MOD; LT = Op.LT; GT = Op.GT
        LE = Op.LE; GE = Op.GE; EQ = Op.EQ; NE = Op.NE; NOT = Op.NOT; NEG = Op.NEG
        GET_INDEX = Op.GET_INDEX; SET_INDEX = Op.SET_INDEX; SET_GLOBAL = Op.SET_GLOBAL
        DEFINE_GLOBAL = Op.DEFINE_GLOBAL; JUMP_IF_FALSE_KEEP = Op.JUMP_IF_FALSE_KEEP
        JUMP_IF_TRUE_KEEP = Op.JUMP_IF_TRUE_KEEP; DUP = Op.DUP; DUP2 = Op.DUP2
        MAKE_FUNCTION = Op.MAKE_FUNCTION; MAKE_CELL = Op.MAKE_CELL; CLEAR_LOCAL = Op.CLEAR_LOCAL
        BOX_ARG = Op.BOX_ARG; DECLARE_CELL = Op.DECLARE_CELL; LOAD_CELL = Op.LOAD_CELL
        LOAD_FREE = Op.LOAD_FREE; MAKE_LIST = Op.MAKE_LIST; NEW = Op.NEW; MAKE_CLASS = Op.MAKE_CLASS
        SUPER = Op.SUPER
        try:
            while True:
                op, arg = insns[pc]
                pc += 1
                if op == GET_LOCAL:
                    stack.append(stack[arg])
                elif op == CONST:
                    stack.append(arg)
                elif op == ADD_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a + b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == SET_LOCAL:
                    stack[arg] = stack[-1]
                elif op == POP:
                    stack.pop()
                elif op == JUMP_IF_FALSE:
                    value = stack.pop()
                    if value is False or value is None:
                        pc = arg
                elif op == LT_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a < b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == SUB_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a - b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == LOOP:
                    pc = arg
                elif op == GET_GLOBAL:
                    value = arg.value
                    if value is UNDEF:
                        raise EvaRuntimeError(f"undefined variable '{arg.name}'")
                    stack.append(value)
                elif op == CALL:
                    callee = stack[-arg - 1]
                    if type(callee) is Function:
                        callee_code = callee.code
                        if callee_code.arity != arg:
                            raise ops.arity_error(callee_code.name, callee_code.arity, arg)
                        if len(frames) >= max_depth:
                            raise EvaRuntimeError(
                                f"stack overflow: more than {max_depth} nested calls")
                        callee_code.calls += 1
                        frame.pc = pc
                        new_stack = stack[-arg - 1:]
                        del stack[-arg - 1:]
                        new_stack += callee_code.blank_slots
                        frame = Frame(callee, callee_code, new_stack)
                        frames.append(frame)
                        stack = new_stack
                        code = callee_code
                        insns = code.insns
                        cells = callee.cells
                        pc = 0
                    elif type(callee) is Native:
                        args = stack[len(stack) - arg:]
                        result = self.call_native(callee, args)
                        del stack[-arg - 1:]
                        stack.append(result)
                    else:
                        raise ops.call_error(callee)
                elif op == RETURN:
                    result = stack[-1]
                    if frame.construct is not None:
                        result = frame.construct
                    frames.pop()
                    if len(frames) == base:
                        return result
                    frame = frames[-1]
                    stack = frame.stack
                    code = frame.code
                    insns = code.insns
                    cells = frame.function.cells
                    pc = frame.pc
                    stack.append(result)
                elif op == JUMP:
                    pc = arg
                elif op == MUL_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a * b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == ADD_FLOAT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is float and type(b) is float:
                        stack[-1] = a + b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == SUB_FLOAT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is float and type(b) is float:
                        stack[-1] = a - b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == MUL_FLOAT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is float and type(b) is float:
                        stack[-1] = a * b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == LT_FLOAT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is float and type(b) is float:
                        stack[-1] = a < b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == GT_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a > b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == GT_FLOAT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is float and type(b) is float:
                        stack[-1] = a > b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == LE_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a <= b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == GE_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a >= b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == EQ_INT:
                    b = stack.pop()
                    a = stack[-1]
                    if type(a) is int and type(b) is int:
                        stack[-1] = a == b
                    else:
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                elif op == GET_PROP:
                    obj = stack[-1]
                    if type(obj) is Instance:
                        value = obj.fields.get(arg, UNDEF)
                        if value is UNDEF:
                            value = ops.get_property(obj, arg)
                        stack[-1] = value
                    else:
                        record(code, pc - 1, obj)
                        stack[-1] = ops.get_property(obj, arg)
                elif op == SET_PROP:
                    value = stack.pop()
                    obj = stack[-1]
                    if type(obj) is Instance:
                        obj.fields[arg] = value
                    else:
                        record(code, pc - 1, obj)
                        ops.set_property(obj, arg, value)
                    stack[-1] = value
                elif op == GET_FREE:
                    value = cells[arg].value
                    if value is UNDEF:
                        raise self.undeclared(code.free_names[arg])
                    stack.append(value)
                elif op == SET_FREE:
                    cell = cells[arg]
                    if cell.value is UNDEF:
                        raise self.undeclared(code.free_names[arg])
                    cell.value = stack[-1]
                elif op == GET_CELL:
                    value = stack[arg].value
                    if value is UNDEF:
                        raise self.undeclared(code.slot_names[arg])
                    stack.append(value)
                elif op == SET_CELL:
                    cell = stack[arg]
                    if cell.value is UNDEF:
                        raise self.undeclared(code.slot_names[arg])
                    cell.value = stack[-1]
                elif op == DECLARE_LOCAL:
                    stack[arg] = stack[-1]
                elif op == GET_LOCAL_CHECKED:
                    value = stack[arg]
                    if value is UNDEF:
                        raise self.undeclared(code.slot_names[arg])
                    stack.append(value)
                elif op == SET_LOCAL_CHECKED:
                    if stack[arg] is UNDEF:
                        raise self.undeclared(code.slot_names[arg])
                    stack[arg] = stack[-1]
                elif op == ADD or op == SUB or op == MUL or op == DIV or op == MOD:
                    b = stack[-1]
                    a = stack[-2]
                    record(code, pc - 1, a, b)
                    if op == ADD:
                        result = ops.add(a, b, alloc)
                    elif op == SUB:
                        result = ops.subtract(a, b)
                    elif op == MUL:
                        result = ops.multiply(a, b)
                    elif op == DIV:
                        result = ops.divide(a, b)
                    else:
                        result = ops.modulo(a, b)
                    del stack[-1]
                    stack[-1] = result
                elif op == LT or op == GT or op == LE or op == GE:
                    b = stack.pop()
                    a = stack[-1]
                    record(code, pc - 1, a, b)
                    stack[-1] = ops.compare(COMPARISONS[op], a, b)
                elif op == EQ:
                    b = stack.pop()
                    a = stack[-1]
                    record(code, pc - 1, a, b)
                    stack[-1] = equal(a, b)
                elif op == NE:
                    b = stack.pop()
                    a = stack[-1]
                    record(code, pc - 1, a, b)
                    stack[-1] = not equal(a, b)
                elif op == NOT:
                    value = stack[-1]
                    stack[-1] = value is False or value is None
                elif op == NEG:
                    record(code, pc - 1, stack[-1])
                    stack[-1] = ops.negate(stack[-1])
                elif op == GET_INDEX:
                    obj = stack[-2]
                    index = stack[-1]
                    if type(obj) is List and type(index) is int and 0 <= index < len(obj.items):
                        value = obj.items[index]
                    else:
                        value = ops.get_index(obj, index, alloc)
                    del stack[-1]
                    stack[-1] = value
                elif op == SET_INDEX:
                    value = stack.pop()
                    index = stack.pop()
                    obj = stack[-1]
                    if type(obj) is List and type(index) is int and 0 <= index < len(obj.items):
                        obj.items[index] = value
                    else:
                        ops.set_index(obj, index, value)
                    stack[-1] = value
                elif op == SET_GLOBAL:
                    if arg.value is UNDEF:
                        raise EvaRuntimeError(f"undefined variable '{arg.name}'")
                    arg.value = stack[-1]
                    arg.version += 1
                elif op == DEFINE_GLOBAL:
                    if arg.value is not UNDEF:
                        arg.version += 1
                    arg.value = stack[-1]
                elif op == JUMP_IF_FALSE_KEEP:
                    value = stack[-1]
                    if value is False or value is None:
                        pc = arg
                    else:
                        stack.pop()
                elif op == JUMP_IF_TRUE_KEEP:
                    value = stack[-1]
                    if value is False or value is None:
                        stack.pop()
                    else:
                        pc = arg
                elif op == DUP:
                    stack.append(stack[-1])
                elif op == DUP2:
                    stack += stack[-2:]
                elif op == MAKE_FUNCTION:
                    function_code, ncells = arg
                    if ncells:
                        captured = tuple(stack[-ncells:])
                        del stack[-ncells:]
                    else:
                        captured = ()
                    stack.append(alloc(Function(function_code, captured, function_code.name)))
                elif op == MAKE_CELL:
                    stack[arg] = alloc(Cell())
                elif op == CLEAR_LOCAL:
                    stack[arg] = UNDEF
                elif op == BOX_ARG:
                    stack[arg] = alloc(Cell(stack[arg]))
                elif op == DECLARE_CELL:
                    stack[arg].value = stack[-1]
                elif op == LOAD_CELL:
                    stack.append(stack[arg])
                elif op == LOAD_FREE:
                    stack.append(cells[arg])
                elif op == MAKE_LIST:
                    items = stack[len(stack) - arg:]
                    value = alloc(List(items))
                    del stack[len(stack) - arg:]
                    stack.append(value)
                elif op == NEW:
                    cls = stack[-arg - 1]
                    if type(cls) is not Class:
                        raise EvaRuntimeError(
                            f"type error: new needs a class, got {ops.type_name(cls)}")
                    instance = alloc(Instance(cls))
                    constructor = cls.lookup("constructor")
                    if constructor is UNDEF:
                        if arg:
                            raise ops.arity_error(f"{cls.name} (no constructor)", 0, arg)
                        stack[-1] = instance
                        continue
                    if type(constructor) is not Function:
                        raise ops.call_error(constructor)
                    callee_code = constructor.code
                    if callee_code.arity != arg + 1:
                        raise ops.arity_error(f"{cls.name} constructor", callee_code.arity - 1, arg)
                    if len(frames) >= max_depth:
                        raise EvaRuntimeError(f"stack overflow: more than {max_depth} nested calls")
                    callee_code.calls += 1
                    frame.pc = pc
                    new_stack = [constructor, instance, *stack[len(stack) - arg:]]
                    del stack[-arg - 1:]
                    new_stack += callee_code.blank_slots
                    frame = Frame(constructor, callee_code, new_stack, instance)
                    frames.append(frame)
                    stack = new_stack
                    code = callee_code
                    insns = code.insns
                    cells = constructor.cells
                    pc = 0
                elif op == MAKE_CLASS:
                    name, count = arg
                    methods = stack[len(stack) - count:]
                    cls = ops.make_class(name, stack[-count - 1], methods, alloc)
                    del stack[-count - 1:]
                    stack.append(cls)
                elif op == SUPER:
                    stack[-1] = ops.superclass(stack[-1])
                else:
                    raise AssertionError(f"the interpreter has no case for {Op(op).name}")
        except BaseException:
            frame.pc = pc
            raise

    @staticmethod
    def undeclared(name: str) -> EvaRuntimeError:
        return EvaRuntimeError(f"undefined variable '{name}' (used before its declaration)")


COMPARISONS = {Op.LT: "<", Op.GT: ">", Op.LE: "<=", Op.GE: ">="}
