"""Expression superinstructions: a run of number arithmetic on locals and constants, run as
one Python function.

`(var t (+ (- (* zr zr) (* zi zi)) cr))` is eleven instructions, five dispatches even after
the operand superinstructions, and each dispatch costs about as much as the arithmetic it
does. `fuse_expressions` finds such runs when the interpreter takes a new code object
(`Interpreter.prepare`): instructions that push a local or a number constant, then
`+ - * / %` between them, ending in one value, optionally compared (`< <= > >=`),
optionally followed by the instruction that consumes the value (`STORE_LOCAL`, or
`JUMP_IF_FALSE` after a comparison). The first instruction of the run
becomes `EXPRESSION`, whose operand is a function of the frame's stack list that does the
whole run with Python's own operators and returns the index of the next instruction:

    def expression(stack):
        s3 = stack[3]; s4 = stack[4]; s1 = stack[1]
        if (type(s3) is float or type(s3) is int) and ... :
            try:
                stack[6] = s3 * s3 - s4 * s4 + s1
            except ArithmeticError:
                return None
            return 21
        return None

On numbers, Python's `+ - * / %` and comparisons are Eva's (exact integers, IEEE floats,
true division, floored modulo, exact mixed comparisons: eva/operations.py), so the result is
the one the instructions would give. Each local the run reads must hold an int or a float
(not a bool, which Python would treat as a number); otherwise, or when the arithmetic raises
(a zero divisor, an integer too large for a float), the function returns None before changing
anything, and the interpreter turns the instruction back into its generic form for good,
like any quickened instruction: the run then executes one instruction at a time, with Eva's
errors and positions (each operator quickened on its own at its first run). Because a run
only reads locals and computes, starting it again from its first instruction is exact.

As with the operand superinstructions, only the first instruction is rewritten, in the
interpreter's copy: the bytecode the disassembler shows and the JIT compiles is unchanged,
and a jump or a JIT resume into the middle of a run executes the instructions there. The
function is generated on the first execution (so code that never runs costs nothing), with
each local's type test ordered by the type it holds then.
"""

from __future__ import annotations

from eva.opcodes import Op

ARITHMETIC = {Op.ADD: "+", Op.SUB: "-", Op.MUL: "*", Op.DIV: "/", Op.MOD: "%"}
TESTS = {Op.LT: "<", Op.LE: "<=", Op.GT: ">", Op.GE: ">="}
MIN_OPERATORS = 2
"""Operators a run needs to be fused: one is already a single dispatch as an operand
superinstruction, and calling the generated function costs about one dispatch."""
MAX_OPERATORS = 32
"""Operators in one run at most, so the generated source stays far from Python's parser
limits (about 200 nested parentheses) and finding runs stays linear in the code's length."""


class Run:
    """One fusable run: where it starts and ends, and what it computes, as Python source."""

    def __init__(self, start: int):
        self.start = start
        self.end = start          # index of the first instruction after the run
        self.slots: list[int] = []  # locals read, in first-use order
        self.constants: list = []
        self.source = ""          # the value, as a Python expression
        self.consumer = "push"    # or ("store", slot) or ("jump", target)

    def local(self, slot: int) -> str:
        if slot not in self.slots:
            self.slots.append(slot)
        return f"s{slot}"

    def constant(self, value) -> str:
        self.constants.append(value)
        return f"k{len(self.constants) - 1}"


def _number(value) -> bool:
    return type(value) is int or type(value) is float


def role(op, arg) -> str | None:
    """What an instruction can be in a run: "value" (it pushes locals or a number constant),
    "operator", "test" (a comparison, which ends a run), or None (it ends any run)."""
    if op == Op.GET_LOCAL or op == Op.GET_LOCAL2:
        return "value"
    if op == Op.CONST:
        return "value" if _number(arg) else None
    if op == Op.GET_LOCAL_CONST:
        return "value" if _number(arg[1]) else None
    if op in ARITHMETIC:
        return "operator"
    if op in TESTS:
        return "test"
    return None


