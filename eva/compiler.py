"""The compiler: analyzed AST to code objects.

Every expression compiles to code that leaves exactly one value on the operand stack.
Variables compile by their resolution (see scope.py): a global by name, a local slot, a cell
in a local slot (captured by a nested function), or a free cell of the running closure.
"""

from __future__ import annotations

import gc
import sys

from eva import ast
from eva.bytecode import CodeObject, Emitter
from eva.errors import EvaSyntaxError
from eva.objects import String
from eva.opcodes import Op
from eva.parser import parse
from eva.reader import MAX_NESTING, Reader
from eva.scope import FunctionScope, Var, analyze

BINARY_OPCODES = {
    "+": Op.ADD, "-": Op.SUB, "*": Op.MUL, "/": Op.DIV, "%": Op.MOD,
    "<": Op.LT, ">": Op.GT, "<=": Op.LE, ">=": Op.GE, "==": Op.EQ, "!=": Op.NE,
}
RECURSION_PER_LEVEL = 8
"""Host frames the parser, scope analysis and compiler use per nesting level (generous)."""

SCRIPT_NAME = "<script>"
"""The name of a program's top-level code object (its stack trace lines say it)."""


class FunctionCompiler:
    """Compiles one function body (or the script) into one code object."""

    def __init__(self, compiler: "Compiler", scope: FunctionScope, name: str, arity: int,
                 at: ast.Node):
        self.compiler = compiler
        self.scope = scope
        self.code = CodeObject(name, arity, compiler.file)
        self.code.line, self.code.col = at.line, at.col
        self.out = Emitter(self.code)

    def finish(self) -> CodeObject:
        code = self.code
        code.nslots = self.scope.nslots
        code.slot_names = [self.scope.slot_names.get(i, "?") for i in range(code.nslots)]
        code.free_names = [var.name for var in self.scope.free]
        return self.out.finish(self.compiler.globals)

    # -- helpers ---------------------------------------------------------------------------

    def emit(self, op: Op, *operands: int, at=None) -> int:
        return self.out.emit(op, *operands, at=at)

    def constant(self, value, at) -> None:
        if isinstance(value, str):
            value = self.compiler.literal_string(value)
        self.emit(Op.CONST, self.out.add_constant(value), at=at)

    def enter_scope(self, scope, at) -> None:
        """Block entry: fresh cells for captured variables, reset checked ones, and box
        captured parameters (a function's parameter block)."""
        for var in scope.locals():
            if var.is_param:
                if var.captured:
                    self.emit(Op.BOX_ARG, var.slot, at=at)
            elif var.captured:
                self.emit(Op.MAKE_CELL, var.slot, at=at)
            elif var.needs_clear:
                self.emit(Op.CLEAR_LOCAL, var.slot, at=at)

    # -- variables -------------------------------------------------------------------------

    def load(self, name: ast.Name) -> None:
        var: Var | None = name.var
        if var is None or var.is_global:
            self.emit(Op.GET_GLOBAL, self.out.add_global(name.name), at=name)
        elif var.function is not self.scope:
            self.emit(Op.GET_FREE, self.scope.free_index[var], at=name)
        elif var.captured:
            index = self.emit(Op.GET_CELL, var.slot, at=name)
            self.code.variable_names[index] = name.name
        else:
            index = self.emit(Op.GET_LOCAL_CHECKED if name.checked else Op.GET_LOCAL, var.slot,
                              at=name)
            self.code.variable_names[index] = name.name

    def store(self, name: ast.Name, declare: bool = False) -> None:
        var: Var | None = name.var
        if var is None or var.is_global:
            op = Op.DEFINE_GLOBAL if declare else Op.SET_GLOBAL
            self.emit(op, self.out.add_global(name.name), at=name)
        elif var.function is not self.scope:
            self.emit(Op.SET_FREE, self.scope.free_index[var], at=name)
        elif var.captured:
            index = self.emit(Op.DECLARE_CELL if declare else Op.SET_CELL, var.slot, at=name)
            self.code.variable_names[index] = name.name
        elif declare:
            self.emit(Op.DECLARE_LOCAL, var.slot, at=name)
        else:
            index = self.emit(Op.SET_LOCAL_CHECKED if name.checked else Op.SET_LOCAL, var.slot,
                              at=name)
            self.code.variable_names[index] = name.name

    # -- expressions -----------------------------------------------------------------------

    def compile(self, node: ast.Node) -> None:
        getattr(self, "compile_" + type(node).__name__)(node)

    def compile_Literal(self, node: ast.Literal) -> None:
        self.constant(node.value, node)

    def compile_Name(self, node: ast.Name) -> None:
        self.load(node)

    def compile_Declare(self, node: ast.Declare) -> None:
        self.compile(node.value)
        self.store(node.target, declare=True)

    def compile_Assign(self, node: ast.Assign) -> None:
        self.compile(node.value)
        self.store(node.target)

    def compile_effect(self, node: ast.Node) -> None:
        """Compile `node` for its effect only: nothing is left on the stack. A statement
        (an item of a `begin` before the last, a loop's body and step) needs no value, so
        an `if`, a block or a loop there pushes none for a POP to drop: `(if c (set x (+ x
        1)))` in a loop was test, add, SET_LOCAL, JUMP, POP (or CONST null, POP when `c`
        is false), and is test and one fused LC_STORE in the dispatch loop (strings: 12 %
        fewer dispatches per iteration). Other nodes are compiled with their value and a
        POP, which the peephole pass fuses with a store before it (STORE_LOCAL)."""
        effect = getattr(self, "effect_" + type(node).__name__, None)
        if effect is not None:
            effect(node)
        else:
            self.compile(node)
            self.emit(Op.POP, at=node)

    def compile_sequence(self, body: list, at) -> None:
        if not body:
            self.constant(None, at)
            return
        for item in body[:-1]:
            self.compile_effect(item)
        self.compile(body[-1])

    def compile_Block(self, node: ast.Block) -> None:
        self.enter_scope(node.scope, node)
        self.compile_sequence(node.body, node)

    def effect_Block(self, node: ast.Block) -> None:
        self.enter_scope(node.scope, node)
        for item in node.body:
            self.compile_effect(item)

    def compile_If(self, node: ast.If, effect: bool = False) -> None:
        """`effect`: each branch compiled for its effect only (compile_effect)."""
        branch = self.compile_effect if effect else self.compile
        self.compile(node.cond)
        to_else = self.out.emit_jump(Op.JUMP_IF_FALSE, at=node)
        branch(node.then)
        if effect and node.otherwise is None:
            self.out.patch_jump(to_else)
            return
        to_end = self.out.emit_jump(Op.JUMP, at=node)
        self.out.patch_jump(to_else)
        if node.otherwise is not None:
            branch(node.otherwise)
        else:
            self.constant(None, node)
        self.out.patch_jump(to_end)

    def effect_If(self, node: ast.If) -> None:
        self.compile_If(node, effect=True)

    def compile_loop(self, cond: ast.Node, body: ast.Node, step: ast.Node | None, at,
                     effect: bool = False) -> None:
        """A loop's value is null; `effect`: not even that is pushed (compile_effect)."""
        start = self.out.here
        self.compile(cond)
        to_end = self.out.emit_jump(Op.JUMP_IF_FALSE, at=at)
        self.compile_effect(body)
        if step is not None:
            self.compile_effect(step)
        self.out.emit_loop(start, at=at)
        self.out.patch_jump(to_end)
        if not effect:
            self.constant(None, at)

    def compile_While(self, node: ast.While, effect: bool = False) -> None:
        self.compile_loop(node.cond, node.body, None, node, effect)

    def effect_While(self, node: ast.While) -> None:
        self.compile_While(node, effect=True)

    def compile_For(self, node: ast.For, effect: bool = False) -> None:
        self.enter_scope(node.scope, node)
        self.compile_effect(node.init)
        self.compile_loop(node.cond, node.body, node.step, node, effect)

    def effect_For(self, node: ast.For) -> None:
        self.compile_For(node, effect=True)

    def compile_Lambda(self, node: ast.Lambda) -> None:
        inner = FunctionCompiler(self.compiler, node.function, node.name, len(node.params), node)
        inner.enter_scope(node.function.block, node)
        inner.compile(node.body)
        inner.emit(Op.RETURN, at=node)
        code = inner.finish()
        for var in node.function.free:
            if var.function is self.scope:
                self.emit(Op.LOAD_CELL, var.slot, at=node)
            else:
                self.emit(Op.LOAD_FREE, self.scope.free_index[var], at=node)
        self.emit(Op.MAKE_FUNCTION, self.out.add_constant(code), len(node.function.free), at=node)

    def compile_Call(self, node: ast.Call) -> None:
        self.compile(node.callee)
        for arg in node.args:
            self.compile(arg)
        self.emit(Op.CALL, len(node.args), at=node)

    def compile_ClassDef(self, node: ast.ClassDef) -> None:
        self.compile(node.parent)
        for method in node.methods:
            self.compile_Lambda(method)
        name = self.compiler.literal_string(node.name)
        self.emit(Op.MAKE_CLASS, self.out.add_constant(name), len(node.methods), at=node)

    def compile_New(self, node: ast.New) -> None:
        self.compile(node.cls)
        for arg in node.args:
            self.compile(arg)
        self.emit(Op.NEW, len(node.args), at=node)

    def property_name(self, name: str) -> int:
        return self.out.add_constant(self.compiler.literal_string(name))

    def compile_Prop(self, node: ast.Prop) -> None:
        self.compile(node.obj)
        self.emit(Op.GET_PROP, self.property_name(node.name), at=node)

    def compile_SetProp(self, node: ast.SetProp) -> None:
        self.compile(node.obj)
        self.compile(node.value)
        self.emit(Op.SET_PROP, self.property_name(node.name), at=node)

    def compile_Index(self, node: ast.Index) -> None:
        self.compile(node.obj)
        self.compile(node.index)
        self.emit(Op.GET_INDEX, at=node)

    def compile_SetIndex(self, node: ast.SetIndex) -> None:
        self.compile(node.obj)
        self.compile(node.index)
        self.compile(node.value)
        self.emit(Op.SET_INDEX, at=node)

    def compile_Update(self, node: ast.Update) -> None:
        """Read the place once, combine, write back; the object and index are evaluated once."""
        place = node.place
        combine = Op.ADD if node.op == "+" else Op.SUB
        if isinstance(place, ast.Name):
            self.load(place)
            self.compile(node.amount)
            self.emit(combine, at=node)
            self.store(place)
        elif isinstance(place, ast.Prop):
            self.compile(place.obj)
            self.emit(Op.DUP, at=node)
            self.emit(Op.GET_PROP, self.property_name(place.name), at=place)
            self.compile(node.amount)
            self.emit(combine, at=node)
            self.emit(Op.SET_PROP, self.property_name(place.name), at=node)
        else:
            self.compile(place.obj)
            self.compile(place.index)
            self.emit(Op.DUP2, at=node)
            self.emit(Op.GET_INDEX, at=place)
            self.compile(node.amount)
            self.emit(combine, at=node)
            self.emit(Op.SET_INDEX, at=node)

    def compile_Super(self, node: ast.Super) -> None:
        self.compile(node.cls)
        self.emit(Op.SUPER, at=node)

    def compile_Logical(self, node: ast.Logical) -> None:
        if not node.items:
            self.constant(node.op == "and", node)
            return
        jump = Op.JUMP_IF_FALSE_KEEP if node.op == "and" else Op.JUMP_IF_TRUE_KEEP
        exits = []
        for item in node.items[:-1]:
            self.compile(item)
            exits.append(self.out.emit_jump(jump, at=node))
        self.compile(node.items[-1])
        for index in exits:
            self.out.patch_jump(index)

    def compile_Not(self, node: ast.Not) -> None:
        self.compile(node.operand)
        self.emit(Op.NOT, at=node)

    def compile_Switch(self, node: ast.Switch) -> None:
        exits = []
        for test, value in node.clauses:
            self.compile(test)
            to_next = self.out.emit_jump(Op.JUMP_IF_FALSE, at=node)
            self.compile(value)
            exits.append(self.out.emit_jump(Op.JUMP, at=node))
            self.out.patch_jump(to_next)
        if node.default is not None:
            self.compile(node.default)
        else:
            self.constant(None, node)
        for index in exits:
            self.out.patch_jump(index)

    def compile_MakeList(self, node: ast.MakeList) -> None:
        for item in node.items:
            self.compile(item)
        self.emit(Op.MAKE_LIST, len(node.items), at=node)

    def compile_BinOp(self, node: ast.BinOp) -> None:
        self.compile(node.left)
        self.compile(node.right)
        self.emit(BINARY_OPCODES[node.op], at=node)

    def compile_Negate(self, node: ast.Negate) -> None:
        self.compile(node.operand)
        self.emit(Op.NEG, at=node)


