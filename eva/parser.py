"""The parser: syntax trees from the reader to AST nodes, checking the shape of every form.

Special forms are recognized by their head symbol and always win over variables of the same
name. Malformed forms are compile errors at the form's position; the message names the
category (`expression`, `operands`) that SPEC.md section 7 promises.
"""

from __future__ import annotations

from eva import ast
from eva.errors import EvaSyntaxError, Position
from eva.reader import Atom, Form

BINARY_OPERATORS = frozenset(["+", "-", "*", "/", "%", "<", ">", "<=", ">=", "==", "!="])
UPDATE_FORMS = {"++": "+", "--": "-", "+=": "+", "-=": "-"}


class Parser:
    def __init__(self, file: str, lines: list[str]):
        self.file = file
        self.lines = lines
        self.special = {
            "begin": self.parse_begin, "var": self.parse_var, "set": self.parse_set,
            "if": self.parse_if, "while": self.parse_while, "for": self.parse_for,
            "def": self.parse_def, "lambda": self.parse_lambda, "class": self.parse_class,
            "new": self.parse_new, "prop": self.parse_prop, "super": self.parse_super,
            "and": self.parse_logical, "or": self.parse_logical, "not": self.parse_not,
            "switch": self.parse_switch, "list": self.parse_list, "idx": self.parse_idx,
        }

    def error(self, message: str, node) -> EvaSyntaxError:
        line = self.lines[node.line - 1] if 0 < node.line <= len(self.lines) else ""
        return EvaSyntaxError(message, Position(self.file, node.line, node.col), line)

    def malformed(self, form: Form, usage: str) -> EvaSyntaxError:
        return self.error(f"malformed expression: expected {usage}", form)

    # -- entry points ---------------------------------------------------------------------

    def parse_program(self, nodes: list) -> ast.Program:
        body = [self.parse(node) for node in nodes]
        return ast.Program(1, 1, body)

    def parse(self, node, name_hint: str | None = None) -> ast.Node:
        """One expression. An explicit work stack is not needed: the reader already bounded
        the input, and the parse depth is the nesting depth, which `parse_nested` guards."""
        if isinstance(node, Atom):
            if node.kind == "symbol":
                return ast.Name(node.line, node.col, node.value)
            if node.kind == "string":
                return ast.Literal(node.line, node.col, node.value)
            return ast.Literal(node.line, node.col, node.value)
        if not node.items:
            raise self.error("expected an expression, got ()", node)
        head = node.items[0]
        if isinstance(head, Atom) and head.kind == "symbol":
            name = head.value
            if name in self.special:
                if name == "lambda":
                    return self.parse_lambda(node, name_hint)
                return self.special[name](node)
            if name in BINARY_OPERATORS:
                return self.parse_operator(node, name)
            if name in UPDATE_FORMS:
                return self.parse_update(node, name)
        callee = self.parse(head)
        return ast.Call(node.line, node.col, callee, [self.parse(arg) for arg in node.items[1:]])

    # -- helpers --------------------------------------------------------------------------

    def symbol(self, node, form: Form, usage: str) -> str:
        if isinstance(node, Atom) and node.kind == "symbol":
            return node.value
        raise self.malformed(form, usage)

    def arity(self, form: Form, count: int, usage: str) -> list:
        if len(form.items) != count + 1:
            raise self.malformed(form, usage)
        return form.items[1:]

    def name_node(self, atom: Atom) -> ast.Name:
        return ast.Name(atom.line, atom.col, atom.value)

    # -- special forms --------------------------------------------------------------------

    def parse_begin(self, form: Form) -> ast.Block:
        return ast.Block(form.line, form.col, [self.parse(item) for item in form.items[1:]])

    def parse_var(self, form: Form) -> ast.Declare:
        usage = "(var NAME VALUE)"
        target, value = self.arity(form, 2, usage)
        name = self.symbol(target, form, usage)
        return ast.Declare(form.line, form.col, self.name_node(target), self.parse(value, name))

    def parse_set(self, form: Form) -> ast.Node:
        usage = "(set NAME VALUE), (set (prop OBJ NAME) VALUE) or (set (idx LIST I) VALUE)"
        target, value = self.arity(form, 2, usage)
        place = self.parse_place(target, form, usage)
        value_node = self.parse(value)
        if isinstance(place, ast.Name):
            return ast.Assign(form.line, form.col, place, value_node)
        if isinstance(place, ast.Prop):
            return ast.SetProp(form.line, form.col, place.obj, place.name, value_node)
        return ast.SetIndex(form.line, form.col, place.obj, place.index, value_node)

    def parse_place(self, target, form: Form, usage: str) -> ast.Node:
        """An assignable place: a variable, a property or a list element."""
        if isinstance(target, Atom) and target.kind == "symbol":
            return self.name_node(target)
        if isinstance(target, Form) and target.items and isinstance(target.items[0], Atom) \
                and target.items[0].value in ("prop", "idx") and target.items[0].kind == "symbol":
            return self.parse(target)
        raise self.malformed(form, usage)

    def parse_update(self, form: Form, name: str) -> ast.Update:
        if name in ("++", "--"):
            usage = f"({name} PLACE)"
            (target,) = self.arity(form, 1, usage)
            amount = ast.Literal(form.line, form.col, 1)
        else:
            usage = f"({name} PLACE VALUE)"
            target, value = self.arity(form, 2, usage)
            amount = self.parse(value)
        place = self.parse_place(target, form, usage)
        return ast.Update(form.line, form.col, UPDATE_FORMS[name], place, amount)

    def parse_if(self, form: Form) -> ast.If:
        if len(form.items) not in (3, 4):
            raise self.malformed(form, "(if CONDITION THEN [ELSE])")
        parts = [self.parse(item) for item in form.items[1:]]
        return ast.If(form.line, form.col, parts[0], parts[1], parts[2] if len(parts) > 2 else None)

    def parse_while(self, form: Form) -> ast.While:
        cond, body = self.arity(form, 2, "(while CONDITION BODY)")
        return ast.While(form.line, form.col, self.parse(cond), self.parse(body))

    def parse_for(self, form: Form) -> ast.For:
        init, cond, step, body = self.arity(form, 4, "(for INIT CONDITION STEP BODY)")
        body_node = self.parse(body)
        if not isinstance(body_node, ast.Block):  # the body is a scope of its own
            body_node = ast.Block(body_node.line, body_node.col, [body_node])
        return ast.For(form.line, form.col, self.parse(init), self.parse(cond),
                       self.parse(step), body_node)

    def parse_params(self, node, form: Form, usage: str) -> list[ast.Name]:
        if not isinstance(node, Form):
            raise self.malformed(form, usage)
        params = []
        for item in node.items:
            params.append(self.name_node(item) if isinstance(item, Atom) and item.kind == "symbol"
                          else None)
            if params[-1] is None:
                raise self.error("malformed expression: parameters must be names", item)
            if any(p.name == item.value for p in params[:-1]):
                raise self.error(f"malformed expression: duplicate parameter '{item.value}'", item)
        return params

    def parse_function(self, form: Form, name: str, params_node, body) -> ast.Lambda:
        usage = "(def NAME (PARAMS...) BODY)" if form.items[0].value == "def" \
            else "(lambda (PARAMS...) BODY)"
        params = self.parse_params(params_node, form, usage)
        return ast.Lambda(form.line, form.col, name, params, self.parse(body))

    def parse_def(self, form: Form) -> ast.Declare:
        usage = "(def NAME (PARAMS...) BODY)"
        target, params, body = self.arity(form, 3, usage)
        name = self.symbol(target, form, usage)
        function = self.parse_function(form, name, params, body)
        return ast.Declare(form.line, form.col, self.name_node(target), function)

    def parse_lambda(self, form: Form, name_hint: str | None = None) -> ast.Lambda:
        params, body = self.arity(form, 2, "(lambda (PARAMS...) BODY)")
        return self.parse_function(form, name_hint or "lambda", params, body)

    def parse_class(self, form: Form) -> ast.Declare:
        usage = "(class NAME PARENT MEMBERS...)"
        if len(form.items) < 3:
            raise self.malformed(form, usage)
        target, parent = form.items[1], form.items[2]
        name = self.symbol(target, form, usage)
        members = form.items[3:]
        if len(members) == 1 and isinstance(members[0], Form) and members[0].items and \
                isinstance(members[0].items[0], Atom) and members[0].items[0].value == "begin":
            members = members[0].items[1:]
        methods = []
        for member in members:
            if not (isinstance(member, Form) and member.items and isinstance(member.items[0], Atom)
                    and member.items[0].value == "def"):
                raise self.error("malformed expression: class members must be (def ...) forms",
                                 member)
            declaration = self.parse_def(member)
            methods.append(declaration.value)
        cls = ast.ClassDef(form.line, form.col, name, self.parse(parent), methods)
        return ast.Declare(form.line, form.col, self.name_node(target), cls)

    def parse_new(self, form: Form) -> ast.New:
        if len(form.items) < 2:
            raise self.malformed(form, "(new CLASS ARGS...)")
        return ast.New(form.line, form.col, self.parse(form.items[1]),
                       [self.parse(arg) for arg in form.items[2:]])

    def parse_prop(self, form: Form) -> ast.Prop:
        usage = "(prop OBJECT NAME)"
        obj, name = self.arity(form, 2, usage)
        return ast.Prop(form.line, form.col, self.parse(obj), self.symbol(name, form, usage))

    def parse_idx(self, form: Form) -> ast.Index:
        obj, index = self.arity(form, 2, "(idx LIST INDEX)")
        return ast.Index(form.line, form.col, self.parse(obj), self.parse(index))

    def parse_super(self, form: Form) -> ast.Super:
        (cls,) = self.arity(form, 1, "(super CLASS)")
        return ast.Super(form.line, form.col, self.parse(cls))

    def parse_logical(self, form: Form) -> ast.Logical:
        return ast.Logical(form.line, form.col, form.items[0].value,
                           [self.parse(item) for item in form.items[1:]])

    def parse_not(self, form: Form) -> ast.Not:
        if len(form.items) != 2:
            raise self.error(f"operands: 'not' takes exactly 1 operand, got {len(form.items) - 1}",
                             form)
        return ast.Not(form.line, form.col, self.parse(form.items[1]))

    def parse_switch(self, form: Form) -> ast.Switch:
        usage = "(switch (CONDITION VALUE)... (else VALUE))"
        clauses, default = [], None
        for index, clause in enumerate(form.items[1:]):
            if not isinstance(clause, Form) or len(clause.items) != 2:
                raise self.malformed(form, usage)
            test, value = clause.items
            if isinstance(test, Atom) and test.kind == "symbol" and test.value == "else":
                if index != len(form.items) - 2:
                    raise self.error("malformed expression: 'else' must be the last clause", clause)
                default = self.parse(value)
            else:
                clauses.append((self.parse(test), self.parse(value)))
        return ast.Switch(form.line, form.col, clauses, default)

    def parse_list(self, form: Form) -> ast.MakeList:
        return ast.MakeList(form.line, form.col, [self.parse(item) for item in form.items[1:]])

    def parse_operator(self, form: Form, op: str) -> ast.Node:
        operands = form.items[1:]
        if op == "-" and len(operands) == 1:
            return ast.Negate(form.line, form.col, self.parse(operands[0]))
        if len(operands) != 2:
            expected = "1 or 2 operands" if op == "-" else "exactly 2 operands"
            raise self.error(f"operands: '{op}' takes {expected}, got {len(operands)}", form)
        return ast.BinOp(form.line, form.col, op, self.parse(operands[0]), self.parse(operands[1]))


def parse(nodes: list, file: str, lines: list[str]) -> ast.Program:
    return Parser(file, lines).parse_program(nodes)
