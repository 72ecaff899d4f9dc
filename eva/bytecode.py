"""Code objects and the instruction emitter.

A `CodeObject` is one compiled function (or the top-level script). It holds the canonical
bytecode (bytes, exactly as `eva dis` shows them) and, derived from it once,
`generic_insns`: the decoded form, one `(opcode, operand)` tuple per instruction, with each
operand already resolved to what its readers need (the constant itself, the global's cell,
the property name, the target instruction index). The translator and the JIT read it;
`insns` starts as a copy of it, which the interpreter rewrites in place as it quickens
(interp/quickening.py). Instruction indexes are the interpreter's program counter; `offsets`
maps them back to byte offsets for users.
"""

from __future__ import annotations

from eva.errors import EvaSyntaxError, Position
from eva.objects import UNDEF, GlobalCell, HeapObject, String
from eva.opcodes import MAX_OPERAND, OPCODES, OPERAND_WIDTH, Op
from eva.peephole import fuse


class CodeObject:
    """A compiled function: bytecode, tables, and the entry points through which calls
    enter it, which only the interpreter's `Tiers` sets (interp/tiers.py)."""

    def __init__(self, name: str, arity: int, file: str):
        self.name = name
        self.arity = arity
        self.file = file
        self.line = 0
        self.col = 0
        self.source = ""  # the program's text (VM.compile), for tools that show its lines
        self.bytecode = bytearray()
        self.constants: list = []
        self.global_names: list[str] = []
        self.globals: list[GlobalCell] = []
        self.slot_names: list[str] = []      # frame slot -> variable name (for dis and errors)
        self.free_names: list[str] = []      # captured cell -> variable name
        self.variable_names: dict = {}       # instruction -> the variable a checked access names
        self.nslots = 1 + arity              # slot 0 is the function itself, then parameters
        self.positions: list[tuple[int, int]] = []
        self.offsets: list[int] = []
        self.insns: list[tuple] = []         # decoded; the interpreter quickens them in place
        self.generic_insns: tuple = ()       # decoded as compiled, never quickened
        self.heap_constants: tuple = ()
        self.property_sites: dict = {}       # instruction -> its inline cache (shapes.py)
        self.blank_slots: list = []          # what a new frame appends after the arguments
        # how calls enter it (interp/tiers.py): compiled code, the translation, and what
        # translated code calls; and the interpreter's counts toward them (tiers.Counters)
        self.native = None
        self.translated = None
        self.direct = None
        self.counters = None

    def __repr__(self) -> str:
        return f"<code {self.name}/{self.arity}>"

    def position(self, index: int) -> Position:
        line, col = self.positions[index] if 0 <= index < len(self.positions) else (self.line, self.col)
        return Position(self.file, line, col)

    def children(self) -> list["CodeObject"]:
        return [c for c in self.constants if isinstance(c, CodeObject)]


BYTES = ("bytes of bytecode", MAX_OPERAND)  # offsets 0 to 65,535, the end included
OPERAND_LIMITS = {
    "const": ("constants", MAX_OPERAND + 1), "local": ("local variables", MAX_OPERAND + 1),
    "global": ("global names", MAX_OPERAND + 1), "free": ("captured variables", MAX_OPERAND + 1),
    "count": ("operands in one call, list or class", MAX_OPERAND), "jump": BYTES}
"""What a code object runs out of when an operand of each kind passes MAX_OPERAND, and how
many of them it may have: tables are numbered from 0, counts and offsets are themselves."""