class Compiler:
    """Compiles whole programs for one VM: globals resolve against its global table."""

    def __init__(self, globals_table, heap, file: str = "<input>"):
        self.globals = globals_table
        self.heap = heap
        self.file = file
        self.strings: dict[str, String] = {}

    def literal_string(self, text: str) -> String:
        """A string literal: one permanent object per distinct text in a compilation."""
        string = self.strings.get(text)
        if string is None:
            string = self.strings[text] = self.heap.permanent(String(text))
        return string

    def compile_source(self, text: str) -> CodeObject:
        """Read, parse, analyze and compile a program; raises EvaSyntaxError.

        Python's cycle collector is off meanwhile: the front end makes several objects per
        token, all alive until it ends, and the collector's passes over them took a third of
        the time of a large program's compilation (1.3 MB of source: 6.5 s -> 4.2 s). What
        it leaves for the collector is collected when it runs next."""
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, MAX_NESTING * RECURSION_PER_LEVEL + 1000))
        collecting = gc.isenabled()
        gc.disable()
        try:
            reader = Reader(text, self.file)
            program = parse(reader.read_all(), self.file, reader.lines)
            analyze(program)
            return self.compile_program(program)
        except RecursionError:  # defensive: MAX_NESTING should make this unreachable
            raise EvaSyntaxError("expression nested too deeply", _start(self.file)) from None
        finally:
            sys.setrecursionlimit(limit)
            if collecting:
                gc.enable()

    def compile_program(self, program: ast.Program) -> CodeObject:
        script = FunctionCompiler(self, program.function, SCRIPT_NAME, 0, program)
        script.compile_sequence(program.body, program)
        script.emit(Op.RETURN, at=program)
        return script.finish()


def _start(file: str):
    from eva.errors import Position
    return Position(file, 1, 1)
