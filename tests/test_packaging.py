"""The distribution pip builds: its name (not "eva", an unrelated project on the package
index), its version (eva.__version__), the `eva` command, the license and the classifiers.

The wheel is built by pip, as a user's `pip install .` builds it, from a copy of the files the
build reads (so the checkout gets no build/ or egg-info directories).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from eva import __version__

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "eva-jit-vm"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "eva", source / "eva", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                    str(out), str(source)], check=True, capture_output=True, timeout=300)
    [path] = out.glob("*.whl")
    return zipfile.ZipFile(path)


def dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    return wheel.read(f"eva_jit_vm-{__version__}.dist-info/{name}").decode()


def test_the_wheel_is_named_for_the_distribution_and_carries_its_version(wheel):
    metadata = Parser().parsestr(dist_info(wheel, "METADATA"))
    assert (metadata["Name"], metadata["Version"]) == (DISTRIBUTION, __version__)
    assert Path(wheel.filename).name.startswith(f"eva_jit_vm-{__version__}-")


def test_the_wheel_carries_the_license_and_classifiers(wheel):
    metadata = Parser().parsestr(dist_info(wheel, "METADATA"))
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert dist_info(wheel, "licenses/LICENSE") == (ROOT / "LICENSE").read_text()
    assert dist_info(wheel, "licenses/LICENSE").startswith("MIT License\n")
    classifiers = metadata.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Topic :: Software Development :: Interpreters" in classifiers


def test_the_wheel_installs_the_eva_command_and_package(wheel):
    assert "[console_scripts]\neva = eva.cli:entry\n" in dist_info(wheel, "entry_points.txt")
    assert {"eva/__init__.py", "eva/cli.py", "eva/jit/tierup.py"} <= set(wheel.namelist())


def test_the_wheel_carries_the_benchmark_suite(wheel):
    """`eva bench` runs the programs shipped in the package: all of them, the README too."""
    suite = ROOT / "eva" / "bench" / "suite"
    shipped = {name for name in wheel.namelist() if name.startswith("eva/bench/suite/")}
    assert shipped == {f"eva/bench/suite/{path.name}" for path in suite.iterdir()
                       if path.is_file()}
    assert {"eva/bench/suite/fib.eva", "eva/bench/suite/fib.py", "eva/bench/suite/fib.c",
            "eva/bench/suite/README.md"} <= shipped


def test_eva_bench_runs_from_the_installed_files(wheel, tmp_path):
    """The wheel unpacked as pip installs it, run from another directory: the default suite is
    found inside the installed package, not in a checkout."""
    site = tmp_path / "site-packages"
    wheel.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    completed = subprocess.run(
        [sys.executable, "-m", "eva", "bench", "fib", "--quick", "--runs", "1",
         "--tiers", "cpython"], cwd=elsewhere, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(site)})
    assert completed.returncode == 0, completed.stderr
    assert "fib" in completed.stdout and "FAILED" not in completed.stdout
    program = subprocess.run(
        [sys.executable, "-c", "from eva.bench.programs import DEFAULT_DIRECTORY as d; print(d)"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(site)}).stdout.strip()
    assert Path(program) == site / "eva" / "bench" / "suite"
