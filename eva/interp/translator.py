"""The translator: a warm function's bytecode written out as one Python function.

An Eva function that keeps being called spends most of its interpreted time in the dispatch
loop: fetching instructions, comparing opcodes, pushing and popping a list that stands for
the operand stack, and building a frame per call. Translation removes all of that. Each
instruction becomes a few lines of Python from a template (one method per opcode below,
`op_NAME`); the operand stack becomes Python locals `s0, s1, ...` (one per stack depth) and
the frame's slots Python locals `l<slot>_<name>`; the jumps become `if`/`else` and `while`
(structure.py); and a call to another translated function is a plain Python call. Like the
JIT, it compiles bytecode; unlike the JIT it speculates on nothing, so it never needs to
deoptimize: every template has the interpreter's fast path inline (an int or float test
before Python's own operator) and calls the same shared operation (eva/operations.py) for
everything else, so values, errors and their messages are the interpreter's.

A translated function is `def NAME(depth, l0, <parameters>)`, where `depth` is its frame's
index in the Eva call stack. Translated calls recurse on the host stack, so only the first
`DIRECT_DEPTH` levels of the Eva stack run that way; a call deeper than that runs in the
interpreter's explicit frames (eva/interp/direct.py has the details, and the other entry
points). Errors need no bookkeeping at run time: each line of generated code belongs to one
instruction (`Translation.pcs`), so the Python traceback of an error gives every translated
frame's Eva position.

Values are pushed lazily: reading a local or a constant pushes its Python expression, and
only instructions that compute something assign a stack local. Whatever is still lazy is
written to its stack local before control leaves a block, and before its local is
assigned. Every other value on the stack lives in a Python local, so the collector finds
all of a translated frame's values in the frame's locals (direct.py).
"""

from __future__ import annotations

import math

from eva.interp.structure import BREAK, Branch, Continue, Loop, Straight, Unstructured, structure
from eva.objects import Native, String
from eva.opcodes import OPCODES, Op, stack_effect
from eva.shapes import ConstructSite, site_for

EXACT_IN_FLOAT = 2 ** 53
"""Integers up to this size convert to a float exactly, so `x * 2` may run Python's operator
when `x` is a float: the result is Eva's. A larger constant needs an int on the other side."""

GENERIC = {Op.ADD: "add({a}, {b}, alloc)", Op.SUB: "subtract({a}, {b})",
           Op.MUL: "multiply({a}, {b})", Op.DIV: "divide({a}, {b})", Op.MOD: "modulo({a}, {b})"}
SYMBOL = {Op.ADD: "+", Op.SUB: "-", Op.MUL: "*", Op.DIV: "/", Op.MOD: "%",
          Op.LT: "<", Op.GT: ">", Op.LE: "<=", Op.GE: ">=", Op.EQ: "==", Op.NE: "!="}
NOT_CONSTANT = object()


class NotTranslatable(Exception):
    """The function stays in the interpreter; the message says why."""


class Translation:
    """One translated function: the Python function, its source, and which instruction each
    line of the source belongs to."""

    def __init__(self, code, function, source: str, pcs: list[int]):
        self.code = code
        self.function = function
        self.source = source
        self.pcs = pcs  # pcs[line - 1]: the instruction index of that source line

    def position(self, line: int):
        """The Eva position of a line of the generated source (from a traceback), or None
        for the lines where the function hands itself on (direct.py): in the prologue, to
        the interpreter's frames when entered too deep; at a hot loop, to the JIT (OSR).
        There the frame is reported by what runs it, and this Python frame is not one."""
        pc = self.pcs[line - 1] if 0 < line <= len(self.pcs) else -1
        return self.code.position(pc) if pc >= 0 else None


class Value:
    """An entry of the translator's model of the operand stack: the Python expression that
    gives it. `slot` is set for a local's value read lazily, `constant` for a constant, and
    `boolean` when the expression is a Python bool (a comparison's result).
    Lazy values (a local's or a constant's) may sit at any depth; a computed one is always
    in the stack local of the depth it sits at."""

    __slots__ = ("text", "slot", "constant", "boolean", "temp", "known_native")

    def __init__(self, text: str, slot: int | None = None, constant=NOT_CONSTANT,
                 boolean: bool = False, temp: bool = False):
        self.text = text
        self.slot = slot
        self.constant = constant
        self.boolean = boolean
        self.temp = temp  # the stack local of its own depth (`s<depth>`)
        self.known_native = None  # a global's value read when it held a native with `inline`

    def copy(self) -> "Value":
        copy = Value(self.text, self.slot, self.constant, self.boolean, self.temp)
        copy.known_native = self.known_native
        return copy

    @property
    def number(self) -> bool:
        """A constant int or float (not a bool)."""
        return type(self.constant) is int or type(self.constant) is float


