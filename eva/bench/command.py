"""`eva bench [NAME ...] [options]`: run the benchmark suite and compare the tiers.

Exit status: 0 all good; 1 a benchmark failed (wrong checksum, crash) or `--compare` flagged a
slowdown; 2 bad usage (unknown benchmark or tier, unreadable saved file, matplotlib missing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eva.bench.compare import compare, render_comparison
from eva.bench.plot import plot, require_matplotlib
from eva.bench.programs import DEFAULT_DIRECTORY, BenchError, Program, discover, select
from eva.bench.report import render_table
from eva.bench.results import RunRecord, load, save
from eva.bench.runner import run_benchmarks
from eva.bench.tiers import TIERS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DEFAULT_RUNS = 5
"""Measured runs per benchmark, tier and mode. The median of 5 stays within the range of the
undisturbed runs when any 2 of them are disturbed (of 3 runs, only 1 may be), and the
interleaving spreads a slow phase of the machine over every tier; beyond that, each run added
costs a fifth more time for a median that moves less than the noise the instability warning
already reports (--runs raises it)."""

DEFAULT_TIERS = [name for name in TIERS if name != "bytecode"]
"""Every tier but the dispatch loop alone: a diagnostic tier (translation off) that is 5-30x
slower than the others, so that it alone would take most of a default run's time."""


def tier_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in TIERS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown tier {', '.join(unknown) or '(none given)'}; choose from {', '.join(TIERS)}")
    return names


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def tiers_help() -> str:
    return "tiers:\n" + "\n".join(f"  {name:10} {tier.about}" for name, tier in TIERS.items())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eva bench", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run the benchmark programs in each tier, check that every run prints the\n"
                    "CPython version's checksum, and print median times and speed-ups: in-process\n"
                    "after a warm-up run (steady) and as whole processes (process).\n"
                    "The tiers run interleaved, round-robin. Progress, with an estimate of the\n"
                    "time left, goes to stderr, the table to stdout. A time whose runs vary by\n"
                    "more than 10% (standard deviation over mean) is marked unstable.",
        epilog=tiers_help() + "\n\nTiers that are not installed are skipped with a note.\n"
               "Exit status: 0 ok; 1 a benchmark failed or --compare flagged a slowdown; "
               "2 bad usage.")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="benchmarks to run (default: all in the programs directory)")
    parser.add_argument("--tiers", type=tier_list, default=DEFAULT_TIERS, metavar="LIST",
                        help=f"comma-separated tiers (default: {','.join(DEFAULT_TIERS)})")
    parser.add_argument("--runs", type=positive_int, default=DEFAULT_RUNS, metavar="N",
                        help="measured runs per benchmark, tier and mode, interleaved "
                             "round-robin over the tiers; the in-process warm-up run comes on "
                             f"top (default: {DEFAULT_RUNS})")
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true",
                       help="a smoke test, not a measurement: each benchmark at its quick size "
                            "(its '// quick: Q' header), where a run takes milliseconds and "
                            "start-up dominates; it checks every tier's answers, its times say "
                            "nothing about speed")
    sizes.add_argument("--size", type=positive_int, metavar="N",
                       help="this size for every benchmark (default: each one's own)")
    parser.add_argument("--programs", type=Path, default=DEFAULT_DIRECTORY, metavar="DIR",
                        help="directory of NAME.eva / NAME.py / ... programs "
                             "(default: the suite installed with eva, "
                             f"{DEFAULT_DIRECTORY})")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="save the times, machine and versions as JSON in pyperf's format "
                             "(python -m pyperf show/compare_to FILE read it), with eva's "
                             "settings, notes and failures under the key 'eva'")
    parser.add_argument("--compare", type=Path, metavar="FILE",
                        help="show the change against results saved with --json")
    parser.add_argument("--threshold", type=float, default=10.0, metavar="PCT",
                        help="--compare flags changes beyond PCT percent that are also beyond "
                             "the spread of the runs (default: 10)")
    parser.add_argument("--plot", type=Path, metavar="FILE.png",
                        help="draw the speed-ups over the interpreter (needs matplotlib)")
    return parser


def size_of(program: Program, args: argparse.Namespace) -> int:
    if args.size:
        return args.size
    return program.quick_size if args.quick else program.default_size


def settings_of(args: argparse.Namespace) -> dict:
    sizes = args.size or ("quick" if args.quick else "default")
    return {"runs": args.runs, "sizes": sizes, "tiers": args.tiers}


def bench(args: argparse.Namespace) -> int:
    programs = select(discover(args.programs), args.names)
    saved = load(args.compare) if args.compare else None  # bad input fails before measuring
    if args.plot:
        require_matplotlib()
    record = run_benchmarks([(program, size_of(program, args)) for program in programs],
                            [TIERS[name] for name in args.tiers], args.runs,
                            settings_of(args), sys.stderr)
    print(render_table(record), flush=True)
    status = EXIT_FAILED if any(result.failure for result in record.results) else EXIT_OK
    if args.json:
        save(record, args.json)
    if saved is not None:
        status = max(status, show_comparison(saved, record, args))
    if args.plot:
        plot(record, args.plot)
    return status


def show_comparison(saved: RunRecord, record: RunRecord, args: argparse.Namespace) -> int:
    threshold = args.threshold / 100
    changes, unmatched = compare(saved, record)
    print("\n" + render_comparison(changes, unmatched, threshold, str(args.compare)))
    return EXIT_FAILED if any(change.slower(threshold) for change in changes) else EXIT_OK


def command_bench(argv: list[str]) -> int:
    """The entry point eva.cli dispatches `eva bench` to; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return bench(args)
    except BenchError as error:
        print(f"eva bench: error: {error}", file=sys.stderr)
        return EXIT_USAGE
