"""The tiers a benchmark runs in, and how each one runs a program.

A tier can run a program in two ways:

- in-process (`session`, for tiers with `in_process`): the Eva tiers and CPython run the program
  repeatedly in one process, so the first run can be excluded as warm-up and the rest measure
  the steady state (no interpreter start-up, JIT already compiled); `eva bench` does this in a
  worker process (worker.py), pytest-benchmark in its own;
- as a whole process (`command`): what a user sees from the shell, start-up included.

Peers (pypy, c, luajit, node) are other language implementations that are only compared as whole
processes; they are optional, and a peer that is not installed is skipped with a note.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import eva
from eva.bench.programs import Program


class RunFailure(Exception):
    """One run crashed or printed the wrong checksum: the tier gets no time for this program."""


def first_native_entry_time(vm) -> float | None:
    """When the JIT first entered compiled code (a `time.perf_counter()` value), or None.

    This is the harness's only dependency on the JIT, and it is optional: while the JIT does
    not exist or compiles nothing, the jit tier is simply the interpreter and its warm-up is
    reported as n/a. Any other JIT attribute (e.g. a `warmup_seconds()` method) is deliberately
    ignored: the harness measures the warm-up itself, from the start of the program, so every
    JIT version is measured the same way.
    """
    value = getattr(getattr(vm, "jit", None), "first_native_entry_time", None)
    return value if isinstance(value, float) else None


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


class EvaSession:
    """One VM running one Eva program again and again.

    The program is compiled once and its code object re-run, so whatever the JIT attaches to
    code objects survives from one run to the next: that is what makes the later runs the
    steady state.
    """

    def __init__(self, program: Program, size: int, jit: bool, translate: bool = True):
        self.started = time.perf_counter()
        self.output = io.StringIO()
        self.vm = eva.VM(jit=jit, translate=translate, jit_cache=False, stdout=self.output)
        try:
            self.code = self.vm.compile(program.eva_source(size), str(program.path(".eva")))
        except eva.EvaError as error:
            raise RunFailure(describe(error)) from None

    def run(self) -> tuple[str, float]:
        """(printed text, seconds) of one run."""
        start = time.perf_counter()
        try:
            self.vm.run_code(self.code)
        except Exception as error:  # an Eva error or a VM bug: either way this tier failed
            raise RunFailure(describe(error)) from None
        elapsed = time.perf_counter() - start
        text = self.output.getvalue()
        self.output.seek(0)
        self.output.truncate()
        return text, elapsed

    def jit_warmup(self) -> float | None:
        """Seconds from the start of the program until compiled code first ran, if known."""
        entry = first_native_entry_time(self.vm)
        return entry - self.started if entry is not None else None


class PythonSession:
    """NAME.py run by this CPython, in this process, the way `python NAME.py SIZE` would run.

    It does what `runpy.run_path` does (a fresh `__main__` namespace, sys.argv set, here also
    stdout captured) except that the file is compiled once, as EvaSession does, so the steady
    state of both measures execution alone.
    """

    def __init__(self, program: Program, size: int):
        self.path = program.path(".py")
        self.argv = [str(self.path), str(size)]
        self.code = compile(self.path.read_text(encoding="utf-8"), str(self.path), "exec")

    def run(self) -> tuple[str, float]:
        output = io.StringIO()
        namespace = {"__name__": "__main__", "__file__": str(self.path), "__builtins__": builtins}
        saved_argv, sys.argv = sys.argv, self.argv
        try:
            with contextlib.redirect_stdout(output):
                start = time.perf_counter()
                exec(self.code, namespace)
                elapsed = time.perf_counter() - start
        except Exception as error:  # the program's own exception is this tier's failure
            raise RunFailure(describe(error)) from None
        finally:
            sys.argv = saved_argv
        return output.getvalue(), elapsed

    def jit_warmup(self) -> None:
        return None


def exit_failure(command: list[str], status: int, stderr: str) -> RunFailure:
    """The failure of a process that exited with a non-zero status or was killed by a signal
    (a crash in native code), with the last line it wrote to stderr."""
    shown = " ".join(Path(word).name if os.sep in word else word for word in command)
    how = (f"was killed by {signal.Signals(-status).name}" if status < 0
           else f"exited with status {status}")
    last_line = (stderr.strip().splitlines() or ["(no error output)"])[-1]
    return RunFailure(f"'{shown}' {how}: {last_line}")


def run_process(command: list[str]) -> tuple[str, float]:
    """(stdout, wall-clock seconds) of a whole process; a non-zero exit is a failure."""
    start = time.perf_counter()
    completed = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise exit_failure(command, completed.returncode, completed.stderr)
    return completed.stdout, elapsed


C_FLAGS = ["-O2", "-ffp-contract=off"]
"""-ffp-contract=off: fused multiply-adds would change the float checksums of mandelbrot and
nbody on targets that have them (eva/bench/suite/README.md)."""


def c_compiler() -> str | None:
    return shutil.which(os.environ.get("CC", "cc"))


class Workspace:
    """A run's temporary directory: Eva programs rewritten to a size and compiled C programs,
    each made once per run however many times it is used."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.eva_files: dict[tuple[str, int], Path] = {}
        self.binaries: dict[str, Path] = {}

    def eva_file(self, program: Program, size: int) -> Path:
        key = (program.name, size)
        if key not in self.eva_files:
            path = self.directory / f"{program.name}-{size}.eva"
            path.write_text(program.eva_source(size), encoding="utf-8")
            self.eva_files[key] = path
        return self.eva_files[key]

    def c_binary(self, program: Program) -> Path:
        if program.name not in self.binaries:
            binary = self.directory / program.name
            command = [c_compiler(), *C_FLAGS, str(program.path(".c")), "-o", str(binary), "-lm"]
            completed = subprocess.run(command, capture_output=True, text=True)
            if completed.returncode != 0:
                raise RunFailure(f"cannot compile {program.name}.c: {completed.stderr.strip()}")
            self.binaries[program.name] = binary
        return self.binaries[program.name]


