"""Every tuning and debug switch of the VM, with its default, in one place.

Each option can come from a command-line flag (see cli.py), a keyword of `eva.run` / `eva.VM`,
or an environment variable (`EVA_<NAME>` in upper case, e.g. `EVA_JIT=0`,
`EVA_JIT_THRESHOLD=500`). Flags and keywords win over the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

DEFAULT_MAX_DEPTH = 20_000
"""Eva call depth before `stack overflow` (SPEC.md section 7). Frames are explicit objects, not
host recursion, so the limit is about runaway programs, not the host stack."""


@dataclass
class Options:
    jit: bool = True                 # the llvmlite tier on or off
    jit_threshold: int = 1000        # calls before a function is compiled (see eva/jit/tierup.py)
    jit_loop_threshold: int = 2000   # back-edges before a running loop is compiled (OSR)
    jit_always: bool = False         # compile every function at its first call
    deopt_every: int = 0             # force every N-th guard to fail (0 = never)
    trace_jit: bool = False          # one stderr line per compilation
    trace_deopt: bool = False        # one stderr line per deoptimization
    jit_stats: bool = False          # JIT summary on stderr at exit
    gc_stats: bool = False           # GC summary on stderr at exit
    gc_stress: bool = False          # collect at every allocation
    gc_check: bool = False           # poison swept objects so any later use fails loudly
    max_depth: int = DEFAULT_MAX_DEPTH
    jit_strict: bool = False         # a bug in the JIT raises instead of falling back (tests)
    jit_cache: bool = True           # keep compiled code on disk and load it next time
    jit_cache_dir: str = ""          # where (default $XDG_CACHE_HOME/eva/jit, ~/.cache/eva/jit)

    @classmethod
    def from_env(cls, environ=None, **overrides) -> "Options":
        """Defaults, then `EVA_*` environment variables, then explicit overrides."""
        environ = os.environ if environ is None else environ
        options = cls()
        for f in fields(cls):
            raw = environ.get("EVA_" + f.name.upper())
            if raw is not None and raw != "":
                setattr(options, f.name, _parse(f.type, raw, f.name))
        for name, value in overrides.items():
            if value is not None:
                if not hasattr(options, name):
                    raise TypeError(f"unknown option {name!r}")
                setattr(options, name, value)
        return options


def _parse(kind: str, raw: str, name: str):
    if kind in ("str", str):
        return raw
    if kind in ("bool", bool):
        return raw.strip().lower() not in ("0", "false", "no", "off")
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"EVA_{name.upper()} must be an integer, got {raw!r}") from None
