"""What a compiled entry returns instead of a value. A module of its own, so the interpreter
can test for signals without importing any of the JIT."""


class JitSignal:
    """Not entered (argument types or nesting refused), result pending, or error pending."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"<jit signal {self.name}>"


NOT_ENTERED = JitSignal("not_entered")
PENDING = JitSignal("pending")
ERROR = JitSignal("error")
