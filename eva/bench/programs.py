"""The benchmark programs: NAME.eva and its twins in a directory (eva/bench/suite by default).

The size conventions (eva/bench/suite/README.md) are what make one program runnable at any
size: the Eva version has exactly one `(var SIZE N)` line, which is rewritten here, and a
`// quick: Q` header; every other version takes the size as its first command-line argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "suite"
"""The suite, shipped in the package as data so that `eva bench` works from an installed eva;
benchmarks/programs in the repository is a link to it."""

SIZE_LINE = re.compile(r"^\(var SIZE (\d+)\)[ \t]*$", re.MULTILINE)
QUICK_HEADER = re.compile(r"^// quick: (\d+)[ \t]*$", re.MULTILINE)


class BenchError(Exception):
    """A problem with the harness's input (programs, options, saved files): exit status 2."""


@dataclass(frozen=True)
class Program:
    """One benchmark: the Eva program and its twins, which share the directory and the name."""

    name: str
    directory: Path
    source: str          # the text of NAME.eva
    default_size: int
    quick_size: int

    def path(self, suffix: str) -> Path:
        """The version of this benchmark in another language, e.g. path(".py")."""
        return self.directory / (self.name + suffix)

    def eva_source(self, size: int) -> str:
        """NAME.eva with its size line rewritten to `size`."""
        return SIZE_LINE.sub(f"(var SIZE {size})", self.source, count=1)


def load_program(eva_path: Path) -> Program:
    """Read NAME.eva and check the conventions the harness relies on."""
    source = eva_path.read_text(encoding="utf-8")
    sizes = SIZE_LINE.findall(source)
    if len(sizes) != 1:
        raise BenchError(f"{eva_path}: needs exactly one '(var SIZE N)' line, found {len(sizes)}")
    quick = QUICK_HEADER.search(source)
    if quick is None:
        raise BenchError(f"{eva_path}: needs a '// quick: Q' header line")
    program = Program(eva_path.stem, eva_path.parent, source, int(sizes[0]), int(quick.group(1)))
    if not program.path(".py").is_file():
        raise BenchError(f"{eva_path}: has no {program.name}.py twin, whose output is the "
                         "reference checksum")
    return program


def discover(directory: Path) -> dict[str, Program]:
    """Every benchmark in `directory`, by name, in alphabetical order."""
    if not directory.is_dir():
        raise BenchError(f"no benchmark directory {directory}")
    programs = {path.stem: load_program(path) for path in sorted(directory.glob("*.eva"))}
    if not programs:
        raise BenchError(f"no NAME.eva benchmark programs in {directory}")
    return programs


def select(programs: dict[str, Program], names: list[str]) -> list[Program]:
    """The named benchmarks in the order given, or all of them when no name is given."""
    unknown = [name for name in names if name not in programs]
    if unknown:
        raise BenchError(f"unknown benchmark {', '.join(unknown)} "
                         f"(choose from {', '.join(programs)})")
    return [programs[name] for name in names] if names else list(programs.values())
