"""Random but valid Eva programs, for differential testing of the execution tiers.

SPEC.md section 9 says every program prints the same output and fails with the same error
and Eva stack trace in every mode (golden.MODES). The golden corpus checks that for programs
someone thought of; this module writes programs nobody thought of, so that the translation
tier (eva/interp/translator.py and friends) and the JIT meet combinations of features they
were not written against. `tests/test_differential.py` runs a fixed set of seeds on every
test run; `python tests/evagen.py --count N` fuzzes for longer and shrinks what it finds.

How the programs are made, and why:

- **Kinds, not just syntax.** A random S-expression almost always fails at its first
  operator, which would test nothing but the first error. Every expression is generated
  for a *kind* (`INT`, `NUM`, `STR`, `BOOL`, lists, instances of a class, functions of a
  signature, `ANY`), and only from productions that give a value of that kind, so most
  programs run to their end. Errors come on purpose: a `Fault` planned per program (wrong
  arity, calling a non-function, undefined or undeclared variables, division by zero, type
  errors, index and property errors, stack overflow), often at the bottom of a recursion so
  that the trace crosses tiers, plus a small chance of a risky operation anywhere.
- **Types change under warm code.** A `NUM` may be an int, a float or an integer beyond
  2^53 or 2^63; the driver at the end of each program calls every function several times,
  often from a loop whose index picks the argument's type, so a function is translated (2nd
  call, or 1st in `translate-always`) and compiled (10th call in mode `jit`) with one type
  and then called with another.
- **Depth.** Recursive functions are called past 100 frames, where translated code stops
  calling translated code directly (eva/interp/direct.py `DIRECT_DEPTH`), and some programs
  run with a small `max_depth` so that a stack overflow happens at an exact depth.
- **Bounded cost.** Each function has an estimated cost (calls and loop iterations); a call
  is only generated where the enclosing loops' multiplier times the callee's cost fits the
  budget, and values only grow by bounded steps (`(* x LITERAL)`, `(+ s SMALL-STRING)`), so
  a program runs in milliseconds even in the slowest mode (gc-stress collects at every
  allocation).
- **Fresh names.** Every variable, parameter, function and class gets a fresh name, so a
  declaration never shadows by accident (a `var` hoists to the start of its block, and an
  accidental shadow would read the inner variable before its declaration). Shadowing and
  use-before-declaration are generated on purpose, where they are meant.

The generator is deterministic: `generate(seed)` always returns the same program, and
`Program.options` the option overrides it is run with in every mode (all modes get the same).
"""

from __future__ import annotations

import copy
import random
import re
import signal
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

# -- kinds ------------------------------------------------------------------------------------

INT, NUM, STR, BOOL, ANY = "int", "num", "str", "bool", "any"
LNUM, LANY = "lnum", "lany"
"""Non-empty lists: of numbers, and of anything. A list of numbers is not a list of anything
for writing (someone could push a string into it and break a reader that adds its elements),
so LNUM fits only LNUM and ANY."""
DEPTH = "depth"
"""A small non-negative int that bounds a recursion: only literals and other DEPTH values
are passed for it, never arithmetic that could make it large."""


@dataclass(eq=False)
class Sig:
    """A function's signature: parameter kinds and the kind of its result."""
    params: list
    ret: object

    def __repr__(self) -> str:
        return f"Sig({self.params}->{self.ret})"


@dataclass(frozen=True)
class FnKind:
    sig: Sig


@dataclass(eq=False)
class ClassInfo:
    name: str
    parent: "ClassInfo | None"
    fields: dict              # own and inherited: name -> kind
    methods: dict             # own and inherited: name -> (index, Sig, cost)
    ctor: list | None         # constructor parameter kinds (without self), None: no constructor
    statics: list = field(default_factory=list)  # int members of the class itself

    def is_a(self, other: "ClassInfo") -> bool:
        cls = self
        while cls is not None:
            if cls is other:
                return True
            cls = cls.parent
        return False


@dataclass(frozen=True)
class InstKind:
    cls: ClassInfo


def fits(kind, wanted) -> bool:
    """Can a value of `kind` be used where `wanted` is needed?"""
    if wanted == ANY or kind == wanted:
        return True
    if wanted == NUM:
        return kind in (INT, DEPTH)
    if wanted == INT:
        return kind == DEPTH
    if isinstance(kind, InstKind) and isinstance(wanted, InstKind):
        return kind.cls.is_a(wanted.cls)
    return False


def truthy(kind) -> bool:
    """Values of this kind are always true (everything but false and null is)."""
    return kind not in (BOOL, ANY)


@dataclass(eq=False)
class Var:
    name: str
    kind: object
    assignable: bool = True


@dataclass(eq=False)
class Func:
    """A global function the driver and later functions may call."""
    name: str
    sig: Sig
    cost: int
    depth_param: int | None = None  # index of a DEPTH parameter, and the largest value for it
    max_depth: int = 0


# -- literals ---------------------------------------------------------------------------------

BIG_INTS = [9007199254740993, 2 ** 63, 2 ** 63 - 1, -(2 ** 64) - 7, 10 ** 20, 2 ** 53,
            123456789012345678901234567890]
HUGE_INT = 2 ** 1100  # too large for a float: mixed arithmetic with it is a runtime error
FLOATS = ["0.5", "-2.25", "3.0", "1e10", "-0.0", "0.1", "2.5e-3", "1e16", "7.75", "1e300"]
STRINGS = ['"a"', '"hello"', '"x y"', '"\\"q\\""', '"tab\\there"', '"é"', '"日本"',
           '"line\\nbreak"', '"// not a comment"', '"Zz"', '"-"', '"back\\\\slash"']


def mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


class Budget(Exception):
    """Raised when a program grows past its size limit; the generator retries smaller."""


# -- the generator ----------------------------------------------------------------------------

@dataclass
class Program:
    seed: int
    text: str
    options: dict


class Env:
    """Where an expression is being generated: the visible variables (innermost scope last),
    the function it belongs to, and how many times it runs per call of that function."""

    def __init__(self, scopes=None, mult: int = 1, self_cls: ClassInfo | None = None,
                 method_index: int | None = None):
        self.scopes: list[list[Var]] = scopes if scopes is not None else [[]]
        self.mult = mult
        self.cost = 0
        self.self_cls = self_cls
        self.method_index = method_index

    def child(self, mult: int = 1) -> "Env":
        """A nested block (or loop body, run `mult` times as often)."""
        env = Env(self.scopes + [[]], self.mult * mult, self.self_cls, self.method_index)
        env.parent = self
        return env

    def close(self, env: "Env") -> None:
        self.cost += env.cost

    def declare(self, var: Var) -> None:
        self.scopes[-1].append(var)

    def visible(self) -> list[Var]:
        return [v for scope in self.scopes for v in scope]