class Tier:
    """A way of running the benchmarks. Subclasses say how; by default a tier is available
    everywhere, runs every program and has no in-process mode."""

    name = ""
    about = ""
    in_process = False  # whether `session` can run the program inside a Python process
    process_warmup = False  # whether one whole-process run, not timed, comes first
    version = "NAME.eva"  # the file of each benchmark this tier runs

    def unavailable(self) -> str | None:
        """Why this tier cannot run on this machine, or None."""
        return None

    def has_version(self, program: Program) -> bool:
        """Whether this benchmark exists in this tier's language (e.g. not every one in C)."""
        return True

    def session(self, program: Program, size: int) -> EvaSession | PythonSession:
        """An in-process runner, for tiers that have a steady state to measure."""
        raise NotImplementedError

    def command(self, program: Program, size: int, workspace: Workspace) -> list[str]:
        raise NotImplementedError


class EvaTier(Tier):
    """eva with the JIT off or on, without the code cache: every process compiles afresh."""

    in_process = True

    def __init__(self, name: str, jit: bool, about: str, translate: bool = True):
        self.name, self.jit, self.about, self.translate = name, jit, about, translate

    def session(self, program: Program, size: int) -> EvaSession:
        return EvaSession(program, size, self.jit, self.translate)

    def command(self, program: Program, size: int, workspace: Workspace) -> list[str]:
        flags = ["--jit" if self.jit else "--no-jit"] + ([] if self.translate else ["--no-translate"])
        return [sys.executable, "-m", "eva", "run", *flags, *self.cache_options(workspace),
                str(workspace.eva_file(program, size))]

    def cache_options(self, workspace: Workspace) -> list[str]:
        return ["--no-jit-cache"]


class CachedJitTier(EvaTier):
    """eva with the JIT and a code cache that a first, untimed process filled: what running a
    program again costs. Whole processes only (in one process the cache changes nothing after
    the warm-up run). The cache is the run's own, in its workspace."""

    in_process = False
    process_warmup = True

    def __init__(self):
        super().__init__("jit-cached", True, "the jit tier loading its code from the code cache "
                                             "(eva run --jit-cache-dir), processes only")

    def cache_options(self, workspace: Workspace) -> list[str]:
        return ["--jit-cache-dir", str(workspace.directory / "jit-cache")]


class CPythonTier(Tier):
    name = "cpython"
    version = "NAME.py"
    in_process = True
    about = "NAME.py run by the Python that runs eva (the reference checksum)"

    def session(self, program: Program, size: int) -> PythonSession:
        return PythonSession(program, size)

    def command(self, program: Program, size: int, workspace: Workspace) -> list[str]:
        return [sys.executable, str(program.path(".py")), str(size)]


class PeerTier(Tier):
    """Another implementation running its own version of the program, NAME + suffix."""

    def __init__(self, name: str, executable: str, suffix: str):
        self.name, self.executable, self.suffix = name, executable, suffix
        self.version = "NAME" + suffix
        self.about = f"NAME{suffix} run by {executable}, if installed"

    def unavailable(self) -> str | None:
        return None if shutil.which(self.executable) else f"{self.executable} is not installed"

    def has_version(self, program: Program) -> bool:
        return program.path(self.suffix).is_file()

    def command(self, program: Program, size: int, workspace: Workspace) -> list[str]:
        return [shutil.which(self.executable), str(program.path(self.suffix)), str(size)]


class CTier(PeerTier):
    """NAME.c compiled once per run with the system C compiler ($CC, default cc)."""

    def __init__(self):
        super().__init__("c", "cc", ".c")
        self.about = f"NAME.c compiled with $CC (default cc) {' '.join(C_FLAGS)}, if installed"

    def unavailable(self) -> str | None:
        return None if c_compiler() else "no C compiler ($CC or cc) is installed"

    def command(self, program: Program, size: int, workspace: Workspace) -> list[str]:
        return [str(workspace.c_binary(program)), str(size)]


TIERS: dict[str, Tier] = {tier.name: tier for tier in [
    EvaTier("bytecode", jit=False, translate=False,
            about="the interpreter's dispatch loop alone (eva run --no-jit --no-translate)"),
    EvaTier("interp", jit=False, about="the interpreter, translating warm functions to Python "
                                       "(eva run --no-jit)"),
    EvaTier("jit", jit=True, about="interpreter plus JIT (eva run --jit --no-jit-cache)"),
    CachedJitTier(),
    CPythonTier(),
    PeerTier("pypy", "pypy3", ".py"),
    CTier(),
    PeerTier("luajit", "luajit", ".lua"),
    PeerTier("node", "node", ".js"),
]}
"""Every tier, in the order of the table."""
