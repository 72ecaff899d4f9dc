"""What the lowering needs from the runtime: symbol names and id allocators (plain data, no
LLVM, so the tier-up can prepare it before llvmlite is loaded)."""

from __future__ import annotations


class Environment:
    """Addresses and ids the lowering embeds, supplied by the runtime."""

    def __init__(self, *, unit_id: int, valid_symbol: str, new_deopt_id, new_site_id,
                 direct_callee, global_cell_symbol=None, constant_symbol=None,
                 site_words_symbol=None, layout=None,
                 deopt_every: int = 0, fail_guard: int | None = None, next_id=None):
        self.unit_id = unit_id
        self.valid_symbol = valid_symbol    # i64 global: 0 once a global this unit assumed changed
        self.new_deopt_id = new_deopt_id    # callable(DeoptPoint fields but the id) -> DeoptPoint
        self.new_site_id = new_site_id      # callable(code, pc, site) -> id
        self.direct_callee = direct_callee  # callable(code, arg types) -> (fn symbol, return type)
        self.global_cell_symbol = global_cell_symbol  # callable(GlobalCell) -> its slot's name
        self.constant_symbol = constant_symbol  # callable(object) -> the name of a slot holding
                                                # its address (the unit keeps it alive)
        self.site_words_symbol = site_words_symbol  # callable(PropertySite) -> the name of a
                                # slot holding its cache words' address (shapes.py)
        self.layout = layout                # where objects keep what native code reads (layout.py)
        self.deopt_every = deopt_every
        self.fail_guard = fail_guard        # the deopt point id whose guard always fails
        self.next_id = next_id              # callable() -> the id the next point or site gets
