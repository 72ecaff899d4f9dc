"""`eva bench --compare FILE`: the change of each time against a saved run.

A change is flagged only when it is both larger than the threshold and larger than the noise:
the new runs' range must not overlap the old runs' range (every new run slower than every old
one, for a slowdown). Either test alone misfires on a noisy machine: a 15% difference inside
a ±20% spread is noise, and a 2% difference outside a tight spread does not matter.
"""

from __future__ import annotations

from dataclasses import dataclass

from eva.bench.report import percent, render_rows, decimal
from eva.bench.results import MODES, RunRecord, Stats, summarize


@dataclass(frozen=True)
class Change:
    """One benchmark, tier and mode in both runs."""

    program: str
    size: int
    tier: str
    mode: str
    old: Stats
    new: Stats

    @property
    def ratio(self) -> float:
        return self.new.median / self.old.median

    def slower(self, threshold: float) -> bool:
        return self.ratio > 1 + threshold and self.new.low > self.old.high

    def faster(self, threshold: float) -> bool:
        return self.ratio < 1 - threshold and self.new.high < self.old.low

    def verdict(self, threshold: float) -> str:
        return "SLOWER" if self.slower(threshold) else "faster" if self.faster(threshold) else ""


def compare(old: RunRecord, new: RunRecord) -> tuple[list[Change], list[str]]:
    """The changes of every time present in both runs at the same size, and a note for each
    new result that has nothing to be compared with."""
    changes, unmatched = [], []
    for result in new.results:
        before = old.find(result.program, result.tier)
        if before is None or before.size != result.size or before.failure or result.failure:
            unmatched.append(f"{result.program} {result.tier}")
            continue
        for mode in MODES:
            old_stats, new_stats = summarize(before.times(mode)), summarize(result.times(mode))
            if old_stats and new_stats:
                changes.append(Change(result.program, result.size, result.tier, mode,
                                      old_stats, new_stats))
    return changes, unmatched


def render_comparison(changes: list[Change], unmatched: list[str], threshold: float,
                      source: str) -> str:
    header = ["benchmark", "size", "tier", "mode", "before", "after", "change", ""]
    rows = [[c.program, str(c.size), c.tier, c.mode, decimal(c.old.median),
             decimal(c.new.median), f"{c.ratio - 1:+.1%}", c.verdict(threshold)]
            for c in changes]
    parts = [f"change against {source} (flagged: beyond {percent(threshold)} and beyond the "
             "spread of the runs)", "", render_rows(header, rows, left=4)]
    if unmatched:
        parts.append(f"not compared (absent, failed or at another size in either run): "
                     f"{', '.join(unmatched)}")
    return "\n".join(parts)
