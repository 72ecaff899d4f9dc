"""Every guard is exercised: each deopt point of compiled code forced to fail, one at a time,
and the program's behaviour checked against the run where none is forced.

    python benchmarks/guard_sweep.py [--limit N] [--timeout S] [PATH ...]
    (default: the golden corpus, tests/lang/**/*.eva; a directory means its .eva files)

A program first runs with the JIT forced on (every function compiled at its first call, every
loop at its first back-edge, strict: a JIT bug raises) and no code cache, which says which
deopt points the lowering made (JitStats.points_made: id -> reason; ids are allocated in order
as code is compiled, the same in every run of the program with the same options). Then, for
each point K made by a conditional guard (lowering.Lowerer.guard), it runs again with
`fail_guard=K` (`--fail-guard K`): that guard's condition is replaced by false, so every time
the guard is checked it deoptimizes, and the interpreter finishes the frame. The forced run
must print the same stdout, the same first stderr line and exit with the same status as the
first run (which the golden tests check against the file's expectations); a difference is a
mismatch, a bug in deoptimization (the frame rebuilt wrong, a value lost). The sweep also
records whether point K fired at all when forced: a point that did not was made in code that
never ran past it (a unit entered no more, a branch not taken).

The unconditional deopt points (`emit_deopt`: a loop unit leaving its loop, a call whose
result has another type than compiled for) cannot be forced; the table reports whether they
fired in the first run, on their own.

Runs are in-process (as `eva run` would: cli.execute's steps), one VM per run, so LLVM loads
once per process; with --jobs J (default: the CPUs) programs are shared out among J worker
processes. LLVM's compile time is most of it: every forced run compiles all of the program's
units again. A run taking longer than --timeout seconds counts as a mismatch.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import re
import signal
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from eva.cli import EXIT_COMPILE_ERROR, EXIT_OK, EXIT_RUNTIME_ERROR
from eva.config import Options
from eva.errors import EvaRuntimeError, EvaSyntaxError
from eva.jit.rules import CALL_RESULT_TYPE
from eva.vm import VM

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "lang"
MODE = dict(jit=True, jit_always=True, jit_strict=True, jit_cache=False)
UNCONDITIONAL = frozenset({"loop exit", CALL_RESULT_TYPE})
"""The reasons of deopt points made by Lowerer.emit_deopt (no condition to force)."""
TIMEOUT = 60.0


class TimedOut(BaseException):
    """A run took too long (a BaseException, so no `except Exception` on the way swallows
    it; if it passes through a JIT callback it comes out as an internal error)."""


@dataclass
class Run:
    status: int | str       # an exit status, or "timeout" / "crash: ..." for a VM bug
    stdout: str
    stderr: str
    made: dict              # deopt point id -> reason
    fired: set              # ids of the points that fired

    def outcome(self) -> tuple:
        """What must not change when a guard is forced to fail."""
        return self.status, self.stdout, self.stderr.split("\n", 1)[0]


@dataclass
class Mismatch:
    program: str
    point: int
    reason: str
    diff: str


@dataclass
class ProgramResult:
    program: str
    made: dict = field(default_factory=dict)      # id -> reason (first run)
    natural: set = field(default_factory=set)     # ids fired in the first run
    forced: dict = field(default_factory=dict)    # id -> fired when forced (guards only)
    mismatches: list = field(default_factory=list)
    runs: int = 0
    seconds: float = 0.0
    baseline_problem: str | None = None


def execute(source: str, file: str, timeout: float = TIMEOUT, **overrides) -> Run:
    """Run `source` as `eva run` does (cli.execute's steps), with MODE and `overrides`,
    keeping the VM's JIT statistics."""
    out, err = io.StringIO(), io.StringIO()
    options = Options.from_env(environ={}, **{**MODE, **overrides})
    vm = VM(options, stdout=out)
    timed_out = []

    def alarm(signum, frame):
        timed_out.append(True)
        raise TimedOut()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        try:
            code = vm.compile(source, file)
        except EvaSyntaxError as error:
            print(error.render(), file=err)
            status = EXIT_COMPILE_ERROR
        else:
            try:
                vm.run_code(code)
                status = EXIT_OK
            except EvaRuntimeError as error:
                print(error.render(), file=err)
                status = EXIT_RUNTIME_ERROR
    except BaseException as error:  # noqa: BLE001 - a VM bug or a timeout: a result, not fatal
        if isinstance(error, KeyboardInterrupt) and not timed_out:
            raise
        status = "timeout" if timed_out else f"crash: {type(error).__name__}: {error}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    stats = vm.jit_stats()
    made = dict(stats.points_made) if stats is not None else {}
    fired = set(stats.points_fired) if stats is not None else set()
    return Run(status, out.getvalue(), err.getvalue(), made, fired)


def describe_difference(expected: Run, got: Run) -> str:
    parts = []
    for name, want, have in zip(("status", "stdout", "stderr"), expected.outcome(),
                                got.outcome()):
        if want != have:
            parts.append(f"{name}: expected {clip(want)}, got {clip(have)}")
    return "; ".join(parts)


def clip(value, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "...'"


def sweep_program(path: Path, timeout: float = TIMEOUT) -> ProgramResult:
    """Force each guard of `path`'s compiled code in turn (see the module's docstring)."""
    began = time.perf_counter()
    source = path.read_bytes().decode("utf-8", errors="replace")
    name = display_name(path)
    result = ProgramResult(name)
    baseline = execute(source, str(path), timeout)
    result.runs = 1
    result.made, result.natural = baseline.made, baseline.fired
    if not isinstance(baseline.status, int):
        result.baseline_problem = f"the run with no guard forced failed: {baseline.status}"
        result.seconds = time.perf_counter() - began
        return result
    for point, reason in sorted(baseline.made.items()):
        if reason in UNCONDITIONAL:
            continue
        forced = execute(source, str(path), timeout, fail_guard=point)
        result.runs += 1
        result.forced[point] = point in forced.fired
        problems = []
        if forced.outcome() != baseline.outcome():
            problems.append(describe_difference(baseline, forced))
        before = {i: r for i, r in forced.made.items() if i <= point}
        if before != {i: r for i, r in baseline.made.items() if i <= point}:
            problems.append(f"the deopt points up to {point} differ when it is forced (ids "
                            f"are not deterministic): {clip(before.get(point))} for "
                            f"{clip(reason)}")
        if problems:
            result.mismatches.append(Mismatch(name, point, reason, "; ".join(problems)))
    result.seconds = time.perf_counter() - began
    return result


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def reason_group(reason: str) -> str:
    """Reasons that name a variable ("'n' is negative", signs.py) are grouped."""
    return re.sub(r"^'[^']*' is negative$", "'<param>' is negative", reason)


def table(results: list) -> str:
    """Per reason: points made, fired in the first run, forced (guards), fired when forced,
    mismatches."""
    made, natural, forced, forced_fired, mismatched = (Counter() for _ in range(5))
    for result in results:
        for point, reason in result.made.items():
            group = reason_group(reason)
            made[group] += 1
            natural[group] += point in result.natural
        for point, fired in result.forced.items():
            group = reason_group(result.made[point])
            forced[group] += 1
            forced_fired[group] += fired
        for mismatch in result.mismatches:
            mismatched[reason_group(mismatch.reason)] += 1
    rows = [("reason", "made", "fired", "forced", "fired forced", "mismatches")]
    for group in sorted(made, key=lambda g: (-made[g], g)):
        unconditional = group in UNCONDITIONAL
        rows.append((group, str(made[group]), str(natural[group]),
                     "-" if unconditional else str(forced[group]),
                     "-" if unconditional else str(forced_fired[group]),
                     "-" if unconditional else str(mismatched[group])))
    rows.append(("total", str(sum(made.values())), str(sum(natural.values())),
                 str(sum(forced.values())), str(sum(forced_fired.values())),
                 str(sum(mismatched.values()))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if index == 0 or index == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def programs(paths: list) -> list:
    found = []
    for raw in paths or [CORPUS]:
        path = Path(raw)
        found.extend(sorted(path.rglob("*.eva")) if path.is_dir() else [path])
    return found


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="programs or directories (default: tests/lang)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N programs")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, metavar="S",
                        help=f"seconds a run may take (default {TIMEOUT:g})")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="J",
                        help="worker processes (default: the CPUs; 1 = this process only)")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per program")
    args = parser.parse_args(argv)
    files = programs(args.paths)[:args.limit]
    start = time.perf_counter()
    results = []

    def done(result: ProgramResult) -> None:
        results.append(result)
        if args.verbose:
            print(f"{result.program}: {len(result.made)} points, {result.runs} runs, "
                  f"{len(result.mismatches)} mismatches, {result.seconds:.1f} s",
                  file=sys.stderr, flush=True)

    if args.jobs <= 1:
        for path in files:
            done(sweep_program(path, args.timeout))
    else:  # spawned workers: none inherits a half-initialized LLVM or JIT from this one
        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) \
                as pool:
            for future in as_completed([pool.submit(sweep_program, path, args.timeout)
                                        for path in files]):
                done(future.result())
        results.sort(key=lambda result: result.program)
    seconds = time.perf_counter() - start
    runs = sum(result.runs for result in results)
    with_points = sum(1 for result in results if result.made)
    print(f"{len(results)} programs ({with_points} with deopt points), {runs} runs, "
          f"{seconds:.1f} s")
    print(table(results))
    problems = [result for result in results if result.baseline_problem]
    mismatches = [mismatch for result in results for mismatch in result.mismatches]
    for result in problems:
        print(f"\n{result.program}: {result.baseline_problem}")
    if mismatches:
        print(f"\n{len(mismatches)} mismatches:")
        for mismatch in mismatches:
            print(f"  {mismatch.program} point {mismatch.point} ({mismatch.reason}): "
                  f"{mismatch.diff}")
    return 1 if mismatches or problems else 0


if __name__ == "__main__":
    sys.exit(main())
