"""The opcode table (eva/opcodes.py) is the one source of truth: every opcode is described
consistently, decoded by the disassembler, dispatched by the interpreter, produced by the
compiler, and its stack effect agrees with the code the compiler emits."""

from __future__ import annotations

import ast
import inspect
import io
import re
import textwrap

import pytest

from eva.bytecode import CodeObject
from eva.config import Options
from eva.errors import EvaRuntimeError
from eva.disassembler import NAME_WIDTH, RAW_WIDTH, disassemble_code
from eva.interp.expressions import MAX_OPERATORS, find_run
from eva.interp import interpreter as interpreter_module
from eva.interp.interpreter import Interpreter
from eva.interp.quickening import _fused, _stored
from eva.opcodes import EMITTED, OPCODES, OPERAND_WIDTH, QUICKENED, Op, stack_effect
from eva.peephole import FUSIONS
from eva.vm import VM

OPERAND_KINDS = {"const", "local", "global", "free", "jump", "count"}

# Programs that, together, make the compiler emit every non-quickened opcode. Each runs cleanly.
CORPUS = {
    "arith": "(var a 7) (var b 2) (list (+ a b) (- a b) (* a b) (/ a b) (% a b) (- a))",
    "compare": "(var a 1) (list (< a 2) (> a 2) (<= a 2) (>= a 2) (== a 2) (!= a 2) (not a))",
    "logic": "(var a 1) (list (and a 4) (if (and a (or false a)) (switch ((== a 2) 1) (else 2)) 3))",
    "loop": "(def f (n) (begin (var t 0) (for (var i 0) (< i n) (++ i) (set t (+ t i))) t)) (f 5)",
    "while": "(var i 0) (while (< i 3) (set i (+ i 1))) i",
    "locals": "(begin (var x 1) (print (var y (set x 2))) (set y 3) (+ x y))",
    "tdz": "(begin (if false (set z 1) 0) (if false z 0) (var z 5) z)",
    "closures": """
        (def adder (n) (lambda (x) (begin (set n (+ n x)) n)))
        (def outer ()
          (begin (var v 1) (def mid () (lambda () (set v (+ v 1)))) (set v (+ v 1)) ((mid)) v))
        (list ((adder 1) 2) (outer))""",
    "classes": """
        (class A null (def constructor (self x) (set (prop self x) x)) (def get (self) (prop self x)))
        (class B A (def get (self) (+ 1 ((prop (super B) get) self))))
        (var o (new B 4))
        (++ (prop o x))
        ((prop o get) o)""",
    "lists": "(var l (list 1 2 3)) (set (idx l 0) 5) (+= (idx l 1) 10) (list (idx l 0) (idx l 1))",
    "globals": "(var g 1) (set g 2) (def h () g) (h)",
}


def compiled(source: str) -> CodeObject:
    return VM(Options(jit=False)).compile(source, "t.eva")


def all_code(code: CodeObject):
    yield code
    for child in code.children():
        yield from all_code(child)


def decode(code: CodeObject) -> list[tuple[int, Op, list[int]]]:
    """(offset, opcode, operands) from the canonical bytes."""
    data, offset, result = code.bytecode, 0, []
    while offset < len(data):
        op = Op(data[offset])
        info = OPCODES[op]
        operands = [int.from_bytes(data[offset + 1 + i * OPERAND_WIDTH:
                                        offset + 1 + (i + 1) * OPERAND_WIDTH], "big")
                    for i in range(len(info.operands))]
        result.append((offset, op, operands))
        offset += info.size
    assert offset == len(data)
    return result


# -- the table itself ---------------------------------------------------------------------------

def test_table_is_consistent():
    assert list(OPCODES) == list(Op) and len(Op) == len(set(op.name for op in Op))
    assert max(Op) < 256  # one opcode byte
    for op, info in OPCODES.items():
        assert set(info.operands) <= OPERAND_KINDS, op
        assert info.jump == (info.operands[:1] == ("jump",)), op
        assert info.size == 1 + OPERAND_WIDTH * len(info.operands)
        assert info.stack, f"{op.name} has no stack picture"
        if info.effect is None and info.covers != 0:  # (a run's effect depends on the run)
            assert "count" in info.operands, f"{op.name}: a variable effect needs a count"
    assert set(EMITTED) | QUICKENED == set(Op) and not set(EMITTED) & QUICKENED


