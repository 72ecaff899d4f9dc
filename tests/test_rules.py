"""The JIT's rule registry (eva/jit/rules.py): every opcode has a rule, every kind an operation
accepts has a lowering, an instruction without a sign fact gives UNKNOWN, and the guards a
rule declares (which `eva ir --stage types` shows) are the ones the lowering emits."""

from __future__ import annotations

import io
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

import eva
from eva.jit import rules
from eva.jit.analysis import analyze
from eva.jit.lowering import LOWERINGS, Lowerer
from eva.jit.rules import ANY, RULES, VALUE_KINDS, Rule
from eva.jit.runtime import operations
from eva.jit.signs import unknown_results, unsigned_remainders
from eva.jit.types import BOXED, INT, UNDEF_T
from eva.opcodes import EMITTED, OPCODES, QUICKENED, Op, stack_effect

ROOT = Path(__file__).parent.parent


def compilable(op: Op) -> bool:
    return RULES[op].refused is None


@pytest.mark.parametrize("op", list(Op), ids=lambda op: op.name)
def test_every_opcode_has_a_rule(op):
    """An opcode the JIT may meet is typed and lowered, or refused with a reason: never
    missing (an unknown opcode used to fall through signs.py with its facts unchanged)."""
    rule = RULES.get(op)
    assert rule is not None, f"{op.name} has no rule in eva/jit/rules.py"
    if rule.refused is not None:
        assert rule.refused.strip(), op.name
        assert (rule.operation, rule.typing, rule.sign, rule.guards, rule.lower) == \
            (None,) * 5, f"{op.name} is refused, yet has rules"
        return
    assert (rule.operation is None) != (rule.typing is None), \
        f"{op.name} needs exactly one typing rule"
    assert rule.lower, f"{op.name} has no lowering"
    assert set(LOWERINGS[op]) == set(rule.lower)


def test_the_jit_compiles_every_opcode_the_compiler_emits():
    """Refused: only the quickened forms (the JIT reads generic instructions). Every opcode
    the compiler emits compiles (objects, lists, closures and the rest through the runtime).
    If this changes, the docs (docs/jit.md, "What is compiled") should too."""
    refused = {op for op in Op if not compilable(op)}
    assert refused == QUICKENED
    assert set(LOWERINGS) == set(EMITTED)


OPERATIONS = [op for op in Op if RULES[op].operation is not None]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_an_operation_is_lowered_for_exactly_the_kinds_it_accepts(op):
    """Natively for the kinds its typing accepts; for every other combination (a boxed
    value, a string) by the runtime function the rule names."""
    rule = RULES[op]
    assert ANY not in rule.lower
    every = set(itertools.product(VALUE_KINDS + (BOXED,), repeat=rule.inputs))
    accepted = {kinds for kinds in every if rule.operation(*kinds) is not None}
    assert accepted, f"{op.name} accepts no operand kinds"
    assert accepted == set(rule.lower), f"{op.name}: typing and lowering disagree"
    if accepted != every:
        assert rule.runtime in runtime_functions(), f"{op.name} has no runtime function"
    assert rule.inputs == -OPCODES[op].effect + 1  # pops its operands, pushes one result


def runtime_functions() -> set:
    class Interpreter:  # what `operations` takes from one
        heap = type("Heap", (), {"alloc": staticmethod(lambda obj: obj)})()
        call = None
        frames = []
        vm = type("VM", (), {"jit": None})()
    return set(operations(Interpreter()))


def test_registering_a_facet_twice_is_an_error():
    with pytest.raises(ValueError, match="the rule of ADD has its operation already"):
        rules.operation(Op.ADD, lower={}, runtime="rt_add")(rules.arithmetic)
    with pytest.raises(ValueError, match="two lowerings"):
        rules.by_kinds((rules.INTEGERS, "a", {}), (rules.NUMBER_PAIRS, "b", {}))


# -- sign facts: an instruction without one gives UNKNOWN ------------------------------------

def typed_function(source: str, name: str = "f"):
    vm = eva.VM(jit=False)
    vm.run(source)
    code = vm.get_global(name).code
    slots = (None,) + (INT,) * code.arity + (UNDEF_T,) * (code.nslots - 1 - code.arity)
    return analyze(code, 0, slots)


def remainders(typed) -> frozenset:
    return frozenset(pc for pc, (op, _) in enumerate(typed.code.generic_insns) if op == Op.MOD)


NEGATED_CONSTANT = "(def f (a) (% (- 7) 3))"
"""NEG of a non-negative constant, then `%`: the result is -7, so the `%` must stay signed."""


def test_an_operation_without_a_sign_fact_gives_unknown(monkeypatch):
    assert RULES[Op.NEG].sign is None
    assert unsigned_remainders(typed_function(NEGATED_CONSTANT)) == frozenset()
    # the stale fact this guards against: NEG keeping its operand's "non-negative"
    monkeypatch.setattr(RULES[Op.NEG], "sign", lambda facts, kinds: facts[0])
    typed = typed_function(NEGATED_CONSTANT)
    assert unsigned_remainders(typed) == remainders(typed)


