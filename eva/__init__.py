"""eva: a bytecode VM for the Eva language, with an llvmlite JIT tier.

    import eva
    eva.run('(+ 1 2)')                     # -> 3
    vm = eva.VM(jit=False)                 # keeps globals between runs (the REPL uses this)
    vm.run('(var x 41)'); vm.run('(+ x 1)')  # -> 42

See README.md for the whole API.
"""

__version__ = "0.1.0"
"""The version `eva --version` prints and the distribution's (pyproject.toml reads it here)."""

from eva.config import Options
from eva.errors import EvaError, EvaInternalError, EvaRuntimeError, EvaSyntaxError
from eva.objects import display
from eva.vm import VM

__all__ = ["__version__", "VM", "Options", "run", "display", "EvaError", "EvaSyntaxError", "EvaRuntimeError",
           "EvaInternalError"]


def run(source: str, file: str = "<input>", stdout=None, **options):
    """Run Eva source text in a fresh VM and return the value of its last expression."""
    return VM(stdout=stdout, **options).run(source, file)
