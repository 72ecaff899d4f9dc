"""What a benchmark run produces, and its JSON form (`eva bench --json` / `--compare`).

Raw times are kept, not just medians, so that a saved run can be re-summarized and compared
with any statistic later. The machine and versions are saved with the times because a time
means nothing without them.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from eva import __version__
from eva.bench.programs import BenchError

FORMAT = "eva-bench/1"
"""Written into every saved file; a file without it is not ours or from an incompatible version."""

MODES = ("process", "steady")
"""process: whole-process wall-clock seconds, what a user running `eva run` once sees (the
headline, shown first); steady: in-process seconds after a warm-up run, beside it."""


@dataclass
class Result:
    """One benchmark in one tier: a time per run in each mode, or why there are no times."""

    program: str
    tier: str
    size: int
    steady: list[float] = field(default_factory=list)
    process: list[float] = field(default_factory=list)
    jit_warmup: float | None = None   # seconds until compiled code first ran, if known
    failure: str | None = None        # a wrong checksum or a crash; then there are no times

    def times(self, mode: str) -> list[float]:
        return getattr(self, mode)


@dataclass(frozen=True)
class Stats:
    """The summary of repeated runs. The spread is half the range relative to the median,
    so `median ± spread` covers every run."""

    median: float
    low: float
    high: float

    @property
    def spread(self) -> float:
        return (self.high - self.low) / 2 / self.median if self.median else 0.0


def summarize(times: list[float]) -> Stats | None:
    return Stats(statistics.median(times), min(times), max(times)) if times else None


def cpu_model() -> str:
    """The CPU's marketing name from /proc/cpuinfo (Linux), else whatever platform knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as cpuinfo:
            for line in cpuinfo:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Model", "Hardware"):
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe_machine() -> dict:
    return {"platform": platform.platform(), "cpu": cpu_model(), "cores": os.cpu_count()}


def package_version(name: str) -> str | None:
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def describe_versions() -> dict:
    return {"python": f"{platform.python_version()} ({platform.python_implementation()})",
            "eva": __version__, "llvmlite": package_version("llvmlite")}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class RunRecord:
    """Everything one `eva bench` invocation measured, with the context to interpret it."""

    results: list[Result]
    settings: dict = field(default_factory=dict)   # runs, sizes and tiers asked for
    notes: list[str] = field(default_factory=list)  # skipped tiers and programs, and why
    machine: dict = field(default_factory=describe_machine)
    versions: dict = field(default_factory=describe_versions)
    created: str = field(default_factory=now)

    def find(self, program: str, tier: str) -> Result | None:
        return next((r for r in self.results if r.program == program and r.tier == tier), None)

    def speedup(self, result: Result, mode: str, baseline: str) -> float | None:
        """How many times faster `result` is than the baseline tier on the same benchmark."""
        base = self.find(result.program, baseline)
        base_stats = summarize(base.times(mode)) if base else None
        stats = summarize(result.times(mode))
        return base_stats.median / stats.median if base_stats and stats else None


def save(record: RunRecord, path: Path) -> None:
    data = {"format": FORMAT, **asdict(record)}
    try:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise BenchError(f"cannot write {path}: {error.strerror}") from None


def load(path: Path) -> RunRecord:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BenchError(f"cannot read saved results {path}: {error}") from None
    if not isinstance(data, dict) or data.pop("format", None) != FORMAT:
        raise BenchError(f"{path} is not an '{FORMAT}' results file")
    data["results"] = [Result(**result) for result in data["results"]]
    return RunRecord(**data)
