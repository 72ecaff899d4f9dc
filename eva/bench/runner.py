"""The measurement loop: every benchmark in every tier, every run checked against the reference.

A run that prints anything but the reference checksum is a failure, never a time: the whole
cell (benchmark, tier) is then reported as failed and its other runs are not made. The
reference is the output of the CPython version at the same size, computed once per size.

The tiers of a benchmark are measured interleaved, not one after another: after the warm-ups,
each round makes one run of every tier (a steady-state run, then a whole process), and each
round starts one tier later than the one before (round-robin, rotated). A machine's slow phase
(another process, thermal throttling, a frequency change) then lands on every tier alike instead
of on whichever tier happened to run during it, which would turn noise into a false speed-up.

Warm-ups, first per cell: the in-process tiers start a worker process (see worker.py) that makes
one warm-up run (excluded; it also gives the JIT's warm-up) and then waits for its rounds; the
jit-cached tier runs one untimed process that fills the code cache the others load from. The
other whole-process runs have no warm-up of their own: each one is a cold start by definition,
and the in-process runs have already brought the files into the OS cache.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable, TextIO

from eva.bench.programs import Program
from eva.bench.report import decimal
from eva.bench.results import Result, RunRecord
from eva.bench.tiers import TIERS, RunFailure, Tier, Workspace, run_process
from eva.bench.worker import Worker


def check(output: str, expected: str) -> None:
    """The program must print exactly the one reference line."""
    if output.splitlines() != [expected]:
        raise RunFailure(f"wrong checksum: printed {output.strip()!r}, expected {expected!r}")


class References:
    """The expected checksum per (benchmark, size): the CPython version's output line."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.lines: dict[tuple[str, int], str] = {}

    def get(self, program: Program, size: int) -> str:
        key = (program.name, size)
        if key not in self.lines:
            command = TIERS["cpython"].command(program, size, self.workspace)
            output, _ = run_process(command)
            lines = output.splitlines()
            if len(lines) != 1:
                raise RunFailure(f"{program.name}.py printed {len(lines)} lines, "
                                 "not one checksum line")
            self.lines[key] = lines[0]
        return self.lines[key]


