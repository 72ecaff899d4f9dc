"""What the lowering needs from the runtime: symbol names and id allocators (plain data, no
LLVM, so the tier-up can prepare it before llvmlite is loaded)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Environment:
    """Addresses and ids the lowering embeds, supplied by the runtime."""

    unit_id: int
    valid_symbol: str                 # i64 global: 0 once a global this unit assumed changed
    new_deopt_id: object              # callable(DeoptPoint fields) -> id
    new_site_id: object               # callable(code, pc, site) -> id
    direct_callee: object             # callable(code, arg types) -> (fn symbol, return type)
    global_cell_symbol: object = None  # callable(GlobalCell) -> the symbol of its address
    value_offset: int = 0             # where a GlobalCell keeps its value pointer
    watched_offset: int = 0           # ... and its `watched` flag (True / False)
    deopt_every: int = 0
