"""The benchmark harness (`eva bench`, eva/bench/) on tiny programs in a temporary directory."""

from __future__ import annotations

import io
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from eva.bench import tiers
from eva.bench.command import build_parser, command_bench
from eva.bench.compare import compare, render_comparison
from eva.bench.programs import DEFAULT_DIRECTORY, discover
from eva.bench.report import decimal, render_table
from eva.bench.results import MODES, Result, RunRecord, load, save
from eva.bench.runner import Progress, References, check, duration
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
    assert "tiny interp steady 1/1: " in err, "no progress on stderr"
    assert "[9/9] " in err and " left\n" in err  # 3 warm-ups, 3 x 2 runs; an estimate


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
        [Result("fib", "interp", 27, steady=[1.5, 1.25], process=[1.75], jit_warmup=None,
                steady_warmup=2.5),
         Result("fib", "jit", 27, steady=[0.5], process=[0.75, 0.625], jit_warmup=0.125),
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
    assert "is not a results file of eva bench --json (eva-bench/2" in err


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
    with Worker(tiers.TIERS["jit"], program, 3) as worker:
        worker.process.send_signal(signal.SIGSEGV)  # what a bad jump into native code does
        with pytest.raises(tiers.RunFailure, match="eva.bench.worker jit tiny.eva 3' "
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


def test_tiers_run_interleaved_round_robin_rotated(tmp_path, capsys):
    """Each round runs every tier once, and each round starts one tier later: a slow phase of
    the machine lands on all tiers, not on whichever tier ran during it."""
    status, out, err = bench(capsys, programs_dir(tmp_path), "--tiers", "interp,jit,cpython",
                             "--runs", "3")
    assert status == 0, out + err
    steady = re.findall(r"\] tiny (\S+) steady (\d)/3: ", err)
    assert steady == [("interp", "1"), ("jit", "1"), ("cpython", "1"),
                      ("jit", "2"), ("cpython", "2"), ("interp", "2"),
                      ("cpython", "3"), ("interp", "3"), ("jit", "3")]
    runs = re.findall(r"\] tiny (\S+) (steady|process) (\d)/3: ", err)
    assert runs[:2] == [("interp", "steady", "1"), ("interp", "process", "1")]
    assert "[21/21] " in err  # 3 warm-ups and 3 rounds of 3 tiers x 2 modes


@pytest.mark.parametrize("times, cell", [([1.0, 1.02, 0.98], "±2.0%"),
                                         ([0.1, 0.2, 0.9], "unstable"),
                                         ([1.0], "n/a")])
def test_unstable_times_are_marked_and_warned_about(times, cell):
    """pyperf's rule of thumb: a standard deviation above 10% of the mean."""
    table = render_table(record_with("fib", "interp", 27, times))
    [row] = rows(table, "fib", "27", "interp")
    assert row[3:6] == ["-", decimal(sorted(times)[len(times) // 2]), cell]  # no process time
    unstable = "warning: fib interp steady is unstable: standard deviation" in table
    assert unstable == (cell == "unstable")
    assert "±8" not in table  # no spreads like ±824%


@pytest.mark.parametrize("seconds, text", [(0.0000123, "0.0000123"), (0.000412, "0.000412"),
                                           (0.05, "0.0500"), (1.0, "1.00"), (12.345, "12.3"),
                                           (123.4, "123"), (1234.5, "1234")])
def test_times_are_plain_decimals(seconds, text):
    assert decimal(seconds) == text


def test_no_scientific_notation_in_the_table():
    record = RunRecord([Result("fib", "c", 27, steady=[], process=[0.0000123, 0.0000125]),
                        Result("fib", "interp", 27, steady=[], process=[123.0, 125.0]),
                        Result("fib", "cpython", 27, steady=[], process=[1.0, 1.0])])
    table = render_table(record)
    assert not re.search(r"\de[-+]?\d", table), table
    assert "0.0000124" in table and "10000000x" in table  # c against interp


def test_quick_mode_says_it_is_a_smoke_test(tmp_path, capsys):
    status, out, _ = bench(capsys, programs_dir(tmp_path), "--tiers", "cpython", "--quick")
    assert status == 0
    assert out.index("quick mode: a smoke test") < out.index("benchmark  size")
    assert "start-up dominates" in out
    _, default_out, _ = bench(capsys, tmp_path / "programs", "--tiers", "cpython")
    assert "smoke test" not in default_out
    assert "a smoke test, not a measurement" in " ".join(build_parser().format_help().split())


@pytest.mark.parametrize("seconds, text", [(4.4, "4 s"), (200, "3 min 20 s"),
                                           (3900, "1 h 5 min")])
def test_time_left_is_said_in_plain_units(seconds, text):
    assert duration(seconds) == text


def test_json_is_pyperf_format(tmp_path):
    """The file pyperf's tools read: one benchmark per cell and mode, seconds, warm-ups apart;
    checked by pyperf itself where it is installed (the `test` extra installs it)."""
    record = RunRecord(
        [Result("fib", "jit", 27, steady=[0.5, 0.25], process=[0.75, 0.625], jit_warmup=0.125,
                steady_warmup=2.5),
         Result("fib", "c", 27, failure="wrong checksum")])
    path = tmp_path / "results.json"
    save(record, path)
    data = json.loads(path.read_text())
    assert data["version"] == "1.0"
    [process, steady] = data["benchmarks"]
    assert steady["metadata"]["name"] == "fib/jit/steady"
    assert steady["runs"] == [{"values": [0.5, 0.25], "warmups": [[1, 2.5]]}]
    assert process["runs"] == [{"values": [0.75]}, {"values": [0.625]}]
    assert data["eva"]["failures"] == [{"program": "fib", "tier": "c", "size": 27,
                                        "failure": "wrong checksum"}]
    pyperf = pytest.importorskip("pyperf")
    suite = pyperf.BenchmarkSuite.load(str(path))
    assert suite.get_benchmark_names() == ["fib/jit/process", "fib/jit/steady"]
    assert suite.get_benchmark("fib/jit/process").get_values() == (0.75, 0.625)
    assert suite.get_benchmark("fib/jit/steady").get_unit() == "second"
    shown = subprocess.run([sys.executable, "-m", "pyperf", "compare_to", str(path), str(path)],
                           capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr


PEERS = ["pypy", "c", "luajit", "node"]


def test_every_benchmark_has_a_version_for_every_peer():
    """The same nine algorithms in every language, so that a user can place eva among them."""
    programs = discover(DEFAULT_DIRECTORY)
    for tier in PEERS:
        assert [name for name, program in programs.items()
                if not tiers.TIERS[tier].has_version(program)] == \
            ([] if tier != "c" else ["closures", "methods", "objects", "strings"])


@pytest.mark.parametrize("tier", PEERS)
@pytest.mark.parametrize("name", list(discover(DEFAULT_DIRECTORY)))
def test_peer_versions_print_the_cpython_checksum(tmp_path, name, tier):
    """Each peer's version at the quick size, where the peer is installed; the harness checks
    the default sizes itself on every `eva bench` run."""
    peer = tiers.TIERS[tier]
    program = discover(DEFAULT_DIRECTORY)[name]
    if peer.unavailable():
        pytest.skip(peer.unavailable())
    if not peer.has_version(program):
        pytest.skip(f"no {peer.version}")
    workspace = tiers.Workspace(tmp_path)
    expected = References(workspace).get(program, program.quick_size)
    output, _ = tiers.run_process(peer.command(program, program.quick_size, workspace))
    check(output, expected)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, ending", [(io.StringIO(), "left\n"), (Terminal(), "left")])
def test_progress_estimates_the_time_left(stream, ending):
    """Runs left of a benchmark last as long as the mean of their tier and mode so far (of any
    run before the first of theirs); on a terminal the line is rewritten in place."""
    progress = Progress(stream, total_runs=5, programs=1)
    progress.start_program([("jit", "steady")] * 3 + [("jit", "process")] * 2)
    progress.ran("fib jit steady 1/3", "jit", "steady", 2.0)
    assert progress.seconds_left() == 4 * 2.0  # no process run yet: the mean of all runs
    progress.ran("fib jit process 1/2", "jit", "process", 30.0)
    assert progress.seconds_left() == 2 * 2.0 + 30.0
    assert stream.getvalue().endswith(f"[2/5] fib jit process 1/2: 30.0 s, about 34 s {ending}")
    assert ("\r\x1b[K" in stream.getvalue()) == isinstance(stream, Terminal)


def test_a_failed_tier_drops_out_and_the_others_go_on(tmp_path, capsys):
    status, out, err = bench(capsys, programs_dir(tmp_path, FAILING_EVA), "--tiers",
                             "interp,cpython", "--runs", "2")
    assert status == 1
    assert "tiny interp: FAILED: EvaRuntimeError" in err
    [row] = rows(out, "tiny", "3", "cpython")
    assert row[3] != "-"  # cpython's process time
    assert err.rstrip().endswith("left") and "[10/10] tiny cpython" in err  # the plan shrank