def unary_instruction(sign=None) -> Rule:
    """A new unary instruction as it would be registered for an opcode not yet in the
    table (here under NEG's number): typed like a value-preserving instruction, with the
    given sign fact or none."""
    rule = Rule(Op.NEG)
    rule.inputs = 1
    rule.typing = lambda t, arg, slots, stack: None  # its result has its operand's type
    rule.sign = sign
    rule.lower = RULES[Op.NEG].lower
    return rule


def test_an_instruction_without_a_sign_fact_gives_unknown(monkeypatch):
    monkeypatch.setitem(RULES, Op.NEG, unary_instruction())
    assert unsigned_remainders(typed_function(NEGATED_CONSTANT)) == frozenset()
    # "facts unchanged", the fallback signs.py had, would make the `%` a wrong urem
    monkeypatch.setitem(RULES, Op.NEG, unary_instruction(sign=lambda *state: None))
    typed = typed_function(NEGATED_CONSTANT)
    assert unsigned_remainders(typed) == remainders(typed)


@pytest.mark.parametrize("op, slots, stack, expected", [
    (Op.STORE_LOCAL, {1, 2}, [True, True], ({1}, [True])),      # writes `a` (2), pops it
    (Op.GET_LOCAL_CONST, {1, 2}, [True], ({1, 2}, [True, False, False])),
    (Op.CALL, {1}, [True, True, True], ({1}, [True, False])),   # the callee and one argument
], ids=lambda value: value.name if isinstance(value, Op) else "")
def test_the_default_sign_fact_is_unknown_results_and_forgotten_slots(op, slots, stack,
                                                                      expected):
    typed = typed_function("(def g (x) x) (def f (n) (begin (var a (+ n 1)) (g (- a 2)) a))")
    pc = next(pc for pc, (insn, _) in enumerate(typed.code.generic_insns) if insn == op)
    unknown_results(typed, pc, typed.code.generic_insns[pc][1], slots, stack)
    assert (slots, stack) == expected


# -- the guards a rule declares are the ones the lowering emits -------------------------------

UNIT_GUARDS = {"stack depth", "loop exit"}
"""Guards of the unit rather than of an instruction: its entry's depth check (and the
sign speculation's, "'x' is negative"), and a loop unit leaving its loop."""


EXTRA_GUARDS = "(def root (n) (sqrt n)) (print (root 16))"
"""The one guard the corpus does not lower: an integer converted for `sqrt`."""


def corpus_sources():
    yield EXTRA_GUARDS
    paths = sorted(ROOT.glob("tests/lang/**/*.eva")) + sorted(ROOT.glob("tests/ir/*.eva"))
    for path in paths:
        if path.parent.name == "limits":  # 2 s of deep interpreted recursion, for 2 units
            continue
        yield path.read_text()
    for path in sorted(ROOT.glob("benchmarks/programs/*.eva")):
        source = path.read_text()
        quick = [line.split(":")[1] for line in source.splitlines() if "// quick:" in line]
        if quick:
            lines = [f"(var SIZE {quick[0].strip()})" if line.startswith("(var SIZE") else line
                     for line in source.splitlines()]
            source = "\n".join(lines)
        yield source


@pytest.fixture(scope="module")
def lowered_corpus():
    """Every unit the golden corpus, tests/ir and the benchmarks compile (JIT forced on):
    [(typed, {pc: reasons of the guards lowered while at pc})]."""
    emitted = defaultdict(lambda: defaultdict(set))
    typed_by_id = {}
    original = Lowerer.exit_to_deopt

    def recording(self, reason, *args):
        typed_by_id[id(self.typed)] = self.typed
        emitted[id(self.typed)][self.pc].add(reason)
        return original(self, reason, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Lowerer, "exit_to_deopt", recording)
        for source in corpus_sources():
            vm = eva.VM(stdout=io.StringIO(), jit_always=True, jit_cache=False)
            try:
                vm.run(source, "corpus.eva")
            except eva.EvaError:
                pass
    return [(typed_by_id[key], guards) for key, guards in emitted.items()]


def test_declared_guards_are_the_lowered_guards(lowered_corpus):
    seen = set()
    for typed, lowered in lowered_corpus:
        for pc in typed.states:
            op, _ = typed.code.generic_insns[pc]
            declared = set(RULES[op].guards_at(typed, pc))
            emitted = {reason for reason in lowered.get(pc, ()) if reason not in UNIT_GUARDS
                       and not reason.endswith(" is negative")}
            assert emitted == declared, (typed.code.name, pc, Op(op).name)
            seen |= emitted
    every_guard = {value for name, value in vars(rules).items()
                   if name.isupper() and isinstance(value, str) and value != ANY}
    assert seen == every_guard, f"the corpus never lowered {sorted(every_guard - seen)}"


def test_recorded_results_agree_with_the_opcode_table(lowered_corpus):
    """What the analysis records an instruction pushes (`eva ir --stage types`) is as many
    values as its rule's operand count and the table's stack effect say."""
    checked = set()
    for typed, _ in lowered_corpus:
        for pc, results in typed.results.items():
            op, arg = typed.code.generic_insns[pc]
            count = RULES[op].operand_count(arg)
            operands = arg if isinstance(arg, tuple) else (arg,)
            assert len(results) == count + stack_effect(op, operands), Op(op).name
            checked.add(op)
    assert len(checked) > 20
