"""The JIT's rules: what each opcode means to compiled code, one entry per opcode.

Every opcode of the table (eva/opcodes.py) has one `Rule` in `RULES`, and that entry is the
only place that says, for the JIT:
- its typing: the kinds (types.py) it gives its results from the kinds of its operands and
  the frame, or that it is not compiled and why;
- its guards: the assumptions native code checks when it runs it (integer overflow, division
  by zero, a global's type, ...), each failing one a deoptimization;
- its sign fact (signs.py): whether a result it pushes is known never to be negative;
- its lowering: the `Lowerer` method that builds its LLVM IR, per operand kinds;
or that the JIT refuses it, with the reason (only the quickened forms, which the JIT never
reads).

The stages are drivers that consult the entry: analysis.py runs the typing over a function's
paths, signs.py the sign facts, lowering.py the lowerings, and `eva ir --stage types`
(dump.py) prints each instruction's kinds and guards. Before, each stage had an if-chain of
its own, with a fallback of its own: the analysis refused an opcode it did not know (good),
but the sign analysis left every fact as it was, so a unary opcode added to the analysis
and the lowering would have kept the stale "non-negative" fact of its operand for its result,
and made a `%` after it a wrong `urem`. Here a rule without a sign fact gives UNKNOWN results,
an opcode without a rule fails tests/test_rules.py, and a lowering that names no method fails
when lowering.py is imported.

Two shapes of rule, registered with decorators in the opcode table's order below:
- an `operation` (arithmetic, comparisons, `not`) pops its operands and pushes one result that
  depends on their kinds alone: `fn(kinds...) -> (result kind, guards)`, or None when it does
  not apply to those kinds; its sign fact is `fn(operand facts, operand kinds) -> bool`;
- any other instruction (constants, locals, globals, jumps, calls) works on the whole state:
  its typing is `fn(analyzer, arg, slots, stack)`, which updates the lists `slots` and `stack`
  and returns None to go on to the next instruction, or the successors as (pc, stack) pairs;
  its sign fact is `fn(typed, pc, arg, slots, stack)` on the set of slots and the list of
  stack entries known non-negative, returning None or (pc, slots, stack) triples likewise;
  its guards, `fn(typed, pc, arg) -> guards`.

The lowerings live in lowering.py, the only module of the JIT that builds IR and imports
llvmlite.ir (which a program whose code the JIT refuses never pays for, backend.py): a rule
names the method, and the parameters it takes (the LLVM operation, the predicate), so this
table stays the one place that maps an opcode to its meaning.
"""

from __future__ import annotations

from eva.jit.types import BOOL, BOXED, FLOAT, INT, NULL, UNDEF_T, Callee, CallSite, type_of
from eva.objects import Function, Native
from eva.opcodes import QUICKENED, Op


class NotCompilable(Exception):
    """The function stays in the interpreter; the message says why."""


class AlwaysDeopts(Exception):
    """Raised by a typing: the instruction is an error on every path that reaches it (a read
    of a variable before its declaration): native code deoptimizes there, the interpreter
    runs it again and raises the error. The message is the deopt's reason."""


# -- the guards: why native code may leave (the reasons of --trace-deopt and --jit-stats) -----

OVERFLOW = "integer overflow"
DIVISION_BY_ZERO = "division by zero"
MODULO_BY_ZERO = "modulo by zero"
INEXACT_DIVISION = "inexact int division"
INEXACT_COMPARISON = "inexact mixed comparison"
INEXACT_TO_FLOAT = "inexact int to float"
NEGATIVE_SQRT = "sqrt of a negative number"
FLOOR_NOT_FINITE = "floor of infinity or NaN"
FLOOR_OUT_OF_RANGE = "floor out of integer range"
GLOBAL_TYPE = "global type"
GLOBAL_TOO_LARGE = "global too large"
GLOBAL_REBOUND = "global rebound"
UNDEFINED_GLOBAL = "undefined global"
WATCHED_GLOBAL = "watched global"
CALL_RESULT_TYPE = "call result type"
UNDECLARED = "undeclared variable"
PROPERTY_TYPE = "property type"