def translate(code, namespace: dict, count_calls: int = 0, count_loops: int = 0,
              direct_depth: int = 0, loop: int | None = None) -> Translation:
    """Translate `code`. `namespace` holds the helpers the generated code calls (see
    direct.py); `count_calls` / `count_loops` are the JIT's thresholds (0: the JIT is off,
    so nothing is counted), `direct_depth` the Eva depth from which calls run in frames.
    With `loop`, the translation is the function entered at that loop header instead, for a
    frame the interpreter hands over there (on-stack replacement: `Writer.write_loop_entry`)."""
    writer = Writer(code, count_calls, count_loops, direct_depth)
    tree = structured(code)
    source = writer.write(tree) if loop is None else writer.write_loop_entry(tree, loop)
    names = dict(namespace)
    names.update(writer.objects)
    try:
        compiled = compile(source, f"<eva {code.name} at {code.file}:{code.line}:{code.col}>",
                           "exec")
        exec(compiled, names)
    except (SyntaxError, RecursionError, MemoryError, ValueError) as error:
        # nesting past Python's own limits (blocks, indentation, parser depth)
        raise NotTranslatable(f"Python cannot compile its translation: {error}") from None
    translation = Translation(code, names[writer.function_name], source, writer.pcs)
    names["translation"] = translation  # the function's globals keep it as long as it lives
    return translation


def structured(code) -> list:
    try:
        return structure(code)
    except Unstructured as error:
        raise NotTranslatable(str(error)) from None


def listing(code, direct_depth: int) -> str:
    """The translation of every code object reachable from `code` (as `eva dis --python`
    shows it: with the JIT off, so nothing is counted), outermost first."""
    sections = []
    work = [code]
    while work:
        current = work.pop(0)
        header = f"# == {current.name}/{current.arity} ({current.file}:{current.line}:" \
                 f"{current.col}) =="
        try:
            text = Writer(current, 0, 0, direct_depth).write(structured(current))
        except NotTranslatable as error:
            text = f"# not translated: {error}\n"
        sections.append(f"{header}\n{text}")
        work.extend(current.children())
    return "\n".join(sections)


def identifier(name: str) -> str:
    """A Python identifier made of an Eva name's ASCII letters, digits and underscores."""
    return "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in name)


