"""The results table of `eva bench`, and the text formatting shared by its other outputs."""

from __future__ import annotations

import math

from eva.bench.results import MODES, UNSTABLE, Result, RunRecord, summarize

BASELINES = ("interp", "cpython")
"""Every tier's speed-up is shown over these two, in the same mode."""


MOST_DECIMALS = 9
"""Nanoseconds: no run is timed more finely."""


def decimal(value: float) -> str:
    """Three significant digits as a plain decimal, never in scientific notation (a table of
    times from 0.00041 s to 125 s must be readable at a glance): 0.000412, 0.0500, 1.00, 123,
    1234; trailing zeros kept so that columns read alike."""
    if value <= 0 or value >= 100:
        return f"{value:.0f}"
    decimals = 2 - math.floor(math.log10(value))
    return f"{value:.{min(decimals, MOST_DECIMALS)}f}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f}%"


def render_rows(header: list[str], rows: list[list[str]], left: int) -> str:
    """An aligned text table: the first `left` columns flush left, the others flush right.
    A row shorter than the header (a failure message) runs on past the columns."""
    complete = [header] + [row for row in rows if len(row) == len(header)]
    widths = [max(len(row[i]) for row in complete) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [cell.ljust(width) if i < left else cell.rjust(width)
                 for i, (cell, width) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return "\n".join(line(row) for row in [header, *rows])


def speedup(record: RunRecord, result: Result, mode: str, baseline: str) -> str:
    value = record.speedup(result, mode, baseline)
    return "-" if value is None else decimal(value) + "x"


UNSTABLE_MARK = "unstable"


def deviation_cell(result: Result, mode: str) -> str:
    """The relative standard deviation of the runs, or UNSTABLE_MARK above pyperf's limit: a
    number like ±824% says nothing a reader can use except that the median is not to be
    trusted, which the mark and its warning say plainly."""
    stats = summarize(result.times(mode))
    if stats.deviation is None:
        return "n/a"  # a single run
    return UNSTABLE_MARK if stats.unstable else "±" + percent(stats.deviation)


def mode_cells(record: RunRecord, result: Result, mode: str) -> list[str]:
    stats = summarize(result.times(mode))
    if stats is None:
        return ["-", "", *[""] * len(BASELINES)]
    return [decimal(stats.median), deviation_cell(result, mode),
            *[speedup(record, result, mode, baseline) for baseline in BASELINES]]


def warmup_cell(result: Result) -> str:
    if result.tier != "jit":
        return ""
    return "n/a" if result.jit_warmup is None else decimal(result.jit_warmup)


def result_row(record: RunRecord, result: Result) -> list[str]:
    row = [result.program, str(result.size), result.tier]
    if result.failure:
        return [*row, f"FAILED: {result.failure}"]
    return [*row, *[cell for mode in MODES for cell in mode_cells(record, result, mode)],
            warmup_cell(result)]


QUICK_WARNING = ("quick mode: a smoke test that checks every tier's answers. At the quick sizes "
                 "a run takes milliseconds,\nso start-up dominates the process times and no "
                 "time or speed-up below says how fast a tier is.")


def legend(record: RunRecord) -> str:
    runs = record.settings.get("runs", "N")
    return (f"process: median wall-clock seconds of {runs} whole processes, start-up and "
            f"tiering up included (what `eva run` costs). steady: median in-process seconds "
            f"of {runs} runs after a warm-up run. Tiers run interleaved, round-robin.\n"
            f"±: standard deviation of the runs, relative to their mean (n/a: one run); "
            f"{UNSTABLE_MARK}: above {percent(UNSTABLE)} (see the warnings). x TIER: speed-up over that tier in the "
            "same mode (higher is faster).\n"
            "jit warm-up: seconds from the start of the program until compiled code first ran "
            "(n/a: the JIT does not report it).")


def describe_context(record: RunRecord) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in record.versions.items()
                         if version)
    machine = record.machine
    return f"{versions}; {machine['cpu']}, {machine['cores']} cores, {machine['platform']}"


def render_table(record: RunRecord) -> str:
    header = ["benchmark", "size", "tier"]
    for mode in MODES:
        header += [f"{mode} s", "±", *[f"x {baseline}" for baseline in BASELINES]]
    header.append("jit warm-up")
    rows = [result_row(record, result) for result in record.results]
    parts = [describe_context(record), ""]
    if record.settings.get("sizes") == "quick":
        parts += [QUICK_WARNING, ""]
    parts += [render_rows(header, rows, left=3), "", legend(record)]
    parts += [f"note: {note}" for note in record.notes]
    parts += unstable_warnings(record)
    return "\n".join(parts)


def unstable_warnings(record: RunRecord) -> list[str]:
    """A warning per time whose runs vary too much for its median to mean anything."""
    warnings = []
    for result in record.results:
        for mode in MODES:
            stats = summarize(result.times(mode))
            if stats and stats.unstable:
                warnings.append(f"warning: {result.program} {result.tier} {mode} is unstable: "
                                f"standard deviation {percent(stats.deviation)} of the mean "
                                f"over {len(result.times(mode))} runs")
    if warnings:
        warnings.append(f"warning: unstable times (over {percent(UNSTABLE)}, pyperf's rule of "
                        "thumb) have medians that are not reliable: run more (--runs), larger "
                        "(--size) or on a quieter machine")
    return warnings