VALUE_GUARDS = {
    OVERFLOW: "the result needs a big integer, which only the interpreter has",
    FLOOR_OUT_OF_RANGE: "the result needs a big integer, which only the interpreter has",
    INEXACT_DIVISION: "an operand is past 2**53, which only the interpreter divides exactly",
    INEXACT_COMPARISON: "an integer past 2**53 meets a float, which only the interpreter "
                        "compares exactly",
    INEXACT_TO_FLOAT: "an integer past 2**53, which only the interpreter converts exactly",
    PROPERTY_TYPE: "the property held a value of another type than its reads had met",
}
"""The guards on a value of the type the unit was compiled for (reason -> why native code
cannot go on). A unit recompiled after one fails has the same types and so the same guard,
which would fail again: an instruction whose value guard failed repeatedly is compiled as a
runtime call on boxed values instead (tierup.VALUE_FAILURES_BEFORE_REFUSING)."""


# -- the registry -----------------------------------------------------------------------------

ANY = "any operand kinds"
"""The key of a lowering that serves all operand kinds (it looks at them itself, or at none)."""
UNKNOWN = False
"""The sign fact of a value not known to be non-negative (True: known >= 0)."""
VALUE_KINDS = (INT, FLOAT, BOOL, NULL)
"""The kinds an operand of an operation may have (analysis refuses the others on the stack)."""
NUMBERS = (INT, FLOAT)


class Rule:
    """What the JIT knows about one opcode (the module docstring says what each part is).

    inputs     operand stack entries the instruction reads, or fn(operand) -> how many (a
               call's callee and its `count` arguments)
    runtime    the runtime function (runtime.py) that does the operation on boxed operands
    runtime_result  the kind of that function's result (BOOL: a Python bool, unboxed)
    refused    why the JIT does not compile the opcode, or None
    operation  an operation's typing: fn(kinds...) -> (result kind, guards) or None
    typing     another instruction's typing: fn(analyzer, arg, slots, stack)
    sign       its sign fact (None: every result UNKNOWN)
    guards     another instruction's guards: fn(typed, pc, arg) (None: no guard)
    lower      operand kinds (or ANY) -> (Lowerer method name, its keyword parameters)
    """

    __slots__ = ("op", "inputs", "refused", "operation", "typing", "sign", "guards", "lower",
                 "runtime", "runtime_result")

    def __init__(self, op: Op):
        self.op = op
        self.inputs = 0
        self.refused = None
        self.operation = None
        self.typing = None
        self.sign = None
        self.guards = None
        self.lower = None
        self.runtime = None
        self.runtime_result = BOXED

    def operand_count(self, arg) -> int:
        return self.inputs(arg) if callable(self.inputs) else self.inputs

    def guards_at(self, typed, pc: int) -> tuple:
        """The guards native code checks when it runs this instruction of `typed`."""
        if pc in typed.always_deopts:  # no guard: it deoptimizes for that reason
            return (typed.always_deopts[pc],)
        if self.operation is not None:
            if pc in typed.runtime_ops:
                return ()
            stack = typed.states[pc].stack
            return self.operation(*stack[len(stack) - self.inputs:])[1]
        if self.guards is None:
            return ()
        return self.guards(typed, pc, typed.code.generic_insns[pc][1])


RULES: dict[Op, Rule] = {}
"""Opcode -> its rule. tests/test_rules.py checks that every opcode has one."""


def rule_of(op: Op) -> Rule:
    rule = RULES.get(op)
    if rule is None:
        rule = RULES[op] = Rule(op)
    return rule


def register(ops, facet: str, value, **settings) -> None:
    """Set one facet of the rules of `ops`; setting one twice is a mistake (a copy of an
    entry that was meant to be edited), so it raises."""
    for op in ops:
        rule = rule_of(op)
        if getattr(rule, facet) is not None:
            raise ValueError(f"the rule of {op.name} has its {facet} already")
        setattr(rule, facet, value)
        for name, setting in settings.items():
            setattr(rule, name, setting)


def operation(*ops: Op, lower: dict, runtime: str, result=BOXED):
    """Register an operation's typing for `ops`, with its lowerings, and the runtime function
    that does it on operands it has no lowering for (giving a `result`). Its operands are the
    function's parameters: `def arithmetic(a, b)` pops two."""
    def decorate(fn):
        register(ops, "operation", fn, inputs=fn.__code__.co_argcount, lower=lower,
                 runtime=runtime, runtime_result=result)
        return fn
    return decorate


def typing(*ops: Op, inputs, lower: dict):
    """Register another instruction's typing for `ops`, with how many operands it reads and
    its lowerings."""
    def decorate(fn):
        register(ops, "typing", fn, inputs=inputs, lower=lower)
        return fn
    return decorate