@pytest.mark.parametrize("op", sorted(QUICKENED), ids=lambda op: op.name)
def test_quickened_forms_match_their_generic_opcode(op):
    info = OPCODES[op]
    generics = [Op[name] for name in info.quickened.split()] if info.quickened != "*" else \
        [Op.MUL, Op.DIV, Op.MOD, Op.GT, Op.LE, Op.GE, Op.EQ, Op.NE, Op.LT, Op.ADD, Op.SUB]
    for generic in generics:
        assert generic not in QUICKENED
        if info.covers == 0:  # an expression superinstruction: its function is its operand
            continue
        if op == Op.CALL_GLOBAL_LOCAL:  # a call of one argument: the operands of its first two
            calls = [(Op.GET_GLOBAL, None), (Op.GET_LOCAL, None), (Op.CALL, [1])]
            assert info.operands == OPCODES[Op.GET_GLOBAL].operands + OPCODES[Op.GET_LOCAL].operands
            assert info.effect == sum(stack_effect(*call) for call in calls)
            continue
        if op == Op.CALL_GLOBAL_LC:  # a call of one computed argument: `(f (- n 1))`
            calls = [(Op.GET_GLOBAL, None), (Op.GET_LOCAL_CONST, None), (Op.SUB, None),
                     (Op.CALL, [1])]
            assert info.operands == \
                OPCODES[Op.GET_GLOBAL].operands + OPCODES[Op.GET_LOCAL_CONST].operands
            assert info.effect == sum(stack_effect(*call) for call in calls)
            continue
        assert OPCODES[generic].operands == info.operands, (op.name, generic.name)
        if info.covers == 1:  # operand superinstructions are checked below
            assert OPCODES[generic].effect == info.effect, (op.name, generic.name)


OPERAND_PUSHERS = [(Op.CONST, 2), (Op.CONST, 2.5), (Op.GET_LOCAL, 1),
                   (Op.GET_LOCAL_CONST, (1, 2)), (Op.GET_LOCAL2, (1, 2)),
                   (Op.SET_INDEX, None), (Op.SET_FREE, 0), (Op.SET_PROP, 3)]


def test_operand_superinstructions_are_the_sum_of_their_pair():
    made = set()
    for first, first_arg in OPERAND_PUSHERS:
        for second in EMITTED:
            fused = _fused(first, first_arg, second, 7)
            if fused is None:
                continue
            info = OPCODES[Op(fused[0])]
            made.add(Op(fused[0]))
            assert info.covers == 2 and Op[info.quickened] == first
            assert info.effect == OPCODES[first].effect + OPCODES[second].effect, second.name
    assert made == {op for op in QUICKENED if OPCODES[op].covers == 2}


def test_store_superinstructions_are_the_sum_of_their_three():
    made = set()
    for first, first_arg in OPERAND_PUSHERS:
        for second in EMITTED:
            pair = _fused(first, first_arg, second, 7)
            for third in EMITTED:
                if pair is None or (stored := _stored(pair, third, 5)) is pair:
                    continue
                info = OPCODES[Op(stored[0])]
                made.add(Op(stored[0]))
                assert info.covers == 3 and Op[info.quickened] == first
                assert stored[1] == (*pair[1], 5)  # the local the value goes to, last
                assert info.effect == sum(OPCODES[op].effect for op in (first, second, third))
    assert made == {op for op in QUICKENED if OPCODES[op].covers == 3} - {Op.CALL_GLOBAL_LOCAL}


def test_operand_superinstructions_need_a_number_constant():
    assert _fused(Op.CONST, "text", Op.ADD, None) is None
    assert _fused(Op.CONST, True, Op.ADD, None) is None
    assert _fused(Op.GET_LOCAL_CONST, (1, None), Op.LT, None) is None
    assert _fused(Op.GET_LOCAL, 1, Op.CALL, 1) is None


@pytest.mark.parametrize("pair", list(FUSIONS), ids=lambda p: f"{p[0].name}+{p[1].name}")
def test_superinstruction_effect_is_the_sum_of_the_pair(pair):
    first, second = pair
    a = [first, *range(1, 1 + len(OPCODES[first].operands))]
    b = [second, *range(5, 5 + len(OPCODES[second].operands))]
    fused = FUSIONS[pair](a, b)
    info = OPCODES[fused[0]]
    assert len(fused) == 1 + len(info.operands)
    assert info.effect == OPCODES[first].effect + OPCODES[second].effect
    assert info.jump == (OPCODES[first].jump or OPCODES[second].jump)


