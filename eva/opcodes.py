"""The opcode table: the single source of truth for Eva bytecode.

Every instruction is one opcode byte followed by its operands, each a big-endian u16. The
compiler's emitter, the interpreter, the disassembler and the JIT all read `OPCODES`; a test
checks that each of them handles every opcode.

Operand kinds say what an operand means, for the disassembler and for decoding:
  const  index into the code object's constants      local  frame slot (named by the code)
  global index into the code object's global names   free   index into the closure's cells
  jump   absolute instruction offset (bytes)         count  a plain number
Stack pictures use Lua's style: `a b -> a+b` (top of stack on the right).

Quickened forms (flag `quickened`) are never emitted by the compiler: the interpreter rewrites
a generic instruction into one of them in place, in its own copy of the instructions, once it
has seen the operand types (as CPython 3.11's specializing interpreter does), and back for
good when the types change (interp/quickening.py). They have no byte encoding of their own;
the disassembler, the translator and the JIT always see the generic form.
"""

from __future__ import annotations

from collections import namedtuple
from enum import IntEnum

OPERAND_WIDTH = 2  # bytes per operand: u16, so at most 65,535 constants/slots/bytes per function
MAX_OPERAND = (1 << (8 * OPERAND_WIDTH)) - 1


class OpInfo(namedtuple("OpInfo", "operands stack effect jump quickened covers",
                        defaults=(False, None, 1))):
    """Metadata of one opcode:

    operands   operand kinds (tuple of str), see the module docstring
    stack      stack picture
    effect     net stack effect; None when it depends on an operand
    jump       operand 0 is a jump target
    quickened  the generic opcode(s) this specializes ("*": the operators), or None
    covers     instructions it runs: the one it replaces and those after it (0: it varies)
    """

    __slots__ = ()

    @property
    def size(self) -> int:
        return 1 + OPERAND_WIDTH * len(self.operands)