def sign(*ops: Op):
    """Register the sign fact of `ops` (the shape the module docstring gives for each kind of
    rule)."""
    def decorate(fn):
        register(ops, "sign", fn)
        return fn
    return decorate


def guards(*ops: Op):
    """Register the guards of `ops`, instructions that are not operations."""
    def decorate(fn):
        register(ops, "guards", fn)
        return fn
    return decorate


def refuse(reason: str, *ops: Op) -> None:
    """The JIT does not compile `ops`: a function that runs one stays in the interpreter."""
    register(ops, "refused", reason)


def lowering(method: str, **parameters) -> dict:
    """A lowering for any operand kinds."""
    return {ANY: (method, parameters)}


def by_kinds(*cases) -> dict:
    """Lowerings keyed by operand kinds, from (kinds tuples, method, parameters) cases; a kinds
    tuple in two cases is a mistake."""
    table = {}
    for kinds_list, method, parameters in cases:
        for kinds in kinds_list:
            if kinds in table:
                raise ValueError(f"two lowerings for {kinds}")
            table[kinds] = (method, parameters)
    return table


INTEGERS = ((INT, INT),)
NUMBER_PAIRS = tuple((a, b) for a in NUMBERS for b in NUMBERS)
WITH_FLOAT = tuple(kinds for kinds in NUMBER_PAIRS if FLOAT in kinds)
WITH_NULL = tuple((a, b) for a in VALUE_KINDS + (BOXED,) for b in VALUE_KINDS + (BOXED,)
                  if NULL in (a, b))


def non_negative_constant(value) -> bool:
    return type(value) is int and value >= 0


def branches(t, cond, fall_stack: list, jump_stack: list, target: int,
             jump_when_true: bool = False) -> list:
    """Successors of a conditional jump; a condition of constant truth (a number is true,
    null false) goes one way only, as the lowering does."""
    if cond is BOOL or cond is BOXED:
        return [(t.pc + 1, fall_stack), (target, jump_stack)]
    truthy = cond is not NULL
    return [(target, jump_stack)] if truthy == jump_when_true else [(t.pc + 1, fall_stack)]


# -- constants and the operand stack ----------------------------------------------------------

@typing(Op.CONST, inputs=0, lower=lowering("lower_constant"))
def type_constant(t, arg, slots, stack):
    stack.append(type_of(arg))  # a string, a big integer: a boxed reference to the constant


@sign(Op.CONST)
def constant_sign(typed, pc, arg, slots, stack):
    stack.append(non_negative_constant(arg))


@typing(Op.POP, inputs=1, lower=lowering("lower_pop"))
def type_pop(t, arg, slots, stack):
    stack.pop()


@typing(Op.DUP, inputs=1, lower=lowering("lower_duplicate", count=1))
def type_duplicate(t, arg, slots, stack):
    stack.append(t.value(stack[-1]))


@typing(Op.DUP2, inputs=2, lower=lowering("lower_duplicate", count=2))
def type_duplicate_two(t, arg, slots, stack):
    stack += [t.value(stack[-2]), t.value(stack[-1])]


# -- variables --------------------------------------------------------------------------------

@typing(Op.GET_LOCAL, inputs=0, lower=lowering("lower_local_read"))
@typing(Op.GET_LOCAL_CHECKED, inputs=0, lower=lowering("lower_local_read", checked=True))
def type_local_read(t, arg, slots, stack):
    stack.append(t.read(slots, arg))


@guards(Op.GET_LOCAL_CHECKED, Op.SET_LOCAL_CHECKED)
def checked_local_guards(typed, pc, slot):
    """A variable that may not be declared yet on some path is boxed, and may hold the
    interpreter's marker of an undeclared variable."""
    return (UNDECLARED,) if typed.states[pc].slots[slot] is BOXED else ()


@sign(Op.GET_LOCAL, Op.GET_LOCAL_CHECKED)
def local_read_sign(typed, pc, arg, slots, stack):
    stack.append(arg in slots)


@typing(Op.GET_LOCAL2, inputs=0, lower=lowering("lower_two_local_reads"))
def type_two_local_reads(t, arg, slots, stack):
    stack += [t.read(slots, arg[0]), t.read(slots, arg[1])]


