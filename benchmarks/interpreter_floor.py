"""How fast can a bytecode interpreter written in Python run fib at all?

Issue 2 asks for the interpreter within 15x of CPython on fib(27). This script measures the
floor of a dispatch loop: a stack interpreter stripped to the seven instructions fib needs,
each already fused and specialized the way eva's interpreter quickens them (`n < 2` and `n - 1`
read their operand straight from the frame), with explicit frames and nothing else: no
arity, type or depth checks, no call counting, no JIT hooks, no error positions. Whatever it
measures, a full dispatch loop with those duties cannot beat (eva's takes about 1.3x its time).

It also measures another design that keeps Eva frames off the host stack: one Python
generator per Eva call, driven by a trampoline. eva took a third way instead: translating a
warm function's bytecode into a Python function that calls other translated functions
directly, on the host stack for the first 100 Eva frames only (docs/translation.md); `eva
bench fib --size 27 --tiers bytecode,interp,cpython` measures it.

    python benchmarks/interpreter_floor.py [--size 27] [--runs 5]

Prints the median seconds of each, and its ratio to CPython running fib directly.
"""

from __future__ import annotations

import argparse
import statistics
import time

# the instructions, as the if-chain compares them (ints held in locals, like eva's loop)
BRANCH_IF_NOT_LESS, GET_LOCAL, RETURN, GET_GLOBAL, SUB_CONST, CALL, ADD = range(7)


class Function:
    def __init__(self, instructions):
        self.instructions = instructions


class Global:
    value = None


FIB = Global()
FIB.value = Function([
    (BRANCH_IF_NOT_LESS, (1, 2, 3)),  # if not n < 2: goto 3
    (GET_LOCAL, 1), (RETURN, None),    # return n
    (GET_GLOBAL, FIB), (SUB_CONST, (1, 1)), (CALL, 1),
    (GET_GLOBAL, FIB), (SUB_CONST, (1, 2)), (CALL, 1),
    (ADD, None), (RETURN, None),
])


def stack_interpreter(n: int) -> int:
    """fib(n) on the minimal stack interpreter: frames are [stack, instructions, pc]."""
    stack = [FIB.value, n]
    instructions = FIB.value.instructions
    frames = [[stack, instructions, 0]]
    frame = frames[0]
    pc = 0
    while True:
        op, arg = instructions[pc]
        pc += 1
        if op == BRANCH_IF_NOT_LESS:
            slot, bound, target = arg
            if not stack[slot] < bound:
                pc = target
        elif op == GET_LOCAL:
            stack.append(stack[arg])
        elif op == GET_GLOBAL:
            stack.append(arg.value)
        elif op == SUB_CONST:
            stack.append(stack[arg[0]] - arg[1])
        elif op == CALL:
            frame[2] = pc
            new_stack = stack[-arg - 1:]
            del stack[-arg - 1:]
            instructions = new_stack[0].instructions
            frame = [new_stack, instructions, 0]
            frames.append(frame)
            stack = new_stack
            pc = 0
        elif op == RETURN:
            result = stack[-1]
            frames.pop()
            if not frames:
                return result
            frame = frames[-1]
            stack, instructions, pc = frame
            stack.append(result)
        elif op == ADD:
            b = stack.pop()
            stack[-1] += b


RETURNED = object()


def fib_generator(n: int):
    """fib as a generator: yields (function, argument) to call, (RETURNED, value) to return."""
    if n < 2:
        yield RETURNED, n
    a = yield fib_generator, n - 1
    b = yield fib_generator, n - 2
    yield RETURNED, a + b


def generator_trampoline(n: int) -> int:
    """fib(n) with one generator per call, suspended while its callee runs."""
    suspended = []
    send = fib_generator(n).send
    value = None
    while True:
        tag, argument = send(value)
        if tag is RETURNED:
            if not suspended:
                return argument
            value = argument
            send = suspended.pop()
        else:
            suspended.append(send)
            send = tag(argument).send
            value = None


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=27)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    contenders = {"cpython": fib, "stack interpreter": stack_interpreter,
                  "generator trampoline": generator_trampoline}
    expected = fib(args.size)
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.runs):  # interleaved, so machine noise hits all of them alike
        for name, function in contenders.items():
            start = time.perf_counter()
            result = function(args.size)
            times[name].append(time.perf_counter() - start)
            assert result == expected, (name, result)
    base = statistics.median(times["cpython"])
    print(f"fib({args.size}), median of {args.runs} runs")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"  {name:22} {median:8.4f} s  {median / base:5.1f}x CPython")


if __name__ == "__main__":
    main()
