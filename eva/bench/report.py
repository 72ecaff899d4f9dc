"""The results table of `eva bench`, and the text formatting shared by its other outputs."""

from __future__ import annotations

from eva.bench.results import MODES, Result, RunRecord, summarize

BASELINES = ("interp", "cpython")
"""Every tier's speed-up is shown over these two, in the same mode."""


def significant(value: float) -> str:
    """Three significant digits, trailing zeros kept so columns read alike: 0.0500, 1.00, 123."""
    if value >= 1000:
        return f"{value:.0f}"
    return f"{value:#.3g}".rstrip(".")


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
    return "-" if value is None else significant(value) + "x"


def mode_cells(record: RunRecord, result: Result, mode: str) -> list[str]:
    stats = summarize(result.times(mode))
    if stats is None:
        return ["-", "", *[""] * len(BASELINES)]
    return [significant(stats.median), "±" + percent(stats.spread),
            *[speedup(record, result, mode, baseline) for baseline in BASELINES]]


def warmup_cell(result: Result) -> str:
    if result.tier != "jit":
        return ""
    return "n/a" if result.jit_warmup is None else significant(result.jit_warmup)


def result_row(record: RunRecord, result: Result) -> list[str]:
    row = [result.program, str(result.size), result.tier]
    if result.failure:
        return [*row, f"FAILED: {result.failure}"]
    return [*row, *[cell for mode in MODES for cell in mode_cells(record, result, mode)],
            warmup_cell(result)]


def legend(record: RunRecord) -> str:
    runs = record.settings.get("runs", "N")
    return (f"process: median wall-clock seconds of {runs} whole processes, start-up and "
            f"tiering up included (what `eva run` costs). steady: median in-process seconds "
            f"of {runs} runs after a warm-up run.\n"
            "±: half the range of the runs. x TIER: speed-up over that tier in the same mode "
            "(higher is faster).\n"
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
    parts = [describe_context(record), "", render_rows(header, rows, left=3), "", legend(record)]
    parts += [f"note: {note}" for note in record.notes]
    return "\n".join(parts)