def find_run(insns, start: int, end: int | None = None) -> Run | None:
    """The longest fusable run starting at `start` and ending by `end` (see `run_ends`), if
    it has enough operators."""
    run = Run(start)
    values: list[str] = []
    best = None
    operators = 0
    index = start
    end = len(insns) if end is None else end
    while index < end and operators < MAX_OPERATORS and len(values) <= MAX_OPERATORS:
        op, arg = insns[index]
        kind = role(op, arg)
        if kind is None:
            break
        if op == Op.GET_LOCAL:
            values.append(run.local(arg))
        elif op == Op.GET_LOCAL2:
            values += [run.local(arg[0]), run.local(arg[1])]
        elif op == Op.GET_LOCAL_CONST:
            values += [run.local(arg[0]), run.constant(arg[1])]
        elif op == Op.CONST:
            values.append(run.constant(arg))
        else:
            if len(values) < 2:
                break
            right, left = values.pop(), values.pop()
            operators += 1
            values.append(f"({left} {ARITHMETIC.get(op) or TESTS[op]} {right})")
            if kind == "test":  # a comparison's result is not a number: it ends the run
                index += 1
                if len(values) == 1 and operators >= MIN_OPERATORS:
                    best = (index, values[0], True, len(run.slots), len(run.constants))
                break
        index += 1
        if len(values) == 1 and operators >= MIN_OPERATORS:
            best = (index, values[0], False, len(run.slots), len(run.constants))
    if best is None:
        return None
    run.end, run.source, compared, slots, constants = best
    del run.slots[slots:], run.constants[constants:]  # read by instructions after the run
    if run.end < len(insns):
        op, arg = insns[run.end]
        if op == Op.STORE_LOCAL and not compared:
            run.consumer = ("store", arg)
            run.end += 1
        elif op == Op.JUMP_IF_FALSE and compared:
            run.consumer = ("jump", arg)
            run.end += 1
    return run


def generate(run: Run, stack: list):
    """The Python function for `run`; `stack` is the frame it first runs on, whose values
    decide the order of each local's int/float test."""
    loads = "; ".join(f"s{slot} = stack[{slot}]" for slot in run.slots)
    tests = " and ".join(
        f"(type(s{slot}) is float or type(s{slot}) is int)" if type(stack[slot]) is float
        else f"(type(s{slot}) is int or type(s{slot}) is float)" for slot in run.slots)
    if run.consumer == "push":
        action, done = f"stack.append({run.source})", f"return {run.end}"
    elif run.consumer[0] == "store":
        action, done = f"stack[{run.consumer[1]}] = {run.source}", f"return {run.end}"
    else:
        action, done = f"value = {run.source}", f"return {run.end} if value else {run.consumer[1]}"
    source = (f"def expression(stack):\n"
              f"    {loads or 'pass'}\n"
              f"    if {tests or 'True'}:\n"
              f"        try:\n"
              f"            {action}\n"
              f"        except ArithmeticError:\n"
              f"            return None\n"
              f"        {done}\n"
              f"    return None\n")
    namespace = {f"k{index}": value for index, value in enumerate(run.constants)}
    exec(compile(source, f"<expression at instruction {run.start}>", "exec"), namespace)
    function = namespace["expression"]
    function.source = source  # for tests and for anyone debugging a run
    return function


def fuse_expressions(code) -> None:
    """Mark every fusable run of `code` (see the module docstring). Runs do not overlap: a
    run's inner instructions keep their own (operand superinstruction) forms."""
    insns = code.generic_insns
    ends = run_ends(insns)
    index = 0
    while index < len(insns):
        run = find_run(insns, index, ends[index]) if ends[index] else None
        if run is None:
            index += 1
            continue
        code.insns[index] = (int(Op.EXPRESSION), _first_run(code, run))
        index = run.end


def run_ends(insns) -> list[int]:
    """For each instruction, where the longest run that may start there would end (0: no
    run can start there). A run is exactly a stretch of instructions that computes one value
    with at least MIN_OPERATORS operators, so one pass finds them all: it runs the stack
    with, for each value, the instruction where its computation started and the operators it
    took (None: pushed before the last instruction no run can contain). `fuse_expressions`
    searches (`find_run`) only where a run may start and only up to that end, which changes
    no run found, only the time: each of the 20,000 constants of `(print 1 1 ... 1)`, or of
    the 9,000 sums of `(list (+ a b) ...)`, started a search up to 64 instructions long
    (2-3 s to compile), and so did each run of `(list (+ a (* b 2)) ...)` after its end."""
    ends = [0] * len(insns)
    stack: list = []
    for index, (op, arg) in enumerate(insns):
        kind = role(op, arg)
        if kind is None:
            stack.clear()
        elif kind == "value":
            stack.append((index, 0))
            if op == Op.GET_LOCAL2 or op == Op.GET_LOCAL_CONST:
                stack.append((index, 0))
        else:
            right = stack.pop() if stack else None
            left = stack.pop() if stack else None
            if left is None or right is None:
                stack.append(None)
                continue
            operators = left[1] + right[1] + 1
            if operators >= MIN_OPERATORS:
                ends[left[0]] = index + 1
            stack.append((left[0], operators))
    return ends


def _first_run(code, run: Run):
    """A stand-in that generates the run's function on its first execution, installs it in
    place of itself, and runs it."""
    def first(stack):
        function = generate(run, stack)
        code.insns[run.start] = (int(Op.EXPRESSION), function)
        return function(stack)
    return first