def duration(seconds: float) -> str:
    """A rough duration for the estimate of time left: 40 s, 3 min 20 s, 1 h 5 min."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


class Progress:
    """A progress line on stderr: each run as it ends, with its time, how many runs of how many
    are done and an estimate of the time left, so that a long run never looks hung. On a
    terminal the line is rewritten in place; elsewhere (a log) each run gets its own line.

    The estimate: the runs left of the benchmark in progress, each as long as the mean of its
    tier and mode so far (of any tier before the first), plus for each benchmark not started
    the mean wall-clock time of the finished ones (or this one's projected total). Benchmarks
    differ, so it is rough until a few are done; it says "about".
    """

    def __init__(self, stream: TextIO, total_runs: int, programs: int):
        self.stream = stream
        self.rewrite = stream.isatty()
        self.total_runs, self.done_runs = total_runs, 0
        self.programs_left = programs
        self.finished_seconds: list[float] = []  # wall-clock time of each finished benchmark
        self.program_started = time.perf_counter()
        self.samples: dict[tuple[str, str], list[float]] = {}  # (tier, mode) -> seconds
        self.pending: list[tuple[str, str]] = []  # (tier, mode) of runs left in this benchmark

    def start_program(self, pending: list[tuple[str, str]]) -> None:
        self.program_started = time.perf_counter()
        self.samples, self.pending = {}, list(pending)

    def end_program(self) -> None:
        self.finished_seconds.append(time.perf_counter() - self.program_started)
        self.programs_left -= 1
        self.done_runs += len(self.pending)  # runs of failed cells, never made
        self.pending = []
        if self.rewrite:
            print(file=self.stream, flush=True)

    def seconds_left(self) -> float:
        every = [seconds for times in self.samples.values() for seconds in times]
        fallback = sum(every) / len(every) if every else 0.0

        def mean(key):
            times = self.samples.get(key)
            return sum(times) / len(times) if times else fallback

        this_program = sum(mean(key) for key in self.pending)
        if self.finished_seconds:
            per_program = sum(self.finished_seconds) / len(self.finished_seconds)
        else:
            per_program = time.perf_counter() - self.program_started + this_program
        return this_program + (self.programs_left - 1) * per_program

    def ran(self, label: str, tier: str, mode: str, seconds: float) -> None:
        self.samples.setdefault((tier, mode), []).append(seconds)
        self.pending.remove((tier, mode))
        self.done_runs += 1
        self.show(f"[{self.done_runs}/{self.total_runs}] {label}: {decimal(seconds)} s, "
                  f"about {duration(self.seconds_left())} left")

    def failed(self, label: str, failure: RunFailure, tier: str) -> None:
        """A cell failed: its runs to come are dropped from the plan."""
        kept = [key for key in self.pending if key[0] != tier]
        self.done_runs += len(self.pending) - len(kept)
        self.pending = kept
        if self.rewrite:
            print(file=self.stream)
        print(f"{label}: FAILED: {failure}", file=self.stream, flush=True)

    def show(self, text: str) -> None:
        if self.rewrite:
            print(f"\r\x1b[K{text}", end="", file=self.stream, flush=True)
        else:
            print(text, file=self.stream, flush=True)


class Cell:
    """One benchmark in one tier while it is measured: its result, and its worker process for
    the steady-state runs of an in-process tier."""

    def __init__(self, program: Program, size: int, tier: Tier):
        self.tier = tier
        self.result = Result(program.name, tier.name, size)
        self.label = f"{program.name} {tier.name}"
        self.worker: Worker | None = None

    def planned_runs(self, runs: int) -> list[tuple[str, str]]:
        """(tier, mode) of each run this cell will make: warm-ups first, then its rounds."""
        warmups = ["steady"] * self.tier.in_process + ["process"] * self.tier.process_warmup
        modes = ["steady"] * self.tier.in_process + ["process"]
        return [(self.tier.name, mode) for mode in warmups + modes * runs]


class Runner:
    """Measures the tiers of one benchmark after another, with one workspace, reference cache
    and progress line."""

    def __init__(self, runs: int, workspace: Workspace, progress: Progress):
        self.runs = runs
        self.workspace = workspace
        self.progress = progress
        self.references = References(workspace)

    def timed(self, cell: Cell, label: str, mode: str, run: Callable[[], tuple[str, float]],
              expected: str) -> float:
        """Seconds of one checked run."""
        output, elapsed = run()
        check(output, expected)
        self.progress.ran(f"{cell.label} {label}", cell.tier.name, mode, elapsed)
        return elapsed

    def warm_up(self, cell: Cell, program: Program, size: int, expected: str) -> None:
        if cell.tier.in_process:
            cell.worker = Worker(cell.tier, program, size)
            cell.result.steady_warmup = self.timed(cell, "warm-up", "steady", cell.worker.run,
                                                   expected)
            cell.result.jit_warmup = cell.worker.jit_warmup()
        if cell.tier.process_warmup:
            command = cell.tier.command(program, size, self.workspace)
            self.timed(cell, "process warm-up", "process", lambda: run_process(command), expected)

    def one_round(self, cell: Cell, program: Program, size: int, expected: str,
                  number: int) -> None:
        """One run of each mode of the cell: in-process, then as a whole process."""
        result = cell.result
        if cell.worker is not None:
            result.steady.append(self.timed(cell, f"steady {number}/{self.runs}", "steady",
                                            cell.worker.run, expected))
        command = cell.tier.command(program, size, self.workspace)
        result.process.append(self.timed(cell, f"process {number}/{self.runs}", "process",
                                         lambda: run_process(command), expected))

    def attempt(self, cell: Cell, step: Callable[[], None]) -> None:
        """Make one step of a cell that has not failed; a failure ends the cell for good: its
        times are dropped, its worker stopped, its runs to come taken off the plan."""
        if cell.result.failure:
            return
        try:
            step()
        except RunFailure as failure:
            result = cell.result
            self.progress.failed(cell.label, failure, cell.tier.name)
            cell.result = Result(result.program, result.tier, result.size, failure=str(failure))
            self.stop(cell)

    @staticmethod
    def stop(cell: Cell) -> None:
        if cell.worker is not None:
            cell.worker.__exit__(None, None, None)
            cell.worker = None

    def measure(self, program: Program, size: int, tiers: list[Tier]) -> list[Result]:
        """Every tier of one benchmark, interleaved (see the module docstring)."""
        cells = [Cell(program, size, tier) for tier in tiers]
        self.progress.start_program([key for cell in cells for key in cell.planned_runs(self.runs)])
        try:
            expected = self.references.get(program, size)
        except RunFailure as failure:
            self.progress.end_program()
            return [Result(program.name, cell.tier.name, size, failure=str(failure))
                    for cell in cells]
        try:
            for cell in cells:
                self.attempt(cell, lambda: self.warm_up(cell, program, size, expected))
            for number in range(1, self.runs + 1):
                first = (number - 1) % len(cells)
                for cell in cells[first:] + cells[:first]:
                    self.attempt(cell, lambda: self.one_round(cell, program, size, expected,
                                                              number))
        finally:
            for cell in cells:
                self.stop(cell)
        self.progress.end_program()
        return [cell.result for cell in cells]


def skip_notes(programs: list[Program], tiers: list[Tier]) -> tuple[list[Tier], list[str]]:
    """The tiers that can run here, and a note for each tier or program that is skipped."""
    usable, notes = [], []
    for tier in tiers:
        reason = tier.unavailable()
        if reason:
            notes.append(f"{tier.name}: skipped, {reason}")
            continue
        usable.append(tier)
        lacking = [program.name for program in programs if not tier.has_version(program)]
        if len(lacking) == len(programs):
            notes.append(f"{tier.name}: skipped, no benchmark has a {tier.version} version")
        elif lacking:
            notes.append(f"{tier.name}: skipped {', '.join(lacking)} (no {tier.version})")
    return usable, notes


def run_benchmarks(sized: list[tuple[Program, int]], tiers: list[Tier], runs: int,
                   settings: dict, stderr: TextIO) -> RunRecord:
    """Measure every (benchmark, size) in every tier that can run it."""
    usable, notes = skip_notes([program for program, _ in sized], tiers)
    plan = [(program, size, program_tiers) for program, size in sized
            if (program_tiers := [tier for tier in usable if tier.has_version(program)])]
    total = sum(len(Cell(program, size, tier).planned_runs(runs))
                for program, size, program_tiers in plan for tier in program_tiers)
    progress = Progress(stderr, total, len(plan))
    results = []
    with tempfile.TemporaryDirectory(prefix="eva-bench-") as directory:
        runner = Runner(runs, Workspace(Path(directory)), progress)
        for program, size, program_tiers in plan:
            results += runner.measure(program, size, program_tiers)
    return RunRecord(results, settings, notes)