@sign(Op.GET_LOCAL2)
def two_local_reads_sign(typed, pc, arg, slots, stack):
    stack += [arg[0] in slots, arg[1] in slots]


@typing(Op.GET_LOCAL_CONST, inputs=0, lower=lowering("lower_local_and_constant"))
def type_local_and_constant(t, arg, slots, stack):
    stack += [t.read(slots, arg[0]), type_of(arg[1])]


@sign(Op.GET_LOCAL_CONST)
def local_and_constant_sign(typed, pc, arg, slots, stack):
    stack += [arg[0] in slots, non_negative_constant(arg[1])]


@typing(Op.SET_LOCAL, Op.DECLARE_LOCAL, inputs=1, lower=lowering("lower_local_write"))
def type_local_write(t, arg, slots, stack):
    slots[arg] = t.value(stack[-1])


@typing(Op.SET_LOCAL_CHECKED, inputs=1, lower=lowering("lower_local_write", checked=True))
def type_checked_local_write(t, arg, slots, stack):
    t.read(slots, arg)  # the variable must be declared on every path here
    slots[arg] = t.value(stack[-1])


@typing(Op.STORE_LOCAL, inputs=1, lower=lowering("lower_local_store"))
def type_local_store(t, arg, slots, stack):
    slots[arg] = t.value(stack.pop())


@sign(Op.SET_LOCAL, Op.DECLARE_LOCAL, Op.SET_LOCAL_CHECKED)
def local_write_sign(typed, pc, arg, slots, stack):
    if stack[-1]:
        slots.add(arg)
    else:
        slots.discard(arg)


@sign(Op.STORE_LOCAL)
def local_store_sign(typed, pc, arg, slots, stack):
    local_write_sign(typed, pc, arg, slots, stack)
    stack.pop()


@typing(Op.CLEAR_LOCAL, inputs=0, lower=lowering("lower_nothing"))
def type_clear_local(t, arg, slots, stack):
    slots[arg] = UNDEF_T  # reads before the next declaration are refused


# Captured variables: a cell is a boxed object in its slot; the runtime makes, reads and
# writes cells (and raises the interpreter's error for a cell not declared yet).

@typing(Op.MAKE_CELL, inputs=0, lower=lowering("lower_cell_store", runtime="rt_make_cell"))
def type_make_cell(t, slot, slots, stack):
    slots[slot] = BOXED


@typing(Op.BOX_ARG, inputs=0, lower=lowering("lower_cell_store", runtime="rt_box_arg"))
def type_box_arg(t, slot, slots, stack):
    t.read(slots, slot)
    slots[slot] = BOXED


@typing(Op.GET_CELL, inputs=0, lower=lowering("lower_cell_read"))
@typing(Op.GET_FREE, inputs=0, lower=lowering("lower_free_read"))
def type_cell_read(t, arg, slots, stack):
    stack.append(BOXED)


@typing(Op.SET_CELL, inputs=1, lower=lowering("lower_cell_write", checked=True))
@typing(Op.DECLARE_CELL, inputs=1, lower=lowering("lower_cell_write", checked=False))
@typing(Op.SET_FREE, inputs=1, lower=lowering("lower_free_write"))
def type_cell_write(t, arg, slots, stack):
    t.value(stack[-1])


@typing(Op.LOAD_CELL, inputs=0, lower=lowering("lower_local_read"))
def type_load_cell(t, slot, slots, stack):
    stack.append(t.read(slots, slot))


@typing(Op.LOAD_FREE, inputs=0, lower=lowering("lower_free_load"))
def type_load_free(t, index, slots, stack):
    stack.append(BOXED)


@typing(Op.GET_GLOBAL, inputs=0, lower=lowering("lower_global_read"))
def type_global_read(t, cell, slots, stack):
    current = cell.value
    if type(current) in (Function, Native):
        stack.append(Callee(current, cell))  # the unit watches the global (tierup.py)
        t.typed.callees[t.pc] = stack[-1]
        return
    kind = type_of(current)
    if kind is UNDEF_T:
        kind = BOXED  # not defined yet: it may be by the time it is read
    stack.append(kind)  # guarded when read: a later type change deoptimizes
    t.typed.global_kinds[t.pc] = kind


