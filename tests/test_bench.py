"""The benchmark harness (`eva bench`, eva/bench/) on tiny programs in a temporary directory."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from eva.bench import tiers
from eva.bench.command import command_bench
from eva.bench.compare import compare, render_comparison
from eva.bench.programs import DEFAULT_DIRECTORY, discover
from eva.bench.results import MODES, Result, RunRecord, load, save
from eva.bench.worker import Worker

TINY_EVA = """// tiny: twice the size
// quick: 2
(var SIZE 3)
(print (* SIZE 2))
"""
TWICE_PY = "import sys\nprint(int(sys.argv[1]) * 2)\n"
OFF_BY_ONE_PY = "import sys\nprint(int(sys.argv[1]) * 2 + 1)\n"
FAILING_EVA = TINY_EVA.replace("(print (* SIZE 2))", "(print (* SIZE undefined_name))")
HOT_EVA = """// tiny: a function hot enough to compile
// quick: 2
(var SIZE 3)
(def f (n) (* n 2))
(var r 0)
(for (var i 0) (< i 2000) (++ i) (set r (f SIZE)))
(print r)
"""
HOT_PY = TWICE_PY
ENDLESS_EVA = TINY_EVA.replace("(print (* SIZE 2))", "(while true (set SIZE (+ SIZE 1)))")


def programs_dir(tmp_path: Path, eva_text: str = TINY_EVA, python_text: str = TWICE_PY) -> Path:
    directory = tmp_path / "programs"
    directory.mkdir()
    (directory / "tiny.eva").write_text(eva_text)
    (directory / "tiny.py").write_text(python_text)
    return directory


def bench(capsys, directory: Path, *options: str) -> tuple[int, str, str]:
    status = command_bench(["--programs", str(directory), "--runs", "1", *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def rows(out: str, *first: str) -> list[list[str]]:
    """The words of every table line that starts with the words `first`."""
    lines = [line.split() for line in out.splitlines()]
    return [words for words in lines if words[:len(first)] == list(first)]


def record_with(program: str, tier: str, size: int, steady: list[float]) -> RunRecord:
    return RunRecord([Result(program, tier, size, steady=steady, process=[])])


def test_right_checksums_give_times(tmp_path, capsys):
    status, out, err = bench(capsys, programs_dir(tmp_path), "--tiers", "interp,jit,cpython")
    assert status == 0, out + err
    assert "FAILED" not in out
    for tier in ("interp", "jit", "cpython"):
        [row] = rows(out, "tiny", "3", tier)
        assert len(row) >= 11, row  # times, spreads and speed-ups of both modes
    assert "tiny interp steady 1/1" in err, "no progress on stderr"


@pytest.mark.parametrize("eva_text, python_text, message", [
    (TINY_EVA, OFF_BY_ONE_PY, "FAILED: wrong checksum: printed '6', expected '7'"),
    (FAILING_EVA, TWICE_PY, "FAILED: EvaRuntimeError"),
])
def test_wrong_answer_is_a_failure_not_a_time(tmp_path, capsys, eva_text, python_text, message):
    saved = tmp_path / "results.json"
    status, out, _ = bench(capsys, programs_dir(tmp_path, eva_text, python_text),
                           "--tiers", "interp", "--json", str(saved))
    assert status == 1
    assert message in out
    [result] = load(saved).results
    assert result.failure and result.steady == [] and result.process == []


@pytest.mark.parametrize("options, size", [([], 3), (["--quick"], 2), (["--size", "5"], 5)])
def test_size_options_rewrite_the_program(tmp_path, capsys, options, size):
    saved = tmp_path / "results.json"
    status, out, err = bench(capsys, programs_dir(tmp_path), "--tiers", "interp",
                             "--json", str(saved), *options)
    assert status == 0, out + err
    assert [result.size for result in load(saved).results] == [size]


def test_json_round_trip(tmp_path):
    record = RunRecord(
        [Result("fib", "interp", 27, steady=[1.5, 1.25], process=[1.75], jit_warmup=None),
         Result("fib", "jit", 27, steady=[0.5], process=[0.75], jit_warmup=0.125),
         Result("loop", "c", 10, failure="wrong checksum: printed '1', expected '2'")],
        settings={"runs": 2, "sizes": "default", "tiers": ["interp", "jit", "c"]},
        notes=["pypy: skipped, pypy3 is not installed"])
    path = tmp_path / "results.json"
    save(record, path)
    assert load(path) == record
    assert {"platform", "cpu", "cores"} <= record.machine.keys()
    assert {"python", "eva", "llvmlite"} <= record.versions.keys()


def test_load_rejects_a_foreign_file(tmp_path, capsys):
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"results": []}')
    status, _, err = bench(capsys, programs_dir(tmp_path), "--compare", str(foreign))
    assert status == 2
    assert "is not an 'eva-bench/1' results file" in err


@pytest.mark.parametrize("new_times, verdict", [
    ([1.30, 1.31, 1.32], "SLOWER"),   # 30% slower and every new run slower than every old one
    ([0.90, 1.15, 1.40], ""),         # 15% slower median, but inside the noise
    ([1.05, 1.05, 1.06], ""),         # beyond the spread, but below the 10% threshold
    ([0.70, 0.71, 0.72], "faster"),
])
def test_compare_flags_only_real_slowdowns(new_times, verdict):
    old = record_with("fib", "interp", 27, [0.99, 1.00, 1.01])
    new = record_with("fib", "interp", 27, new_times)
    changes, unmatched = compare(old, new)
    assert unmatched == []
    [change] = changes
    assert change.verdict(0.10) == verdict
    assert change.slower(0.10) == (verdict == "SLOWER")
    assert render_comparison(changes, unmatched, 0.10, "old.json").rstrip().endswith(
        verdict or "%")


def test_compare_skips_other_sizes():
    changes, unmatched = compare(record_with("fib", "interp", 27, [1.0]),
                                 record_with("fib", "interp", 15, [1.0]))
    assert changes == [] and unmatched == ["fib interp"]


@pytest.mark.parametrize("saved_seconds, status, verdict", [(1e-9, 1, "SLOWER"),
                                                           (1e3, 0, "faster")])
def test_compare_command(tmp_path, capsys, saved_seconds, status, verdict):
    saved = tmp_path / "saved.json"
    save(RunRecord([Result("tiny", "interp", 3, steady=[saved_seconds],
                           process=[saved_seconds])]), saved)
    result, out, _ = bench(capsys, programs_dir(tmp_path), "--tiers", "interp",
                           "--compare", str(saved))
    assert result == status
    assert f"change against {saved}" in out
    assert [row[-1] for row in rows(out, "tiny", "3", "interp") if row[3] in MODES] == \
        [verdict, verdict]


def test_plot_without_matplotlib_fails_before_running(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    status, out, err = bench(capsys, programs_dir(tmp_path), "--plot", str(tmp_path / "x.png"))
    assert status == 2
    assert "pip install matplotlib" in err
    assert out == "" and "steady" not in err


def test_missing_peers_are_skipped_with_a_note(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(tiers.shutil, "which", lambda name: None)
    status, out, _ = bench(capsys, programs_dir(tmp_path), "--tiers", "interp,pypy,c,node")
    assert status == 0
    assert "note: pypy: skipped, pypy3 is not installed" in out
    assert "note: c: skipped, no C compiler" in out
    assert "note: node: skipped, node is not installed" in out


def test_peer_without_a_version_of_the_benchmark_is_skipped(tmp_path, capsys):
    status, out, _ = bench(capsys, programs_dir(tmp_path), "--tiers", "interp,c")
    assert status == 0
    assert "note: c: skipped, no benchmark has a NAME.c version" in out


def test_unknown_names_are_usage_errors(tmp_path, capsys):
    assert bench(capsys, programs_dir(tmp_path), "nosuch")[0] == 2
    with pytest.raises(SystemExit) as exit_info:
        command_bench(["--tiers", "interp,nosuch"])
    assert exit_info.value.code == 2


def test_program_needs_one_size_line(tmp_path, capsys):
    twice = TINY_EVA + "(var SIZE 4)\n"
    status, _, err = bench(capsys, programs_dir(tmp_path, twice))
    assert status == 2
    assert "exactly one '(var SIZE N)' line, found 2" in err


def test_the_suite_follows_the_conventions():
    programs = discover(DEFAULT_DIRECTORY)
    assert len(programs) == 9
    assert all(p.quick_size < p.default_size for p in programs.values())
    assert "(var SIZE 15)" in programs["fib"].eva_source(15)


def test_a_crash_in_the_worker_is_a_failure_of_one_cell(tmp_path):
    program = discover(programs_dir(tmp_path, ENDLESS_EVA))["tiny"]
    with Worker(tiers.TIERS["jit"], program, 3, runs=1) as worker:
        worker.process.send_signal(signal.SIGSEGV)  # what a bad jump into native code does
        with pytest.raises(tiers.RunFailure, match="eva.bench.worker jit tiny.eva 3 1' "
                                                   "was killed by SIGSEGV"):
            worker.run()


class FakeJit:
    first_native_entry_time = 12.5


class FakeVM:
    jit = FakeJit()


def test_jit_warmup_comes_only_from_first_native_entry_time():
    assert tiers.first_native_entry_time(FakeVM()) == 12.5
    FakeVM.jit = None
    assert tiers.first_native_entry_time(FakeVM()) is None
    assert tiers.first_native_entry_time(object()) is None


def test_interpreter_floor_contenders_compute_fib(monkeypatch, capsys):
    """benchmarks/interpreter_floor.py: its two stand-ins compute fib, and it reports them."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        import interpreter_floor as floor
    finally:
        sys.path.pop(0)
    assert [floor.stack_interpreter(n) for n in range(12)] == \
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
    assert [floor.generator_trampoline(n) for n in range(12)] == \
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
    monkeypatch.setattr(sys, "argv", ["interpreter_floor.py", "--size", "12", "--runs", "1"])
    floor.main()
    out = capsys.readouterr().out
    assert "stack interpreter" in out and "generator trampoline" in out and "x CPython" in out


def test_the_cached_jit_tier_fills_its_own_cache_before_timing(tmp_path, capsys):
    """jit-cached: one untimed process fills a cache in the run's workspace, the timed ones
    load from it; there is no steady state of its own, and the jit tier stays a cold start."""
    program = programs_dir(tmp_path, HOT_EVA, HOT_PY)
    status, out, err = bench(capsys, program, "--tiers", "jit,jit-cached,cpython")
    assert status == 0, out + err
    assert "tiny jit-cached process warm-up" in err and "tiny jit-cached steady" not in err
    [row] = rows(out, "tiny", "3", "jit-cached")
    assert row[3] != "-" and row[7] == "-"  # a process time first, no steady time
    workspace = tiers.Workspace(tmp_path)
    assert "--no-jit-cache" in tiers.TIERS["jit"].command(discover(program)["tiny"], 3, workspace)
    assert tiers.TIERS["jit-cached"].command(discover(program)["tiny"], 3, workspace)[5:7] == \
        ["--jit-cache-dir", str(tmp_path / "jit-cache")]