class Writer:
    """Writes one code object's translation (see the module docstring)."""

    def __init__(self, code, count_calls: int, count_loops: int, direct_depth: int):
        self.code = code
        self.insns = code.generic_insns
        self.count_calls = count_calls
        self.count_loops = count_loops
        self.direct_depth = direct_depth
        self.function_name = "eva_" + identifier(code.name)
        self.objects: dict = {"counters": code.counters}  # name in the generated code -> object
        self.object_names: dict = {}   # id(object) -> that name
        self.lines: list[str] = []
        self.pcs: list[int] = []
        self.indent = 1
        self.stack: list[Value] = []
        self.depths = stack_depths(code)
        self.locals = [f"l{slot}_{identifier(name)}" if slot else "l0"
                       for slot, name in enumerate(code.slot_names)]
        self.counts_loops = False
        self.last_result = None  # (lines, line index, stack local, expression, pc) of `result`
        self.uses_cells = False

    # -- the whole function ----------------------------------------------------------------

    def write(self, tree: list) -> str:
        self.nodes(tree)
        code = self.code
        params = self.locals[:1 + code.arity]
        arguments = "[" + ", ".join(params[1:]) + "]"
        preamble = [f"if depth >= {self.direct_depth}:",
                    f"    return run_in_frames(depth, l0, {arguments})"]
        if self.count_calls:
            preamble += ["calls = counters.calls = counters.calls + 1",
                         f"if calls == {self.count_calls}:",
                         f"    tier_up(l0, {arguments})"]
        blanks = self.locals[1 + code.arity:]
        if blanks:
            preamble.append(" = ".join(blanks) + " = UNDEF")
        return self.function(params, "", preamble)

    def write_loop_entry(self, tree: list, header: int) -> str:
        """The function entered at the loop at `header` with the frame's values: every slot,
        and the operand stack there (`s0, s1, ...`), then running on to the function's end.

        Python has no `goto`, so the entry is the loop followed by what comes after it, up
        through the structures around it: the rest of an arm of a branch runs on to where
        the arms meet, and the rest of an enclosing loop's body is its first iteration,
        written `for _ in ONCE: <rest of the body> else: <the loop>`, so that its
        `continue` (the body's end) goes on to the loop proper and its `break` skips it.
        The code after the loop is written once more for this entry: an OSR entry is made
        for a loop that is running hot, so the copy is paid for once, by that loop."""
        steps = path_to_loop(tree, header)
        if steps is None:
            raise NotTranslatable(f"no loop starts at instruction {header}")
        self.enter_at(steps)
        self.function_name += f"_loop{header}"
        operands = [f"s{depth}" for depth in range(self.depths[header])]
        return self.function(self.locals + operands, f", entered at its loop at instruction "
                                                     f"{header}", [])

    def function(self, params: list[str], entered: str, preamble: list[str]) -> str:
        """The source of the function whose body was written: its `def`, a comment naming
        the Eva function, the `preamble` lines, then what the body reads through names of
        its own (the closure's cells, the loop counts)."""
        body, body_pcs = self.lines, self.pcs
        self.lines, self.pcs, self.indent = [], [], 1
        code = self.code
        self.pcs.append(-1)
        self.lines.append(f"def {self.function_name}(depth, {', '.join(params)}):")
        self.line(f"# {code.name}/{code.arity} at {code.file}:{code.line}:{code.col}{entered}",
                  -1)
        for text in preamble:
            self.line(text, -1)
        if self.uses_cells:
            self.line("cells = l0.cells", -1)
        if self.counts_loops:
            self.line("back_edges = counters.back_edges", -1)
        self.lines += body
        self.pcs += body_pcs
        return "\n".join(self.lines) + "\n"

    def enter_at(self, steps: list) -> None:
        """Write the code from the node `steps` lead to until the end of the function (see
        `write_loop_entry`). `steps` are (nodes, index) pairs, outermost first, each naming
        the node whose body or arm the next pair is in."""
        nodes, index = steps[0]
        node = nodes[index]
        if len(steps) == 1:  # the loop entered
            self.nodes(nodes[index:])
            return
        if type(node) is Loop:  # the rest of this iteration of the body, then the loop
            self.line("for _ in ONCE:", -1)
            self.indent += 1
            self.enter_at(steps[1:])
            self.indent -= 1
            self.line("else:", -1)
            self.indent += 1
            self.nodes([node])
            self.indent -= 1
        else:  # the rest of an arm, then on where the arms meet
            self.enter_at(steps[1:])
        self.nodes(nodes[index + 1:])

    def line(self, text: str, pc: int) -> None:
        self.lines.append("    " * self.indent + text)
        self.pcs.append(pc)

    def name(self, obj, prefix: str) -> str:
        """The generated code's name for an object it refers to (a global's cell, a code
        object, a string constant, a float with no literal)."""
        name = self.object_names.get(id(obj))
        if name is None:
            name = self.object_names[id(obj)] = f"{prefix}{len(self.objects)}"
            self.objects[name] = obj
        return name

    # -- control flow ----------------------------------------------------------------------

    def nodes(self, nodes: list) -> None:
        for node in nodes:
            kind = type(node)
            if kind is Straight:
                self.straight(node.block)
            elif kind is Branch:
                self.branch(node)
            elif kind is Loop:
                self.line("while True:", node.header)
                self.indent += 1
                self.nodes(node.body)
                self.indent -= 1
            elif kind is Continue:
                self.back_edge(node.block)
            elif node is BREAK:
                self.line("break", -1)
            else:
                raise AssertionError(f"unknown structure node {node!r}")

    def start_block(self, block) -> None:
        self.stack = [Value(f"s{k}", temp=True) for k in range(self.depths[block.start])]
        for pc in range(block.start, block.end - 1):
            self.instruction(pc)

    def straight(self, block) -> None:
        self.start_block(block)
        last = block.end - 1
        op = self.insns[last][0]
        if op == Op.RETURN:
            expression, pc = self.take(self.pop(), last)
            self.line(f"return {expression}", pc)
            return
        if op != Op.JUMP:
            self.instruction(last)
        self.materialize_all(last)

    def back_edge(self, block) -> None:
        self.start_block(block)
        last = block.end - 1
        self.materialize_all(last)
        if self.count_loops:  # as the interpreter counts them: per instruction, across calls
            self.counts_loops = True
            header = self.insns[last][1]
            frame = ", ".join(self.locals + [v.text for v in self.stack])
            self.line(f"count = back_edges[{last}] = back_edges[{last}] + 1", last)
            self.line(f"if count == {self.count_loops}:", last)
            # positionless: the frame that loop_hot runs on (compiled, or resumed in the
            # interpreter) reports itself in a trace
            self.line(f"    result = loop_hot(depth, l0, {header}, [{frame}])", -1)
            self.line("    if result is not KEEP_GOING:", last)
            self.line("        return result", last)
        self.line("continue", last)

    def branch(self, node: Branch) -> None:
        block = node.block
        self.start_block(block)
        last = block.end - 1
        op = self.insns[last][0]
        pc = last
        if op == Op.JUMP_IF_NOT_LT:
            right, left = self.pop(), self.pop()
            self.materialize_all(last)
            condition = self.comparison(Op.LT, left, right)
        elif op == Op.JUMP_IF_FALSE:
            value = self.pop()
            self.materialize_all(last)
            if value.boolean:  # a comparison just computed: test it where it is computed
                condition, pc = self.take(value, last)
            else:
                condition = self.truth(value)
        else:  # the KEEP jumps: the value stays on the stack on the path that jumps
            self.materialize_all(last)
            condition = self.truth(self.pop())
        when_true, when_false = node.when_true, node.when_false
        if self.terminates(when_false) and (not self.terminates(when_true) or
                                       weight(when_false) <= weight(when_true)):
            condition, when_true, when_false = f"not {condition}", when_false, when_true
        if self.terminates(when_true):  # `if c: <arm that leaves>` and the other arm after it
            self.line(f"if {condition}:", pc)
            self.add_arm(self.arm(when_true))
            self.nodes(when_false)
            return
        true_lines, false_lines = self.arm(when_true), self.arm(when_false)
        if not true_lines and not false_lines:
            self.line(f"if {condition}: pass", pc)
            return
        if not true_lines:
            condition, true_lines, false_lines = f"not {condition}", false_lines, true_lines
        self.line(f"if {condition}:", pc)
        self.add_arm(true_lines)
        if false_lines:
            self.line("else:", last)
            self.add_arm(false_lines)

    def terminates(self, nodes: list) -> bool:
        """Whether every path through `nodes` leaves by `break`, `continue` or `return`."""
        if not nodes:
            return False
        last = nodes[-1]
        kind = type(last)
        if last is BREAK or kind is Continue:
            return True
        if kind is Straight:
            return self.insns[last.block.end - 1][0] == Op.RETURN
        if kind is Branch:
            return self.terminates(last.when_true) and self.terminates(last.when_false)
        return False

    def arm(self, nodes: list) -> tuple[list, list]:
        """The lines of one arm of a branch, written apart (indented one more level)."""
        lines, pcs = self.lines, self.pcs
        self.lines, self.pcs = [], []
        self.indent += 1
        self.nodes(nodes)
        self.indent -= 1
        written = (self.lines, self.pcs)
        self.lines, self.pcs = lines, pcs
        return written if written[0] else ()

    def add_arm(self, arm) -> None:
        lines, pcs = arm
        self.lines += lines
        self.pcs += pcs

    # -- the model of the operand stack -----------------------------------------------------

    def push(self, value: Value) -> None:
        self.stack.append(value)

    def pop(self) -> Value:
        return self.stack.pop()

    def result(self, expression: str, pc: int, boolean: bool = False) -> str:
        """Assign a computed value to the next stack local and push it; returns its name."""
        name = f"s{len(self.stack)}"
        self.line(f"{name} = {expression}", pc)
        self.last_result = (self.lines, len(self.lines) - 1, name, expression, pc)
        self.push(Value(name, boolean=boolean, temp=True))
        return name

    def take(self, value: Value, pc: int) -> tuple[str, int]:
        """The expression of a value being consumed, with the instruction it belongs to.
        When the last line written computed it into its stack local, the line is taken
        back and its expression returned, for the consumer to use in place (`l = a + b`,
        `if a < b:`, `return a + b`), keeping the computing instruction for error positions.
        The line must be the last of the list being written: an arm of a branch is written
        in a list of its own, where the same stack local may be computed from another value."""
        if value.temp and self.last_result is not None:
            lines, index, name, expression, computed_at = self.last_result
            if lines is self.lines and index == len(lines) - 1 and name == value.text:
                self.lines.pop()
                self.pcs.pop()
                self.last_result = None
                return expression, computed_at
        return value.text, pc

    def place(self, value: Value, pc: int) -> None:
        """Push `value` at the top, copying it into that depth's local if it is another
        depth's (values move down when an instruction consumes the ones below them)."""
        name = f"s{len(self.stack)}"
        if value.temp and value.text != name:
            self.line(f"{name} = {value.text}", pc)
            value = Value(name, boolean=value.boolean, temp=True)
        self.push(value.copy())

    def materialize(self, depth: int, pc: int) -> None:
        value = self.stack[depth]
        name = f"s{depth}"
        if value.text != name:
            self.line(f"{name} = {value.text}", pc)
            self.stack[depth] = Value(name, boolean=value.boolean, temp=True)

    def materialize_all(self, pc: int) -> None:
        for depth in range(len(self.stack)):
            self.materialize(depth, pc)

    def before_store(self, slot: int, pc: int) -> None:
        """A local is about to change: values read from it lazily take its current value."""
        for depth, value in enumerate(self.stack):
            if value.slot == slot:
                self.materialize(depth, pc)

    # -- expressions ------------------------------------------------------------------------

    def constant(self, value) -> Value:
        kind = type(value)
        if value is None or kind is bool or kind is int or (kind is float and math.isfinite(value)):
            return Value(repr(value), constant=value)
        return Value(self.name(value, "k"), constant=value)

    @staticmethod
    def atom(value: Value) -> str:
        """A value's text where an attribute is read from it (`(5).fields`, not `5.fields`)."""
        return f"({value.text})" if value.constant is not NOT_CONSTANT else value.text

    @staticmethod
    def truth(value: Value) -> str:
        """A Python condition for Eva truthiness: false and null are false, all else true."""
        if value.boolean:
            return value.text
        if value.constant is not NOT_CONSTANT:
            return repr(value.constant is not False and value.constant is not None)
        return f"({value.text} is not False and {value.text} is not None)"

    @staticmethod
    def number_test(value: Value) -> str:
        return f"((_t := type({value.text})) is int or _t is float)"

    def comparison(self, op: Op, a: Value, b: Value) -> str:
        """`< > <= >= == !=` as a Python bool: Python's own on two numbers (exact between
        ints and floats, as Eva's) and on the texts of two strings, the shared operation on
        anything else."""
        symbol = SYMBOL[op]
        if op in (Op.EQ, Op.NE):
            for this, other in ((a, b), (b, a)):
                if (this.constant is None or type(this.constant) is bool) and \
                        other.constant is NOT_CONSTANT:
                    # null and the booleans are equal only to themselves
                    return f"({other.text} {'is' if op == Op.EQ else 'is not'} {this.text})"
            generic = f"{'' if op == Op.EQ else 'not '}equal({a.text}, {b.text})"
        else:
            generic = f"compare({symbol!r}, {a.text}, {b.text})"
        generic = self.on_strings(a, b, f"({a.text}.text {symbol} {b.text}.text)", generic)
        if (a.constant is not NOT_CONSTANT and not a.number) or \
                (b.constant is not NOT_CONSTANT and not b.number):
            return f"({generic})"
        tests = [self.number_test(v) for v in (a, b) if not v.number]
        fast = f"({a.text} {symbol} {b.text})"
        if not tests:
            return fast
        return f"({fast} if {' and '.join(tests)} else {generic})"

    def arithmetic(self, op: Op, a: Value, b: Value) -> str:
        """`+ - * / %` with Python's operator where it is Eva's: on two ints or two floats (a
        zero divisor excepted), or with a number constant whose conversion is exact."""
        generic = GENERIC[op].format(a=a.text, b=b.text)
        if op == Op.ADD:  # (`+` on anything but two numbers called the shared operation)
            generic = self.on_strings(a, b, f"alloc(String({a.text}.text + {b.text}.text))",
                                      generic)
        divides = op in (Op.DIV, Op.MOD)
        test = self.arithmetic_test(op, a, b)
        if test is None:
            return generic
        if divides and not b.number:
            test += f" and {b.text}"  # a zero divisor is the shared operation's error
        return f"({a.text} {SYMBOL[op]} {b.text}) if {test} else {generic}"

    @staticmethod
    def on_strings(a: Value, b: Value, expression: str, generic: str) -> str:
        """`expression` (on the operands' texts) when `a` and `b` are strings, else
        `generic`: `+` and the comparisons test for two strings inline before they call the
        shared operation, as they test for two numbers (the strings benchmark adds five
        strings an iteration and compares three: at size 10000 with --no-jit, 726 -> 688 M
        instructions a run for the comparisons and `idx`). Only `generic` where an operand
        is a constant other than a string."""
        tests = []
        for value in (a, b):
            if value.constant is NOT_CONSTANT:
                tests.append(f"type({value.text}) is String")
            elif type(value.constant) is not String:
                return generic
        return f"({expression} if {' and '.join(tests)} else {generic})" if tests \
            else expression

    def arithmetic_test(self, op: Op, a: Value, b: Value) -> str | None:
        """The run-time test under which Python's operator gives Eva's result, or None when
        the shared operation must always run."""
        if a.constant is not NOT_CONSTANT and b.constant is not NOT_CONSTANT:
            return None
        if a.constant is NOT_CONSTANT and b.constant is NOT_CONSTANT:
            if op == Op.DIV:  # int / int can overflow a float
                return f"type({a.text}) is float and type({b.text}) is float"
            if a.text == b.text:  # `(* x x)`
                return self.number_test(a)
            return f"(_t := type({a.text})) is type({b.text}) and (_t is int or _t is float)"
        constant, other = (a, b) if a.constant is not NOT_CONSTANT else (b, a)
        value = constant.constant
        if not constant.number or (constant is b and op in (Op.DIV, Op.MOD) and value == 0):
            return None
        if type(value) is float:
            return f"type({other.text}) is float"
        if abs(value) > EXACT_IN_FLOAT:
            return None if op == Op.DIV else f"type({other.text}) is int"
        if op == Op.DIV:
            return f"type({other.text}) is float"
        return self.number_test(other)

    # -- instructions -----------------------------------------------------------------------

    def instruction(self, pc: int) -> None:
        op, arg = self.insns[pc]
        handler = getattr(self, "op_" + Op(op).name, None)
        if handler is None:
            raise NotTranslatable(f"no translation for {Op(op).name}")
        handler(arg, pc)

    def variable_name(self, pc: int) -> str:
        return repr(self.code.variable_names.get(pc, "?"))

    def op_CONST(self, value, pc):
        self.push(self.constant(value))

    def op_POP(self, _, pc):
        self.pop()

    def op_DUP(self, _, pc):
        self.place(self.stack[-1], pc)

    def op_DUP2(self, _, pc):
        first, second = self.stack[-2], self.stack[-1]
        self.place(first, pc)
        self.place(second, pc)

    def op_GET_LOCAL(self, slot, pc):
        self.push(Value(self.locals[slot], slot=slot))

    def op_GET_LOCAL2(self, slots, pc):
        for slot in slots:
            self.op_GET_LOCAL(slot, pc)

    def op_GET_LOCAL_CONST(self, operands, pc):
        slot, value = operands
        self.op_GET_LOCAL(slot, pc)
        self.op_CONST(value, pc)

    def op_GET_LOCAL_CHECKED(self, slot, pc):
        self.line(f"if {self.locals[slot]} is UNDEF: raise undeclared({self.variable_name(pc)})",
                  pc)
        self.op_GET_LOCAL(slot, pc)

    def store(self, slot: int, value: Value, pc: int) -> None:
        written = len(self.lines)
        self.before_store(slot, pc)
        if self.stack and self.stack[-1] is value:  # the value stays pushed
            self.materialize(len(self.stack) - 1, pc)
            value = self.stack[-1]
        elif len(self.lines) == written:  # nothing had to be saved first
            expression, pc = self.take(value, pc)
            self.line(f"{self.locals[slot]} = {expression}", pc)
            return
        self.line(f"{self.locals[slot]} = {value.text}", pc)

    def op_SET_LOCAL(self, slot, pc):
        self.store(slot, self.stack[-1], pc)

    op_DECLARE_LOCAL = op_SET_LOCAL

    def op_SET_LOCAL_CHECKED(self, slot, pc):
        self.line(f"if {self.locals[slot]} is UNDEF: raise undeclared({self.variable_name(pc)})",
                  pc)
        self.op_SET_LOCAL(slot, pc)

    def op_STORE_LOCAL(self, slot, pc):
        self.store(slot, self.pop(), pc)

    def op_CLEAR_LOCAL(self, slot, pc):
        self.before_store(slot, pc)
        self.line(f"{self.locals[slot]} = UNDEF", pc)

    def op_MAKE_CELL(self, slot, pc):
        self.before_store(slot, pc)
        self.line(f"{self.locals[slot]} = alloc(Cell())", pc)

    def op_BOX_ARG(self, slot, pc):
        self.before_store(slot, pc)
        self.line(f"{self.locals[slot]} = alloc(Cell({self.locals[slot]}))", pc)

    def op_GET_CELL(self, slot, pc):
        name = self.result(f"{self.locals[slot]}.value", pc)
        self.line(f"if {name} is UNDEF: raise undeclared({self.variable_name(pc)})", pc)

    def op_SET_CELL(self, slot, pc):
        cell = self.locals[slot]
        self.line(f"if {cell}.value is UNDEF: raise undeclared({self.variable_name(pc)})", pc)
        self.line(f"{cell}.value = {self.stack[-1].text}", pc)

    def op_DECLARE_CELL(self, slot, pc):
        self.line(f"{self.locals[slot]}.value = {self.stack[-1].text}", pc)

    def op_LOAD_CELL(self, slot, pc):
        self.op_GET_LOCAL(slot, pc)

    def op_GET_FREE(self, index, pc):
        self.uses_cells = True
        name = self.result(f"cells[{index}].value", pc)
        self.line(f"if {name} is UNDEF: raise undeclared({self.code.free_names[index]!r})", pc)

    def op_SET_FREE(self, index, pc):
        self.uses_cells = True
        self.line(f"if cells[{index}].value is UNDEF: "
                  f"raise undeclared({self.code.free_names[index]!r})", pc)
        self.line(f"cells[{index}].value = {self.stack[-1].text}", pc)

    def op_LOAD_FREE(self, index, pc):
        self.uses_cells = True
        self.push(Value(f"cells[{index}]"))

    def op_GET_GLOBAL(self, cell, pc):
        name = self.result(f"{self.name(cell, 'g')}.value", pc)
        self.line(f"if {name} is UNDEF: raise undefined({cell.name!r})", pc)
        value = cell.value
        if type(value) is Native and value.inline is not None:
            self.stack[-1].known_native = value

    def op_SET_GLOBAL(self, cell, pc):
        self.line(f"if {self.name(cell, 'g')}.value is UNDEF: raise undefined({cell.name!r})", pc)
        self.op_DEFINE_GLOBAL(cell, pc)

    def op_DEFINE_GLOBAL(self, cell, pc):
        global_cell = self.name(cell, "g")
        self.line(f"{global_cell}.value = {self.stack[-1].text}", pc)
        self.line(f"if {global_cell}.watched: rebound({global_cell})", pc)

    def binary(self, op: Op, pc: int) -> None:
        b, a = self.pop(), self.pop()
        if op in (Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.MOD):
            self.result(self.arithmetic(op, a, b), pc)
        else:
            self.result(self.comparison(op, a, b), pc, boolean=True)

    def op_ADD(self, _, pc):
        self.binary(Op.ADD, pc)

    def op_SUB(self, _, pc):
        self.binary(Op.SUB, pc)

    def op_MUL(self, _, pc):
        self.binary(Op.MUL, pc)

    def op_DIV(self, _, pc):
        self.binary(Op.DIV, pc)

    def op_MOD(self, _, pc):
        self.binary(Op.MOD, pc)

    def op_LT(self, _, pc):
        self.binary(Op.LT, pc)

    def op_GT(self, _, pc):
        self.binary(Op.GT, pc)

    def op_LE(self, _, pc):
        self.binary(Op.LE, pc)

    def op_GE(self, _, pc):
        self.binary(Op.GE, pc)

    def op_EQ(self, _, pc):
        self.binary(Op.EQ, pc)

    def op_NE(self, _, pc):
        self.binary(Op.NE, pc)

    def op_NEG(self, _, pc):
        a = self.pop()
        if a.number:
            self.result(f"negate({a.text})", pc)
        else:
            self.result(f"(-{a.text}) if {self.number_test(a)} else negate({a.text})", pc)

    def op_NOT(self, _, pc):
        a = self.pop()
        if a.constant is not NOT_CONSTANT:
            self.push(self.constant(a.constant is False or a.constant is None))
        elif a.boolean:
            self.result(f"not {a.text}", pc, boolean=True)
        else:
            self.result(f"({a.text} is False or {a.text} is None)", pc, boolean=True)

    def arguments(self, count: int) -> list[Value]:
        values = self.stack[len(self.stack) - count:]
        del self.stack[len(self.stack) - count:]
        return values

    @staticmethod
    def tuple_of(values: list[Value]) -> str:
        texts = [v.text for v in values]
        return "(" + ", ".join(texts) + ("," if len(texts) == 1 else "") + ")"

    def op_CALL(self, count, pc):
        """An Eva function through its `code.direct`; a native of that arity called here
        (`len` and `str` are most of what the strings benchmark calls), or written in place
        (`Native.inline`) when it is the one the global held at translation; anything else
        through `call_value`, which has the errors."""
        args = self.arguments(count)
        callee_value = self.pop()
        callee = self.atom(callee_value)
        target = f"s{len(self.stack)}"
        passed = "".join(f", {v.text}" for v in args)
        native = callee_value.known_native
        if native is not None and native.arity == count:  # the native the global held
            name = self.name(native, "n")
            inline = native.inline.format(*(self.atom(v) for v in args), native=name)
            self.line(f"if {callee} is {name}:", pc)
            self.line(f"    {target} = {inline}", pc)
            self.line(f"elif type({callee}) is Function:", pc)
        else:
            self.line(f"if type({callee}) is Function:", pc)
        self.line("    try:", pc)
        self.line(f"        {target} = {callee}.code.direct(depth + 1, {callee}{passed})", pc)
        self.line("    except TypeError:", pc)
        self.line(f"        bad_call({callee}, {count})", pc)
        self.line(f"elif type({callee}) is Native and {callee}.arity == {count}:", pc)
        self.line(f"    {target} = {callee}.fn({', '.join(v.text for v in args)})", pc)
        self.line("else:", pc)
        self.line(f"    {target} = call_value({callee}, {self.tuple_of(args)})", pc)
        self.push(Value(target, temp=True))

    def op_NEW(self, count, pc):
        """An inline cache (shapes.ConstructSite): the class the site last met, whose
        constructor is translated, is instantiated here; anything else misses into
        `construct`, which fills it."""
        args = self.arguments(count)
        cls = self.atom(self.pop())
        site = self.name(ConstructSite(), "new")
        target = f"s{len(self.stack)}"
        passed = "".join(f", {v.text}" for v in args)
        self.line(f"if {cls} is {site}.cls:", pc)
        self.line(f"    {target} = alloc(Instance({cls}))", pc)
        self.line(f"    {site}.constructor.code.translated(depth + 1, {site}.constructor, "
                  f"{target}{passed})", pc)
        self.line("else:", pc)
        self.line(f"    {target} = construct(depth, {cls}, {self.tuple_of(args)}, {site})", pc)
        self.push(Value(target, temp=True))

    def op_MAKE_FUNCTION(self, operands, pc):
        code, count = operands
        cells = self.arguments(count)
        self.result(f"alloc(Function({self.name(code, 'k')}, {self.tuple_of(cells)}, "
                    f"{code.name!r}))", pc)

    def op_MAKE_CLASS(self, operands, pc):
        name, count = operands
        methods = self.arguments(count)
        parent = self.pop()
        self.result(f"make_class({name!r}, {parent.text}, "
                    f"[{', '.join(v.text for v in methods)}], alloc)", pc)

    def op_SUPER(self, _, pc):
        self.result(f"superclass({self.pop().text})", pc)

    def op_GET_PROP(self, name, pc):
        """An inline cache (shapes.py): an instance of the shape the site last met has the
        field at the index it found; anything else misses into the runtime, which fills it."""
        obj = self.atom(self.pop())
        site = self.name(site_for(self.code, pc, name), "site")
        self.result(f"{obj}.values[{site}.index] if type({obj}) is Instance and "
                    f"{obj}.shape is {site}.shape else get_property_at({obj}, {site})", pc)

    def op_SET_PROP(self, name, pc):
        """An inline cache with two entries: a write in place (a field the shape has), and
        a write that adds the field (the shape before, and after)."""
        value, obj = self.pop(), self.atom(self.pop())
        site = self.name(site_for(self.code, pc, name), "site")
        self.line(f"if type({obj}) is not Instance: set_property_at({obj}, {site}, "
                  f"{value.text})", pc)
        self.line(f"elif {obj}.shape is {site}.shape: {obj}.values[{site}.index] = "
                  f"{value.text}", pc)
        self.line(f"elif {obj}.shape is {site}.before: {obj}.values.append({value.text}); "
                  f"{obj}.shape = {site}.after", pc)
        self.line(f"else: set_property_at({obj}, {site}, {value.text})", pc)
        self.place(value, pc)

    def op_MAKE_LIST(self, count, pc):
        items = self.arguments(count)
        self.result(f"alloc(List([{', '.join(v.text for v in items)}]))", pc)

    def op_GET_INDEX(self, _, pc):
        """A list's element, or a string's character, inline when the index is in range."""
        index, obj = self.pop().text, self.atom(self.pop())
        in_range = f"type({index}) is int and 0 <= {index} < len({obj}.{{}})"
        self.result(f"{obj}.items[{index}] if type({obj}) is List and {in_range.format('items')} "
                    f"else alloc(String({obj}.text[{index}])) if type({obj}) is String and "
                    f"{in_range.format('text')} else get_index({obj}, {index}, alloc)", pc)

    def op_SET_INDEX(self, _, pc):
        value, index, obj = self.pop(), self.pop().text, self.atom(self.pop())
        self.line(f"if type({obj}) is List and type({index}) is int and "
                  f"0 <= {index} < len({obj}.items): {obj}.items[{index}] = {value.text}", pc)
        self.line(f"else: set_index({obj}, {index}, {value.text})", pc)
        self.place(value, pc)

    def op_RETURN(self, _, pc):
        raise AssertionError("RETURN ends a block: Writer.straight writes it")