@guards(Op.GET_GLOBAL)
def global_read_guards(typed, pc, cell):
    kind = typed.global_kinds.get(pc)
    if kind is None:  # a function about to be called
        return (GLOBAL_REBOUND,) if typed.rechecks_callees else ()
    if kind is BOXED:
        return (UNDEFINED_GLOBAL,)
    return (GLOBAL_TYPE, GLOBAL_TOO_LARGE) if kind is INT else (GLOBAL_TYPE,)


@typing(Op.SET_GLOBAL, inputs=1, lower=lowering("lower_global_store", define=False))
@typing(Op.DEFINE_GLOBAL, inputs=1, lower=lowering("lower_global_store", define=True))
def type_global_store(t, cell, slots, stack):
    t.value(stack[-1])


@sign(Op.SET_GLOBAL, Op.DEFINE_GLOBAL)
def global_store_sign(typed, pc, arg, slots, stack):
    pass  # the value stays on the stack, as it was


@guards(Op.SET_GLOBAL)
def global_set_guards(typed, pc, cell):
    return (UNDEFINED_GLOBAL, WATCHED_GLOBAL)  # `set` of a global never defined is an error


@guards(Op.DEFINE_GLOBAL)
def global_define_guards(typed, pc, cell):
    return (WATCHED_GLOBAL,)  # the interpreter invalidates the units that watch it


# -- arithmetic and comparison ----------------------------------------------------------------

def arithmetic_lowering(operation_name: str) -> dict:
    return by_kinds((INTEGERS, "lower_checked_integer", {"operation": operation_name}),
                    (WITH_FLOAT, "lower_float_arithmetic", {"operation": operation_name}))


@operation(Op.ADD, lower=arithmetic_lowering("add"), runtime="rt_add")
@operation(Op.SUB, lower=arithmetic_lowering("sub"), runtime="rt_subtract")
@operation(Op.MUL, lower=arithmetic_lowering("mul"), runtime="rt_multiply")
def arithmetic(a, b):
    """An int op an int is an int, checked for overflow (native code has no big integers);
    with a float, a float (SPEC.md section 4)."""
    if a is INT and b is INT:
        return INT, (OVERFLOW,)
    if a in NUMBERS and b in NUMBERS:
        return FLOAT, ()
    return None


@sign(Op.ADD, Op.MUL)
def both_non_negative(facts, kinds):
    """Overflow deoptimizes, so the result native code goes on with is exact: non-negative."""
    return facts[0] and facts[1]


@operation(Op.DIV, lower=by_kinds((NUMBER_PAIRS, "lower_division", {})), runtime="rt_divide")
def division(a, b):
    """Always a float; int / int is exact only up to 2**53."""
    if a is INT and b is INT:
        return FLOAT, (DIVISION_BY_ZERO, INEXACT_DIVISION)
    if a in NUMBERS and b in NUMBERS:
        return FLOAT, (DIVISION_BY_ZERO,)
    return None


@operation(Op.MOD, lower=by_kinds((INTEGERS, "lower_integer_remainder", {}),
                                  (WITH_FLOAT, "lower_float_remainder", {})),
           runtime="rt_modulo")
def remainder(a, b):
    if a is INT and b is INT:
        return INT, (MODULO_BY_ZERO,)
    if a in NUMBERS and b in NUMBERS:
        return FLOAT, (MODULO_BY_ZERO,)
    return None


@sign(Op.MOD)
def remainder_sign(facts, kinds):
    """`a % b` takes the sign of `b` (which the zero guard has checked is not 0): an integer
    in [0, b) when `b` is non-negative."""
    return facts[1] and kinds[0] is INT


@operation(Op.NEG, lower=by_kinds((((INT,),), "lower_integer_negation", {}),
                                  (((FLOAT,),), "lower_float_negation", {})),
           runtime="rt_negate")
def negation(a):
    if a is INT:
        return INT, (OVERFLOW,)  # -(-2**63)
    if a is FLOAT:
        return FLOAT, ()
    return None


@operation(Op.NOT, lower=by_kinds((((BOOL,),), "lower_boolean_not", {}),
                                  (((INT,), (FLOAT,), (NULL,)), "lower_constant_not", {}),
                                  (((BOXED,),), "lower_boxed_not", {})),
           runtime=None)
def logical_not(a):
    """Of any value: a number is true, null false."""
    return BOOL, ()


def comparison_lowering(predicate: str) -> dict:
    return by_kinds((NUMBER_PAIRS, "lower_number_comparison", {"predicate": predicate}))