_TABLE: list[tuple[str, OpInfo]] = [
    # constants and the operand stack
    ("CONST", OpInfo(("const",), "-> K[k]", 1)),
    ("POP", OpInfo((), "a ->", -1)),
    ("DUP", OpInfo((), "a -> a a", 1)),
    ("DUP2", OpInfo((), "a b -> a b a b", 2)),
    # variables
    ("GET_LOCAL", OpInfo(("local",), "-> L[s]  (declared for sure: no check)", 1)),
    ("GET_LOCAL_CHECKED", OpInfo(("local",), "-> L[s]  (error if not yet declared)", 1)),
    ("SET_LOCAL", OpInfo(("local",), "a -> a  ; L[s] = a", 0)),
    ("SET_LOCAL_CHECKED", OpInfo(("local",), "a -> a  ; L[s] = a (error if not declared)", 0)),
    ("DECLARE_LOCAL", OpInfo(("local",), "a -> a  ; L[s] = a (a `var`: always allowed)", 0)),
    ("CLEAR_LOCAL", OpInfo(("local",), "; L[s] = undeclared (block entry)", 0)),
    ("MAKE_CELL", OpInfo(("local",), "; L[s] = new cell, undeclared (block entry)", 0)),
    ("BOX_ARG", OpInfo(("local",), "; L[s] = new cell holding L[s] (captured parameter)", 0)),
    ("GET_CELL", OpInfo(("local",), "-> L[s].value", 1)),
    ("SET_CELL", OpInfo(("local",), "a -> a  ; L[s].value = a (error if not declared)", 0)),
    ("DECLARE_CELL", OpInfo(("local",), "a -> a  ; L[s].value = a", 0)),
    ("LOAD_CELL", OpInfo(("local",), "-> L[s]  (the cell itself, for capture)", 1)),
    ("GET_FREE", OpInfo(("free",), "-> C[i].value", 1)),
    ("SET_FREE", OpInfo(("free",), "a -> a  ; C[i].value = a", 0)),
    ("LOAD_FREE", OpInfo(("free",), "-> C[i]  (the cell itself, for capture)", 1)),
    ("GET_GLOBAL", OpInfo(("global",), "-> G[g]", 1)),
    ("SET_GLOBAL", OpInfo(("global",), "a -> a  ; G[g] = a (error if undefined)", 0)),
    ("DEFINE_GLOBAL", OpInfo(("global",), "a -> a  ; G[g] = a", 0)),
    # arithmetic and comparison
    ("ADD", OpInfo((), "a b -> a+b", -1)),
    ("SUB", OpInfo((), "a b -> a-b", -1)),
    ("MUL", OpInfo((), "a b -> a*b", -1)),
    ("DIV", OpInfo((), "a b -> a/b", -1)),
    ("MOD", OpInfo((), "a b -> a%b", -1)),
    ("NEG", OpInfo((), "a -> -a", 0)),
    ("NOT", OpInfo((), "a -> not a", 0)),
    ("LT", OpInfo((), "a b -> a<b", -1)),
    ("GT", OpInfo((), "a b -> a>b", -1)),
    ("LE", OpInfo((), "a b -> a<=b", -1)),
    ("GE", OpInfo((), "a b -> a>=b", -1)),
    ("EQ", OpInfo((), "a b -> a==b", -1)),
    ("NE", OpInfo((), "a b -> a!=b", -1)),
    # control flow
    ("JUMP", OpInfo(("jump",), "; pc = t", 0, jump=True)),
    ("JUMP_IF_FALSE", OpInfo(("jump",), "a -> ; if not a: pc = t", -1, jump=True)),
    ("JUMP_IF_FALSE_KEEP", OpInfo(("jump",), "a -> a (jump) | -> (fall through)", -1, jump=True)),
    ("JUMP_IF_TRUE_KEEP", OpInfo(("jump",), "a -> a (jump) | -> (fall through)", -1, jump=True)),
    ("LOOP", OpInfo(("jump",), "; pc = t (a loop back-edge: counted for OSR)", 0, jump=True)),
    # functions, calls, objects
    ("CALL", OpInfo(("count",), "f a1..an -> f(a1..an)", None)),
    ("RETURN", OpInfo((), "a -> (to the caller)", -1)),
    ("MAKE_FUNCTION", OpInfo(("const", "count"), "c1..cm -> closure(K[k], c1..cm)", None)),
    ("MAKE_CLASS", OpInfo(("const", "count"), "parent f1..fn -> class K[k]", None)),
    ("NEW", OpInfo(("count",), "C a1..an -> instance", None)),
    ("GET_PROP", OpInfo(("const",), "o -> o.K[k]", 0)),
    ("SET_PROP", OpInfo(("const",), "o v -> v  ; o.K[k] = v", -1)),
    ("SUPER", OpInfo((), "C -> parent of C", 0)),
    ("MAKE_LIST", OpInfo(("count",), "a1..an -> [a1..an]", None)),
    ("GET_INDEX", OpInfo((), "l i -> l[i]", -1)),
    ("SET_INDEX", OpInfo((), "l i v -> v  ; l[i] = v", -2)),
    # superinstructions: made by the peephole pass (peephole.py) from the pairs they replace
    ("STORE_LOCAL", OpInfo(("local",), "a ->  ; L[s] = a  (SET_LOCAL + POP)", -1)),
    ("GET_LOCAL2", OpInfo(("local", "local"), "-> L[s] L[t]  (GET_LOCAL + GET_LOCAL)", 2)),
    ("GET_LOCAL_CONST", OpInfo(("local", "const"), "-> L[s] K[k]  (GET_LOCAL + CONST)", 2)),
    ("JUMP_IF_NOT_LT", OpInfo(("jump",), "a b -> ; if not a<b: pc = t  (LT + JUMP_IF_FALSE)", -2,
                              jump=True)),
    # quickened forms (interpreter only, see module docstring)
    ("ADD_INT", OpInfo((), "int int -> int", -1, quickened="ADD")),
    ("SUB_INT", OpInfo((), "int int -> int", -1, quickened="SUB")),
    ("MUL_INT", OpInfo((), "int int -> int", -1, quickened="MUL")),
    ("LT_INT", OpInfo((), "int int -> bool", -1, quickened="LT")),
    # setters whose value is dropped, with the rest below (here, in the interpreter's range of
    # their generic forms: interpreter.py, ORDER)
    ("STORE_INDEX", OpInfo((), "l i v ->  ; l[i] = v", -3, quickened="SET_INDEX", covers=2)),
    ("STORE_PROP", OpInfo(("const",), "o v ->  ; o.K[k] = v", -2, quickened="SET_PROP",
                          covers=2)),
    ("ADD_FLOAT", OpInfo((), "float float -> float", -1, quickened="ADD")),
    ("SUB_FLOAT", OpInfo((), "float float -> float", -1, quickened="SUB")),
    ("MUL_FLOAT", OpInfo((), "float float -> float", -1, quickened="MUL")),
    ("LT_FLOAT", OpInfo((), "float float -> bool", -1, quickened="LT")),
    ("JUMP_IF_NOT_LT_INT", OpInfo(("jump",), "int int -> ; if not a<b: pc = t", -2, jump=True,
                                  quickened="JUMP_IF_NOT_LT")),
    ("JUMP_IF_NOT_LT_FLOAT", OpInfo(("jump",), "float float -> ; if not a<b: pc = t", -2,
                                    jump=True, quickened="JUMP_IF_NOT_LT")),
    # the other binary operators share one quickened form per type, operand: a host function
    ("INT_BINARY", OpInfo((), "int int -> f(a, b)", -1, quickened="*")),
    ("FLOAT_BINARY", OpInfo((), "float float -> f(a, b)", -1, quickened="*")),
    # operand superinstructions: an instruction that pushes operands (a local, a constant, or
    # two) and the operator after it as one dispatch, on numbers of one type (the instruction
    # after stays in place: see quickening.fuse_operands)
    ("LC_BINARY", OpInfo(("local", "const"), "-> f(L[s], K[k])", 1, quickened="GET_LOCAL_CONST",
                         covers=2)),
    ("LL_BINARY", OpInfo(("local", "local"), "-> f(L[s], L[t])", 1, quickened="GET_LOCAL2",
                         covers=2)),
    ("SC_BINARY", OpInfo(("const",), "a -> f(a, K[k])", 0, quickened="CONST", covers=2)),
    ("SL_BINARY", OpInfo(("local",), "a -> f(a, L[s])", 0, quickened="GET_LOCAL", covers=2)),
    ("LC_JUMP_IF_NOT_LT", OpInfo(("local", "const"), "; if not L[s] < K[k]: pc = t", 0,
                                 quickened="GET_LOCAL_CONST", covers=2)),
    ("LL_JUMP_IF_NOT_LT", OpInfo(("local", "local"), "; if not L[s] < L[t]: pc = t", 0,
                                 quickened="GET_LOCAL2", covers=2)),
    # expression superinstruction: a run of number arithmetic on locals and constants, and
    # what consumes its value, as one generated function (see interp/expressions.py)
    ("EXPRESSION", OpInfo((), "-> f(L...)  (or L[s] = f(L...), or branch on it)", None,
                          quickened="GET_LOCAL GET_LOCAL2 GET_LOCAL_CONST CONST", covers=0)),
    # store superinstructions: an operand superinstruction whose value goes to a local (the
    # STORE_LOCAL after the operator stays in place), and a setter whose value is dropped (the
    # POP after it stays in place; two more above): see quickening.fuse_operands
    ("LC_STORE", OpInfo(("local", "const"), "; L[u] = f(L[s], K[k])", 0,
                        quickened="GET_LOCAL_CONST", covers=3)),
    ("LL_STORE", OpInfo(("local", "local"), "; L[u] = f(L[s], L[t])", 0, quickened="GET_LOCAL2",
                        covers=3)),
    ("STORE_FREE", OpInfo(("free",), "a ->  ; C[i].value = a", -1, quickened="SET_FREE",
                          covers=2)),
    # a call of a global with a local as its argument, `(len s)`: a native callee is called
    # at once (the GET_LOCAL and CALL after it stay in place: see quickening.fuse_operands;
    # the interpreter tests it with the variables, interpreter.py ORDER)
    ("CALL_GLOBAL_LOCAL", OpInfo(("global", "local"), "-> G[g](L[s])  (native G[g])", 1,
                                 quickened="GET_GLOBAL", covers=3)),
    # a call of a global function with one argument computed from a local and a constant,
    # `(fib (- n 1))`: the callee's frame is pushed at once, where no other tier runs the
    # callee and nothing counts calls (the three instructions after it stay in place; any
    # other case runs them as they are: see quickening.fuse_operands)
    ("CALL_GLOBAL_LC", OpInfo(("global", "local", "const"), "-> G[g](f(L[s], K[k]))  (Eva G[g])",
                              1, quickened="GET_GLOBAL", covers=4)),
]

Op = IntEnum("Op", [name for name, _ in _TABLE], start=0)
Op.__doc__ = "Eva opcodes; metadata in OPCODES."
OPCODES: dict[Op, OpInfo] = {Op[name]: info for name, info in _TABLE}
EMITTED = [op for op, info in OPCODES.items() if info.quickened is None]
QUICKENED = frozenset(op for op, info in OPCODES.items() if info.quickened)


def stack_effect(op: Op, operands) -> int:
    """Net stack effect of one instruction. `operands` are its operands, raw (u16 numbers) or
    decoded (`CodeObject.generic_insns`): only a `count` operand is read, so either works."""
    info = OPCODES[op]
    if info.effect is not None:
        return info.effect
    count = operands[info.operands.index("count")]
    if op in (Op.CALL, Op.NEW):
        return -count      # callee or class and n arguments -> one result
    if op == Op.MAKE_FUNCTION:
        return 1 - count   # m cells -> one closure
    if op == Op.MAKE_CLASS:
        return -count      # parent and n methods -> one class
    if op == Op.MAKE_LIST:
        return 1 - count
    raise AssertionError(f"no rule for the variable effect of {op.name}")
