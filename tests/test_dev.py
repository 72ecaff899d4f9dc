"""`./dev` rebuilds a `.venv` that an earlier, failed set-up left broken.

The script runs for real, in a copy of its own in a temporary project, with PYTHON set to a
stand-in Python: `-m venv DIR` makes a stand-in venv whose `bin/python` runs `-c` code with the
real Python (so the script's checks are real) and logs its `-m` commands (pip, compileall)
instead of installing anything. The broken venvs are made as a failed set-up leaves them: no
`bin/python`, a Python too old, a venv without pip (made for real with `--without-pip`).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_PYTHON = sys.executable

STAND_IN_PYTHON = """#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && cp "$0-venv" "$3/bin/python" && echo "venv $3" >> "$DEV_LOG"
  exit $?
fi
exec {real} "$@"
"""
STAND_IN_VENV_PYTHON = """#!/bin/sh
if [ "$1" = "-m" ]; then echo "$*" >> "$DEV_LOG"; exit 0; fi
exec {real} "$@"
"""
OLD_PYTHON = """#!/bin/sh
exec {real} -c 'import sys; sys.version_info = (3, 8, 0, "final", 0); exec(sys.argv[1])' "$2"
"""
"""A Python 3.8, as far as the checks can tell: it runs `-c CODE` seeing version 3.8."""


def executable(path: Path, text: str) -> Path:
    path.write_text(text.format(real=REAL_PYTHON))
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "dev", tmp_path / "dev")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'stand-in'\n")
    tools = tmp_path / "tools"
    tools.mkdir()
    python = executable(tools / "python", STAND_IN_PYTHON)
    executable(tools / "python-venv", STAND_IN_VENV_PYTHON)
    return tmp_path, python


def dev_setup(root: Path, python: Path) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = root / "dev.log"
    log.write_text("")
    env = {**os.environ, "PYTHON": str(python), "DEV_LOG": str(log)}
    result = subprocess.run(["bash", str(root / "dev"), "setup"], capture_output=True,
                            text=True, env=env, timeout=120)
    return result, log.read_text().splitlines()


def test_a_new_venv_is_made_and_a_healthy_one_kept(project):
    root, python = project
    result, log = dev_setup(root, python)
    assert (result.returncode, result.stderr) == (0, "")
    assert log[0] == "venv .venv" and any("pip install" in line for line in log)
    assert (root / ".venv" / ".installed").exists()
    result, log = dev_setup(root, python)
    assert (result.returncode, result.stderr) == (0, "")
    assert log == ["-m compileall -q eva"]  # nothing made or installed again


def break_by_removing_python(venv: Path) -> None:
    (venv / "bin" / "python").unlink()


def break_with_an_old_python(venv: Path) -> None:
    executable(venv / "bin" / "python", OLD_PYTHON)


def break_without_pip(venv: Path) -> None:
    shutil.rmtree(venv)
    subprocess.run([REAL_PYTHON, "-m", "venv", "--without-pip", str(venv)], check=True)


@pytest.mark.parametrize("damage, problem", [
    (break_by_removing_python, "it has no runnable bin/python"),
    (break_with_an_old_python, "it is Python 3.8; eva needs 3.11 or newer"),
    (break_without_pip, "its pip does not import (No module named 'pip')"),
])
def test_a_broken_venv_is_detected_and_rebuilt(project, damage, problem):
    root, python = project
    assert dev_setup(root, python)[0].returncode == 0
    damage(root / ".venv")
    result, log = dev_setup(root, python)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"dev: .venv is broken: {problem}; rebuilding it\n"
    assert log[0] == "venv .venv" and any("pip install" in line for line in log)
    result, log = dev_setup(root, python)
    assert (result.returncode, result.stderr, log) == (0, "", ["-m compileall -q eva"])


def test_a_python_too_old_is_refused_before_making_a_venv(project):
    root, _ = project
    old = executable(root / "tools" / "python3.8", OLD_PYTHON)
    result, log = dev_setup(root, old)
    assert result.returncode == 1 and log == []
    assert result.stderr == (f"error: {old}: it is Python 3.8; eva needs 3.11 or newer; set "
                             "PYTHON to another Python (PYTHON=python3.12 ./dev ...)\n")
    assert not (root / ".venv").exists()
