"""The abstract syntax of Eva: what the parser builds and the scope analysis annotates.

Each node keeps the position of the source form it came from (`line`, `col`), which the
compiler attaches to the instructions it emits, so runtime errors point at source.
Scope analysis (scope.py) fills the attributes documented as "set by scope analysis".
"""

from __future__ import annotations


class Node:
    """A syntax node: where it came from, and in `fields` what its constructor takes after the
    position: its children and data, as Python's own `ast` module lists them. What scope
    analysis fills in later is a class attribute holding the default until it does. (Plain
    classes, not dataclasses: importing dataclasses, and making a class with it, cost eva's
    start-up about 10 ms.)"""

    fields: tuple[str, ...] = ()

    def __init__(self, line: int, col: int, *values):
        if len(values) != len(self.fields):
            raise TypeError(f"{type(self).__name__} takes {len(self.fields)} values after "
                            f"the position, not {len(values)}")
        self.line = line
        self.col = col
        for name, value in zip(self.fields, values):
            setattr(self, name, value)

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.fields)
        return f"{type(self).__name__}({self.line}:{self.col}, {values})"


class Literal(Node):
    fields = ("value",)  # int, float, str (a string literal's text), bool or None


class Name(Node):
    fields = ("name",)  # str
    var = None  # set by scope analysis: the Var, or None for a global by name
    checked = True  # set by scope analysis: may run before the declaration


class Declare(Node):
    """`var`, and the binding half of `def` and `class`."""

    fields = ("target", "value")  # Name, Node


class Assign(Node):
    fields = ("target", "value")  # Name, Node


class Prop(Node):
    fields = ("obj", "name")  # Node, str


class Index(Node):
    fields = ("obj", "index")  # Node, Node


class SetProp(Node):
    fields = ("obj", "name", "value")  # Node, str, Node


class SetIndex(Node):
    fields = ("obj", "index", "value")  # Node, Node, Node


class Update(Node):
    """`++ -- += -=` on a place (a Name, Prop or Index): read, combine, write back."""

    fields = ("op", "place", "amount")  # '+' or '-', Node, Node


class Block(Node):
    fields = ("body",)  # list
    scope = None  # set by scope analysis: the BlockScope


class If(Node):
    fields = ("cond", "then", "otherwise")  # Node, Node, Node | None


class While(Node):
    fields = ("cond", "body")  # Node, Node


class For(Node):
    fields = ("init", "cond", "step", "body")  # Node, Node, Node, Block
    scope = None  # set by scope analysis: the scope of the initializer's variables


class Lambda(Node):
    fields = ("name", "params", "body")  # str, list[Name], Node
    function = None  # set by scope analysis: the FunctionScope


class Call(Node):
    fields = ("callee", "args")  # Node, list


class ClassDef(Node):
    fields = ("name", "parent", "methods")  # str, Node, list[Lambda]


class New(Node):
    fields = ("cls", "args")  # Node, list


class Super(Node):
    fields = ("cls",)  # Node


class Logical(Node):
    """`and` / `or`: short-circuit, the deciding value."""

    fields = ("op", "items")  # str, list


class Not(Node):
    fields = ("operand",)  # Node


class Switch(Node):
    fields = ("clauses", "default")  # list, Node | None; (condition, body) pairs


class MakeList(Node):
    fields = ("items",)  # list


class BinOp(Node):
    fields = ("op", "left", "right")  # str, Node, Node


class Negate(Node):
    fields = ("operand",)  # Node


class Program(Node):
    fields = ("body",)  # list
    function = None  # set by scope analysis: the script's FunctionScope
    scope = None  # set by scope analysis: the global block
