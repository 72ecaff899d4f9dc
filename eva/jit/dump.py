"""Dumps of compiled code: each unit's typed bytecode, its LLVM IR (before or after
optimization), or its assembly.

`eva ir` (cli.py) prints them after running a program with the JIT forced on, and
`VM.jit_ir` returns them. Each dump starts with a stable header line naming the unit and
the stage:

    ; ==== fib(int) -> int : pre ====

The IR leads back to the source: the lowering names a block by the offset of the instruction
it was lowered from (`at000C`, `at000C_ok1` after that instruction's guard), and the dump
puts under each such block's label a comment with that instruction as `eva dis` shows it,
its source position and its source line (`with_source_lines`), and the lowering names a
local's variable by its Eva name (`%"total_int"`, not slot 2). The assembly has no block names
left to annotate.
"""

from __future__ import annotations

import re

from eva.disassembler import instruction_at
from eva.flow import successors
from eva.jit.rules import RULES
from eva.jit.signs import non_negative_facts, transfer

STAGES = ("types", "pre", "post", "asm")

CALLS = {"self": "itself, natively", "direct": "its compiled unit, natively",
         "generic": "through the call cache (its call entry once it is compiled)",
         "native": "inline", "object": "inline (len, push)",
         "value": "any value: a function through the call cache, a native through the runtime"}
"""What a call site calls (types.CallSite.kind), in the types dump."""


def types_text(typed) -> str:
    """The typed bytecode of a unit (`eva ir --stage types`), like Numba's type annotations:
    the entry (where, and the types it was specialized on), then each instruction the unit
    covers as `eva dis` shows it, with the types of its operands and results in the style of
    the opcode table's stack pictures (`int int -> int`; `>=0`: an integer the sign analysis
    proved, or speculated, never negative), and the guards native code checks there. The
    slots live at each jump target are listed before it, and each source line before the
    instructions compiled from it, as `eva dis` shows them."""
    code = typed.code
    facts = non_negative_facts(typed, typed.non_negative_entry)
    where = "0000" if typed.entry_pc == 0 else f"loop header {code.offsets[typed.entry_pc]:04X}"
    lines = [f"; entry at {where}, specialized on: "
             f"{live_slots_text(typed, facts, typed.entry_pc) or 'nothing'}"]
    if typed.non_negative_entry:
        names = ", ".join(code.slot_names[slot] for slot in sorted(typed.non_negative_entry))
        lines.append(f"; speculated on entry: {names} >= 0 (checked; a negative value "
                     "deoptimizes)")
    if typed.entry_pc == 0:
        lines.append(f"; returns {typed.return_type!r}")
    else:
        lines.append("; a loop unit: the interpreter goes on where it leaves the loop")
    targets = {target for pc in typed.states for target in successors(code, pc)
               if target != pc + 1 and target in typed.states}
    source_lines = code.source.splitlines()
    shown_line = None
    for pc in sorted(typed.states):
        if pc in targets and pc != typed.entry_pc:
            lines.append(f"; at {code.offsets[pc]:04X}: "
                         f"{live_slots_text(typed, facts, pc) or 'no live locals'}")
        line = code.position(pc).line
        if line != shown_line and 0 < line <= len(source_lines):  # as `eva dis` shows them
            lines.append(f"; {line}: {source_lines[line - 1]}".rstrip())
            shown_line = line
        lines.append(instruction_text(typed, facts, pc))
    return "\n".join(lines)


def kind_text(kind, non_negative: bool) -> str:
    return f"{kind!r}>=0" if non_negative else repr(kind)


def live_slots_text(typed, facts: dict, pc: int) -> str:
    """`name type` of each slot live on entry to `pc`."""
    state, known = typed.states[pc], facts[pc][0]
    return ", ".join(f"{typed.code.slot_names[slot]} {kind_text(state.slots[slot], slot in known)}"
                     for slot in sorted(typed.live[pc]) if state.slots[slot] is not None)