@operation(Op.LT, lower=comparison_lowering("<"), runtime="rt_less", result=BOOL)
@operation(Op.GT, lower=comparison_lowering(">"), runtime="rt_greater", result=BOOL)
@operation(Op.LE, lower=comparison_lowering("<="), runtime="rt_less_equal", result=BOOL)
@operation(Op.GE, lower=comparison_lowering(">="), runtime="rt_greater_equal", result=BOOL)
def ordering(a, b):
    """Numbers only; an int meeting a float is compared exactly only up to 2**53."""
    if a in NUMBERS and b in NUMBERS:
        return BOOL, ((INEXACT_COMPARISON,) if a is not b else ())
    return None


def equality_lowering(predicate: str) -> dict:
    parameters = {"predicate": predicate}
    return by_kinds((NUMBER_PAIRS, "lower_number_comparison", parameters),
                    (((BOOL, BOOL),), "lower_boolean_comparison", parameters),
                    (WITH_NULL, "lower_null_comparison", parameters))


@operation(Op.EQ, lower=equality_lowering("=="), runtime="rt_equal", result=BOOL)
@operation(Op.NE, lower=equality_lowering("!="), runtime="rt_not_equal", result=BOOL)
def equality(a, b):
    """Numbers with numbers, booleans with booleans, and anything with null (equal only to
    null: a boxed value is compared with it by identity); other boxed values are compared by
    the runtime."""
    if NULL in (a, b):
        return BOOL, ()
    if BOXED in (a, b):
        return None
    if a is BOOL and b is BOOL:
        return BOOL, ()
    return ordering(a, b)


# -- control flow -----------------------------------------------------------------------------

@typing(Op.JUMP, inputs=0, lower=lowering("lower_jump"))
@typing(Op.LOOP, inputs=0, lower=lowering("lower_back_edge"))
def type_jump(t, target, slots, stack):
    return [(target, stack)]


@typing(Op.JUMP_IF_FALSE, inputs=1, lower=lowering("lower_branch_if_false"))
def type_branch_if_false(t, target, slots, stack):
    cond = t.value(stack.pop())
    return branches(t, cond, stack, stack, target)


@typing(Op.JUMP_IF_FALSE_KEEP, inputs=1, lower=lowering("lower_branch_keeping", when=False))
@typing(Op.JUMP_IF_TRUE_KEEP, inputs=1, lower=lowering("lower_branch_keeping", when=True))
def type_branch_keeping(t, target, slots, stack):
    """`and`/`or`: the jump keeps the condition as the expression's value."""
    cond = t.value(stack[-1])
    when = t.code.generic_insns[t.pc][0] == Op.JUMP_IF_TRUE_KEEP
    return branches(t, cond, stack[:-1], stack, target, jump_when_true=when)


@sign(Op.JUMP_IF_FALSE_KEEP, Op.JUMP_IF_TRUE_KEEP)
def branch_keeping_sign(typed, pc, target, slots, stack):
    return [(pc + 1, slots, stack[:-1]), (target, slots, stack)]


@typing(Op.JUMP_IF_NOT_LT, inputs=2, lower=lowering("lower_branch_if_not_less"))
def type_branch_if_not_less(t, target, slots, stack):
    """LT and JUMP_IF_FALSE in one instruction."""
    t.operate(ordering, stack, BOOL)  # (strings: compared by the runtime, as LT is)
    stack.pop()  # the comparison's result: the branch's condition
    return [(t.pc + 1, stack), (target, stack)]


@guards(Op.JUMP_IF_NOT_LT)
def branch_if_not_less_guards(typed, pc, target):
    return () if pc in typed.runtime_ops else ordering(*typed.states[pc].stack[-2:])[1]


# -- functions, calls, objects ----------------------------------------------------------------

def square_root(x):
    if x is INT:
        return FLOAT, (INEXACT_TO_FLOAT, NEGATIVE_SQRT)
    return FLOAT, (NEGATIVE_SQRT,)  # the square root of NaN is NaN, as in Python


def absolute(x):
    return x, ((OVERFLOW,) if x is INT else ())  # abs(-2**63)


def floor(x):
    if x is INT:
        return INT, ()
    return INT, (FLOOR_NOT_FINITE, FLOOR_OUT_OF_RANGE)  # an error; a big integer


INLINE_NATIVES = {"sqrt": square_root, "abs": absolute, "floor": floor}
"""Natives lowered inline (guarded on the global still holding the built-in), typed like
operations on one number: fn(kind) -> (result kind, guards)."""


