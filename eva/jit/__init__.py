"""The llvmlite tier: hot numeric functions and loops compiled to native code.

The pipeline, one module per stage, talking through plain data:

    tierup.py    what to compile when the interpreter reports a hot call or loop (the
                 counts and the entry points are the interpreter's: interp/tiers.py), when
                 to give up or invalidate, and the books (stats)
    analysis.py  bytecode analysis: liveness, and types by abstract interpretation from the
                 entry values (the arguments or a running frame's locals); raises
                 NotCompilable with a readable reason
    resume.py    deopt metadata: for each guard, where to resume and how to box each value
    backend.py   an analyzed unit to an entry the interpreter calls: lowering, machine code
                 (LLVM or the code cache), binding its slots; imported at the first unit
                 that passes analysis
    lowering.py  typed bytecode -> LLVM IR text (llvmlite.ir only)
    codegen.py   IR -> optimized IR -> machine code (the only user of LLVM)
    llvm.py      the LLVM functions codegen calls, from llvmlite's library through ctypes
                 (or through llvmlite.binding, for llvmlite versions it was not checked with)
    runtime.py   what native code calls back into: deopt, generic calls, error unwinding;
                 and the entry objects the interpreter calls
    dump.py      each unit's IR and assembly, as `eva ir` (cli.py) and `VM.jit_ir` show them

Nothing here but signals.py (what an entry returns instead of a value, which the interpreter
tests for) is imported until a function gets hot (`VM.start_jit`), so a program that never
tiers up never loads LLVM.
"""