def instruction_text(typed, facts: dict, pc: int) -> str:
    """One instruction of the types dump: offset, opcode and operands, its stack picture,
    then its guards and what else the JIT decided there."""
    code = typed.code
    op, operands = instruction_at(code, code.offsets[pc])
    rule = RULES[op]
    arg = code.generic_insns[pc][1]
    stack = typed.states[pc].stack
    slots_in, stack_in = facts[pc]
    taken = rule.operand_count(arg)
    picture = [kind_text(kind, known) for kind, known in
               zip(stack[len(stack) - taken:], stack_in[len(stack_in) - taken:])] + ["->"]
    results = typed.results.get(pc)
    if results is not None:  # what the sign analysis knows of them, on the way on
        [after] = [out for succ, _, out in transfer(typed, pc, slots_in, stack_in)
                   if succ == pc + 1]
        picture += [kind_text(kind, known)
                    for kind, known in zip(results, after[len(after) - len(results):])]
    notes = []
    guards = rule.guards_at(typed, pc)
    if guards:
        notes.append("guards: " + ", ".join(guards))
    if pc in typed.calls:
        notes.append("calls " + CALLS[typed.calls[pc].kind])
    if pc in typed.unsigned_remainders:
        notes.append("unsigned: both operands >= 0")
    exits = [succ for succ in successors(code, pc) if succ in typed.exits]
    if exits:
        notes.append("leaves the loop at " + ", ".join(f"{code.offsets[succ]:04X}"
                                                       for succ in exits))
    line = f"{code.offsets[pc]:04X}  {op.name:<20} {operands:<18} {' '.join(picture)}"
    return f"{line:<64} ; {'; '.join(notes)}" if notes else line


BLOCK_LABEL = re.compile(r'^"?at([0-9A-F]{4})[\w.]*"?:')
"""An IR block label the lowering named for a bytecode offset (LLVM's passes may add to the
name: `at000C.preheader`)."""


def with_source_lines(text: str, code) -> str:
    """The IR `text` of a unit of `code` with a comment under each block label named for an
    instruction: `; 000C GET_LOCAL2 3 (i), 1 (n) at loop.eva:5:23: (for (var i 0) ...`."""
    pcs = {offset: pc for pc, offset in enumerate(code.offsets)}
    source_lines = code.source.splitlines()
    lines = []
    for line in text.split("\n"):
        lines.append(line)
        match = BLOCK_LABEL.match(line)
        pc = pcs.get(int(match.group(1), 16)) if match else None
        if pc is None:
            continue
        op, operands = instruction_at(code, code.offsets[pc])
        position = code.position(pc)
        form = form_at(source_lines, position.line, position.col)
        lines.append(f"  ; {code.offsets[pc]:04X} {op.name} {operands}".rstrip() +
                     f" at {position}" + (f": {form}" if form else ""))
    return "\n".join(lines)


FORM_WIDTH = 60
"""Characters of an Eva form an IR comment shows (the rest is `...`)."""


def form_at(source_lines: list[str], line: int, col: int) -> str:
    """The Eva expression that starts at `line`:`col` (both from 1) of the source: an atom,
    or a parenthesized form up to its closing parenthesis on that line (`(- n 1)`), else the
    rest of the line and `...`; empty without the source."""
    if not 0 < line <= len(source_lines):
        return ""
    text = source_lines[line - 1][col - 1:]
    if not text.startswith("("):
        atom = re.match(r'"(\\.|[^"\\])*"|[^\s()]+', text)
        return atom.group() if atom else ""
    depth, in_string, escaped = 0, False, False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == ";":
            break
        elif char in "()":
            depth += 1 if char == "(" else -1
            if depth == 0:
                form = text[:index + 1]
                return form if len(form) <= FORM_WIDTH else form[:FORM_WIDTH - 4] + " ..."
    return text[:FORM_WIDTH - 4].rstrip() + " ..."


def unit_dumps(jit, name: str | None = None, stage: str = "post") -> list[tuple[str, str]]:
    """(header, text) for every compiled unit (of function `name`, if given)."""
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}")
    dumps = []
    for unit in jit.units if jit is not None else []:
        if name is not None and unit.code.name != name:
            continue
        compiled = unit.compiled
        if stage == "types":
            text = types_text(unit.typed)
        elif stage == "pre":
            text = with_source_lines(compiled.pre_ir, unit.code)
        elif stage == "post":
            text = with_source_lines(compiled.post_ir, unit.code)
        else:
            text = jit.backend.compiler.assembly(compiled.post_ir)
        header = f"; ==== {unit.label} -> {unit.return_type.value} : {stage} ===="
        dumps.append((header, text.rstrip("\n")))
    return dumps