class Emitter:
    """Builds one code object: emits instructions, patches jumps, encodes bytes at the end.

    Every operand is a u16 (opcodes.py), so a code object holds at most MAX_OPERAND constants,
    local variables, global names and captured variables, and at most MAX_OPERAND bytes of
    bytecode (a jump's operand is a byte offset). Past one of them the compile error names the
    limit and the expression that crossed it (docs/limits.md). The constant and global tables
    are dictionaries, so a function of 65,535 constants compiles in linear time."""

    def __init__(self, code: CodeObject):
        self.code = code
        self.ops: list[list] = []  # [op, operands..., ] per instruction, in index space
        self.constant_index: dict = {}  # _constant_key(constant) -> its index
        self.global_index: dict[str, int] = {}

    @property
    def here(self) -> int:
        """Index of the next instruction (a jump target)."""
        return len(self.ops)

    def emit(self, op: Op, *operands: int, at=None) -> int:
        info = OPCODES[op]
        assert len(operands) == len(info.operands), (op, operands)
        for kind, value in zip(info.operands, operands):
            if not 0 <= value <= MAX_OPERAND:
                self.too_large(OPERAND_LIMITS[kind], at)
        self.ops.append([op, *operands])
        self.code.positions.append((at.line, at.col) if at is not None else (self.code.line, self.code.col))
        return len(self.ops) - 1

    def too_large(self, limit: tuple[str, int], at) -> None:
        """The compile error for a code object past one of its u16 limits (what, how many),
        at `at` (a node or a (line, col) pair) or at the function itself."""
        if at is None:
            line, col = self.code.line, self.code.col
        elif type(at) is tuple:
            line, col = at
        else:
            line, col = at.line, at.col
        what, most = limit
        raise EvaSyntaxError(f"function too large: {self.code.name} needs more than "
                             f"{most} {what}",
                             Position(self.code.file, line, col))

    def emit_jump(self, op: Op, at=None) -> int:
        """Emit a forward jump whose target `patch_jump` fills in later."""
        return self.emit(op, 0, at=at)

    def patch_jump(self, index: int) -> None:
        self.ops[index][1] = self.here

    def emit_loop(self, target: int, at=None) -> None:
        self.emit(Op.LOOP, target, at=at)

    def add_constant(self, value) -> int:
        """Index of `value` in the constant pool, reusing an identical entry. Immediates are
        compared by type and exact text, so 0.0 and -0.0 (or 1 and 1.0) stay distinct."""
        return _entry(self.code.constants, self.constant_index, _constant_key(value), value)

    def add_global(self, name: str) -> int:
        return _entry(self.code.global_names, self.global_index, name, name)

    def finish(self, global_table) -> CodeObject:
        """Encode bytes, decode `insns`, resolve globals against `global_table`."""
        code = self.code
        self.ops, code.positions, remap = fuse(self.ops, code.positions)
        code.variable_names = {remap[i]: name for i, name in code.variable_names.items()}
        offsets = []
        offset = 0
        for index, (op, *_) in enumerate(self.ops):
            offsets.append(offset)
            offset += OPCODES[op].size
            if offset > MAX_OPERAND:  # (the end, one past the last byte, is a jump target)
                self.too_large(BYTES, code.positions[index])
        code.offsets = offsets
        code.globals = [global_table.cell(name) for name in code.global_names]
        for op, *operands in self.ops:
            info = OPCODES[op]
            code.bytecode.append(op)
            for kind, value in zip(info.operands, operands):
                if kind == "jump":
                    value = offsets[value] if value < len(offsets) else offset
                code.bytecode += value.to_bytes(OPERAND_WIDTH, "big")
        code.generic_insns = tuple(self.decode(op, operands) for op, *operands in self.ops)
        code.insns = list(code.generic_insns)  # the interpreter's copy (Interpreter.prepare)
        code.heap_constants = tuple(_heap_constants(code))
        code.blank_slots = [UNDEF] * (code.nslots - 1 - code.arity)
        return code

    def decode(self, op: Op, operands: list) -> tuple:
        """The interpreter's view of one instruction: operands resolved to direct values."""
        code = self.code
        kinds = OPCODES[op].operands
        op = int(op)  # plain ints: the interpreter's comparisons stay on CPython's int fast path
        if not kinds:
            return (op, None)
        values = []
        for kind, value in zip(kinds, operands):
            if kind == "const":
                constant = code.constants[value]
                if op in (Op.GET_PROP, Op.SET_PROP, Op.MAKE_CLASS):
                    constant = constant.text
                values.append(constant)
            elif kind == "global":
                values.append(code.globals[value])
            else:
                values.append(value)
        return (op, values[0] if len(values) == 1 else tuple(values))


def _entry(table: list, index: dict, key, value) -> int:
    """The index in `table` (constants, global names) of the entry for `key`, appending
    `value` if there is none; `index` maps keys to indexes, so this is one lookup."""
    position = index.get(key)
    if position is None:
        position = index[key] = len(table)
        table.append(value)
    return position


def _constant_key(value):
    """What makes two constants one entry: strings by text, floats by their exact text (0.0
    and -0.0 stay apart, nan finds nan), other immediates by type and value (1, 1.0 and true
    stay apart; no text for integers, whose conversion to decimal is quadratic in CPython),
    code objects by identity."""
    kind = type(value)
    if kind is String:
        return (String, value.text)
    if kind is float:
        return (float, repr(value))
    if isinstance(value, (CodeObject, HeapObject)):
        return (id(value),)
    return (kind, value)


def _heap_constants(code: CodeObject):
    """Heap objects reachable from a code object's constants, nested code included."""
    for constant in code.constants:
        if isinstance(constant, CodeObject):
            yield from _heap_constants(constant)
        elif isinstance(constant, HeapObject):
            yield constant
