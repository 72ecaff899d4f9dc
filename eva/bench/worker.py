"""The steady-state runs of one benchmark in one tier, in a child process of `eva bench`.

The runs are in-process (one VM, or one CPython, running the program again and again, the first
run being the warm-up), but that process is not the harness's own: the JIT runs native code,
and a crash there (a segfault) would otherwise kill the whole benchmark run and lose every
result so far; here it is one failed cell. A fresh process per cell also keeps the cells
independent (no JIT state, heap or garbage carried from one benchmark into the next).

Protocol: `python -m eva.bench.worker TIER NAME.eva SIZE` makes one run for each line it reads
on stdin, and writes one JSON line when the run ends, `{"output": ..., "seconds": ...,
"jit_warmup": ...}`, or `{"failure": ...}` and exits with status 1; it exits with status 0 when
stdin closes. Runs on request, not back to back, because the parent interleaves the tiers
(runner.py): a worker must stay idle while another tier is being timed. The parent checks the
outputs itself.
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
    """The parent's side: a session whose `run` has the child make one run and reads its result."""

    def __init__(self, tier: Tier, program: Program, size: int):
        self.stderr = tempfile.TemporaryFile(mode="w+")  # not a pipe: it could fill and block
        self.command = [sys.executable, "-m", "eva.bench.worker", tier.name,
                        str(program.path(".eva")), str(size)]
        self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        self.last_jit_warmup: float | None = None

    def run(self) -> tuple[str, float]:
        try:
            self.process.stdin.write("run\n")
            self.process.stdin.flush()
        except BrokenPipeError:  # the child is gone; its exit status says why, below
            pass
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
        for stream in (self.process.stdin, self.process.stdout, self.stderr):
            try:
                stream.close()
            except BrokenPipeError:  # stdin's buffer cannot be flushed to a dead child
                pass


def main(argv: list[str]) -> int:
    """The child's side. Stray prints (a debugging JIT, say) go to stderr, so that stdout
    carries nothing but the protocol."""
    tier, eva_path, size = argv
    requests, protocol, sys.stdout = sys.stdin, sys.stdout, sys.stderr

    def emit(message: dict) -> None:
        print(json.dumps(message), file=protocol, flush=True)

    try:
        session = TIERS[tier].session(load_program(Path(eva_path)), int(size))
        for _ in requests:
            output, seconds = session.run()
            emit({"output": output, "seconds": seconds, "jit_warmup": session.jit_warmup()})
    except RunFailure as failure:
        emit({"failure": str(failure)})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