class Generator:
    """One program (see the module docstring). `generate(seed)` is the entry point."""

    MAX_NODES = 900
    CALL_BUDGET = 400  # estimated work per function call

    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.names = 0
        self.nodes = 0
        self.globals: list[Var] = []
        self.functions: list[Func] = []
        self.classes: list[ClassInfo] = []
        self.out: list[str] = []
        self.options: dict = {}
        self.method_names = 0
        self.numeric: list[Func] = []  # the numeric kernels (numeric_function)
        self.finale: list[str] = []  # failing calls (call_chain): one of them ends the program

    # -- helpers -------------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items):
        return self.rng.choice(items)

    def fresh(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def node(self) -> None:
        self.nodes += 1
        if self.nodes > self.MAX_NODES:
            raise Budget()

    def vars_of(self, env: Env, kind) -> list[Var]:
        return [v for v in env.visible() + self.globals if fits(v.kind, kind)]

    def callable_functions(self, env: Env, kind) -> list[Func]:
        room = self.CALL_BUDGET // max(1, env.mult)
        return [f for f in self.functions if fits(f.sig.ret, kind) and f.cost <= room]

    # -- literals ------------------------------------------------------------------------

    def int_literal(self) -> str:
        r = self.rng.random()
        if r < 0.7:
            return str(self.rng.randint(-5, 20))
        if r < 0.99:
            return str(self.pick(BIG_INTS))
        return str(HUGE_INT)

    def num_literal(self) -> str:
        return self.int_literal() if self.chance(0.55) else self.pick(FLOATS)

    def literal(self, kind) -> str:
        if kind in (INT, DEPTH):
            return self.int_literal() if kind == INT else str(self.rng.randint(0, 6))
        if kind == NUM:
            return self.num_literal()
        if kind == STR:
            return self.pick(STRINGS)
        if kind == BOOL:
            return self.pick(["true", "false"])
        raise AssertionError(kind)

    # -- expressions ---------------------------------------------------------------------

    def expr(self, kind, env: Env, depth: int) -> str:
        """An expression whose value is of `kind` (see the module docstring)."""
        self.node()
        env.cost += env.mult
        if depth <= 0 or self.chance(0.25):
            return self.leaf(kind, env, depth)
        if kind == ANY:
            return self.any_expr(env, depth)
        if isinstance(kind, InstKind):
            return self.inst_expr(kind, env, depth)
        if isinstance(kind, FnKind):
            return self.fn_expr(kind, env, depth)
        makers = [self.control_expr, self.call_expr, self.assign_expr, self.prop_expr]
        makers += {INT: [self.int_expr] * 4, NUM: [self.num_expr] * 4, DEPTH: [],
                   STR: [self.str_expr] * 4, BOOL: [self.bool_expr] * 4,
                   LNUM: [self.list_expr] * 3, LANY: [self.list_expr] * 3}[kind]
        for _ in range(4):
            text = self.pick(makers)(kind, env, depth - 1)
            if text is not None:
                return text
        return self.leaf(kind, env, depth)

    def leaf(self, kind, env: Env, depth: int) -> str:
        if kind == ANY:
            kind = self.pick([INT, NUM, STR, BOOL, LNUM, LANY, "null"] + [
                InstKind(c) for c in self.classes[:2]])
            if kind == "null":
                return "null"
        found = self.vars_of(env, kind)
        if found and self.chance(0.75):  # variables, most of all parameters, carry the types
            local = [v for v in found if v not in self.globals]
            return self.pick(local if local and self.chance(0.8) else found).name
        if not isinstance(kind, (InstKind, FnKind)) and kind not in (LNUM, LANY):
            return self.literal(kind)
        if found:
            return self.pick(found).name
        if isinstance(kind, InstKind):
            return self.new_expr(kind, env, 0)
        if isinstance(kind, FnKind):
            return self.lambda_expr(kind.sig, env, 1)
        if kind in (LNUM, LANY):
            element = NUM if kind == LNUM else ANY
            return f"(list {' '.join(self.literal(element if element != ANY else INT) for _ in range(self.rng.randint(1, 3)))})"
        return self.literal(kind)

    def any_expr(self, env: Env, depth: int) -> str:
        r = self.rng.random()
        if r < 0.06:
            return f"(print {self.expr(ANY, env, depth - 1)})"
        if r < 0.10:
            return f"(if {self.expr(ANY, env, depth - 1)} {self.expr(ANY, env, depth - 1)})"
        if r < 0.14:
            return self.loop_expr(env, depth - 1)
        if r < 0.17:
            return self.set_prop_expr(env, depth - 1) or "null"
        if r < 0.19:
            return f"(switch ({self.expr(BOOL, env, depth - 1)} {self.expr(ANY, env, depth - 1)}))"
        if r < 0.23 and self.classes:
            cls = self.pick(self.classes)
            return cls.name if self.chance(0.5) else self.new_expr(InstKind(cls), env, depth - 1)
        if r < 0.27:
            return f"(and {self.expr(ANY, env, depth - 1)} {self.expr(ANY, env, depth - 1)})"
        if r < 0.31:
            return f"(or {self.expr(ANY, env, depth - 1)} {self.expr(ANY, env, depth - 1)})"
        if r < 0.33:
            return self.pick(["print", "len", "str", "abs", "sum"]) if self.chance(0.3) else \
                self.lambda_expr(Sig([ANY], ANY), env, depth - 1)
        kind = self.pick([INT, NUM, NUM, STR, BOOL, LNUM, LANY])
        return self.expr(kind, env, depth)

    def small_int(self, env: Env, depth: int) -> str:
        """An int expression kept small (for multipliers)."""
        return str(self.rng.randint(-3, 9))

    def nonzero(self, kind, env: Env, depth: int) -> str:
        """A divisor: most of the time surely not zero; sometimes anything (a planned risk)."""
        r = self.rng.random()
        if r < 0.03:
            return self.expr(kind, env, depth)
        if r < 0.55:
            lit = self.literal(kind)
            while lit in ("0", "-0.0"):
                lit = self.literal(kind)
            return lit
        return f"(+ 1 (abs {self.expr(kind, env, depth)}))"

    def int_expr(self, kind, env: Env, depth: int) -> str | None:
        r = self.rng.random()
        if r < 0.15:
            return f"(+ {self.expr(INT, env, depth)} {self.expr(INT, env, depth)})"
        if r < 0.3:
            return f"(- {self.expr(INT, env, depth)} {self.expr(INT, env, depth)})"
        if r < 0.4:
            return f"(* {self.expr(INT, env, depth)} {self.small_int(env, depth)})"
        if r < 0.5:
            return f"(% {self.expr(INT, env, depth)} {self.nonzero(INT, env, depth)})"
        if r < 0.58:
            return f"(- {self.expr(INT, env, depth)})"
        if r < 0.7:
            return f"(len {self.expr(self.pick([STR, LNUM, LANY]), env, depth)})"
        if r < 0.78:
            return f"(floor {self.expr(NUM, env, depth)})"
        if r < 0.84:
            return f"(abs {self.expr(INT, env, depth)})"
        if r < 0.9:  # of a small value only: squaring a loop's accumulator explodes
            return "(native-square " + self.pick(["3", "-7", '(len "abc")', str(2 ** 40)]) + ")"
        return f"(sum {self.expr(INT, env, depth)} {self.expr(INT, env, depth)})"

    def num_expr(self, kind, env: Env, depth: int) -> str | None:
        r = self.rng.random()
        if r < 0.15:
            return self.int_expr(INT, env, depth)
        if r < 0.3:
            return f"(+ {self.expr(NUM, env, depth)} {self.expr(NUM, env, depth)})"
        if r < 0.42:
            return f"(- {self.expr(NUM, env, depth)} {self.expr(NUM, env, depth)})"
        if r < 0.52:
            multiplier = self.num_literal() if env.mult == 1 else self.pick(
                ["2", "-3", "0.5", "1.5", "10", "-1"])
            if self.chance(0.5):
                return f"(* {self.expr(NUM, env, depth)} {multiplier})"
            return f"(* {multiplier} {self.expr(NUM, env, depth)})"
        if r < 0.62:
            return f"(/ {self.expr(NUM, env, depth)} {self.nonzero(NUM, env, depth)})"
        if r < 0.7:
            return f"(% {self.expr(NUM, env, depth)} {self.nonzero(NUM, env, depth)})"
        if r < 0.76:
            return f"(- {self.expr(NUM, env, depth)})"
        if r < 0.8:
            return f"(sqrt (abs {self.expr(NUM, env, depth)}))"
        if r < 0.84:
            return f"(abs {self.expr(NUM, env, depth)})"
        lists = self.vars_of(env, LNUM)
        if lists:
            return self.index_expr(self.pick(lists).name, env, depth)
        return f"(idx {self.leaf(LNUM, env, 0)} {self.pick(['0', '-1'])})"

    def index_expr(self, name: str, env: Env, depth: int) -> str:
        """`(idx NAME i)` with `i` surely in range (NAME is a non-empty list or string)."""
        r = self.rng.random()
        if r < 0.2:
            return f"(idx {name} {self.pick(['0', '-1'])})"
        position = f"(% {self.expr(INT, env, depth)} (len {name}))"
        if r < 0.6:
            return f"(idx {name} {position})"
        return f"(idx {name} (- -1 {position}))"

    def small_str(self, env: Env, depth: int) -> str:
        """A string expression of bounded length (strings never double: see the docstring)."""
        r = self.rng.random()
        if r < 0.5:
            return self.pick(STRINGS)
        if r < 0.8:
            return f"(str {self.expr(self.pick([INT, NUM, BOOL]), env, depth)})"
        found = self.vars_of(env, STR)
        if found:
            return self.index_expr(self.pick(found).name, env, depth)
        return self.pick(STRINGS)

    def str_expr(self, kind, env: Env, depth: int) -> str | None:
        r = self.rng.random()
        if r < 0.4:
            if self.chance(0.5):
                return f"(+ {self.expr(STR, env, depth)} {self.small_str(env, depth)})"
            return f"(+ {self.small_str(env, depth)} {self.expr(STR, env, depth)})"
        if r < 0.6:
            return f"(str {self.expr(ANY, env, depth)})"
        return self.small_str(env, depth)

    def bool_expr(self, kind, env: Env, depth: int) -> str | None:
        r = self.rng.random()
        if r < 0.3:
            operand = NUM if self.chance(0.75) else STR
            op = self.pick(["<", ">", "<=", ">="])
            return f"({op} {self.expr(operand, env, depth)} {self.expr(operand, env, depth)})"
        if r < 0.5:
            op = self.pick(["==", "!="])
            left = self.pick([NUM, NUM, STR, BOOL, ANY, LNUM])
            right = left if self.chance(0.7) else self.pick([NUM, STR, ANY, "null"])
            right_text = "null" if right == "null" else self.expr(right, env, depth)
            return f"({op} {self.expr(left, env, depth)} {right_text})"
        if r < 0.65:
            return f"(not {self.expr(ANY, env, depth)})"
        if r < 0.8:
            op = self.pick(["and", "or"])
            count = self.rng.choice([0, 1, 2, 2, 3])
            return f"({op}{''.join(' ' + self.expr(BOOL, env, depth) for _ in range(count))})"
        if r < 0.9:
            return f"(== {self.expr(ANY, env, depth)} {self.expr(ANY, env, depth)})"
        return f"(not (not {self.expr(ANY, env, depth)}))"

    def scalar_kind(self):
        """What goes into an existing list: a list pushed into another, again and again,
        shares it so much that printing it takes exponential time (a fresh list made with
        `list` may hold anything)."""
        return self.pick([INT, NUM, STR, BOOL])

    def list_expr(self, kind, env: Env, depth: int) -> str | None:
        element = NUM if kind == LNUM else ANY
        added = NUM if kind == LNUM else self.scalar_kind()
        r = self.rng.random()
        if r < 0.4:
            count = self.rng.randint(1, 4)
            if element == ANY and (env.mult > 1 or self.chance(0.8)):
                element = self.scalar_kind()  # `(set l (list l l))` in a loop: see above
            return f"(list {' '.join(self.expr(element, env, depth) for _ in range(count))})"
        if r < 0.7:
            return f"(push {self.expr(kind, env, depth)} {self.expr(added, env, depth)})"
        return f"(+ {self.expr(kind, env, depth)} (list {self.expr(added, env, depth)}))"

    def control_expr(self, kind, env: Env, depth: int) -> str | None:
        """`if`, `switch`, `begin`, and `and`/`or` where they surely give `kind`."""
        r = self.rng.random()
        if r < 0.35:
            return (f"(if {self.expr(ANY, env, depth)} {self.expr(kind, env, depth)} "
                    f"{self.expr(kind, env, depth)})")
        if r < 0.5:
            arms = " ".join(f"({self.expr(ANY, env, depth)} {self.expr(kind, env, depth)})"
                            for _ in range(self.rng.randint(1, 3)))
            return f"(switch {arms} (else {self.expr(kind, env, depth)}))"
        if r < 0.75:
            return self.block(kind, env, depth)
        if r < 0.8:  # an arm never taken: translated all the same, with its odd operands
            test = self.pick(["false", "null", "(not 0)", "(== 1 2)", "(< 3 -3)"])
            return f"(if {test} {self.fault_expr(self.pick(self.FAULTS))} " \
                   f"{self.expr(kind, env, depth)})"
        if r < 0.85:
            constant = self.constant_expr(kind)
            if constant is not None:
                return constant
        if kind == BOOL:
            return None
        first = self.pick([INT, NUM, STR, LANY, LNUM])
        if self.chance(0.5):
            return f"(and {self.expr(first, env, depth)} {self.expr(kind, env, depth)})"
        return f"(or {self.expr(kind, env, depth)} {self.expr(ANY, env, depth)})"

    def constant_expr(self, kind) -> str | None:
        """An operation on literals only (the translator has a path of its own for
        constant operands, and none of them may change what the operation does)."""
        a, b = self.num_literal(), self.pick(["3", "-2", "0.5", "7", "1e16", "-0.25"])
        options = {
            INT: [f"(- {self.int_literal()})", '(len "abc")', f"(% {self.int_literal()} 7)",
                  f"(* {self.int_literal()} -3)", "((lambda (x) (+ x 1)) 41)"],
            NUM: [f"(+ {a} {b})", f"(- {a} {b})", f"(* {a} {b})", f"(/ {a} {b})",
                  f"(% {a} {b})", f"(- {a})", "(sqrt 2)", "(abs -2.5)"],
            STR: ['(+ "a" "b")', '(idx "abc" -1)', '(str 1.5)', '(str (list 1 "a"))'],
            BOOL: [f"(< {a} {b})", '(< "a" "b")', '(== "a" "a")', "(== null false)",
                   "(!= 1 1.0)", "(not 0)", "(not null)", f"(>= {a} {b})",
                   "(== (list 1) (list 1))", "(== 1 true)"],
        }.get(kind)
        return self.pick(options) if options else None

    def loop_test(self, counter: str, count: int, env: Env, depth: int) -> str:
        """The test of a counted loop: the count decides, in one of several shapes (the
        compiler threads `and`/`or`/`not` into the jumps, so each shape is other bytecode)."""
        r = self.rng.random()
        if r < 0.5:
            return f"(< {counter} {count})"
        if r < 0.6:
            return f"(not (>= {counter} {count}))"
        if r < 0.7:
            return f"(> {count} {counter})"
        extra = self.expr(BOOL, env, min(depth, 1))
        if r < 0.85:
            return f"(and (< {counter} {count}) (or {extra} true))"
        return f"(not (or (>= {counter} {count}) (and false {extra})))"

    def loop_expr(self, env: Env, depth: int) -> str:
        """A loop (its value is null): `for` or `while` with a counter, a few iterations, or
        sometimes enough for the JIT to compile the running loop (OSR, mode `jit`)."""
        count = self.rng.randint(0, 4) if env.mult > 1 or self.chance(0.8) else \
            self.rng.randint(18, 30)
        body_env = env.child(max(1, count))
        counter = Var(self.fresh("i"), INT, assignable=False)
        if self.chance(0.5):
            body_env.declare(counter)
            body = self.block(ANY, body_env, depth - 1)
            env.close(body_env)
            test = self.loop_test(counter.name, count, body_env, depth)
            step = self.pick([f"(++ {counter.name})", f"(+= {counter.name} 1)",
                              f"(set {counter.name} (+ {counter.name} 1))"])
            return f"(for (var {counter.name} 0) {test} {step} {body})"
        # `while` with its counter in a block around it; the loop is the block's value
        outer = env.child()
        outer.declare(counter)
        body_env = outer.child(max(1, count))
        body = self.block(ANY, body_env, depth - 1, extra=f"(++ {counter.name})")
        outer.close(body_env)
        env.close(outer)
        return f"(begin (var {counter.name} {self.rng.choice([0, 0, -1])}) " \
               f"(while {self.loop_test(counter.name, count, body_env, depth)} {body}))"

    def block(self, kind, env: Env, depth: int, extra: str | None = None) -> str:
        """`(begin s1 ... sn e)`: declarations, assignments, prints, loops, local functions,
        then an expression of `kind`."""
        inner = env.child()
        statements = []
        for _ in range(self.rng.randint(0, 3)):
            statements.append(self.statement(inner, depth))
        if extra:
            statements.append(extra)
        statements.append(self.expr(kind, inner, depth))
        env.close(inner)
        return f"(begin {' '.join(statements)})"

    def statement(self, env: Env, depth: int) -> str:
        r = self.rng.random()
        if r < 0.35:
            kind = self.pick([INT, NUM, NUM, STR, BOOL, LNUM, LANY, ANY] +
                             [InstKind(c) for c in self.classes[-2:]])
            value = self.expr(kind, env, depth)
            var = Var(self.fresh("v"), kind)
            env.declare(var)
            return f"(var {var.name} {value})"
        if r < 0.45:
            return f"(print {' '.join(self.expr(ANY, env, depth) for _ in range(self.rng.randint(1, 2)))})"
        if r < 0.55:
            return self.loop_expr(env, depth)
        if r < 0.62:
            return self.local_function(env, depth)
        if r < 0.67:
            return self.closures_in_loop(env, depth)
        if r < 0.70:
            return self.local_recursion(env, depth)
        if r < 0.75:
            return self.set_prop_expr(env, depth) or "null"
        if r < 0.8:
            return self.shadowing_block(env, depth)
        if r < 0.83:
            return self.local_class(env, depth)
        return self.expr(ANY, env, depth)

    def local_class(self, env: Env, depth: int) -> str:
        """A class made inside a function each time the block runs (MAKE_CLASS and SUPER in
        translated code), maybe a subclass of a global class, used at once."""
        name, obj, value = self.fresh("L"), self.fresh("lo"), self.fresh("lv")
        kind = self.pick([INT, NUM, STR])
        init = self.expr(kind, env, depth - 1)
        parents = [c for c in self.classes if c.ctor == []]
        parent = self.pick(parents) if parents and self.chance(0.5) else None
        # `get` closes over the block, but its own `self` hides any outer one
        inner = Env([[v for v in scope if v.name != "self"] for scope in env.scopes] +
                    [[Var(value, kind)]])
        update = self.expr(kind, inner, 1)
        env.cost += inner.cost * env.mult
        if parent is not None:
            ctor = (f"(def constructor (self a) (begin ((prop (super {name}) constructor) "
                    f"self) (set (prop self {value}) a)))")
        else:
            ctor = f"(def constructor (self a) (set (prop self {value}) a))"
        get = f"(def get (self) (begin (var {value} (prop self {value})) " \
              f"(set (prop self {value}) {update}) {value}))"
        return (f"(begin (class {name} {parent.name if parent else 'null'} {ctor} {get}) "
                f"(var {obj} (new {name} {init})) (print ((prop {obj} get) {obj}) "
                f"((prop {name} get) {obj}) (prop {obj} {value})))")

    def shadowing_block(self, env: Env, depth: int) -> str:
        """A block whose first statement declares a name an outer scope already has: the
        inner variable hides the outer one for the whole block, the outer one is unchanged."""
        candidates = [v for v in env.visible() if v.assignable and not isinstance(v.kind, FnKind)]
        if not candidates:
            return "null"
        outer = self.pick(candidates)
        value = self.expr(outer.kind, env, depth - 1)
        if mentions(value, outer.name):  # `(var x (+ x 1))` reads the new x: an error
            value = self.leaf(outer.kind, Env(), 0)
        inner = env.child()
        inner.declare(Var(outer.name, outer.kind))
        rest = self.expr(ANY, inner, depth - 1)
        env.close(inner)
        return f"(begin (begin (var {outer.name} {value}) {rest} (print {outer.name})) " \
               f"(print {outer.name}))"

    def assign_expr(self, kind, env: Env, depth: int) -> str | None:
        """`set`, `++`, `--`, `+=`, `-=` on a variable, a property or a list element."""
        if kind in (INT, NUM) and self.chance(0.3):
            place = self.number_place(kind, env, depth)
            if place is not None:
                if self.chance(0.5):
                    return f"({self.pick(['++', '--'])} {place})" if kind == INT or self.chance(0.5) \
                        else f"(+= {place} {self.expr(INT, env, depth)})"
                return f"({self.pick(['+=', '-='])} {place} {self.expr(kind, env, depth)})"
        found = [v for v in self.vars_of(env, kind) if v.assignable and v.kind == kind]
        if not found:
            return None
        var = self.pick(found)
        if kind in (INT, NUM) and self.chance(0.5):
            op = self.pick(["++", "--", "+=", "-="])
            if op in ("++", "--"):
                return f"({op} {var.name})"
            return f"({op} {var.name} {self.expr(INT if kind == INT else NUM, env, depth)})"
        if kind == STR and self.chance(0.4):
            return f"(+= {var.name} {self.small_str(env, depth)})"
        return f"(set {var.name} {self.expr(kind, env, depth)})"

    def number_place(self, kind, env: Env, depth: int) -> str | None:
        """A `prop` or `idx` place holding a number of `kind` (for `++` and `+=`)."""
        options = []
        for var in self.vars_of(env, ANY):
            if isinstance(var.kind, InstKind):
                for name, field_kind in var.kind.cls.fields.items():
                    if field_kind == kind:
                        options.append(f"(prop {var.name} {name})")
            if var.kind == LNUM and kind == NUM:
                options.append(self.index_expr(var.name, env, depth))
        if kind == INT:  # class members stay ints: `idx` positions are made from them
            for cls in self.classes:
                options += [f"(prop {cls.name} {name})" for name in cls.statics]
        return self.pick(options) if options else None

    def prop_expr(self, kind, env: Env, depth: int) -> str | None:
        """A field of an instance, a class member, or a method's result."""
        choices = []
        for var in self.vars_of(env, ANY):
            if isinstance(var.kind, InstKind):
                cls = var.kind.cls
                for name, field_kind in cls.fields.items():
                    if fits(field_kind, kind):
                        choices.append(("field", var, name))
                for name, (index, sig, cost) in cls.methods.items():
                    if fits(sig.ret, kind) and cost * env.mult <= self.CALL_BUDGET and (
                            env.method_index is None or index < env.method_index):
                        choices.append(("method", var, name))
        if kind in (INT, NUM):
            for cls in self.classes:
                for name in cls.statics:
                    choices.append(("static", cls, name))
        if not choices:
            return None
        what, owner, name = self.pick(choices)
        if what == "field":
            return f"(prop {owner.name} {name})"
        if what == "static":
            return f"(prop {owner.name} {name})"
        index, sig, cost = owner.kind.cls.methods[name]
        env.cost += cost * env.mult
        args = "".join(" " + self.expr(p, env, depth) for p in sig.params)
        if self.chance(0.15):  # through the class rather than the instance
            return f"((prop {owner.kind.cls.name} {name}) {owner.name}{args})"
        return f"((prop {owner.name} {name}) {owner.name}{args})"

    def set_prop_expr(self, env: Env, depth: int) -> str | None:
        targets = []
        for var in self.vars_of(env, ANY):
            if isinstance(var.kind, InstKind):
                for name, field_kind in var.kind.cls.fields.items():
                    targets.append((f"(prop {var.name} {name})", field_kind))
            if var.kind in (LNUM, LANY):
                targets.append((self.index_expr(var.name, env, depth),
                                NUM if var.kind == LNUM else self.scalar_kind()))
        if not targets:
            return None
        place, kind = self.pick(targets)
        return f"(set {place} {self.expr(kind, env, depth)})"

    def call_expr(self, kind, env: Env, depth: int) -> str | None:
        """A call of a global function, a function-valued variable, or a method."""
        options = self.callable_functions(env, kind)
        fn_vars = [v for v in env.visible() + self.globals
                   if isinstance(v.kind, FnKind) and fits(v.kind.sig.ret, kind)]
        if fn_vars and (not options or self.chance(0.4)):
            var = self.pick(fn_vars)
            args = "".join(" " + self.expr(p, env, depth) for p in var.kind.sig.params)
            env.cost += 3 * env.mult
            return f"({var.name}{args})"
        if not options:
            return None
        func = self.pick(options)
        env.cost += func.cost * env.mult
        args = []
        for i, param in enumerate(func.sig.params):
            if param == DEPTH:
                args.append(str(self.rng.randint(0, min(func.max_depth, 6))))
            else:
                args.append(self.expr(param, env, depth))
        return f"({func.name}{''.join(' ' + a for a in args)})"

    def fn_expr(self, kind: FnKind, env: Env, depth: int) -> str:
        found = self.vars_of(env, kind)
        if found and self.chance(0.5):
            return self.pick(found).name
        return self.lambda_expr(kind.sig, env, depth)

    def lambda_expr(self, sig: Sig, env: Env, depth: int) -> str:
        """A closure: its body sees (and may `set`) every variable visible here."""
        body_env = Env(env.scopes + [[]], 1, env.self_cls, env.method_index)
        params = []
        for kind in sig.params:
            var = Var(self.fresh("a"), kind)
            params.append(var.name)
            body_env.declare(var)
        body = self.expr(sig.ret, body_env, max(1, depth))
        env.cost += body_env.cost * env.mult
        return f"(lambda ({' '.join(params)}) {body})"

    def new_expr(self, kind: InstKind, env: Env, depth: int) -> str:
        subclasses = [c for c in self.classes if c.is_a(kind.cls)]
        cls = self.pick(subclasses)
        args = "".join(" " + self.expr(p, env, depth) for p in cls.ctor or [])
        return f"(new {cls.name}{args})"

    def inst_expr(self, kind: InstKind, env: Env, depth: int) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.leaf(kind, env, depth)
        if r < 0.7:
            return f"(if {self.expr(ANY, env, depth - 1)} {self.expr(kind, env, depth - 1)} " \
                   f"{self.expr(kind, env, depth - 1)})"
        return self.new_expr(kind, env, depth - 1)

    # -- statement templates -------------------------------------------------------------

    def local_function(self, env: Env, depth: int) -> str:
        """A `def` inside a block (bound in the block, a closure over it) or a lambda in a
        `var`; callable later in the block like any function-valued variable."""
        if self.chance(0.15):  # a native in a variable: calls through it are no Eva calls
            native, sig = self.pick([("len", Sig([STR], INT)), ("str", Sig([ANY], STR)),
                                     ("abs", Sig([NUM], NUM)), ("sum", Sig([INT, INT], INT)),
                                     ("print", Sig([ANY], ANY))])
            var = Var(self.fresh("lf"), FnKind(sig), assignable=False)
            env.declare(var)
            return f"(var {var.name} {native})"
        sig = Sig([self.pick([INT, NUM, STR, ANY]) for _ in range(self.rng.randint(0, 2))],
                  self.pick([INT, NUM, STR, ANY, BOOL]))
        var = Var(self.fresh("lf"), FnKind(sig), assignable=False)
        text = self.lambda_expr(sig, env, depth - 1)
        env.declare(var)
        if self.chance(0.5):
            params, body = text[len("(lambda ("):].split(") ", 1)
            return f"(def {var.name} ({params}) {body}"
        return f"(var {var.name} {text})"

    def closures_in_loop(self, env: Env, depth: int) -> str:
        """Closures made in a loop: each captures the loop's one `for` variable and a body
        variable fresh per iteration, and some `set` them; then all are called."""
        fs, i, j, k = (self.fresh(p) for p in ("fs", "i", "j", "k"))
        count = self.rng.randint(1, 4)
        inner = env.child(count)
        inner.declare(Var(i, INT, assignable=False))
        init = self.expr(NUM, inner, 1)
        inner.declare(Var(j, NUM))
        body_env = Env(inner.scopes + [[]], 1, env.self_cls, env.method_index)
        body = self.pick([f"(list {i} {j})", f"(begin (+= {j} {i}) {j})", f"(++ {j})",
                          f"(+ {j} {self.expr(NUM, body_env, 1)})", f"(begin (++ {i}) {j})"])
        env.close(inner)
        env.cost += body_env.cost * count * env.mult
        return (f"(begin (var {fs} (list)) "
                f"(for (var {i} 0) (< {i} {count}) (++ {i}) "
                f"(begin (var {j} {init}) (push {fs} (lambda () {body})))) "
                f"(for (var {k} 0) (< {k} (len {fs})) (++ {k}) (print ((idx {fs} {k})))) "
                f"(if (> (len {fs}) 0) (print ((idx {fs} 0)))))")

    def local_recursion(self, env: Env, depth: int) -> str:
        """A recursive closure, called deep enough to cross the translation tier's direct-call
        depth limit (100 frames) when `deep`."""
        name, n = self.fresh("rec"), self.fresh("n")
        levels = self.rng.choice([3, 20, 110, 130]) if env.mult == 1 else 3
        inner = Env(env.scopes + [[Var(n, INT)]], 1, env.self_cls, env.method_index)
        step = self.expr(INT, inner, 1)
        env.cost += (inner.cost + 2) * levels * env.mult
        form = self.pick([
            f"(var {name} (lambda ({n}) (if (<= {n} 0) 0 (+ {step} ({name} (- {n} 1))))))",
            f"(def {name} ({n}) (if (> {n} 0) (- ({name} (- {n} 1)) {step}) 1))",
        ])
        return f"(begin {form} (print ({name} {levels})))"

    # -- numeric kernels -----------------------------------------------------------------

    EDGE_INTS = ["4611686018427387904", "9223372036854775807", "-9223372036854775808",
                 "3037000499", "3037000500", "-4611686018427387905", "9007199254740993",
                 "9007199254740992", "1", "0", "-1", "2", "7", "-13"]
    """Integers at the edges of a 64-bit machine word (2^62, 2^63 - 1, -2^63, the square
    root of 2^63) and of a double's exact range (2^53 + 1): compiled code keeps ints in 64
    bits and must leave them (deoptimize) exactly when Python's ints would outgrow them."""

    def numeric_function(self) -> None:
        """A function of ints, floats and booleans only, with locals, loops and calls of other
        such functions: the code the JIT compiles (eva/jit/analysis.py). The driver calls it
        often enough to compile it, then with floats and integers past 2^63."""
        name = self.fresh("k")
        params = [Var(self.fresh("p"), self.pick([INT, NUM, NUM, BOOL]))
                  for _ in range(self.rng.randint(1, 3))]
        env = Env()
        env.numeric = True
        for var in params:
            env.declare(var)
        ret = self.pick([INT, NUM, NUM, BOOL])
        body = self.numeric_block(ret, env, 4)
        self.emit(f"(def {name} ({' '.join(v.name for v in params)}) {body})")
        self.functions.append(Func(name, Sig([v.kind for v in params], ret), env.cost + 1))
        self.numeric.append(self.functions[-1])

    def nexpr(self, kind, env: Env, depth: int) -> str:
        """An expression of a numeric kernel (INT, NUM or BOOL)."""
        self.node()
        env.cost += env.mult
        found = [v for v in env.visible() if fits(v.kind, kind)]
        if depth <= 0 or self.chance(0.2):
            if found and self.chance(0.7):
                return self.pick(found).name
            if kind == BOOL:
                return self.pick(["true", "false", "(== null null)"])
            if kind == INT or self.chance(0.6):
                return self.pick(self.EDGE_INTS) if self.chance(0.5) else str(self.rng.randint(-9, 40))
            return self.pick(FLOATS[:-1] + ["1e308", "-1e308", "0.1"])
        d = depth - 1
        r = self.rng.random()
        if kind == BOOL:
            if r < 0.45:
                op = self.pick(["<", ">", "<=", ">=", "==", "!="])
                return f"({op} {self.nexpr(NUM, env, d)} {self.nexpr(NUM, env, d)})"
            if r < 0.6:
                return f"(not {self.nexpr(self.pick([BOOL, NUM]), env, d)})"
            if r < 0.75:
                return f"({self.pick(['and', 'or'])} {self.nexpr(BOOL, env, d)} {self.nexpr(BOOL, env, d)})"
        elif r < 0.5:
            operand = INT if kind == INT else NUM
            op = self.pick(["+", "-", "*", "%"] + ([] if kind == INT else ["/"]))
            divisor = op in ("%", "/")
            right = self.nexpr(operand, env, d)
            if divisor and self.chance(0.95):
                right = self.pick(["3", "-7", "2.5", "0.5", "1", "4611686018427387904"]) if \
                    kind != INT else self.pick(["3", "-7", "1", "4611686018427387904"])
            if op == "*" and env.mult > 1 and self.chance(0.7):
                right = self.pick(["2", "-1", "3", "0.5"]) if kind != INT else self.pick(["2", "-1", "3"])
            return f"({op} {self.nexpr(operand, env, d)} {right})"
        elif r < 0.55:
            return f"(- {self.nexpr(INT if kind == INT else NUM, env, d)})"
        elif r < 0.62:
            if kind == INT:
                return f"(floor {self.nexpr(NUM, env, d)})"
            native = self.pick(["(abs {})", "(sqrt (abs {}))", "(floor {})"])
            return native.format(self.nexpr(NUM, env, d))
        elif r < 0.7 and kind != BOOL:
            targets = [v for v in env.visible() if v.assignable and v.kind in (INT, NUM) and
                       fits(v.kind, kind)]
            if targets:
                var = self.pick(targets)
                op = self.pick(["++", "--", "+=", "-=", "set"])
                if op in ("++", "--"):
                    return f"({op} {var.name})"
                return f"({op} {var.name} {self.nexpr(var.kind, env, d)})"
        if r < 0.8:
            calls = [f for f in self.numeric if fits(f.sig.ret, kind) and
                     f.cost * env.mult <= self.CALL_BUDGET]
            if calls:
                func = self.pick(calls)
                env.cost += func.cost * env.mult
                args = "".join(" " + self.nexpr(k, env, d) for k in func.sig.params)
                return f"({func.name}{args})"
        if r < 0.9:
            return f"(if {self.nexpr(BOOL, env, d)} {self.nexpr(kind, env, d)} {self.nexpr(kind, env, d)})"
        if r < 0.95:
            return f"(switch ({self.nexpr(BOOL, env, d)} {self.nexpr(kind, env, d)}) " \
                   f"(else {self.nexpr(kind, env, d)}))"
        return self.numeric_block(kind, env, d)

    def numeric_block(self, kind, env: Env, depth: int) -> str:
        """`begin` with numeric locals, assignments and counted loops (which the JIT may
        compile on their own, entering them mid-call: OSR)."""
        inner = env.child()
        parts = []
        for _ in range(self.rng.randint(0, 3)):
            r = self.rng.random()
            if r < 0.45:
                var = Var(self.fresh("v"), self.pick([INT, NUM, NUM, BOOL]))
                parts.append(f"(var {var.name} {self.nexpr(var.kind, inner, depth - 1)})")
                inner.declare(var)
            elif r < 0.8:
                count = self.rng.choice([2, 5, 25]) if inner.mult == 1 else 2
                counter = Var(self.fresh("i"), INT, assignable=False)
                body_env = inner.child(count)
                body_env.declare(counter)
                body = self.numeric_block(self.pick([INT, NUM, BOOL]), body_env, depth - 1)
                inner.close(body_env)
                if self.chance(0.5):
                    parts.append(f"(for (var {counter.name} 0) (< {counter.name} {count}) "
                                 f"(++ {counter.name}) {body})")
                else:
                    parts.append(f"(begin (var {counter.name} 0) (while (< {counter.name} "
                                 f"{count}) (begin {body} (++ {counter.name}))))")
            else:
                parts.append(self.nexpr(self.pick([INT, NUM, BOOL]), inner, depth - 1))
        parts.append(self.nexpr(kind, inner, depth - 1))
        env.close(inner)
        return f"(begin {' '.join(parts)})"

    # -- control-flow kernels ------------------------------------------------------------

    def control_function(self) -> None:
        """A function that is all control flow: `and`/`or` (their value is the deciding
        operand), `not`, `if` with and without `else`, `switch`, loops used as values, with
        comparisons, constant tests and values of every type as operands. The translator
        rebuilds `if`/`else` and `while` from the jumps (structure.py), and the compiler
        threads `and`/`or` into them; these shapes are where that goes wrong."""
        name = self.fresh("cf")
        params = [Var(self.fresh("p"), NUM) for _ in range(self.rng.randint(1, 2))]
        env = Env()
        for var in params:
            env.declare(var)
        body = self.cexpr(env, 4)
        self.emit(f"(def {name} ({' '.join(v.name for v in params)}) {body})")
        self.functions.append(Func(name, Sig([v.kind for v in params], ANY), env.cost + 1))

    def cexpr(self, env: Env, depth: int) -> str:
        """An expression of a control-flow kernel: any value, no errors."""
        self.node()
        env.cost += env.mult
        numbers = [v.name for v in env.visible() if v.kind in (INT, NUM)]
        if depth <= 0 or self.chance(0.2):
            r = self.rng.random()
            if r < 0.4:
                return self.pick(["true", "false", "null", "0", "1", '"s"', "2.5"])
            if r < 0.7 and numbers:
                return self.pick(numbers)
            return self.ccompare(numbers)
        d = depth - 1
        r = self.rng.random()
        if r < 0.25:
            op = self.pick(["and", "or"])
            return f"({op} {' '.join(self.cexpr(env, d) for _ in range(self.rng.randint(1, 3)))})"
        if r < 0.33:
            return f"(not {self.cexpr(env, d)})"
        if r < 0.53:
            otherwise = f" {self.cexpr(env, d)}" if self.chance(0.6) else ""
            return f"(if {self.cexpr(env, d)} {self.cexpr(env, d)}{otherwise})"
        if r < 0.63:
            arms = " ".join(f"({self.cexpr(env, d)} {self.cexpr(env, d)})"
                            for _ in range(self.rng.randint(1, 2)))
            otherwise = f" (else {self.cexpr(env, d)})" if self.chance(0.5) else ""
            return f"(switch {arms}{otherwise})"
        if r < 0.73:
            var = Var(self.fresh("v"), ANY)
            first = self.cexpr(env, d)
            inner = env.child()
            inner.declare(var)
            update = self.cexpr(inner, d)
            rest = self.cexpr(inner, d)
            env.close(inner)
            return f"(begin (var {var.name} {first}) (set {var.name} {update}) {rest})"
        if r < 0.83:
            counter = self.fresh("i")
            inner = env.child(3)
            inner.declare(Var(counter, INT, assignable=False))
            test = f"(and (< {counter} 3) {self.cexpr(inner, 1)})" if self.chance(0.5) \
                else f"(< {counter} 3)"
            body = self.cexpr(inner, d)
            env.close(inner)
            value = self.pick(["", " " + counter, " " + self.cexpr(env, 0)])
            return f"(begin (var {counter} 0) (while {test} (begin (++ {counter}) {body})){value})"
        if r < 0.9:
            return f"(== {self.cexpr(env, d)} {self.cexpr(env, d)})"
        return self.ccompare(numbers)

    def ccompare(self, numbers: list) -> str:
        left = self.pick(numbers) if numbers else self.pick(["1", "2.5"])
        right = self.pick(numbers + ["0", "1", "-1", "2.5"])
        return f"({self.pick(['<', '>', '<=', '>=', '==', '!='])} {left} {right})"

    # -- call chains ---------------------------------------------------------------------

    def call_chain(self) -> None:
        """A recursion that goes around a cycle of 2 to 4 kinds of callee: a global
        function, a method, a constructor (its result kept in a field), a closure in a
        global, a function fetched from a list. Called past 100 levels and failing at the
        bottom on its last call, so the trace holds every kind of frame, translated ones and
        the interpreter's (and compiled ones in the JIT modes)."""
        count = self.rng.randint(2, 4)
        kinds = [self.pick(["def", "method", "ctor", "closure", "table"]) for _ in range(count)]
        names = [self.fresh("ch") for _ in range(count)]
        table = self.fresh("tbl")
        fault = self.pick(self.FAULTS[:-1])
        calls = []  # how link i is called, given the argument texts
        for i, kind in enumerate(kinds):
            name = names[i]
            if kind == "method":
                calls.append(lambda m, a, name=name: f"((prop {name}o {name}) {name}o {m} {a})")
            elif kind == "ctor":
                calls.append(lambda m, a, name=name: f"(prop (new {name}C {m} {a}) v)")
            elif kind == "table":
                calls.append(lambda m, a, i=i: f"((idx {table} {i}) {m} {a})")
            else:
                calls.append(lambda m, a, name=name: f"({name} {m} {a})")
        self.emit(f"(var {table} (list))")
        for i, kind in enumerate(kinds):
            name, following = names[i], calls[(i + 1) % count]
            body = (f"(if (<= n 0) (if armed {self.fault_expr(fault)} 0) "
                    f"(+ 1 {following('(- n 1)', 'armed')}))")
            if kind == "def":
                self.emit(f"(def {name} (n armed) {body})")
            elif kind == "method":
                self.emit(f"(class {name}K null (def {name} (self n armed) {body}))")
                self.emit(f"(var {name}o (new {name}K))")
            elif kind == "ctor":
                self.emit(f"(class {name}C null (def constructor (self n armed) "
                          f"(set (prop self v) {body})))")
            elif kind == "closure":
                self.emit(f"(var {name} (begin (var calls 0) (lambda (n armed) "
                          f"(begin (++ calls) {body}))))")
            else:
                self.emit(f"(def {name} (n armed) {body})")
            self.emit(f"(push {table} {name if kind in ('def', 'closure', 'table') else 'null'})")
        first = calls[0]
        for depth in sorted(self.rng.sample([0, 1, 5, 30, 60], 2)):
            self.emit(f"(print \"{names[0]}\" {first(str(depth), 'false')})")
        depth = self.pick([3, 50, 98, 99, 100, 101, 102, 130, 200])
        self.emit(f"(print \"{names[0]}\" {first(str(depth), 'false')})")
        self.finale.append(f"(print \"{names[0]}\" {first(str(depth), 'true')})")

    # -- top level -----------------------------------------------------------------------

    def emit(self, text: str) -> None:
        self.out.append(text)

    def global_var(self) -> None:
        kind = self.pick([INT, NUM, STR, BOOL, LNUM, LANY])
        var = Var(self.fresh("g"), kind)
        self.emit(f"(var {var.name} {self.expr(kind, Env(), 2)})")
        self.globals.append(var)

    def function_signature(self) -> Sig:
        params = [self.pick([INT, NUM, NUM, STR, BOOL, LNUM, LANY, ANY])
                  for _ in range(self.rng.randint(0, 3))]
        if self.classes and self.chance(0.3):
            params.append(InstKind(self.pick(self.classes)))
        ret = self.pick([INT, NUM, NUM, STR, BOOL, LNUM, LANY, ANY])
        return Sig(params, ret)

    def plain_function(self) -> None:
        sig = self.function_signature()
        name = self.fresh("f")
        env = Env()
        params = []
        for kind in sig.params:
            var = Var(self.fresh("p"), kind)
            env.declare(var)
            params.append(var.name)
        if self.chance(0.25):  # a factory: returns a closure over its parameters and locals
            inner = Sig([self.pick([INT, NUM, STR])], self.pick([NUM, STR, LANY]))
            body = self.factory_body(inner, env)
            sig = Sig(sig.params, FnKind(inner))
        else:
            body = self.block(sig.ret, env, 4) if self.chance(0.7) else self.expr(sig.ret, env, 4)
        self.emit(f"(def {name} ({' '.join(params)}) {body})")
        self.functions.append(Func(name, sig, env.cost + 1))

    def factory_body(self, inner: Sig, env: Env) -> str:
        """`(begin (var c ...) ... (lambda (x) ...))`: the closure returned keeps `c` and the
        parameters alive between calls, and `set`s them; two closures of one call share them."""
        block = env.child()
        state = Var(self.fresh("c"), self.pick([INT, NUM, STR]))
        init = self.expr(state.kind, block, 2)
        block.declare(state)
        statements = [f"(var {state.name} {init})"]
        if self.chance(0.4):
            other = Var(self.fresh("peek"), FnKind(Sig([], state.kind)), assignable=False)
            statements.append(f"(var {other.name} (lambda () {state.name}))")
            block.declare(other)
        lam = self.lambda_expr(inner, block, 3)
        params, body = lam[len("(lambda ("):].split(") ", 1)
        body = body[:-1]
        update = f"(+= {state.name} {params})" if state.kind == inner.params[0] or (
            state.kind == NUM and inner.params[0] == INT) else f"(set {state.name} {state.name})"
        statements.append(f"(lambda ({params}) (begin {update} {body}))")
        env.close(block)
        return f"(begin {' '.join(statements)})"

    def recursive_function(self) -> None:
        """Linear recursion on a DEPTH parameter, called deep (past 100 frames) by the driver;
        the accumulator's kind is random, and each level may call earlier functions."""
        name = self.fresh("r")
        n = Var(self.fresh("n"), DEPTH, assignable=False)
        acc_kind = self.pick([INT, NUM, STR, LNUM])
        acc = Var(self.fresh("acc"), acc_kind)
        env = Env(mult=50)  # the step runs once per level: no big multipliers
        env.declare(n)
        env.declare(acc)
        step = self.expr(acc_kind, env, 2)
        if acc_kind == STR and self.chance(0.7):
            step = f"(+ {acc.name} {self.small_str(env, 1)})"
        base = acc.name if self.chance(0.7) else self.expr(acc_kind, env, 1)
        max_depth = self.rng.choice([5, 40, 120, 160, 250])
        per_level = env.cost // 50 + 3
        while per_level * max_depth > 3000 and max_depth > 5:
            max_depth //= 2
        form = self.rng.random()
        if form < 0.5 or acc_kind == LNUM:
            body = f"(if (<= {n.name} 0) {base} ({name} (- {n.name} 1) {step}))"
        elif acc_kind == STR:
            body = f"(if (== {n.name} 0) {base} (+ {self.small_str(env, 1)} ({name} (- {n.name} 1) {acc.name})))"
        else:
            body = f"(if (< {n.name} 1) {base} (+ {step} ({name} (- {n.name} 1) {acc.name})))"
        self.emit(f"(def {name} ({n.name} {acc.name}) {body})")
        self.functions.append(Func(name, Sig([DEPTH, acc_kind], acc_kind),
                                   per_level * max_depth, 0, max_depth))

    def mutual_recursion(self) -> None:
        """Two global functions calling each other (each resolved by name at run time)."""
        a, b, n, m = self.fresh("ev"), self.fresh("od"), self.fresh("n"), self.fresh("m")
        depth = self.rng.choice([6, 50, 101, 150])
        self.emit(f"(def {a} ({n}) (if (== {n} 0) true ({b} (- {n} 1))))")
        self.emit(f"(def {b} ({m}) (if (== {m} 0) false ({a} (- {m} 1))))")
        self.functions.append(Func(a, Sig([DEPTH], BOOL), depth * 3, 0, depth))
        self.functions.append(Func(b, Sig([DEPTH], BOOL), depth * 3, 0, depth))

    def tree_recursion(self) -> None:
        name, n = self.fresh("t"), self.fresh("n")
        env = Env()
        env.declare(Var(n, DEPTH, assignable=False))
        base = self.expr(NUM, env, 1)
        combine = self.pick(["+", "-", "*"])
        self.emit(f"(def {name} ({n}) (if (< {n} 2) {base} ({combine} ({name} (- {n} 1)) "
                  f"({name} (- {n} 2)))))")
        self.functions.append(Func(name, Sig([DEPTH], NUM), 200, 0, 9))

    def class_def(self, parent: ClassInfo | None = None) -> None:
        """A class with fields set by its constructor, int class members, and methods; a
        subclass may override methods (calling the parent's through `super`), add fields,
        and call the parent's constructor, or inherit it. A new root class often gets a
        subclass at once."""
        if parent is None and self.classes and self.chance(0.6):
            parent = self.pick(self.classes)
        name = self.fresh("C")
        fields = dict(parent.fields) if parent else {}
        methods = dict(parent.methods) if parent else {}
        ctor = list(parent.ctor) if parent and parent.ctor is not None else None
        cls = ClassInfo(name, parent, fields, methods, ctor)
        members = []
        if parent is None or self.chance(0.6):
            new_fields = {self.fresh("fd"): self.pick([INT, NUM, STR, LNUM, BOOL])
                          for _ in range(self.rng.randint(0, 3))}
            self_var = Var("self", InstKind(cls), assignable=False)
            env = Env(self_cls=cls, method_index=-1)
            env.declare(self_var)
            params = []
            lines = []
            if parent is not None and parent.ctor is not None:
                for kind in parent.ctor:
                    var = Var(self.fresh("q"), kind)
                    env.declare(var)
                    params.append(var)
                lines.append(f"((prop (super {name}) constructor) self "
                             f"{' '.join(v.name for v in params)})")
            for fd, kind in new_fields.items():
                var = Var(self.fresh("q"), kind)
                env.declare(var)
                params.append(var)
                lines.append(f"(set (prop self {fd}) {var.name})")
            fields.update(new_fields)
            if self.chance(0.3):
                lines.append(self.expr(ANY, env, 2))
            cls.ctor = [v.kind for v in params]
            members.append(f"(def constructor (self {' '.join(v.name for v in params)}) "
                           f"(begin {' '.join(lines) or 'null'}))")
        self.classes.append(cls)  # methods may make instances of the class itself
        for _ in range(self.rng.randint(1, 3)):
            if methods and self.chance(0.35):  # override (or redefine) a method
                method = self.pick(list(methods))
                index, sig, _ = methods[method]
                parent_has = parent is not None and method in parent.methods
            else:
                method = self.fresh("m")
                self.method_names += 1
                index = self.method_names
                sig = Sig([self.pick([INT, NUM, STR, ANY]) for _ in range(self.rng.randint(0, 2))],
                          self.pick([INT, NUM, STR, ANY, BOOL]))
                parent_has = False
            env = Env(self_cls=cls, method_index=index)
            env.declare(Var("self", InstKind(cls), assignable=False))
            params = []
            for kind in sig.params:
                var = Var(self.fresh("x"), kind)
                env.declare(var)
                params.append(var)
            body = self.expr(sig.ret, env, 3)
            update = self.field_update(cls, env)
            if update:
                body = f"(begin {update} {body})"
            if parent_has and self.chance(0.7):
                call = f"((prop (super {name}) {method}) self{''.join(' ' + v.name for v in params)})"
                _, _, parent_cost = parent.methods[method]
                env.cost += parent_cost
                body = f"(begin (var {self.fresh('sup')} {call}) {body})"
            methods[method] = (index, sig, max(env.cost + 1, methods.get(method, (0, 0, 0))[2]))
            members.append(f"(def {method} (self {' '.join(v.name for v in params)}) {body})")
        if self.chance(0.3):
            members = ["(begin " + " ".join(members) + ")"]
        self.emit(f"(class {name} {parent.name if parent else 'null'} {' '.join(members)})")
        if self.chance(0.3):
            static = self.fresh("st")
            self.emit(f"(set (prop {name} {static}) {self.int_literal()})")
            cls.statics.append(static)
        if cls.ctor is not None and self.chance(0.35):
            self.recursive_method(cls)
        if parent is None and self.chance(0.6):
            self.class_def(cls)

    def recursive_method(self, cls: ClassInfo) -> None:
        """A method calling itself through its instance, added to the class after the fact
        (`set prop` on a class), and called more than 100 levels deep."""
        method, n = self.fresh("rw"), self.fresh("n")
        env = Env(self_cls=cls, method_index=-1)
        env.declare(Var("self", InstKind(cls), assignable=False))
        env.declare(Var(n, DEPTH, assignable=False))
        step = self.expr(INT, env, 1)
        self.emit(f"(set (prop {cls.name} {method}) (lambda (self {n}) (if (<= {n} 0) {step} "
                  f"(+ 1 ((prop self {method}) self (- {n} 1))))))")
        obj = self.fresh("o")
        self.emit(f"(var {obj} {self.new_expr(InstKind(cls), Env(), 1)})")
        self.emit(f"(print ((prop {obj} {method}) {obj} 3) ((prop {obj} {method}) {obj} "
                  f"{self.pick([20, 99, 120, 150])}))")

    def field_update(self, cls: ClassInfo, env: Env) -> str | None:
        """A method's change to one of its instance's fields (or its class's counters):
        `++`, `--`, `+=`, `-=` or `set` on a `prop` place."""
        places = [(f"(prop self {name})", kind) for name, kind in cls.fields.items()]
        places += [(f"(prop {cls.name} {name})", INT) for name in cls.statics]
        if not places or self.chance(0.4):
            return None
        place, kind = self.pick(places)
        if kind in (INT, NUM):
            op = self.pick(["++", "--", "+=", "-=", "set"])
            if op in ("++", "--"):
                return f"({op} {place})"
            return f"({op} {place} {self.expr(INT if kind == INT else NUM, env, 1)})"
        return f"(set {place} {self.expr(kind, env, 1)})"

    # -- the driver ----------------------------------------------------------------------

    def argument(self, kind, round_: int) -> str:
        """A driver argument; the concrete type of a NUM changes with the round, so that warm
        (translated, compiled) code sees new types."""
        env = Env()
        if kind == DEPTH:
            return "0"
        if kind == NUM:
            return [self.int_literal(), self.pick(FLOATS), str(self.pick(BIG_INTS)),
                    self.pick(["1", "-1", "0"])][round_ % 4]
        return self.expr(kind, env, 2)

    def drive(self, func: Func) -> None:
        """Call `func` several times, from a loop whose index picks argument types."""
        rounds = self.rng.randint(2, 5)
        if func.depth_param is not None:
            depths = sorted(self.rng.randint(0, func.max_depth) for _ in range(rounds))
            if self.chance(0.5):
                depths[-1] = func.max_depth
            for d in depths:
                args = [str(d) if i == func.depth_param else self.argument(k, d)
                        for i, k in enumerate(func.sig.params)]
                self.emit(f"(print \"{func.name}\" ({func.name} {' '.join(args)}))")
            return
        if self.chance(0.4) and func.cost * 12 < 4000:
            i = self.fresh("di")
            turns = self.rng.choice([3, 12, 14])
            args = []
            for kind in func.sig.params:
                if kind == NUM:
                    args.append(f"(switch ((< {i} {turns // 2}) {i}) ((< {i} {turns - 2}) "
                                f"(* {i} 0.5)) (else (+ {i} {self.pick(BIG_INTS)})))")
                elif kind == INT:
                    args.append(f"(* {i} {self.pick(['1', '3', str(2 ** 62)])})")
                else:
                    args.append(self.argument(kind, 0))
            result = f"({func.name}{''.join(' ' + a for a in args)})"
            if isinstance(func.sig.ret, FnKind):
                result = self.call_result(result, func.sig.ret)
            self.emit(f"(for (var {i} 0) (< {i} {turns}) (++ {i}) (print {i} {result}))")
            return
        for r in range(rounds):
            args = "".join(" " + self.argument(k, r) for k in func.sig.params)
            call = f"({func.name}{args})"
            if isinstance(func.sig.ret, FnKind):
                holder = self.fresh("h")
                self.emit(f"(var {holder} {call})")
                for t in range(self.rng.randint(1, 3)):
                    self.emit(f"(print ({holder}{''.join(' ' + self.argument(k, t) for k in func.sig.ret.sig.params)}))")
            else:
                self.emit(f"(print \"{func.name}\" {call})")

    def call_result(self, call: str, kind: FnKind) -> str:
        args = "".join(" " + self.argument(k, 0) for k in kind.sig.params)
        return f"({call}{args})"

    # -- faults --------------------------------------------------------------------------

    FAULTS = ["div0", "mod0", "type_add", "type_neg", "type_cmp", "index", "index_type",
              "not_indexable", "arity", "arity_native", "arity_method", "arity_new",
              "call_number", "call_null", "undefined_global", "set_undefined", "tdz",
              "tdz_closure", "prop_number", "unknown_prop", "super_none", "sqrt_negative",
              "huge_mixed", "floor_inf", "bad_argument"]

    def fault_expr(self, fault: str) -> str:
        """An expression that fails with the fault's runtime error (all kinds of SPEC.md
        section 7 but compile errors)."""
        funcs = [f for f in self.functions if f.sig.params]
        if fault == "div0":
            return f"(/ {self.num_literal()} {self.pick(['0', '0.0', '(- 3 3)'])})"
        if fault == "mod0":
            return f"(% {self.num_literal()} {self.pick(['0', '0.0', '(* 0 7)'])})"
        if fault == "type_add":
            return self.pick(['(+ 1 "a")', '(+ "a" 1)', "(+ (list 1) 2)", "(- null 1)",
                              '(* "ab" 2)', "(+ true 1)"])
        if fault == "type_neg":
            return self.pick(['(- "x")', "(- null)", "(- (list))", "(- true)"])
        if fault == "type_cmp":
            return self.pick(['(< 1 "x")', "(>= null 0)", "(> (list) (list))", '(<= "a" 1.5)'])
        if fault == "index":
            return self.pick(["(idx (list 1 2) 2)", "(idx (list 1 2) -3)", '(idx "abc" 5)',
                              "(set (idx (list 0) 1) 5)", "(idx (list) 0)"])
        if fault == "index_type":
            return self.pick(["(idx (list 1 2) 1.0)", "(idx (list 1) true)", '(idx "ab" "a")'])
        if fault == "not_indexable":
            return self.pick(["(idx 5 0)", "(idx null 0)", "(set (idx \"ab\" 0) 1)"])
        if fault == "arity" and funcs:
            func = self.pick(funcs)
            count = len(func.sig.params) + self.pick([-1, 1])
            return f"({func.name}{' 1' * count})"
        if fault in ("arity", "arity_native"):
            return self.pick(["(len 1 2)", "((lambda (a) a))", "(str)", "((lambda () 1) 2)",
                              "(sqrt 1 2)", "((lambda (a b) a) 1)", "(push (list))"])
        if fault == "arity_method":
            with_methods = [c for c in self.classes if c.methods and c.ctor is not None]
            if with_methods:
                cls = self.pick(with_methods)
                method, (_, sig, _) = self.pick(sorted(cls.methods.items()))
                obj = self.new_expr(InstKind(cls), Env(), 1)
                return f"((prop {obj} {method}) {obj}{' 0' * (len(sig.params) + 1)})"
            return "((lambda (self) self))"
        if fault == "arity_new":
            if self.classes:
                cls = self.pick(self.classes)
                return f"(new {cls.name}{' 1' * (len(cls.ctor or []) + 1)})"
            return "(new (class K null) 1)"
        if fault == "call_number":
            return self.pick(["(5)", '("s" 1)', "((list 1) 0)", "(1.5 2)"])
        if fault == "call_null":
            return self.pick(["(null)", "((print 1))", "((if false 1))"])
        if fault == "undefined_global":
            return self.pick(["undefined_thing", "(print no_such_global)", "(nope 1 2)"])
        if fault == "set_undefined":
            return "(set never_declared 1)"
        if fault == "tdz":
            w = self.fresh("w")
            return self.pick([f"(begin (print {w}) (var {w} 1))",
                              f"(begin (set {w} 2) (var {w} 1))",
                              f"(begin (var {w} {w}) 1)"])
        if fault == "tdz_closure":
            w, q = self.fresh("w"), self.fresh("q")
            return f"(begin (var {q} (lambda () {w})) ({q}) (var {w} 1))"
        if fault == "prop_number":
            return self.pick(["(prop 5 x)", "(prop null x)", '(prop "s" len)',
                              "(set (prop 1 y) 2)", "(prop (list) x)"])
        if fault == "unknown_prop":
            if self.classes:
                cls = self.pick(self.classes)
                obj = self.new_expr(InstKind(cls), Env(), 1)
                return self.pick([f"(prop {obj} nothing_here)", f"(prop {cls.name} nothing)"])
            return "(prop (new (class K null)) x)"
        if fault == "super_none":
            roots = [c for c in self.classes if c.parent is None]
            return f"(super {roots[0].name})" if roots else "(super (class K null))"
        if fault == "sqrt_negative":
            return self.pick(["(sqrt -1)", "(sqrt -0.5)", "(abs \"x\")", "(len 5)"])
        if fault == "huge_mixed":
            return self.pick([f"(+ {HUGE_INT} 0.5)", f"(* 1.5 {HUGE_INT})", f"(/ {HUGE_INT} 0.5)",
                              f"(/ {HUGE_INT} 3)", f"(- 0.25 {HUGE_INT})"])
        if fault == "floor_inf":
            return self.pick(["(floor (* 1e300 1e300))", "(floor (- (* 1e300 1e300) (* 1e300 1e300)))"])
        return "(+ null null)"

    def deep_fault(self, fault: str) -> None:
        """The fault at the bottom of a recursion, armed by a flag only on the last call: the
        function is warm (translated, maybe compiled) by then, and the trace holds frames
        of several tiers (and, past 100 levels, of the interpreter's frames)."""
        name, n, armed = self.fresh("deep"), self.fresh("n"), self.fresh("armed")
        depth = self.rng.choice([0, 1, 3, 30, 99, 100, 101, 120, 180])
        form = self.pick(["plus", "tail", "helper"])
        bottom = f"(if {armed} {self.fault_expr(fault)} 0)"
        if form == "plus":
            self.emit(f"(def {name} ({n} {armed}) (if (<= {n} 0) {bottom} "
                      f"(+ 1 ({name} (- {n} 1) {armed}))))")
        elif form == "tail":
            self.emit(f"(def {name} ({n} {armed}) (if (> {n} 0) ({name} (- {n} 1) {armed}) "
                      f"{bottom}))")
        else:
            helper = self.fresh("hlp")
            self.emit(f"(def {helper} ({armed}) {bottom})")
            self.emit(f"(def {name} ({n} {armed}) (if (<= {n} 0) ({helper} {armed}) "
                      f"(+ 1 ({name} (- {n} 1) {armed}))))")
        warm = self.rng.randint(0, 12)
        if warm:
            i = self.fresh("wi")
            self.emit(f"(for (var {i} 0) (< {i} {warm}) (++ {i}) "
                      f"({name} {self.rng.randint(0, 5)} false))")
        self.emit(f"(print \"{name}\" ({name} {min(depth, 5)} false))")
        self.emit(f"(print \"{name}\" ({name} {depth} true))")

    def bad_argument(self) -> bool:
        """Call a function with an argument of the wrong kind, after it warmed up: the
        error, if any, comes from inside warm code."""
        funcs = [f for f in self.functions if any(k in (INT, NUM, LNUM, STR) for k in f.sig.params)
                 and f.depth_param is None]
        if not funcs:
            return False
        func = self.pick(funcs)
        args = []
        for kind in func.sig.params:
            if kind in (INT, NUM):
                args.append(self.pick(['"s"', "null", "(list 1)", "true", "1.5", str(HUGE_INT)]))
            elif kind == STR:
                args.append(self.pick(["1", "null", "(list)"]))
            elif kind == LNUM:
                args.append(self.pick(['(list "a" "b")', "(list)", "(list null)"]))
            else:
                args.append(self.argument(kind, 1))
        self.emit(f"(print \"bad\" ({func.name} {' '.join(args)}))")
        return True

    # -- the whole program ---------------------------------------------------------------

    def run(self) -> Program:
        if self.chance(0.1):
            self.options["max_depth"] = self.rng.choice([60, 101, 102, 150, 300])
        for _ in range(self.rng.randint(0, 3)):
            self.global_var()
        makers = [self.plain_function] * 6 + [self.recursive_function] * 2 + [
            self.class_def] * 2 + [self.mutual_recursion, self.tree_recursion] + [
            self.numeric_function] * 4 + [self.control_function] * 3 + [self.call_chain]
        for _ in range(self.rng.randint(2, 7)):
            self.pick(makers)()
            if self.chance(0.3) and self.functions:
                self.drive(self.pick(self.functions))
        order = list(self.functions)
        self.rng.shuffle(order)
        for func in order:
            self.drive(func)
        if self.chance(0.15):
            self.redefine()
        for var in self.globals:
            if self.chance(0.5):
                self.emit(f"(print {var.name})")
        if self.finale:
            self.emit(self.pick(self.finale))
            self.emit('(print "not reached")')
        elif self.chance(0.4):
            fault = self.pick(self.FAULTS)
            if fault == "bad_argument":
                self.bad_argument()
            elif self.chance(0.6):
                self.deep_fault(fault)
            else:
                self.emit(f"(print {self.fault_expr(fault)})")
            self.emit('(print "not reached")')
        elif self.chance(0.1):
            name = self.fresh("forever")
            self.emit(f"(def {name} (n) (+ 1 ({name} (+ n 1))))")
            self.options.setdefault("max_depth", self.rng.choice([150, 400, 1000]))
            self.emit(f"(print ({name} 0))")
        return Program(self.seed, "\n".join(self.out) + "\n", dict(self.options))

    def redefine(self) -> None:
        """`def` a called function again (same signature, new body), then call it again:
        callers that were translated or compiled against the old one must see the new."""
        candidates = [f for f in self.functions if f.depth_param is None and not isinstance(
            f.sig.ret, FnKind)]
        if not candidates:
            return
        func = self.pick(candidates)
        later = self.functions
        self.functions = later[:later.index(func)]  # no cycle through later functions
        env = Env()
        params = []
        for kind in func.sig.params:
            var = Var(self.fresh("p"), kind)
            env.declare(var)
            params.append(var.name)
        body = self.expr(func.sig.ret, env, 2)
        self.functions = later
        func.cost = max(func.cost, env.cost + 1)
        self.emit(f"(def {func.name} ({' '.join(params)}) {body})")
        self.drive(func)


def generate(seed: int) -> Program:
    """The program of `seed` (the same on every run)."""
    for attempt in range(20):
        generator = Generator(seed * 1000 + attempt)
        try:
            program = generator.run()
        except Budget:
            continue
        return Program(seed, program.text, program.options)
    raise RuntimeError(f"seed {seed}: no program within the size budget")



# -- running a program in every mode ------------------------------------------------------------

REFERENCE = "bytecode"
FUZZ_MODES = ["bytecode", "interp", "translate-always", "translate-loops", "jit", "jit-always",
              "deopt-every", "gc-stress", "gc-stress-bytecode", "jit-gc-stress"]
"""golden.MODES but "jit-cache", which runs every program twice with a code cache of its own
(slow, and about the cache rather than the tiers), and "jit-profiled", whose stderr ends with a
profile no other mode prints (the golden corpus runs it)."""


def run_text(text: str, mode: str, options: dict, directory: Path):
    """(status, stdout, stderr) of `text` run in-process in `mode`, as `eva run` would. A
    host exception out of the VM (a VM bug) becomes status "crash" with its traceback."""
    from golden import run_program  # tests/ is on sys.path (conftest.py, or __main__ below)
    path = directory / "program.eva"
    path.write_text(text, encoding="utf-8")
    global _expired
    _expired = False
    if TIMEOUT:
        signal.signal(signal.SIGALRM, _timed_out)
        signal.alarm(TIMEOUT)
    try:
        outcome = run_program(path, mode, **options)
    except BaseException as error:  # noqa: BLE001 - any escape is the finding
        if isinstance(error, KeyboardInterrupt) and not _expired:
            raise  # Ctrl-C (compiled loops turn any signal's exception into this)
        return ("crash", "", "".join(traceback.format_exception(error))[-3000:])
    finally:
        if TIMEOUT:
            signal.alarm(0)
    return (outcome.status, outcome.stdout, outcome.stderr)


TIMEOUT = 0
"""Seconds a long fuzzing run (`main`) gives one program in one mode; a program that takes
longer ends with a host exception, so it is reported (a hang in one mode is a finding)."""


class TimedOut(Exception):
    pass


_expired = False


def _timed_out(signum, frame):
    global _expired
    _expired = True
    raise TimedOut(f"no result in {TIMEOUT} s")


def host_trouble(outcome) -> bool:
    """A host traceback or an internal error: a VM bug in any mode (SPEC.md section 7)."""
    status, _, stderr = outcome
    return status == "crash" or "Traceback (most recent call last)" in stderr or \
        "internal error" in stderr


def differences(text: str, options: dict, directory: Path, modes=FUZZ_MODES) -> dict:
    """Every mode whose outcome differs from the reference mode's, or that shows a host
    traceback: mode -> outcome (the reference itself under REFERENCE when it differs)."""
    reference = run_text(text, REFERENCE, options, directory)
    found = {}
    if host_trouble(reference):
        found[REFERENCE] = reference
    for mode in modes:
        if mode == REFERENCE:
            continue
        outcome = run_text(text, mode, options, directory)
        if outcome != reference or host_trouble(outcome):
            found[mode] = outcome
    if found:
        found.setdefault(REFERENCE, reference)
    return found


def describe(found: dict) -> str:
    """The differing outcomes, side by side with the reference's, for a report."""
    reference = found[REFERENCE]
    lines = []
    for mode, outcome in found.items():
        lines.append(f"--- {mode}: status {outcome[0]}")
        for name, value, base in (("stdout", outcome[1], reference[1]),
                                  ("stderr", outcome[2], reference[2])):
            if mode == REFERENCE:
                lines.append(f"  {name}: {value[-1500:]!r}")
            elif value != base:
                mine, theirs = value.split("\n"), base.split("\n")
                first = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b),
                             min(len(mine), len(theirs)))
                shown = chr(10).join(mine[first:first + 12])
                if len(shown) > 1500:  # keep the end: a traceback's last line names the error
                    shown = shown[:700] + " ... " + shown[-700:]
                lines.append(f"  {name} from line {first + 1}: {shown!r}")
    return "\n".join(lines)


