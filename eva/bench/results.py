"""What a benchmark run produces, and its JSON form (`eva bench --json` / `--compare`).

Raw times are kept, not just medians, so that a saved run can be re-summarized and compared
with any statistic later. The machine and versions are saved with the times because a time
means nothing without them.

The file is in pyperf's format (version "1.0"), so `python -m pyperf show`, `stats`, `hist`
and `compare_to` read it: one pyperf benchmark per benchmark, tier and mode, named
`PROGRAM/TIER/MODE` (`fib/jit/process`), unit seconds. Steady-state times are one pyperf run
(one process) with the warm-up run as its warm-up; whole-process times are one pyperf run per
process, each with one value. The top-level `metadata` has the machine and versions. What
pyperf has no place for (the settings, the notes on skipped tiers, the failed cells) is under a
top-level `eva` key, which pyperf ignores; `eva.format` marks the file as eva's.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from eva import __version__
from eva.bench.programs import BenchError

FORMAT = "eva-bench/2"
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
    steady_warmup: float | None = None  # seconds of the in-process warm-up run, not counted
    failure: str | None = None        # a wrong checksum or a crash; then there are no times

    def times(self, mode: str) -> list[float]:
        return getattr(self, mode)


UNSTABLE = 0.10
"""pyperf's rule of thumb: runs whose standard deviation is above 10% of their mean do not
measure one thing; their median should not be trusted (pyperf prints the same warning)."""


@dataclass(frozen=True)
class Stats:
    """The summary of repeated runs: the median is the time shown; low and high bound every run
    (what `--compare` tests for overlap); the deviation is the sample standard deviation
    relative to the mean (None for a single run), what decides whether runs are stable."""

    median: float
    low: float
    high: float
    deviation: float | None

    @property
    def unstable(self) -> bool:
        return self.deviation is not None and self.deviation > UNSTABLE


def summarize(times: list[float]) -> Stats | None:
    if not times:
        return None
    mean = statistics.fmean(times)
    deviation = statistics.stdev(times) / mean if len(times) > 1 and mean > 0 else None
    return Stats(statistics.median(times), min(times), max(times), deviation)


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


def pyperf_benchmarks(result: Result) -> list[dict]:
    """The pyperf benchmarks of one cell: one per mode that has times."""
    benchmarks = []
    for mode in MODES:
        times = result.times(mode)
        if not times:
            continue
        metadata = {"name": f"{result.program}/{result.tier}/{mode}", "unit": "second",
                    "loops": 1, "eva_program": result.program, "eva_tier": result.tier,
                    "eva_mode": mode, "eva_size": result.size}
        if mode == "steady":
            if result.jit_warmup is not None:
                metadata["eva_jit_warmup"] = result.jit_warmup
            run = {"values": times}
            if result.steady_warmup is not None:
                run["warmups"] = [[1, result.steady_warmup]]
            runs = [run]
        else:
            runs = [{"values": [seconds]} for seconds in times]
        benchmarks.append({"metadata": metadata, "runs": runs})
    return benchmarks


def to_pyperf(record: RunRecord) -> dict:
    """The record as a pyperf suite (see the module docstring)."""
    machine, versions = record.machine, record.versions
    metadata = {"platform": machine["platform"], "cpu_model_name": machine["cpu"],
                "cpu_count": machine["cores"], "date": record.created,
                **{f"{name}_version": version for name, version in versions.items() if version}}
    failures = [{"program": result.program, "tier": result.tier, "size": result.size,
                 "failure": result.failure} for result in record.results if result.failure]
    return {"version": "1.0", "metadata": metadata,
            "benchmarks": [benchmark for result in record.results
                           for benchmark in pyperf_benchmarks(result)],
            "eva": {"format": FORMAT, "settings": record.settings, "notes": record.notes,
                    "failures": failures, "machine": machine, "versions": versions,
                    "order": [[result.program, result.tier] for result in record.results]}}


def from_pyperf(data: dict) -> RunRecord:
    """The record a file written by `to_pyperf` holds."""
    eva = data["eva"]
    cells = {(program, tier): Result(program, tier, 0) for program, tier in eva["order"]}
    for benchmark in data["benchmarks"]:
        metadata = benchmark["metadata"]
        result = cells[metadata["eva_program"], metadata["eva_tier"]]
        result.size = metadata["eva_size"]
        result.jit_warmup = metadata.get("eva_jit_warmup", result.jit_warmup)
        for run in benchmark["runs"]:
            result.times(metadata["eva_mode"]).extend(run.get("values", []))
            for _, seconds in run.get("warmups", []):
                result.steady_warmup = seconds
    for failed in eva["failures"]:
        result = cells[failed["program"], failed["tier"]]
        result.size, result.failure = failed["size"], failed["failure"]
    return RunRecord(list(cells.values()), eva["settings"], eva["notes"], eva["machine"],
                     eva["versions"], data["metadata"]["date"])


def save(record: RunRecord, path: Path) -> None:
    try:
        path.write_text(json.dumps(to_pyperf(record), indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise BenchError(f"cannot write {path}: {error.strerror}") from None


def load(path: Path) -> RunRecord:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BenchError(f"cannot read saved results {path}: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("eva"), dict) \
            or data["eva"].get("format") != FORMAT:
        raise BenchError(f"{path} is not a results file of eva bench --json ({FORMAT}; a file "
                         "of pyperf itself has no eva section)")
    return from_pyperf(data)
