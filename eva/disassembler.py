"""The disassembler: bytecode as text, one line per instruction.

    ; 3:   (var x 5)
    OFFSET  RAW BYTES         OPCODE               OPERAND (MEANING)           LINE:COL
    0004    01 00 02          CONST                2 (5)                       3:10

Offsets and jump targets are byte offsets in 4 hex digits; operand meanings name the
constant, variable or target; the last column is the source position the instruction was
compiled from (`CodeObject.position`), so a listing leads back to the source. Given the
source text, the listing also shows each source line (`; 3:` and the line) before the first
instruction compiled from it, and again when the instructions come back to it (a loop's
test after its body), as `objdump -S` interleaves C. It reads the canonical bytes, never the
interpreter's decoded (and possibly quickened) instructions, so it shows exactly what the
compiler produced.
"""

from __future__ import annotations

from eva.bytecode import CodeObject
from eva.objects import display
from eva.opcodes import OPCODES, OPERAND_WIDTH, Op

RAW_WIDTH = 16
NAME_WIDTH = 20
POSITION_COLUMN = 62
"""Where the source position starts: past the operands of nearly every instruction (a longer
operand pushes it right, one space after)."""


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


def disassemble_code(code: CodeObject, source_lines: list[str] | None = None) -> list[str]:
    """Lines for one code object (header first), not including nested functions; with the
    program's `source_lines`, each source line before the instructions compiled from it."""
    where = f" ({code.file}:{code.line}:{code.col})" if code.line else ""
    lines = [f"== {code.name}/{code.arity}{where} =="]
    if code.free_names:
        lines.append(f"   free: {', '.join(code.free_names)}")
    data = code.bytecode
    offset = index = 0  # (instruction index: positions are by index)
    shown_line = None
    while offset < len(data):
        op, meaning = instruction_at(code, offset)
        size = OPCODES[op].size
        raw = " ".join(f"{byte:02X}" for byte in data[offset:offset + size])
        text = f"{offset:04X}    {raw:<{RAW_WIDTH}}  {op.name:<{NAME_WIDTH}} {meaning}".rstrip()
        position = code.position(index)
        if position.line:
            if source_lines is not None and position.line != shown_line and \
                    position.line <= len(source_lines):
                lines.append(f"; {position.line}: {source_lines[position.line - 1]}".rstrip())
                shown_line = position.line
            text = f"{text:<{POSITION_COLUMN - 1}} {position.line}:{position.col}"
        lines.append(text)
        offset += size
        index += 1
    return lines


def disassemble(code: CodeObject, source: str | None = None) -> str:
    """Every code object reachable from `code`, outermost first, separated by blank lines;
    given the program's `source`, with its lines (`disassemble_code`)."""
    source_lines = source.splitlines() if source is not None else None
    sections = []
    work = [code]
    while work:
        current = work.pop(0)
        sections.append("\n".join(disassemble_code(current, source_lines)))
        work.extend(current.children())
    return "\n\n".join(sections) + "\n"
