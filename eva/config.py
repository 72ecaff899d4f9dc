"""Every tuning and debug switch of the VM, with its default, in one place.

Each option can come from a command-line flag (see cli.py), a keyword of `eva.run` / `eva.VM`,
or an environment variable (`EVA_<NAME>` in upper case, e.g. `EVA_JIT=0`,
`EVA_JIT_THRESHOLD=500`). Flags and keywords win over the environment. One switch belongs to
the process, not to a VM, and only comes from the environment: `EVA_JIT_LLVM_BINDING`
(llvm_binding_forced).
"""

from __future__ import annotations

import os

DEFAULT_MAX_DEPTH = 20_000
"""Eva call depth before `stack overflow` (SPEC.md section 7). Frames are explicit objects, not
host recursion, so the limit is about runaway programs, not the host stack."""


class Options:
    """The options of one VM: the class attributes below are the defaults, their annotations
    the types `from_env` parses. (A plain class, not a dataclass: see errors.Position.)"""

    translate: bool = True           # translate warm functions to Python (eva/interp/direct.py)
    translate_threshold: int = 2     # calls before a function is translated: translating costs
                                     # about 50-100 interpreted calls (docs/translation.md)
    translate_loop_threshold: int = 100  # back-edges before a running loop goes on in its
                                     # function's translation (on-stack replacement)
    jit: bool = True                 # the llvmlite tier on or off
    jit_threshold: int = 1000        # calls before a function is compiled (see eva/jit/tierup.py)
    jit_loop_threshold: int = 2000   # back-edges before a running loop is compiled (OSR)
    jit_always: bool = False         # compile every function at its first call
    deopt_every: int = 0             # force every N-th guard to fail (0 = never)
    fail_guard: int | None = None    # force the guard of this deopt point id to fail, always
                                     # (ids: --trace-deopt, --jit-stats; for guard_sweep.py)
    trace_jit: bool = False          # one stderr line per compilation
    trace_deopt: bool = False        # one stderr line per deoptimization
    jit_stats: bool = False          # JIT summary on stderr at exit
    jit_log: str = ""                # write every JIT event to this file as JSON lines
                                     # (eva/jit/log.py; the schema: docs/jit.md)
    profile: bool = False            # the tier profiler's table on stderr at exit (profiler.py)
    profile_out: str = ""            # and its samples in this file (speedscope's JSON if it
                                     # ends in .json, else collapsed stacks)
    profile_interval: int = 1000     # microseconds of CPU time between samples
    gc_stats: bool = False           # GC summary on stderr at exit
    gc_stress: bool = False          # collect at every allocation
    gc_check: bool = False           # poison swept objects so any later use fails loudly
    max_depth: int = DEFAULT_MAX_DEPTH
    jit_strict: bool = False         # a bug in the JIT raises instead of falling back (tests)
    jit_keep_ir: bool = False        # keep the IR of released units (invalidated, or their
                                     # program ended) for VM.jit_ir and `eva ir`, which sets it
    jit_cache: bool = True           # keep compiled code on disk and load it next time
    jit_cache_dir: str = ""          # where (default $XDG_CACHE_HOME/eva/jit, ~/.cache/eva/jit)

    def __init__(self, **values):
        for name in self.__annotations__:
            setattr(self, name, getattr(Options, name))
        self.set(values)

    def set(self, values: dict) -> None:
        for name, value in values.items():
            if name not in self.__annotations__:
                raise TypeError(f"unknown option {name!r}")
            setattr(self, name, value)

    def replace(self, **changes) -> "Options":
        """A copy with `changes`."""
        copy = Options(**vars(self))
        copy.set(changes)
        return copy

    def __repr__(self) -> str:
        return f"Options({', '.join(f'{name}={value!r}' for name, value in vars(self).items())})"

    @classmethod
    def from_env(cls, environ=None, **overrides) -> "Options":
        """Defaults, then `EVA_*` environment variables, then explicit overrides."""
        environ = os.environ if environ is None else environ
        options = cls()
        for name, kind in cls.__annotations__.items():
            raw = environ.get("EVA_" + name.upper())
            if raw is not None and raw != "":
                setattr(options, name, _parse(kind, raw, name))
        options.set({name: value for name, value in overrides.items() if value is not None})
        return options


def llvm_binding_forced(environ=None) -> bool:
    """EVA_JIT_LLVM_BINDING=1: the JIT drives LLVM through llvmlite.binding, llvmlite's public
    API (25-40 ms more to load), even with an llvmlite whose C functions eva/jit/llvm.py's own
    ctypes binding was checked against; for the tests of that fallback, and to rule the ctypes
    binding out when LLVM misbehaves. Not an Options field: a process loads LLVM once, through
    one binding, for all its VMs and the code cache's writer thread, so llvm.py reads this from
    the environment when it loads LLVM."""
    raw = (os.environ if environ is None else environ).get("EVA_JIT_LLVM_BINDING", "")
    return raw != "" and _parse("bool", raw, "jit_llvm_binding")


def _parse(kind: str, raw: str, name: str):
    if kind in ("str", str):
        return raw
    if kind in ("bool", bool):
        return raw.strip().lower() not in ("0", "false", "no", "off")
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"EVA_{name.upper()} must be an integer, got {raw!r}") from None
