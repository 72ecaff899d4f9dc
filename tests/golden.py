"""The golden-test format of tests/lang: expectations written as comments in .eva files.

    (print (+ 1 2)) // expect: 3
    // expect runtime error: division by zero
    // expect error: 3:7: error: unterminated string
    // expect trace: at fact (

`expect:` lines give stdout exactly, in order. `expect runtime error:` wants exit status 70
and the text in the first stderr line (after `runtime error: `); `expect error:` wants exit
status 65, no stdout, and the text in the first stderr line; `expect trace:` lines must match
lines of the stack trace in order.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from eva.cli import EXIT_COMPILE_ERROR, EXIT_OK, EXIT_RUNTIME_ERROR, execute
from eva.config import Options

EXPECT = re.compile(r"// expect( runtime error| error| trace)?: ?(.*)$")

MODES = {
    "bytecode": dict(jit=False, translate=False),
    "interp": dict(jit=False),
    "translate-always": dict(jit=False, translate_threshold=1),
    "translate-loops": dict(jit=False, translate_loop_threshold=1),
    "jit": dict(jit=True, jit_threshold=10, jit_loop_threshold=20, jit_strict=True,
                jit_cache=False),
    "jit-always": dict(jit=True, jit_always=True, jit_strict=True, jit_cache=False),
    "deopt-every": dict(jit=True, jit_always=True, deopt_every=3, jit_strict=True,
                        jit_cache=False),
    "jit-cache": dict(jit=True, jit_always=True, jit_strict=True, jit_stats=True),
    "gc-stress": dict(jit=False, translate_threshold=1, translate_loop_threshold=1,
                      gc_stress=True, gc_check=True),
    "gc-stress-bytecode": dict(jit=False, translate=False, gc_stress=True, gc_check=True),
    "jit-gc-stress": dict(jit=True, jit_always=True, gc_stress=True, gc_check=True,
                          jit_strict=True, jit_cache=False),
    "jit-profiled": dict(jit=True, jit_threshold=10, jit_loop_threshold=20, jit_strict=True,
                         jit_cache=False, profile=True, profile_interval=100),
}
"""Every program must behave identically in all of these (SPEC.md section 9): the dispatch
loop alone ("bytecode"), with functions translated to Python from their second call (the
default) or first, with every running loop handed over to translated code at its first
back-edge (on-stack replacement, "translate-loops"), the JIT at low thresholds, forced on
everything, forced with every third guard check failing, through a code cache, and the
collector running at every allocation: in the dispatch loop alone, in translated code (called,
and entered at loops), and with the JIT forced on (native frames' values must be visible to
it). "jit-cache" runs the program twice with a code cache of its own: the first run compiles
and fills it, the second must load every unit from it (see `run_cached`). "deopt-every" fails
every third guard check, not every one: with 1 the first guard of a unit (the stack depth
check at its entry) always failed, so no compiled body ever ran past its entry in that mode;
with 3 the failing guard moves through the unit as the countdown's phase shifts between
entries. "jit-profiled" is the "jit" mode under the tier profiler (`--profile`), which enters
compiled code through wrappers of its own and samples the stack from a signal handler: the
program must not notice (see `profiled`)."""
STATS = "jit stats:\n"
PROFILE = "eva profile: "


@dataclass
class Expectation:
    stdout: list[str] = field(default_factory=list)
    runtime_error: str | None = None
    compile_error: str | None = None
    trace: list[str] = field(default_factory=list)

    @property
    def status(self) -> int:
        if self.compile_error is not None:
            return EXIT_COMPILE_ERROR
        if self.runtime_error is not None:
            return EXIT_RUNTIME_ERROR
        return EXIT_OK


def parse_expectations(text: str) -> Expectation:
    expected = Expectation()
    for line in text.replace("\r\n", "\n").split("\n"):
        match = EXPECT.search(line)
        if not match:
            continue
        kind, value = match.group(1), match.group(2)
        if kind is None:
            expected.stdout.append(value)
        elif kind == " runtime error":
            expected.runtime_error = value
        elif kind == " error":
            expected.compile_error = value
        else:
            expected.trace.append(value)
    return expected


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str


def run_program(path: Path, mode: str, **overrides) -> Outcome:
    """Run one file in-process exactly as `eva run` would, in the given mode."""
    out, err = io.StringIO(), io.StringIO()
    options = Options.from_env(environ={}, **{**MODES[mode], **overrides})
    status = execute(path.read_bytes().decode("utf-8", errors="replace"), str(path), options,
                     print_value=False, stdout=out, stderr=err)
    return Outcome(status, out.getvalue(), err.getvalue())


def run_cached(path: Path, cache_dir: Path) -> tuple[Outcome, list[str]]:
    """The "jit-cache" mode: the program run twice with one cache directory. Returns the second
    run's outcome, its --jit-stats report cut off, and what differed between the runs: their
    outputs, or a unit of the first run that the second did not load from the cache."""
    runs = []
    for _ in range(2):
        outcome = run_program(path, "jit-cache", jit_cache_dir=str(cache_dir))
        errors, _, stats = outcome.stderr.partition(STATS)
        runs.append((Outcome(outcome.status, outcome.stdout, errors), stats))
    (first, first_stats), (second, second_stats) = runs
    problems = []
    if (first.status, first.stdout, first.stderr) != (second.status, second.stdout, second.stderr):
        problems.append(f"the run loading from the code cache differs from the one filling it:"
                        f"\n{first}\n{second}")
    compiled = re.search(r"compiled +(\d+) units", first_stats)
    loaded = re.search(r"code cache +(\d+) units loaded", second_stats)
    linker = shutil.which("ld") is not None  # without one the cache only reads: nothing to load
    if linker and compiled and (not loaded or loaded.group(1) != compiled.group(1)):
        problems.append(f"the first run compiled {compiled.group(1)} units, the second did not "
                        f"load as many from the code cache:\n{second_stats}")
    return second, problems


def content_refusals(path: Path) -> tuple[Outcome, list[str]]:
    """The "jit-always" mode: the program with the JIT forced on every function and loop, its
    --jit-stats report cut off, and the units the JIT refused for their content (anything but
    the policy refusals of tierup.POLICY_REFUSALS, such as the compile-time budget): the JIT
    takes the whole language, so each is a bug."""
    from eva.jit.tierup import POLICY_REFUSALS
    outcome = run_program(path, "jit-always", jit_stats=True)
    errors, _, stats = outcome.stderr.partition(STATS)
    refused = re.search(r"  not compiled +\d+\n((?:    .*\n)*)", stats + "\n")
    problems = [f"the JIT refused {line.strip()}" for line in
                (refused.group(1).splitlines() if refused else [])
                if not any(policy in line for policy in POLICY_REFUSALS)]
    return Outcome(outcome.status, outcome.stdout, errors), problems


def profiled(path: Path) -> tuple[Outcome, list[str]]:
    """The "jit-profiled" mode: the program's outcome with the profile's table cut off the
    end of stderr, and a problem if a program that ran has no table."""
    outcome = run_program(path, "jit-profiled")
    errors, found, _ = outcome.stderr.partition(PROFILE)
    ran = outcome.status != EXIT_COMPILE_ERROR
    problems = [f"no profile on stderr:\n{outcome.stderr}"] if ran and not found else []
    return Outcome(outcome.status, outcome.stdout, errors), problems


def check(path: Path, outcome: Outcome) -> list[str]:
    """Differences between what the file expects and what happened (empty: pass)."""
    expected = parse_expectations(path.read_text(encoding="utf-8", errors="replace"))
    problems = []
    stdout_lines = outcome.stdout.split("\n")
    if stdout_lines and stdout_lines[-1] == "":
        stdout_lines.pop()
    if stdout_lines != expected.stdout:
        problems.append(f"stdout:\n  expected {expected.stdout!r}\n  got      {stdout_lines!r}")
    if outcome.status != expected.status:
        problems.append(f"exit status: expected {expected.status}, got {outcome.status}")
    first = outcome.stderr.split("\n", 1)[0]
    if expected.compile_error is not None and expected.compile_error not in first:
        problems.append(f"compile error: expected {expected.compile_error!r} in {first!r}")
    if expected.runtime_error is not None and (
            not first.startswith("runtime error: ") or expected.runtime_error not in first):
        problems.append(f"runtime error: expected {expected.runtime_error!r} in {first!r}")
    trace_lines = outcome.stderr.split("\n")[1:]
    position = 0
    for wanted in expected.trace:
        while position < len(trace_lines) and wanted not in trace_lines[position]:
            position += 1
        if position == len(trace_lines):
            problems.append(f"trace: no line containing {wanted!r} (in order) in\n{outcome.stderr}")
            break
        position += 1
    if expected.status == EXIT_OK and outcome.stderr:
        problems.append(f"unexpected stderr:\n{outcome.stderr}")
    return problems
