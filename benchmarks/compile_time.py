"""How compile time grows with the size of a function: the curve behind the JIT's budget.

A function whose body is depth-n nested arithmetic is the worst case for the lowering: every
operation has an overflow guard, and every guard sees all the operands still waiting on the
stack. Two shapes: `(+ x (+ x ... x))` (the stack holds copies of one local) and
`(+ (* x 2) (+ (* x 3) ... x))` (every waiting operand was computed). For each depth the
function is compiled once, with the budget lifted (analysis.MAX_UNIT_INSTRUCTIONS), and
then with the budget in force, where a function past it is refused; the table gives the
unit's instructions, its IR's size and the time each took in-process (analysis, lowering and
LLVM; LLVM itself is loaded before, and not counted).

    python benchmarks/compile_time.py [--depths 100,200,...] [--runs 3]

Medians of --runs. The front end accepts nesting up to 1000 levels (reader.MAX_NESTING), so the
deepest function here is 998 operations deep.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import eva
from eva.jit import analysis, backend


def program(shape: str, depth: int) -> str:
    body = "x"
    for index in range(depth):
        body = f"(+ x {body})" if shape == "copies" else f"(+ (* x {index % 7 + 2}) {body})"
    return f"(def f (x) {body})\n(print (f 3))"


def compile_once(source: str) -> tuple[float, str, int]:
    """(seconds the JIT spent on f, what it did, IR bytes) for one fresh VM."""
    vm = eva.VM(jit_always=True, jit_cache=False, stdout=io.StringIO())
    vm.run("(def warm (x) (+ x 1)) (warm 1)")  # loads LLVM and the backend first
    spent = []
    jit = vm.jit
    original = jit.compile

    def timed(function, *args):
        start = time.perf_counter()
        unit = original(function, *args)
        if function.code.name == "f":
            spent.append((time.perf_counter() - start, unit))
        return unit

    jit.compile = timed
    vm.run(source)
    seconds, unit = spent[0]
    if unit is None:
        return seconds, "refused", 0
    ir_bytes = len(unit.compiled.pre_ir)
    return seconds, "compiled", ir_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--depths", default="100,200,300,400,500,600,800,998")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    budget = analysis.MAX_UNIT_INSTRUCTIONS
    print(f"| shape | depth | instructions | no budget: IR | ms | budget {budget}: result | ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for shape in ("copies", "computed"):
        for depth in map(int, options.depths.split(",")):
            source = program(shape, depth)
            code = eva.VM(jit=False).compile(source, "<bench>")
            size = next(c for c in code.constants if getattr(c, "name", "") == "f")
            instructions = len(size.generic_insns)
            rows = []
            for limit in (10 ** 9, budget):
                analysis.MAX_UNIT_INSTRUCTIONS = limit
                runs = [compile_once(source) for _ in range(options.runs)]
                seconds = statistics.median(r[0] for r in runs)
                rows.append((runs[0][1], runs[0][2], seconds * 1e3))
            analysis.MAX_UNIT_INSTRUCTIONS = budget
            (unbounded, unbounded_ir, unbounded_ms), (result, _, bounded_ms) = rows
            ir = f"{unbounded_ir / 1e3:.0f} KB" if unbounded == "compiled" else \
                f"refused (over {backend.MAX_UNIT_IR_BYTES // 10 ** 6} MB)"
            print(f"| {shape} | {depth} | {instructions} | {ir} | {unbounded_ms:.0f} | "
                  f"{result} | {bounded_ms:.1f} |")


if __name__ == "__main__":
    main()