# -- every opcode is handled by each consumer -----------------------------------------------------

def sample_operand(kind: str, index: int) -> int:
    # values above 255 check that both operand bytes are read, big-endian
    return {"jump": 0x0102, "count": 0x0203}.get(kind, index)


@pytest.mark.parametrize("op", EMITTED, ids=lambda op: op.name)
def test_disassembler_handles_every_emitted_opcode(op):
    info = OPCODES[op]
    code = CodeObject("probe", 0, "p.eva")
    code.constants = ["zero-unused", 2.5, None]
    code.slot_names = ["probe", "slot-one", "slot-two"]
    code.free_names = ["free-zero", "free-one", "free-two"]
    code.global_names = ["g0", "g1", "g2"]
    operands = [sample_operand(kind, i + 1) for i, kind in enumerate(info.operands)]
    code.bytecode = bytearray([op]) + b"".join(v.to_bytes(OPERAND_WIDTH, "big") for v in operands)
    header, free, line = disassemble_code(code)
    assert header == "== probe/0 =="
    assert free == "   free: free-zero, free-one, free-two"
    names = ["zero", "one", "two"]
    meanings = []
    for kind, value in zip(info.operands, operands):
        if kind == "const":
            meanings.append(f"{value} ({2.5 if value == 1 else 'null'})")
        elif kind in ("local", "free"):
            meanings.append(f"{value} ({'slot' if kind == 'local' else 'free'}-{names[value]})")
        elif kind == "global":
            meanings.append(f"{value} (g{value})")
        else:
            meanings.append({"jump": "0102", "count": "515"}[kind])
    raw = " ".join(f"{byte:02X}" for byte in code.bytecode)
    expected = f"0000    {raw:<{RAW_WIDTH}}  {op.name:<{NAME_WIDTH}} {', '.join(meanings)}".rstrip()
    assert line == expected


LOOP_SOURCE = inspect.getsource(Interpreter.loop)


@pytest.mark.parametrize("op", list(Op), ids=lambda op: op.name)
def test_interpreter_loop_has_a_branch_for_every_opcode(op):
    assert re.search(rf"\bop == {op.name}\b", LOOP_SOURCE), f"no `op == {op.name}` branch"
    assert re.search(rf"\b{op.name} = (int\()?Op\.{op.name}\b", LOOP_SOURCE), \
        f"{op.name} is not bound to its opcode in the loop"


def test_interpreter_loop_branches_sit_in_the_range_of_their_opcode():
    """The loop narrows the opcode by range (`if quickened_range[op]:`, a tuple of booleans
    the module defines as QUICKENED_RANGE) before it tests it for equality: a branch placed
    outside the range of its opcode would never be reached."""
    misplaced, placed = [], []

    def chain(statements, possible):
        for statement in statements:
            if isinstance(statement, ast.If) and \
                    "op" in re.findall(r"\w+", ast.unparse(statement.test)):
                branch(statement, possible)

    def branch(node, possible):
        test = ast.unparse(node.test)
        lookup = re.fullmatch(r"(\w+)\[op\]", test)
        if lookup:
            table = getattr(interpreter_module, lookup.group(1).upper())
            inside = {op for op in Op if table[op]}
            chain(node.body, possible & inside)
            chain(node.orelse, possible - inside)
            return
        for name in re.findall(r"op == (\w+)", test):
            placed.append(name)
            if Op[name] not in possible:
                misplaced.append(name)
        chain(node.orelse, possible)  # (its body is the handler)

    loop = next(node for node in ast.walk(ast.parse(textwrap.dedent(LOOP_SOURCE)))
                if isinstance(node, ast.While))
    chain(loop.body, set(Op))
    assert not misplaced
    assert sorted(placed) == sorted(op.name for op in Op)


def test_compiler_emits_every_non_quickened_opcode():
    seen = set()
    for source in CORPUS.values():
        for code in all_code(compiled(source)):
            seen.update(op for _, op, _ in decode(code))
    assert not seen & QUICKENED
    missing = sorted(op.name for op in set(EMITTED) - seen)
    assert not missing, f"the corpus never produced {missing}"


