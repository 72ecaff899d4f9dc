"""The abstract syntax of Eva: what the parser builds and the scope analysis annotates.

Each node keeps the position of the source form it came from (`line`, `col`), which the
compiler attaches to the instructions it emits, so runtime errors point at source.
Scope analysis (scope.py) fills the fields documented as "set by scope analysis".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(eq=False)
class Node:
    line: int
    col: int


@dataclass(eq=False)
class Literal(Node):
    value: object  # int, float, str (a string literal's text), bool or None


@dataclass(eq=False)
class Name(Node):
    name: str
    var: object = None       # set by scope analysis: the Var, or None for a global by name
    checked: bool = True     # set by scope analysis: may run before the declaration


@dataclass(eq=False)
class Declare(Node):
    """`var`, and the binding half of `def` and `class`."""

    target: Name
    value: Node


@dataclass(eq=False)
class Assign(Node):
    target: Name
    value: Node


@dataclass(eq=False)
class Prop(Node):
    obj: Node
    name: str


@dataclass(eq=False)
class Index(Node):
    obj: Node
    index: Node


@dataclass(eq=False)
class SetProp(Node):
    obj: Node
    name: str
    value: Node


@dataclass(eq=False)
class SetIndex(Node):
    obj: Node
    index: Node
    value: Node


@dataclass(eq=False)
class Update(Node):
    """`++ -- += -=` on a place (a Name, Prop or Index): read, combine, write back."""

    op: str  # '+' or '-'
    place: Node
    amount: Node


@dataclass(eq=False)
class Block(Node):
    body: list
    scope: object = None     # set by scope analysis: the BlockScope


@dataclass(eq=False)
class If(Node):
    cond: Node
    then: Node
    otherwise: Node | None


@dataclass(eq=False)
class While(Node):
    cond: Node
    body: Node


@dataclass(eq=False)
class For(Node):
    init: Node
    cond: Node
    step: Node
    body: Block
    scope: object = None     # set by scope analysis: the scope of the initializer's variables


@dataclass(eq=False)
class Lambda(Node):
    name: str
    params: list[Name]
    body: Node
    function: object = None  # set by scope analysis: the FunctionScope


@dataclass(eq=False)
class Call(Node):
    callee: Node
    args: list


@dataclass(eq=False)
class ClassDef(Node):
    name: str
    parent: Node
    methods: list[Lambda]


@dataclass(eq=False)
class New(Node):
    cls: Node
    args: list


@dataclass(eq=False)
class Super(Node):
    cls: Node


@dataclass(eq=False)
class Logical(Node):
    """`and` / `or`: short-circuit, the deciding value."""

    op: str
    items: list


@dataclass(eq=False)
class Not(Node):
    operand: Node


@dataclass(eq=False)
class Switch(Node):
    clauses: list            # (condition, body) pairs
    default: Node | None


@dataclass(eq=False)
class MakeList(Node):
    items: list


@dataclass(eq=False)
class BinOp(Node):
    op: str
    left: Node
    right: Node


@dataclass(eq=False)
class Negate(Node):
    operand: Node


@dataclass(eq=False)
class Program(Node):
    body: list
    function: object = None  # set by scope analysis: the script's FunctionScope
    scope: object = None     # set by scope analysis: the global block