# -- shrinking ----------------------------------------------------------------------------------

def parse(text: str) -> list:
    """The program as nested lists of atoms (strings and comments kept as atoms)."""
    tokens = re.findall(r'"(?:\\.|[^"\\])*"|//[^\n]*|[()]|[^\s()]+', text)
    stack: list[list] = [[]]
    for token in tokens:
        if token.startswith("//"):
            continue
        if token == "(":
            stack.append([])
        elif token == ")":
            done = stack.pop()
            stack[-1].append(done)
        else:
            stack[-1].append(token)
    return stack[0]


def unparse(tree) -> str:
    if isinstance(tree, str):
        return tree
    return "(" + " ".join(unparse(t) for t in tree) + ")"


def shrink(text: str, options: dict, directory: Path, still_fails, budget: int = 4000) -> str:
    """A smaller program for which `still_fails(text)` holds: greedily drops top-level forms,
    list elements, and replaces subexpressions by one of their own parts or a small atom."""
    forms = parse(text)

    def render(forms) -> str:
        return "\n".join(unparse(f) for f in forms) + "\n"

    def subtrees(tree, path=()):
        yield path, tree
        if isinstance(tree, list):
            for i, child in enumerate(tree):
                yield from subtrees(child, path + (i,))

    def replaced(forms, path, new):
        forms = copy.deepcopy(forms)
        if len(path) == 1:
            if new is None:
                del forms[path[0]]
            else:
                forms[path[0]] = new
            return forms
        node = forms[path[0]]
        for i in path[1:-1]:
            node = node[i]
        if new is None:
            del node[path[-1]]
        else:
            node[path[-1]] = new
        return forms

    tries = 0
    progress = True
    while progress and tries < budget:  # passes until one removes nothing
        progress = False
        position = 0
        while tries < budget:
            candidates = [(path, tree) for top in range(len(forms))
                          for path, tree in subtrees(forms[top], (top,))]
            if position >= len(candidates):
                break
            path, tree = candidates[position]
            position += 1
            replacements = [None]
            if isinstance(tree, list):
                replacements += [c for c in tree if isinstance(c, list)][:4]
                replacements += [c for c in tree[1:] if isinstance(c, str)][:3]
                replacements += ["0", "null", "1"]
            elif tree not in ("0", "null", "1"):
                replacements += ["0", "1"]
            size = len(render(forms))
            for new in replacements:
                try:
                    candidate = replaced(forms, path, new)
                except (IndexError, TypeError):
                    continue
                text_candidate = render(candidate)
                if len(text_candidate) >= size:
                    continue
                tries += 1
                if still_fails(text_candidate):
                    forms = candidate
                    progress = True
                    position -= 1  # the node there now is another one: try it too
                    break
    return render(forms)