OBJECT_NATIVES = {"len": (1, INT), "push": (2, BOXED)}
"""Natives on objects lowered inline for a boxed first argument (guarded on the global still
holding the built-in): name -> (arity, result kind). `len` of a list or a string reads the
length, `push` onto a list appends; any other value calls the native through the runtime,
which raises its error. No guard: nothing deoptimizes."""


@typing(Op.CALL, inputs=lambda count: count + 1, lower=lowering("lower_call"))
def type_call(t, argc, slots, stack):
    args = [t.value(kind) for kind in stack[len(stack) - argc:]]
    callee = stack[-argc - 1]
    del stack[-argc - 1:]
    if callee.__class__ is Callee:
        site = t.call_site(callee, tuple(args))
    else:  # a closure, a method, any value: the runtime calls it (or raises its error)
        site = CallSite("value", None, tuple(args), BOXED)
    if site is None:
        return []  # a self call before the return type is known: explored next pass
    t.typed.calls[t.pc] = site
    stack.append(site.result)


@guards(Op.CALL)
def call_guards(typed, pc, argc):
    """A native's own; a call of a function, that its result has the type typed here (a
    callee that deoptimized returns a boxed value, which may be of another type)."""
    site = typed.calls[pc]
    if site.kind == "native":
        return INLINE_NATIVES[site.callee.value.name](*site.arg_types)[1]
    if site.result is BOXED or site.kind == "object":  # any value will do; len is an int
        return ()
    return (CALL_RESULT_TYPE,)


@typing(Op.RETURN, inputs=1, lower=lowering("lower_return"))
def type_return(t, arg, slots, stack):
    t.returns.add(t.value(stack.pop()))
    return []


# Objects, lists, functions and classes: the runtime's functions (runtime.py) make and use
# them, on boxed operands, with the interpreter's semantics and errors (operations.py).

def type_runtime_call(t, arg, slots, stack):
    """An instruction the runtime does: its operands, any kinds, make one boxed result."""
    count = RULES[t.code.generic_insns[t.pc][0]].operand_count(arg)
    for kind in stack[len(stack) - count:]:
        t.value(kind)
    del stack[len(stack) - count:]
    stack.append(BOXED)


UNBOXED_PROPERTIES = {float: FLOAT, int: INT}
"""A property read whose site (shapes.PropertySite) has only met values of one of these types
gives that type, unboxed behind a guard (PROPERTY_TYPE)."""


@typing(Op.GET_PROP, inputs=1, lower=lowering("lower_property_read"))
def type_property_read(t, name, slots, stack):
    """GET_PROP: the runtime's (or the inline cache's) boxed value, unboxed when its site has
    only read floats (or only ints) and its guard has not kept failing."""
    type_runtime_call(t, name, slots, stack)
    site = t.code.property_sites.get(t.pc)
    if site is not None and t.pc not in t.refused:
        stack[-1] = UNBOXED_PROPERTIES.get(site.seen_type, BOXED)


@guards(Op.GET_PROP)
def property_read_guards(typed, pc, name):
    return () if typed.results.get(pc, (BOXED,)) == (BOXED,) else (PROPERTY_TYPE,)


for _op, _inputs, _runtime, _constant in (
        # instruction, operands it takes (from its operand), runtime function, whether the
        # instruction's operand (a code object, a class name, a property name) is passed first
        (Op.MAKE_FUNCTION, lambda arg: arg[1], "rt_make_function", True),
        (Op.MAKE_CLASS, lambda arg: arg[1] + 1, "rt_make_class", True),
        (Op.NEW, lambda count: count + 1, "rt_new", False),
        (Op.SET_PROP, 2, "rt_set_prop", True),
        (Op.SUPER, 1, "rt_super", False),
        (Op.MAKE_LIST, lambda count: count, "rt_make_list", False),
        (Op.GET_INDEX, 2, "rt_get_index", False),
        (Op.SET_INDEX, 3, "rt_set_index", False)):
    register((_op,), "typing", type_runtime_call, inputs=_inputs,
             lower=lowering("lower_runtime_call", runtime=_runtime, constant=_constant))

refuse("a quickened form, which only the interpreter runs (the JIT reads the instructions as "
       "compiled, CodeObject.generic_insns)", *sorted(QUICKENED))
