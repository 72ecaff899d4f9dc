"""Scope analysis: decides, for every variable, whether it is global, local or a cell.

Rules (SPEC.md section 6):
- The program's outer block is the global scope: its variables are globals, looked up by
  name when they run. Names that resolve nowhere are globals too (an error if never defined).
- Every other `begin`, every function body and every `for` is a block scope. A name declared
  anywhere in a block (not inside a nested block or function) is that block's variable
  throughout the block: declarations are hoisted, as with JavaScript's `let`.
- A local lives in a frame slot. A local that a nested function refers to is *captured*: it
  lives in a heap cell made when its block is entered (so loop bodies get fresh cells on every
  iteration) and every function between the declaring one and the user lists it as a free
  variable, so closures pass the cell down.
- Reading or setting a local before its declaration ran is a runtime error. A reference needs
  no runtime check (`checked = False`) when its variable is a parameter, or was declared by a
  direct child of its block that precedes the reference. Unchecked references are the common
  case and compile to the fast unchecked opcodes; a variable with any checked reference is
  reset at block entry (`needs_clear`) so a stale value from an earlier iteration never leaks.
- Slots of sibling blocks are reused; `FunctionScope.nslots` is the most any point needs.
"""

from __future__ import annotations

from eva import ast


class Var:
    """One variable. `slot` is its frame slot (None for globals)."""

    def __init__(self, name: str, function: "FunctionScope", is_global: bool = False,
                 is_param: bool = False):
        self.name = name
        self.function = function
        self.is_global = is_global
        self.is_param = is_param
        self.slot: int | None = None
        self.captured = False
        self.needs_clear = False

    def __repr__(self) -> str:
        kind = "global" if self.is_global else "cell" if self.captured else "local"
        return f"<{kind} {self.name}" + (f" @{self.slot}>" if self.slot is not None else ">")


class BlockScope:
    def __init__(self, function: "FunctionScope", parent: "BlockScope | None",
                 is_global: bool = False):
        self.function = function
        self.parent = parent
        self.is_global = is_global
        self.vars: dict[str, Var] = {}

    def locals(self) -> list[Var]:
        return [v for v in self.vars.values() if not v.is_global]


class FunctionScope:
    def __init__(self, name: str, parent: "FunctionScope | None"):
        self.name = name
        self.parent = parent
        self.free: list[Var] = []
        self.free_index: dict[Var, int] = {}
        self.next_slot = 1   # slot 0 holds the function itself
        self.nslots = 1
        self.slot_names: dict[int, str] = {0: name}
        self.initialized: set[Var] = set()
        self.params: list[Var] = []
        self.block: BlockScope | None = None  # the parameters' block (functions only)

    def allocate(self, var: Var) -> None:
        var.slot = self.next_slot
        previous = self.slot_names.get(var.slot)
        self.slot_names[var.slot] = var.name if previous in (None, var.name) else f"{previous}|{var.name}"
        self.next_slot += 1
        self.nslots = max(self.nslots, self.next_slot)

    def capture(self, var: Var) -> int:
        """Index of `var` among this function's free variables (adding it if new)."""
        if var not in self.free_index:
            self.free_index[var] = len(self.free)
            self.free.append(var)
        return self.free_index[var]


def children(node: ast.Node):
    """The direct sub-nodes of a node, in evaluation order."""
    for name in node.fields:
        value = getattr(node, name)
        if isinstance(value, ast.Node):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, tuple):
                    yield from item
                elif isinstance(item, ast.Node):
                    yield item


def hoisted(nodes) -> list[ast.Declare]:
    """Declarations belonging to the block these nodes are in (not nested blocks/functions)."""
    found = []
    work = list(reversed(list(nodes)))
    while work:
        node = work.pop()
        if isinstance(node, (ast.Block, ast.For, ast.Lambda)):
            continue
        if isinstance(node, ast.Declare):
            found.append(node)
        if isinstance(node, ast.ClassDef):
            work.append(node.parent)  # methods are functions: their insides are not ours
            continue
        work.extend(reversed(list(children(node))))
    return found