@pytest.mark.parametrize("name", list(CORPUS))
def test_corpus_programs_run(name):
    out = io.StringIO()
    VM(Options(jit=False), stdout=out).run(CORPUS[name], "t.eva")  # raises on any error


EXPECTED_VALUES = {
    "arith": "[9, 5, 14, 3.5, 1, -7]", "compare": "[true, false, true, false, false, true, false]",
    "logic": "[4, 2]", "loop": "10", "while": "3", "locals": "5", "tdz": "5", "closures": "[3, 3]",
    "classes": "6", "lists": "[5, 12]", "globals": "2",
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_corpus_values(name):
    from eva.objects import display
    value = VM(Options(jit=False), stdout=io.StringIO()).run(CORPUS[name], "t.eva")
    assert display(value) == EXPECTED_VALUES[name]


# -- stack effects --------------------------------------------------------------------------

def check_stack_depths(code: CodeObject) -> int:
    """Follow every path through `code` with the table's effects; returns the deepest depth.
    Every instruction must be reached with one depth, never below zero, and every RETURN
    with exactly the one value it returns."""
    instructions = decode(code)
    by_offset = {offset: (op, operands) for offset, op, operands in instructions}
    next_offset = {offset: offset + OPCODES[op].size for offset, op, _ in instructions}
    depth_at = {0: 0}
    work = [0]
    deepest = 0
    while work:
        offset = work.pop()
        depth = depth_at[offset]
        op, operands = by_offset[offset]
        after = depth + stack_effect(op, operands)
        assert after >= 0, f"{code.name}@{offset:04X} {op.name}: stack underflow"
        deepest = max(deepest, depth, after)
        if op == Op.RETURN:
            assert depth == 1, f"{code.name}@{offset:04X}: RETURN with {depth} values"
            continue
        successors = []
        if op in (Op.JUMP, Op.LOOP):
            successors.append((operands[0], after))
        elif op in (Op.JUMP_IF_FALSE_KEEP, Op.JUMP_IF_TRUE_KEEP):
            successors += [(operands[0], depth), (next_offset[offset], after)]  # jump keeps it
        elif OPCODES[op].jump:
            successors += [(operands[0], after), (next_offset[offset], after)]
        else:
            successors.append((next_offset[offset], after))
        for target, target_depth in successors:
            assert target in by_offset, f"{code.name}@{offset:04X}: jump into nowhere {target:04X}"
            if target in depth_at:
                assert depth_at[target] == target_depth, \
                    f"{code.name}@{target:04X}: reached with depths {depth_at[target]} and {target_depth}"
            else:
                depth_at[target] = target_depth
                work.append(target)
    assert depth_at, code.name
    return deepest


@pytest.mark.parametrize("name", list(CORPUS))
def test_table_stack_effects_agree_with_compiled_code(name):
    for code in all_code(compiled(CORPUS[name])):
        assert check_stack_depths(code) >= 1


def test_stack_check_catches_a_wrong_effect(monkeypatch):
    """The depth check above is able to fail: with ADD's effect misdeclared it does."""
    code = compiled("(+ 1 2)")
    assert check_stack_depths(code) == 2
    monkeypatch.setitem(OPCODES, Op.ADD, type(OPCODES[Op.ADD])((), "a b -> a+b", 0))
    with pytest.raises(AssertionError, match="RETURN with 2 values"):
        check_stack_depths(code)


# -- operand superinstructions at run time ---------------------------------------------------------

def quickened_ops(vm, name: str) -> list:
    return [Op(op) for op, _ in vm.get_global(name).code.insns]


def test_operand_superinstructions_run_and_fall_back_for_good():
    """`(- n 1)` runs fused while n is an integer; a float makes it generic, for good, and
    the pair then runs one instruction at a time, the operator generic too: its first run
    met a float and an integer."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(def dec (n) (- n 1)) (def below (i n) (if (< i n) 1 0))")
    assert Op.LC_BINARY in quickened_ops(vm, "dec")
    assert Op.LL_JUMP_IF_NOT_LT in quickened_ops(vm, "below")
    assert vm.run("(+ (dec 5) (dec 2.5))") == 5.5  # a float constant of another type: generic
    ops = quickened_ops(vm, "dec")
    assert Op.LC_BINARY not in ops and Op.GET_LOCAL_CONST in ops
    assert ops[:2] == [Op.GET_LOCAL_CONST, Op.SUB]
    assert vm.run("(dec 7)") == 6
    assert quickened_ops(vm, "dec")[:2] == [Op.GET_LOCAL_CONST, Op.SUB]
    assert vm.run("(below 1 2)") == 1
    assert Op.LL_JUMP_IF_NOT_LT in quickened_ops(vm, "below")
    assert vm.run("(below 1.5 2)") == 1  # mixed int/float: generic, same answer
    assert Op.LL_JUMP_IF_NOT_LT not in quickened_ops(vm, "below")


def test_store_superinstructions_run_and_fall_back_for_good():
    """`(set i (+ i 1))` stores its value itself while i is an integer (LC_STORE), as
    `(set s (+ a b))` does (LL_STORE); a float makes it generic for good, the three
    instructions then run one at a time."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(def inc (i) (begin (set i (+ i 1)) i)) "
           "(def sum2 (a b) (begin (var s 0) (set s (+ a b)) s))")
    assert Op.LC_STORE in quickened_ops(vm, "inc") and Op.LL_STORE in quickened_ops(vm, "sum2")
    assert [vm.run("(inc 1)"), vm.run("(sum2 1 2)")] == [2, 3]
    assert [vm.run("(inc 1.5)"), vm.run("(sum2 1 2.5)")] == [2.5, 3.5]
    assert quickened_ops(vm, "inc")[:3] == [Op.GET_LOCAL_CONST, Op.ADD, Op.STORE_LOCAL]
    assert Op.LL_STORE not in quickened_ops(vm, "sum2")
    assert [vm.run("(inc 1)"), vm.run("(sum2 1 2)")] == [2, 3]


