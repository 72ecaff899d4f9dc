"""`eva bench --plot FILE.png`: the speed-ups over the interpreter as grouped bar charts.

matplotlib is an optional dependency (the `plot` extra), so it is imported only here, and
`require_matplotlib` is called before any benchmark runs: a missing library must not be
discovered after minutes of measuring.
"""

from __future__ import annotations

from pathlib import Path

from eva.bench.programs import BenchError
from eva.bench.report import describe_context
from eva.bench.results import MODES, RunRecord

BASELINE = "interp"


def require_matplotlib():
    """The pyplot module, set up to draw into files; BenchError (exit 2) if not installed."""
    try:
        import matplotlib
    except ImportError:
        raise BenchError("--plot needs matplotlib, which is not installed; install it with "
                         "'pip install matplotlib' (or: pip install -e '.[plot]')") from None
    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as pyplot
    return pyplot


def speedups(record: RunRecord, mode: str) -> dict[str, dict[str, float]]:
    """tier -> benchmark -> speed-up over the interpreter, for every tier but the interpreter."""
    table: dict[str, dict[str, float]] = {}
    for result in record.results:
        value = record.speedup(result, mode, BASELINE)
        if result.tier != BASELINE and value is not None:
            table.setdefault(result.tier, {})[result.program] = value
    return table


def draw_mode(axes, record: RunRecord, mode: str) -> None:
    programs = list(dict.fromkeys(result.program for result in record.results))
    table = speedups(record, mode)
    width = 0.8 / max(len(table), 1)
    for i, (tier, values) in enumerate(table.items()):
        xs = [p + i * width for p, name in enumerate(programs) if name in values]
        axes.bar(xs, [values[name] for name in programs if name in values], width, label=tier)
    axes.axhline(1.0, color="black", linewidth=0.8)
    axes.set_yscale("log")
    axes.set_xticks([p + width * (len(table) - 1) / 2 for p in range(len(programs))], programs)
    axes.set_ylabel(f"speed-up over {BASELINE} ({mode})")
    if table:
        axes.legend(fontsize="small")


def plot(record: RunRecord, path: Path) -> None:
    pyplot = require_matplotlib()
    figure, all_axes = pyplot.subplots(len(MODES), 1, figsize=(10, 4 * len(MODES)))
    for axes, mode in zip(all_axes, MODES):
        draw_mode(axes, record, mode)
    figure.suptitle(f"eva bench\n{describe_context(record)}", fontsize="small")
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=120)
    except OSError as error:
        raise BenchError(f"cannot write {path}: {error.strerror}") from None
    finally:
        pyplot.close(figure)
