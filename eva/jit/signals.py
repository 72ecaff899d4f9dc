"""What a compiled entry returns instead of a value. A module of its own, so the interpreter
can test for signals without importing any of the JIT."""


class JitSignal:
    """What an entry returns instead of a value (see the constants below)."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"<jit signal {self.name}>"


NOT_ENTERED = JitSignal("not_entered")  # the arguments' types do not fit the specialization
DECLINED = JitSignal("declined")        # too deep (native depth or nesting): interpret instead
PENDING = JitSignal("pending")          # the result is boxed in the runtime
ERROR = JitSignal("error")              # an Eva error is pending in the runtime
RESUME = JitSignal("resume")            # an OSR unit deoptimized: continue its frame at a pc