def test_setters_followed_by_pop_drop_their_value_and_report_errors_at_the_setter():
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("""
    (def put (l v) (begin (set (idx l 1) v) l))
    (class P null (def constructor (self) (set (prop self x) 1)))
    (def setx (p v) (begin (set (prop p x) v) p))
    (def counter () (begin (var c 0) (lambda () (begin (set c (+ c 1)) c))))
    (var tick (counter))
    """)
    for name, dropping in (("put", Op.STORE_INDEX), ("setx", Op.STORE_PROP)):
        assert dropping in quickened_ops(vm, name)
    assert Op.STORE_FREE in [Op(op) for op, _ in vm.get_global("tick").code.insns]
    assert vm.run("(== (list (put (list 1 2) 5) (prop (setx (new P) 7) x) (tick) (tick)) "
                  "(list (list 1 5) 7 1 2))") is True
    for call, setter in (("(put (list 1) 5)", Op.SET_INDEX), ("(put 3 5)", Op.SET_INDEX),
                         ("(setx 3 5)", Op.SET_PROP)):
        with pytest.raises(EvaRuntimeError) as error:
            vm.run(call)
        code = vm.get_global(call[1:].split()[0]).code
        index = [op for op, _ in code.generic_insns].index(setter)
        assert error.value.trace[0].position == code.position(index), call


def error_position(vm, source: str, match: str):
    """The position of the innermost frame of the error that running `source` raises."""
    with pytest.raises(EvaRuntimeError, match=match) as error:
        vm.run(source)
    return error.value.trace[0].position


