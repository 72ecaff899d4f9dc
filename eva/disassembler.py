"""The disassembler: bytecode as text, one line per instruction.

    OFFSET  RAW BYTES         OPCODE               OPERAND (MEANING)
    0004    01 00 02          CONST                2 (5)

Offsets and jump targets are byte offsets in 4 hex digits; operand meanings name the
constant, variable or target. It reads the canonical bytes, never the interpreter's decoded
(and possibly quickened) instructions, so it shows exactly what the compiler produced.
"""

from __future__ import annotations

from eva.bytecode import CodeObject
from eva.objects import display
from eva.opcodes import OPCODES, OPERAND_WIDTH, Op

RAW_WIDTH = 16
NAME_WIDTH = 20


def describe_constant(value) -> str:
    if isinstance(value, CodeObject):
        return f"<code {value.name}/{value.arity}>"
    return display(value, quoted=True)


def operand_text(code: CodeObject, kind: str, value: int) -> str:
    if kind == "jump":
        return f"{value:04X}"
    if kind == "const":
        return f"{value} ({describe_constant(code.constants[value])})"
    if kind == "local":
        name = code.slot_names[value] if value < len(code.slot_names) else "?"
        return f"{value} ({name})"
    if kind == "free":
        return f"{value} ({code.free_names[value]})"
    if kind == "global":
        return f"{value} ({code.global_names[value]})"
    return str(value)


def instruction_at(code: CodeObject, offset: int) -> tuple[Op, str]:
    """The opcode of the instruction at byte `offset` and its operands as text, with their
    meanings (also `eva ir --stage types`, which shows instructions as `eva dis` does)."""
    data = code.bytecode
    op = Op(data[offset])
    info = OPCODES[op]
    meanings = []
    for index, kind in enumerate(info.operands):
        start = offset + 1 + index * OPERAND_WIDTH
        meanings.append(operand_text(code, kind,
                                     int.from_bytes(data[start:start + OPERAND_WIDTH], "big")))
    return op, ", ".join(meanings)


def disassemble_code(code: CodeObject) -> list[str]:
    """Lines for one code object (header first), not including nested functions."""
    where = f" ({code.file}:{code.line}:{code.col})" if code.line else ""
    lines = [f"== {code.name}/{code.arity}{where} =="]
    if code.free_names:
        lines.append(f"   free: {', '.join(code.free_names)}")
    data = code.bytecode
    offset = 0
    while offset < len(data):
        op, meaning = instruction_at(code, offset)
        size = OPCODES[op].size
        raw = " ".join(f"{byte:02X}" for byte in data[offset:offset + size])
        lines.append(f"{offset:04X}    {raw:<{RAW_WIDTH}}  {op.name:<{NAME_WIDTH}} {meaning}".rstrip())
        offset += size
    return lines


def disassemble(code: CodeObject) -> str:
    """Every code object reachable from `code`, outermost first, separated by blank lines."""
    sections = []
    work = [code]
    while work:
        current = work.pop(0)
        sections.append("\n".join(disassemble_code(current)))
        work.extend(current.children())
    return "\n\n".join(sections) + "\n"