class Resolver:
    def analyze(self, program: ast.Program) -> None:
        script = FunctionScope("<script>", None)
        program.function = script
        program.scope = BlockScope(script, None, is_global=True)
        self.declare_all(program.scope, program.body)
        for node in program.body:
            self.visit(node, program.scope)

    def declare_all(self, block: BlockScope, nodes) -> None:
        for declaration in hoisted(nodes):
            name = declaration.target.name
            if name not in block.vars:
                var = Var(name, block.function, is_global=block.is_global)
                block.vars[name] = var
                if not block.is_global:
                    block.function.allocate(var)

    def visit(self, node: ast.Node, block: BlockScope) -> None:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is not None:
            method(node, block)
        else:
            for child in children(node):
                self.visit(child, block)

    def visit_Name(self, node: ast.Name, block: BlockScope, declaring: bool = False) -> None:
        function = block.function
        scope = block
        while scope is not None and node.name not in scope.vars:
            scope = scope.parent
        if scope is None:
            node.var, node.checked = None, True
            return
        var = scope.vars[node.name]
        node.var = var
        if var.is_global:
            node.checked = True
        elif var.function is function:
            node.checked = not (declaring or var.is_param or var in function.initialized)
            if node.checked:
                var.needs_clear = True
        else:
            var.captured = True
            node.checked = True
            inner = function
            while inner is not var.function:
                inner.capture(var)
                inner = inner.parent

    def visit_Declare(self, node: ast.Declare, block: BlockScope) -> None:
        self.visit(node.value, block)
        self.visit_Name(node.target, block, declaring=True)  # may always write its variable

    def visit_sequence(self, nodes: list, block: BlockScope) -> None:
        """Visit a block's direct children in order, noting what is surely declared."""
        initialized = block.function.initialized
        for node in nodes:
            self.visit(node, block)
            if isinstance(node, ast.Declare) and not block.is_global:
                initialized.add(node.target.var)

    def enter_block(self, block: BlockScope, nodes) -> tuple[BlockScope, int]:
        inner = BlockScope(block.function, block)
        saved = block.function.next_slot
        self.declare_all(inner, nodes)
        return inner, saved

    def leave_block(self, inner: BlockScope, saved_slot: int) -> None:
        function = inner.function
        function.next_slot = saved_slot
        function.initialized.difference_update(inner.vars.values())

    def visit_Block(self, node: ast.Block, block: BlockScope) -> None:
        inner, saved = self.enter_block(block, node.body)
        node.scope = inner
        self.visit_sequence(node.body, inner)
        self.leave_block(inner, saved)

    def visit_For(self, node: ast.For, block: BlockScope) -> None:
        inner, saved = self.enter_block(block, [node.init, node.cond, node.step])
        node.scope = inner
        self.visit_sequence([node.init], inner)
        self.visit(node.cond, inner)
        self.visit(node.body, inner)
        self.visit(node.step, inner)
        self.leave_block(inner, saved)

    def visit_Lambda(self, node: ast.Lambda, block: BlockScope) -> None:
        function = FunctionScope(node.name, block.function)
        node.function = function
        params = function.block = BlockScope(function, block)
        for param in node.params:
            var = Var(param.name, function, is_param=True)
            params.vars[param.name] = var
            function.allocate(var)
            function.params.append(var)
            param.var, param.checked = var, False
        self.declare_all(params, [node.body])
        self.visit_sequence([node.body], params)

    def visit_ClassDef(self, node: ast.ClassDef, block: BlockScope) -> None:
        self.visit(node.parent, block)
        for method in node.methods:
            self.visit_Lambda(method, block)


def analyze(program: ast.Program) -> ast.Program:
    """Annotate `program` in place with scopes and variable resolutions."""
    Resolver().analyze(program)
    return program