def failure_signature(found: dict) -> list:
    """How a program fails, for `shrink` to keep: the modes that differ, and for each which
    of status, stdout and stderr match the reference and whether the host broke."""
    reference = found[REFERENCE]
    return sorted((mode, outcome[0] == reference[0], outcome[1] == reference[1],
                   outcome[2] == reference[2], host_trouble(outcome))
                  for mode, outcome in found.items())


def main(argv: list[str]) -> int:
    import argparse
    import tempfile
    import time
    parser = argparse.ArgumentParser(description="differential fuzzing of the Eva tiers")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--modes", default=",".join(FUZZ_MODES))
    parser.add_argument("--out", default="fuzz-findings")
    parser.add_argument("--show", action="store_true", help="print the programs, run nothing")
    parser.add_argument("--shrink", action="store_true", help="shrink each finding")
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args(argv)
    global TIMEOUT
    TIMEOUT = args.timeout
    modes = args.modes.split(",")
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    started = time.time()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for seed in range(args.start, args.start + args.count):
            program = generate(seed)
            if args.show:
                print(f"// seed {seed} options {program.options}\n{program.text}")
                continue
            found = differences(program.text, program.options, directory, modes)
            if found:
                failures += 1
                report = f"// seed {seed} options {program.options}\n" + program.text
                (out / f"seed{seed}.eva").write_text(report)
                (out / f"seed{seed}.txt").write_text(describe(found))
                print(f"seed {seed}: differs in {sorted(found)}", flush=True)
                if args.shrink:
                    wanted = failure_signature(found)
                    small = shrink(program.text, program.options, directory, lambda t: (
                        (f := differences(t, program.options, directory, list(found)))
                        and failure_signature(f) == wanted))
                    (out / f"seed{seed}.min.eva").write_text(small)
                    print(small, flush=True)
            if (seed - args.start) % 50 == 49:
                print(f"... {seed - args.start + 1} programs, {failures} differ, "
                      f"{time.time() - started:.0f}s", flush=True)
    print(f"{args.count} programs, {failures} differ, {time.time() - started:.0f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main(sys.argv[1:]))
