"""The steady-state runs of one benchmark in one tier, in a child process of `eva bench`.

The runs are in-process (one VM, or one CPython, running the program again and again, the first
run being the warm-up), but that process is not the harness's own: the JIT runs native code,
and a crash there (a segfault) would otherwise kill the whole benchmark run and lose every
result so far; here it is one failed cell. A fresh process per cell also keeps the cells
independent (no JIT state, heap or garbage carried from one benchmark into the next).

Protocol: `python -m eva.bench.worker TIER NAME.eva SIZE RUNS` makes RUNS runs and writes one
JSON line per run as soon as it ends, `{"output": ..., "seconds": ..., "jit_warmup": ...}`,
or `{"failure": ...}` and exits with status 1. The parent checks the outputs itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from eva.bench.programs import Program, load_program
from eva.bench.tiers import TIERS, RunFailure, Tier, exit_failure


class Worker:
    """The parent's side: a session whose `run` reads the next run from the child."""

    def __init__(self, tier: Tier, program: Program, size: int, runs: int):
        self.stderr = tempfile.TemporaryFile(mode="w+")  # not a pipe: it could fill and block
        self.command = [sys.executable, "-m", "eva.bench.worker", tier.name,
                        str(program.path(".eva")), str(size), str(runs)]
        self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        self.last_jit_warmup: float | None = None

    def run(self) -> tuple[str, float]:
        line = self.process.stdout.readline()
        if not line:
            self.stderr.seek(0)
            raise exit_failure(self.command, self.process.wait(), self.stderr.read())
        message = json.loads(line)
        if "failure" in message:
            raise RunFailure(message["failure"])
        self.last_jit_warmup = message["jit_warmup"]
        return message["output"], message["seconds"]

    def jit_warmup(self) -> float | None:
        return self.last_jit_warmup

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc_info) -> None:
        """Stop the child even when the parent gave up on it early (a wrong checksum)."""
        self.process.kill()
        self.process.wait()
        self.process.stdout.close()
        self.stderr.close()


def main(argv: list[str]) -> int:
    """The child's side. Stray prints (a debugging JIT, say) go to stderr, so that stdout
    carries nothing but the protocol."""
    tier, eva_path, size, runs = argv
    protocol, sys.stdout = sys.stdout, sys.stderr

    def emit(message: dict) -> None:
        print(json.dumps(message), file=protocol, flush=True)

    try:
        session = TIERS[tier].session(load_program(Path(eva_path)), int(size))
        for _ in range(int(runs)):
            output, seconds = session.run()
            emit({"output": output, "seconds": seconds, "jit_warmup": session.jit_warmup()})
    except RunFailure as failure:
        emit({"failure": str(failure)})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
