"""The `eva` command (CLI.md): run, eval, dis, ir, bench, and the REPL.

Program output goes to stdout; every diagnostic goes to stderr. Exit status: 0 success,
65 compile error, 70 runtime error, 2 bad command-line usage.
"""

from __future__ import annotations

import argparse
import os
import sys

from eva import __version__
from eva.config import Options
from eva.errors import EvaInternalError, EvaRuntimeError, EvaSyntaxError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_COMPILE_ERROR = EvaSyntaxError.exit_status
EXIT_RUNTIME_ERROR = EvaRuntimeError.exit_status
EXIT_INTERRUPTED = 130
EXIT_NOTHING_COMPILED = 1  # `eva ir` with nothing to show


class UsageError(Exception):
    """A command-line problem: reported with exit status 2."""


def terminal_columns() -> int:
    """$COLUMNS if positive, else the terminal's width, else 80: shutil.get_terminal_size's
    answer, without importing shutil (see HelpFormatter)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width. Left to find it, it imports
    shutil (and zlib, bz2 and lzma with it), and argparse makes a formatter for every option
    it adds, so every eva process paid 1.5 ms for it, help or not."""

    def __init__(self, prog: str):
        super().__init__(prog, width=terminal_columns() - 2)


class Parser(argparse.ArgumentParser):
    """argparse's parser with eva's HelpFormatter (its subcommands' parsers are Parsers too)."""

    def __init__(self, **keywords):
        super().__init__(formatter_class=HelpFormatter, **keywords)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options shared by `run` and `eval` (CLI.md), mapped onto config.Options."""
    interp = parser.add_argument_group("interpreter")
    interp.add_argument("--translate", dest="translate", action="store_true", default=None,
                        help="translate warm functions' bytecode to Python functions (default; "
                             "EVA_TRANSLATE=0 disables it)")
    interp.add_argument("--no-translate", dest="translate", action="store_false",
                        help="run all bytecode in the interpreter's dispatch loop")
    interp.add_argument("--translate-threshold", type=int, metavar="N",
                        help="calls before a function is translated (default 2)")
    interp.add_argument("--translate-loop-threshold", type=int, metavar="N",
                        help="loop back-edges before a running loop goes on in translated "
                             "code (on-stack replacement; default 100)")
    jit = parser.add_argument_group("JIT")
    jit.add_argument("--jit", dest="jit", action="store_true", default=None,
                     help="enable the JIT (default; EVA_JIT=0 disables it)")
    jit.add_argument("--no-jit", dest="jit", action="store_false", help="interpreter only")
    jit.add_argument("--jit-threshold", type=int, metavar="N",
                     help="calls before a function is compiled")
    jit.add_argument("--jit-loop-threshold", type=int, metavar="N",
                     help="loop back-edges before a running loop is compiled (OSR)")
    jit.add_argument("--jit-always", action="store_true", default=None,
                     help="compile every function at its first call")
    jit.add_argument("--deopt-every", type=int, metavar="N",
                     help="force every N-th guard in compiled code to fail (1 = every guard)")
    jit.add_argument("--fail-guard", type=int, metavar="K",
                     help="force the guard of deopt point K (its id in --trace-deopt) to fail "
                          "every time it is checked; ids are allocated in order as code is "
                          "compiled, the same in every run of a program with the same options")
    jit.add_argument("--trace-jit", action="store_true", default=None,
                     help="one line per compilation on stderr")
    jit.add_argument("--trace-deopt", action="store_true", default=None,
                     help="one line per deoptimization on stderr")
    jit.add_argument("--jit-stats", action="store_true", default=None,
                     help="JIT summary on stderr at exit")
    jit.add_argument("--jit-log", metavar="FILE",
                     help="write every compilation, refusal, deopt, invalidation and code "
                          "cache event to FILE as JSON lines (EVA_JIT_LOG; the schema is in "
                          "docs/jit.md)")
    jit.add_argument("--no-jit-cache", dest="jit_cache", action="store_false", default=None,
                     help="neither load compiled code from the code cache nor write to it "
                          "(EVA_JIT_CACHE=0)")
    jit.add_argument("--jit-cache-dir", metavar="DIR",
                     help="the code cache's directory (EVA_JIT_CACHE_DIR; default "
                          "$XDG_CACHE_HOME/eva/jit or ~/.cache/eva/jit)")
    gc = parser.add_argument_group("memory")
    gc.add_argument("--gc-stats", action="store_true", default=None,
                    help="garbage collector summary on stderr at exit")
    gc.add_argument("--gc-stress", action="store_true", default=None,
                    help="collect at every allocation (implies --gc-check)")
    gc.add_argument("--gc-check", action="store_true", default=None,
                    help="poison swept objects so that any later use fails loudly")
    profile = parser.add_argument_group("profiler")
    profile.add_argument("--profile", action="store_true", default=None,
                         help="sample where the CPU time goes and print it per function and "
                              "per tier (dispatch loop, translated, native, runtime calls, "
                              "compiling, GC) on stderr at exit")
    profile.add_argument("--profile-out", metavar="FILE",
                         help="save the samples to FILE for a flame graph viewer: speedscope's "
                              "JSON if FILE ends in .json, else collapsed stacks "
                              "(flamegraph.pl, inferno, speedscope)")
    profile.add_argument("--profile-interval", type=int, metavar="USEC",
                         help="microseconds of CPU time between samples (default 1000)")
    parser.add_argument("--max-depth", type=int, metavar="N",
                        help="call depth before 'stack overflow' (default 20000)")


def options_from(args: argparse.Namespace) -> Options:
    names = ["translate", "translate_threshold", "translate_loop_threshold", "jit", "jit_threshold", "jit_loop_threshold", "jit_always", "deopt_every",
             "fail_guard", "trace_jit", "trace_deopt", "jit_stats", "jit_log", "gc_stats", "gc_stress",
             "gc_check", "max_depth", "jit_cache", "jit_cache_dir", "profile", "profile_out",
             "profile_interval"]
    try:
        options = Options.from_env(**{name: getattr(args, name, None) for name in names})
    except ValueError as error:
        raise UsageError(str(error)) from None
    for name in ("translate_threshold", "translate_loop_threshold", "jit_threshold", "jit_loop_threshold", "deopt_every",
                 "max_depth"):
        if getattr(options, name) < 0:
            raise UsageError(f"--{name.replace('_', '-')} must not be negative")
    if options.profile_interval <= 0:
        raise UsageError("--profile-interval must be positive")
    if options.fail_guard is not None and options.fail_guard < 0:
        raise UsageError("--fail-guard must not be negative")
    return options


IR_DESCRIPTION = (
    "Runs FILE and prints the code the JIT compiled. By default compilation is forced: every "
    "function is compiled at its first call and every loop at its first back-edge, whatever "
    "the thresholds (as --jit-always does); --as-run compiles only what 'eva run' with the "
    "same options would. --no-jit and EVA_JIT=0 are honoured: then nothing is compiled. The "
    "code cache is not used, so the dumps are LLVM's own. The program's own output goes to "
    "stderr.")
IR_EXIT_STATUS = (
    "Exit status: 0 the dumps were printed; 1 nothing was compiled (for --func NAME: nothing "
    "of NAME), which is said on stderr; 2 bad usage, an unknown --func NAME included (the "
    "program's functions are listed); 65 compile error; 70 runtime error (the dumps of what "
    "was compiled before it are printed).")
ANNOTATE_DESCRIPTION = (
    "Runs FILE as 'eva run' does, with the same options (nothing is forced: --no-jit, "
    "--no-translate and the thresholds apply), then prints its source with, under each line, "
    "what the tiers did there: the tiers each function defined there reached (dispatch loop, "
    "translated, native units), its loops that went on in translated or native code, "
    "refusals, invalidations, and each guard of native code on that line with how often it "
    "failed (and was forced to fail). The program's own output goes to stderr, so that stdout "
    "is the annotation alone. Exit status: 0; 65 compile error; 70 runtime error (the "
    "annotation of the run up to the error is printed).")
REPL_DESCRIPTION = (
    "The interactive REPL. With stdin not a terminal (a pipe, a file) it reads every input "
    "and its exit status is that of its first error (65 compile error, 70 runtime error), "
    "else 0.")
COMMANDS = ("run", "eval", "dis", "ir", "annotate", "bench", "repl")
MAIN_COMMAND = "main"
"""What `eva [OPTIONS] [FILE]` parses as (a command of the parser that no user types and
help does not list): FILE run, or the REPL."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the `command` about to run, only that command's
    parser gets its options: the whole parser takes argparse 4 ms to build, this one 3 (the
    rest is argparse's own start-up). The other commands still exist, with no options, so
    that parsing reports the same errors."""
    def wanted(name: str) -> bool:
        return command is None or command == name

    parser = Parser(
        prog="eva", description="The Eva language VM: a bytecode interpreter with a JIT.",
        usage="eva [COMMAND] ... | eva [OPTIONS] [FILE]",
        epilog="With no command, eva runs FILE as 'eva run FILE' does, or with no FILE "
               "starts the interactive REPL; either takes the options of 'eva run' "
               "('eva --no-jit' starts the REPL with the JIT off). A file named like a "
               "command runs as 'eva ./NAME'. 'eva -e EXPR' is short for 'eva eval EXPR'.")
    parser.add_argument("--version", action="version", version=f"eva {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="eva")
    run = commands.add_parser("run", help="run a program file ('-' reads stdin)")
    if wanted("run"):
        run.add_argument("file")
        add_run_options(run)
    evaluate = commands.add_parser("eval", help="run text and print its last value")
    if wanted("eval"):
        evaluate.add_argument("source")
        add_run_options(evaluate)
    dis = commands.add_parser("dis", help="print the bytecode of every code object")
    if wanted("dis"):
        dis.add_argument("file")
        dis.add_argument("--python", action="store_true",
                         help="print each function's translation to Python instead (as the "
                              "interpreter translates warm functions, with the JIT off)")
    ir = commands.add_parser("ir", help="print the typed bytecode, LLVM IR or assembly of "
                                         "compiled functions",
                             description=IR_DESCRIPTION, epilog=IR_EXIT_STATUS)
    if wanted("ir"):
        ir.add_argument("file")
        ir.add_argument("--func", metavar="NAME", help="only this function")
        ir.add_argument("--stage", choices=["types", "pre", "post", "asm"], default="post",
                        help="the bytecode with the types, guards and sign facts the JIT "
                             "inferred (types), the IR before or after optimization, or "
                             "native assembly")
        ir.add_argument("--as-run", action="store_true",
                        help="compile only what 'eva run' with the same options would (the "
                             "thresholds decide), instead of forcing compilation")
        add_run_options(ir)
    annotate = commands.add_parser("annotate", help="run a program, then print its source "
                                                    "annotated with what each tier did there",
                                   description=ANNOTATE_DESCRIPTION)
    if wanted("annotate"):
        annotate.add_argument("file")
        add_run_options(annotate)
    commands.add_parser("bench", help="run the benchmark suite and compare tiers "
                                      "(eva bench --help)")
    repl = commands.add_parser("repl", help="the interactive REPL (the default)",
                               description=REPL_DESCRIPTION)
    if wanted("repl"):
        add_run_options(repl)
    main_command = commands.add_parser(MAIN_COMMAND, usage="eva [OPTIONS] [FILE]",
                                       description="Runs FILE (as 'eva run FILE'), or with no "
                                       "FILE starts the REPL (as 'eva repl').",
                                       epilog=REPL_DESCRIPTION)
    if wanted(MAIN_COMMAND):
        main_command.add_argument("file", nargs="?", help="a program to run ('-' reads stdin)")
        add_run_options(main_command)
    return parser


def read_source(path: str) -> str:
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    return data.decode("utf-8", errors="replace")


def unwritable_log(options: Options, error: OSError) -> UsageError:
    return UsageError(f"cannot write the JIT log {options.jit_log}: {error.strerror}")


def new_vm(options: Options, stdout):
    """A VM for a command; a JIT log (--jit-log) or profile (--profile-out) it cannot open
    is a usage error."""
    from eva.vm import VM
    try:
        return VM(options, stdout=stdout)
    except OSError as error:  # (the log and the profile are the only files a new VM opens)
        if options.profile_out and error.filename == options.profile_out:
            raise UsageError(f"cannot write the profile {options.profile_out}: "
                             f"{error.strerror}") from None
        raise unwritable_log(options, error) from None


def execute(source: str, file: str, options: Options, print_value: bool,
            stdout=None, stderr=None) -> int:
    """Run a program as `eva run` / `eva eval` do; returns the exit status.

    The golden tests call this in-process with their own streams, so they exercise exactly
    the command's code path."""
    from eva.objects import display
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    vm = new_vm(options, stdout)
    try:
        code = vm.compile(source, file)
    except EvaSyntaxError as error:
        print(error.render(), file=stderr)
        return EXIT_COMPILE_ERROR
    try:
        value = vm.run_code(code)
        if print_value:
            print(display(value), file=stdout)
        return EXIT_OK
    except EvaRuntimeError as error:
        stdout.flush()
        print(error.render(), file=stderr)
        return EXIT_RUNTIME_ERROR
    finally:
        stdout.flush()
        vm.report_statistics(stderr)
        vm.close_jit_log()


def compile_for_tool(vm, source: str, path: str):
    """The program a tool command (`dis`, `ir`, `annotate`) works on, or None after printing
    its syntax error."""
    try:
        return vm.compile(source, "<stdin>" if path == "-" else path)
    except EvaSyntaxError as error:
        print(error.render(), file=sys.stderr)
        return None


def run_for_tool(vm, code) -> int:
    """Run a program for a tool whose own output is on stdout: a runtime error is printed
    on stderr and gives the status, and what the tool shows still follows."""
    try:
        vm.run_program(code)
    except EvaRuntimeError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_RUNTIME_ERROR
    return EXIT_OK


def command_dis(args) -> int:
    from eva.disassembler import disassemble
    from eva.vm import VM
    source = read_source(args.file)
    code = compile_for_tool(VM(Options(jit=False)), source, args.file)
    if code is None:
        return EXIT_COMPILE_ERROR
    if args.python:
        from eva.interp.direct import DIRECT_DEPTH
        from eva.interp.translator import listing
        sys.stdout.write(listing(code, DIRECT_DEPTH))
    else:
        sys.stdout.write(disassemble(code, source))
    return EXIT_OK


def command_ir(args, options: Options) -> int:
    """`eva ir` (IR_DESCRIPTION): run the program, its own output on stderr, then print the
    dumps of what was compiled (jit/dump.py) on stdout."""
    from eva.jit.dump import unit_dumps
    forced = options.jit and not args.as_run
    # LLVM's own dumps, of every unit compiled, also those released
    options = options.replace(jit_always=options.jit_always or forced, jit_cache=False,
                              jit_keep_ir=True)
    vm = new_vm(options, sys.stderr)
    code = compile_for_tool(vm, read_source(args.file), args.file)
    if code is None:
        return EXIT_COMPILE_ERROR
    names = function_names(code)
    if args.func is not None and args.func not in names:
        raise UsageError(f"{args.file} has no function '{args.func}'; its functions: "
                         f"{', '.join(names)}")
    if forced:
        print("eva ir: compilation forced: every function at its first call, every loop at "
              "its first back-edge (--as-run compiles what 'eva run' would)", file=sys.stderr)
    status = run_for_tool(vm, code)  # (a runtime error: what was compiled before it is shown)
    vm.close_jit_log()
    dumps = unit_dumps(vm.jit, args.func, args.stage)
    if not dumps:
        print(f"eva ir: {nothing_compiled(vm, args.func)}", file=sys.stderr)
        if vm.jit is not None and vm.jit.stats.failed:
            print(vm.jit.stats_report(), file=sys.stderr)
        return status or EXIT_NOTHING_COMPILED
    for header, text in dumps:
        print(header)
        print(text)
        print()
    return status


def command_annotate(args, options: Options) -> int:
    """`eva annotate` (ANNOTATE_DESCRIPTION): run the program with its output on stderr and
    the JIT's events kept (jit/log.py; also written to --jit-log's file), then print the
    annotated source (annotate.py) on stdout."""
    from eva.annotate import annotate, translated_parts
    from eva.jit.log import JitLog
    vm = new_vm(options.replace(jit_log=""), sys.stderr)
    try:
        vm.jit_log = JitLog(options.jit_log or None, keep=True)
    except OSError as error:
        raise unwritable_log(options, error) from None
    code = compile_for_tool(vm, read_source(args.file), args.file)
    if code is None:
        return EXIT_COMPILE_ERROR
    try:
        status = run_for_tool(vm, code)
    finally:
        vm.report_statistics(sys.stderr)
        vm.close_jit_log()
    sys.stdout.write(annotate(code, vm.jit_log.records, translated_parts(vm.interpreter)))
    return status


def function_names(code) -> list[str]:
    """The names of a program's functions (its script's included), as `--func` takes them."""
    names, work = set(), [code]
    while work:
        each = work.pop()
        names.add(each.name)
        work.extend(each.children())
    return sorted(names)


def nothing_compiled(vm, name: str | None) -> str:
    """Why `eva ir` has nothing to show."""
    options = vm.options
    if not options.jit:
        return "the JIT is off (--no-jit or EVA_JIT=0): nothing was compiled"
    what = f"function '{name}'" if name else "any function"
    text = f"the JIT compiled no code for {what}"
    compiled = sorted({unit.code.name for unit in vm.jit.units}) if vm.jit is not None else []
    if compiled:
        text += f" (it compiled: {', '.join(compiled)})"
    if not options.jit_always:
        text += (f"; a run compiles a function after {options.jit_threshold} calls and a loop "
                 f"after {options.jit_loop_threshold} back-edges (without --as-run, eva ir "
                 "compiles every one)")
    return text


def dispatch(argv: list[str]) -> int:
    if argv and argv[0] == "-e":
        argv = ["eval", *argv[1:]]
    if argv and argv[0] == "bench":  # `eva bench` has its own parser (eva/bench/command.py)
        from eva.bench.command import command_bench
        return command_bench(argv[1:])
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = [MAIN_COMMAND, *argv]  # eva [OPTIONS] [FILE]
    elif os.path.isfile(argv[0]):
        print(f"eva: note: '{argv[0]}' is a command; 'eva ./{argv[0]}' runs the file",
              file=sys.stderr)
    args = build_parser(argv[0]).parse_args(argv)
    if args.command == MAIN_COMMAND and args.file is not None:
        args.command = "run"
    if args.command == "run":
        return execute(read_source(args.file), "<stdin>" if args.file == "-" else args.file,
                       options_from(args), print_value=False)
    if args.command == "eval":
        return execute(args.source, "<eval>", options_from(args), print_value=True)
    if args.command == "dis":
        return command_dis(args)
    if args.command == "ir":
        return command_ir(args, options_from(args))
    if args.command == "annotate":
        return command_annotate(args, options_from(args))
    from eva.repl import repl
    options = options_from(args)
    if options.jit_log:  # the REPL makes its VM itself (it must not import this module)
        try:
            open(options.jit_log, "a", encoding="utf-8").close()
        except OSError as error:
            raise unwritable_log(options, error) from None
    return repl(options)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        status = dispatch(argv)
    except UsageError as error:
        print(f"eva: error: {error}", file=sys.stderr)
        status = EXIT_USAGE
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        status = EXIT_INTERRUPTED
    except EvaInternalError as error:
        print(f"internal error: {error}", file=sys.stderr)
        status = EXIT_RUNTIME_ERROR
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error of ours
        status = EXIT_OK
    except Exception as error:  # a VM bug: say so plainly; EVA_DEBUG=1 shows the host traceback
        if os.environ.get("EVA_DEBUG"):
            raise
        print(f"internal error: {type(error).__name__}: {error}\n"
              "(this is a bug in the eva VM; EVA_DEBUG=1 shows the host traceback)", file=sys.stderr)
        status = EXIT_RUNTIME_ERROR
    sys.stdout.flush()
    return status


def entry() -> None:
    """The `eva` command itself (the console script, and `python -m eva`): main(), then a
    quick exit. Once the program has run, its exit functions have run (the code cache's
    pending writes, the REPL's history) and its output is flushed, the process ends with
    os._exit instead of Python's finalization, which would take apart every object the
    program, the translator and the JIT made, then unload LLVM: 6-7 ms of a 90 ms run of fib.
    multiprocessing ends its child processes the same way; clang skips freeing its memory at
    exit for the same reason (-disable-free). main() is what the tests and the API call."""
    import atexit
    status = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away, or main() closed the stream
            pass
    os._exit(status)


if __name__ == "__main__":
    entry()
