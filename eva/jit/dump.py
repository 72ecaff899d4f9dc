"""Dumps of compiled code: each unit's LLVM IR, before or after optimization, or its assembly.

`eva ir` (cli.py) prints them after running a program with the JIT forced on, and
`VM.jit_ir` returns them. Each dump starts with a stable header line naming the unit and
the stage:

    ; ==== fib(int) -> int : pre ====
"""

from __future__ import annotations

STAGES = ("pre", "post", "asm")


def unit_dumps(jit, name: str | None = None, stage: str = "post") -> list[tuple[str, str]]:
    """(header, text) for every compiled unit (of function `name`, if given)."""
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}")
    dumps = []
    for unit in jit.units if jit is not None else []:
        if name is not None and unit.code.name != name:
            continue
        compiled = unit.compiled
        if stage == "pre":
            text = compiled.pre_ir
        elif stage == "post":
            text = compiled.post_ir
        else:
            text = jit.backend.compiler.assembly(compiled.post_ir)
        header = f"; ==== {unit.label} -> {unit.return_type.value} : {stage} ===="
        dumps.append((header, text.rstrip("\n")))
    return dumps
