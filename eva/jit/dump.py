"""`eva ir`: the LLVM IR (before or after optimization) or the assembly of compiled code.

The program runs with the JIT forced on (every function compiled at its first call, every
loop at its first back-edge); its own output goes to stderr so that stdout carries only the
dumps. Each dump starts with a stable header line naming the unit and the stage:

    ; ==== fib(int) -> int : pre ====
"""

from __future__ import annotations

import sys

from eva.errors import EvaRuntimeError, EvaSyntaxError

STAGES = ("pre", "post", "asm")


def unit_dumps(jit, name: str | None = None, stage: str = "post") -> list[tuple[str, str]]:
    """(header, text) for every compiled unit (of function `name`, if given)."""
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}")
    dumps = []
    for unit in jit.units if jit is not None else []:
        if name is not None and unit.code.name != name:
            continue
        compiled = unit.compiled
        if stage == "pre":
            text = compiled.pre_ir
        elif stage == "post":
            text = compiled.post_ir
        else:
            text = jit.backend.compiler.assembly(compiled.post_ir)
        header = f"; ==== {unit.label} -> {unit.return_type.value} : {stage} ===="
        dumps.append((header, text.rstrip("\n")))
    return dumps


def command_ir(args, options) -> int:
    from eva.cli import EXIT_COMPILE_ERROR, EXIT_OK, EXIT_RUNTIME_ERROR, read_source
    from eva.vm import VM
    # LLVM's own dumps, of every unit compiled, also those released
    options = options.replace(jit=True, jit_always=True, jit_cache=False, jit_keep_ir=True)
    vm = VM(options, stdout=sys.stderr)
    status = EXIT_OK
    try:
        vm.run(read_source(args.file), args.file)
    except EvaSyntaxError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_COMPILE_ERROR
    except EvaRuntimeError as error:
        print(error.render(), file=sys.stderr)
        status = EXIT_RUNTIME_ERROR  # still show what was compiled before the error
    dumps = unit_dumps(vm.jit, args.func, args.stage)
    if not dumps:
        what = f"function '{args.func}'" if args.func else "any function"
        print(f"eva ir: the JIT compiled no code for {what}", file=sys.stderr)
        if vm.jit is not None and vm.jit.stats.failed:
            print(vm.jit.stats_report(), file=sys.stderr)
        return status or 1
    for header, text in dumps:
        print(header)
        print(text)
        print()
    return status
