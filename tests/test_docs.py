"""The examples of the README and docs/*.md are today's eva's output, like doctest.

Convention: a fenced block marked `console` is an example. Each line starting with `$ ` is a
command, run by bash from the repository's root with `eva` meaning this checkout's eva; the
lines after it, up to the next command, are what it prints, stdout and stderr together in the
order a terminal shows them. In the expected text, `...` stands for any text within a line, and
a line of its own `...` for any number of lines: for timings and other things that differ from
run to run. The commands run with eva's defaults (no EVA_* variables) and an empty code cache.

Other fenced blocks (`sh`, `lisp`, `python`, plain) are not run: they show commands to type or
programs, not output.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def examples(path: Path) -> list[tuple[int, str, str]]:
    """(line, command, expected output) of every example in a document."""
    text = path.read_text(encoding="utf-8")
    found = []
    for block in BLOCK.finditer(text):
        first_line = text.count("\n", 0, block.start()) + 2
        lines = block.group(1).splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        assert starts and starts[0] == 0, f"{path.name}:{first_line}: a console block " \
                                          "starts with a '$ ' command"
        for start, end in zip(starts, starts[1:] + [len(lines)]):
            found.append((first_line + start, lines[start][2:], "\n".join(lines[start + 1:end])))
    return found


def pattern(expected: str) -> re.Pattern:
    """The regular expression of an expected output with its `...` wildcards."""
    parts = []
    for line in expected.splitlines():
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(piece) for piece in line.split("...")) + r"\n")
    return re.compile("".join(parts))


def normalize(output: str) -> str:
    """Trailing spaces dropped, one final newline."""
    return "".join(line.rstrip() + "\n" for line in output.splitlines())


ALL = [(path, *example) for path in DOCUMENTS for example in examples(path)]


@pytest.fixture(scope="module")
def shell_env(tmp_path_factory) -> dict:
    """`eva` on PATH as this checkout's eva; eva's defaults; a fresh code cache."""
    bin_dir = tmp_path_factory.mktemp("bin")
    shim = bin_dir / "eva"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m eva "$@"\n')
    shim.chmod(0o755)
    env = {name: value for name, value in os.environ.items() if not name.startswith("EVA_")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
               PYTHONUNBUFFERED="1",  # stdout and stderr interleaved as on a terminal
               XDG_CACHE_HOME=str(tmp_path_factory.mktemp("cache")))
    return env


def test_the_readme_and_the_references_have_examples():
    documents = {path.name for path, *_ in ALL}
    assert {"README.md", "language.md", "cli.md"} <= documents


@pytest.mark.parametrize("path, line, command, expected", ALL,
                         ids=[f"{path.name}:{line}" for path, line, *_ in ALL])
def test_example(shell_env, path, line, command, expected):
    completed = subprocess.run(["bash", "-c", command], cwd=ROOT, env=shell_env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, timeout=120)
    output = normalize(completed.stdout)
    if not pattern(normalize(expected)).fullmatch(output):
        pytest.fail(f"{path.name}:{line}: $ {command}\n--- shown\n{expected}\n--- printed now\n"
                    f"{output}", pytrace=False)


@pytest.mark.parametrize("expected, output, matches", [
    ("a ... b", "a 12.5 ms b\n", True),
    ("x\n...\ny", "x\n1\n2\ny\n", True),
    ("x\n...\ny", "x\ny\n", True),
    ("x\ny", "x\nz\ny\n", False),
    ("1.0", "110\n", False),  # a '.' is a dot, not any character
])
def test_wildcards(expected, output, matches):
    assert bool(pattern(normalize(expected)).fullmatch(output)) == matches


def test_documents_point_only_to_files_of_the_repository():
    """Every relative link of the README and docs leads to a file here; nothing outside it."""
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text, f"{path.name} points outside the repository"
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if "://" not in target:
                assert (path.parent / target).exists(), f"{path.name}: no file {target}"