def test_a_native_call_of_a_local_runs_in_one_dispatch_and_any_other_callee_as_before():
    """`(len s)`: CALL_GLOBAL_LOCAL calls a native global on a local in one dispatch, its
    error at the call's position; a global rebound to an Eva function, or undefined, runs the
    three instructions as they are (the function called, the error at the name)."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(var f len) (def size (s) (f s))")
    code = vm.get_global("size").code
    assert quickened_ops(vm, "size")[0] == Op.CALL_GLOBAL_LOCAL
    assert [Op(op) for op, _ in code.generic_insns[:3]] == [Op.GET_GLOBAL, Op.GET_LOCAL, Op.CALL]
    assert vm.run('(size "abc")') == 3
    assert error_position(vm, "(size 5)", "len") == code.position(2)  # the CALL's
    vm.run("(set f (lambda (x) (* x 2)))")
    assert vm.run("(size 21)") == 42
    vm.run("(set f sqrt)")
    assert vm.run("(size 16)") == 4.0
    vm.run("(def late (s) (g s))")
    late = vm.get_global("late").code
    # the name's, as GET_GLOBAL's
    assert error_position(vm, "(late 1)", "undefined variable 'g'") == late.position(0)


def test_a_statement_pushes_no_value_to_drop():
    """An `if`, block or loop whose value is not used leaves nothing on the stack: no null
    pushed for a POP, and a `set` in it fuses with its POP (STORE_LOCAL); as the last form
    of a body its value is still there."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(def f (n) (begin (var c 0) (if (< n 3) (set c 1)) (while (< c 2) (set c (+ c 1))) "
           "(for (var i 0) (< i 2) (set i (+ i 1)) (begin (if (== i 0) (set c (+ c 1)) (set c (- c 1))))) c))"
           "(def g (n) (if (< n 3) n))")
    insns = vm.get_global("f").code.generic_insns
    ops = [Op(op) for op, _ in insns]
    assert Op.POP not in ops and Op.SET_LOCAL not in ops and (Op.CONST, None) not in insns
    assert [vm.run("(f 1)"), vm.run("(f 5)"), vm.run("(g 1)"), vm.run("(g 5)")] == [2, 2, 1, None]
    assert vm.run("(while false 1)") is None and vm.run("(begin (if false 1))") is None


def test_a_generic_operator_is_quickened_at_its_first_run_only():
    """The first run on two ints (or two floats) makes the quickened form; a quickened form
    that meets other types, and an operator whose first run met other types, stay generic for
    good: code whose types change does not rewrite itself back and forth."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(def id (x) x) (def add (a b) (+ (id a) (id b))) (def sub (a b) (- (id a) (id b)))")

    def operator(name: str, generic: Op) -> Op:
        code = vm.get_global(name).code
        return Op(code.insns[[op for op, _ in code.generic_insns].index(generic)][0])

    assert [vm.run("(add 1 2)"), operator("add", Op.ADD)] == [3, Op.ADD_INT]
    assert [vm.run("(add 1.5 2.5)"), operator("add", Op.ADD)] == [4.0, Op.ADD]
    assert [vm.run("(add 1 2)"), operator("add", Op.ADD)] == [3, Op.ADD]
    assert [vm.run("(sub 1 2.5)"), operator("sub", Op.SUB)] == [-1.5, Op.SUB]
    assert [vm.run("(sub 3 2)"), operator("sub", Op.SUB)] == [1, Op.SUB]


def test_operand_superinstructions_leave_the_bytecode_alone():
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(def dec (n) (- n 1))")
    code = vm.get_global("dec").code
    assert [Op(op) for op, _ in code.generic_insns] == [Op.GET_LOCAL_CONST, Op.SUB, Op.RETURN]
    assert Op(code.insns[1][0]) == Op.SUB  # the second of the pair stays, for jumps and deopts


def expression_source(vm, name: str) -> str:
    """The generated source of the first expression superinstruction of function `name`."""
    [function] = [arg for op, arg in vm.get_global(name).code.insns if op == Op.EXPRESSION]
    return function.source


def test_expression_superinstructions_push_store_and_branch():
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("""
    (def dist2 (x y) (+ (* x x) (* y y)))
    (def shifted (a b c) (begin (var t (- (* a b) c)) t))
    (def inside (x y r) (if (<= (+ (* x x) (* y y)) (* r r)) 1 0))
    """)
    for name in ("dist2", "shifted", "inside"):
        code = vm.get_global(name).code
        generic = code.generic_insns
        assert Op.EXPRESSION in quickened_ops(vm, name)
        assert Op.EXPRESSION not in [op for op, _ in generic]
    assert [vm.run(call) for call in ("(dist2 3 4)", "(shifted 2.5 2 1)", "(inside 3 4 5)",
                                      "(inside 3 4 4.5)")] == [25, 4.0, 1, 0]
    assert "stack.append(((s1 * s1) + (s2 * s2)))" in expression_source(vm, "dist2")
    assert "stack[4] = ((s1 * s2) - s3)" in expression_source(vm, "shifted")
    assert "if value else" in expression_source(vm, "inside")
    # the local holding a float when the function was generated is tested as a float first
    assert "(type(s1) is float or type(s1) is int)" in expression_source(vm, "shifted")
    assert "(type(s2) is int or type(s2) is float)" in expression_source(vm, "shifted")


def test_expression_superinstructions_need_two_operators():
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(def dec (n) (- n 1)) (def neg (n) (- 0 (- n 1)))")
    assert Op.EXPRESSION not in quickened_ops(vm, "dec")
    assert Op.EXPRESSION in quickened_ops(vm, "neg")


def test_expression_superinstructions_fall_back_for_good():
    """A boolean local (a number to Python, not to Eva) makes the run generic; the operators
    then run one at a time and report the error, and the one whose first run met booleans
    stays generic when numbers come back."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("(def dist2 (x y) (+ (* x x) (* y y)))")
    assert vm.run("(dist2 1 2)") == 5
    with pytest.raises(EvaRuntimeError, match="cannot apply '\\*' to boolean and boolean"):
        vm.run("(dist2 1 true)")
    assert Op.EXPRESSION not in quickened_ops(vm, "dist2")
    assert vm.run("(dist2 1.5 2)") == 6.25
    assert Op.EXPRESSION not in quickened_ops(vm, "dist2")
    assert quickened_ops(vm, "dist2")[2:4] == [Op.GET_LOCAL2, Op.MUL]  # `(* y y)`