def path_to_loop(nodes: list, header: int) -> list | None:
    """The (nodes, index) pairs that lead from `nodes` down to the loop at `header`,
    outermost first, or None. (A loop copied by tail duplication is found at its first copy:
    every copy goes on the same way.)"""
    for index, node in enumerate(nodes):
        kind = type(node)
        if kind is Loop:
            if node.header == header:
                return [(nodes, index)]
            inner = path_to_loop(node.body, header)
        elif kind is Branch:
            inner = path_to_loop(node.when_true, header) or \
                path_to_loop(node.when_false, header)
        else:
            continue
        if inner is not None:
            return [(nodes, index)] + inner
    return None


def weight(nodes: list) -> int:
    """About how many lines `nodes` write (to put the shorter arm of a branch first)."""
    return sum(weight(n.when_true) + weight(n.when_false) + 1 if type(n) is Branch
               else weight(n.body) if type(n) is Loop
               else 1 if n is BREAK else n.block.end - n.block.start for n in nodes)


def stack_depths(code) -> dict[int, int]:
    """The operand stack's depth on entry to each reachable instruction (above the slots)."""
    insns = code.generic_insns
    depths = {0: 0}
    work = [0]
    while work:
        pc = work.pop()
        op, arg = insns[pc]
        depth = depths[pc]
        after = depth + stack_effect(op, arg if isinstance(arg, tuple) else (arg,))
        if op == Op.RETURN:
            continue
        if op in (Op.JUMP, Op.LOOP):
            targets = [(arg, after)]
        elif op in (Op.JUMP_IF_FALSE_KEEP, Op.JUMP_IF_TRUE_KEEP):
            targets = [(arg, depth), (pc + 1, after)]  # the jump keeps the value
        elif OPCODES[op].jump:
            targets = [(arg, after), (pc + 1, after)]
        else:
            targets = [(pc + 1, after)]
        for target, target_depth in targets:
            if target not in depths:
                depths[target] = target_depth
                work.append(target)
    return depths
