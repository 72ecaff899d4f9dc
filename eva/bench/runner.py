"""The measurement loop: every benchmark in every tier, every run checked against the reference.

A run that prints anything but the reference checksum is a failure, never a time: the whole
cell (benchmark, tier) is then reported as failed and its other runs are not made. The
reference is the output of the CPython version at the same size, computed once per size.

Per cell, in-process tiers first make one warm-up run (excluded; it also gives the JIT's
warm-up), then `runs` steady-state runs, all in one worker process (see worker.py); every tier
then makes `runs` whole-process runs. The
whole-process runs have no warm-up of their own: each one is a cold start by definition, and
the in-process runs have already brought the files into the OS cache. The exception is the
jit-cached tier, whose first process (untimed) fills the code cache the others load from.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable, TextIO

from eva.bench.programs import Program
from eva.bench.report import significant
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


class Progress:
    """Progress on stderr: each run is announced before it starts and its time is printed when
    it ends, so that a long run never looks hung."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def start(self, label: str) -> None:
        print(f"  {label} ...", end=" ", file=self.stream, flush=True)


class Runner:
    """Measures cells with one workspace, reference cache and progress stream."""

    def __init__(self, runs: int, workspace: Workspace, progress: Progress):
        self.runs = runs
        self.workspace = workspace
        self.progress = progress
        self.references = References(workspace)

    def timed(self, label: str, run: Callable[[], tuple[str, float]], expected: str) -> float:
        """Seconds of one checked run."""
        self.progress.start(label)
        try:
            output, elapsed = run()
            check(output, expected)
        except RunFailure as failure:
            self.progress.line(f"FAILED: {failure}")
            raise
        self.progress.line(f"{significant(elapsed)} s")
        return elapsed

    def repeat(self, label: str, run: Callable[[], tuple[str, float]], expected: str) -> list[float]:
        return [self.timed(f"{label} {i}/{self.runs}", run, expected)
                for i in range(1, self.runs + 1)]

    def measure(self, program: Program, size: int, tier: Tier) -> Result:
        """One cell; a failure of any run replaces all of its times."""
        result = Result(program.name, tier.name, size)
        label = f"{program.name} {tier.name}"
        try:
            expected = self.references.get(program, size)
            if tier.in_process:
                with Worker(tier, program, size, self.runs + 1) as worker:
                    self.timed(f"{label} warm-up", worker.run, expected)
                    result.jit_warmup = worker.jit_warmup()
                    result.steady = self.repeat(f"{label} steady", worker.run, expected)
            command = tier.command(program, size, self.workspace)
            if tier.process_warmup:
                self.timed(f"{label} process warm-up", lambda: run_process(command), expected)
            result.process = self.repeat(f"{label} process", lambda: run_process(command),
                                         expected)
        except RunFailure as failure:
            return Result(program.name, tier.name, size, failure=str(failure))
        return result


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
    progress = Progress(stderr)
    usable, notes = skip_notes([program for program, _ in sized], tiers)
    results = []
    with tempfile.TemporaryDirectory(prefix="eva-bench-") as directory:
        runner = Runner(runs, Workspace(Path(directory)), progress)
        for program, size in sized:
            progress.line(f"{program.name} (size {size}):")
            results += [runner.measure(program, size, tier)
                        for tier in usable if tier.has_version(program)]
    return RunRecord(results, settings, notes)