def test_expression_superinstructions_test_only_the_locals_they_read():
    """`s` is pushed after the run ends: a string in it must not make the run fall back."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run('(def g (x s) x) (def f (a b c s) (g (+ (* a b) c) s))')
    assert vm.run('(f 2 3 4 "s")') == 10
    assert Op.EXPRESSION in quickened_ops(vm, "f")
    assert "s4" not in expression_source(vm, "f")


def test_expression_runs_are_bounded():
    """A long sum is cut into runs of at most MAX_OPERATORS operators."""
    terms = 5 * MAX_OPERATORS
    source = "(def total (x) " + "(+ x " * terms + "x" + ")" * terms + ")"
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run(source)
    assert vm.run("(total 1)") == terms + 1
    insns = vm.get_global("total").code.generic_insns
    runs = [find_run(insns, index) for index in range(len(insns))]
    assert any(runs)
    assert all(run.source.count("+") <= MAX_OPERATORS for run in runs if run)


def test_a_call_of_a_computed_argument_pushes_the_frame_in_one_dispatch_or_runs_as_before():
    """`(f (- n 1))`: CALL_GLOBAL_LC pushes the callee's frame at once; every other case (an
    argument of another type, a division by zero, a native or undefined callee, the wrong
    arity, the depth limit) runs the three instructions after it as they are, with the error
    at the instruction that would have raised it."""
    vm = VM(jit=False, translate=False, stdout=io.StringIO(), max_depth=200)
    vm.run("(var f (lambda (x) (* x 2))) (def g (n) (f (- n 1))) (def h (n) (f (/ n 0)))"
           "(def down (n) (if (< n 1) 0 (+ 1 (down (- n 1)))))")
    code = vm.get_global("g").code
    assert quickened_ops(vm, "g")[0] == Op.CALL_GLOBAL_LC
    assert [Op(op) for op, _ in code.generic_insns[:4]] == \
        [Op.GET_GLOBAL, Op.GET_LOCAL_CONST, Op.SUB, Op.CALL]
    assert vm.run("(g 22)") == 42
    assert vm.run("(down 150)") == 150  # recursion through it, the frames popped as they came
    assert vm.run("(g 2.5)") == 3.0  # a float: the instructions as they are (LC_BINARY generic)
    assert Op.LC_BINARY not in quickened_ops(vm, "g") and vm.run("(g 22)") == 42
    h = vm.get_global("h").code
    assert error_position(vm, "(h 1)", "division by zero") == h.position(2)  # the operator's
    down = vm.get_global("down").code
    call = [op for op, _ in down.generic_insns].index(Op.CALL)
    assert error_position(vm, "(down 1000)", "stack overflow|depth") == down.position(call)
    vm.run("(set f (lambda (x y) x))")
    assert error_position(vm, "(g 1)", "argument") == code.position(3)  # the call's
    vm.run("(set f sqrt)")
    assert vm.run("(g 17)") == 4.0
    vm.run("(def late (n) (nothing (- n 1)))")
    late = vm.get_global("late").code
    assert error_position(vm, "(late 1)", "undefined variable 'nothing'") == late.position(0)
