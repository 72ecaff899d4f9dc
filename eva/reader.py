"""The reader: Eva source text to syntax trees (atoms and lists with positions).

The reader is a hand-written scanner plus an explicit-stack parser, so that any input,
however malformed (binary garbage, 10,000 nested parentheses, a 10 MB string), is read in
linear time without host recursion, and every error names the offending token's position.
"""

from __future__ import annotations

import re

from eva.errors import EvaSyntaxError, Position

SYMBOL_PUNCTUATION = frozenset("_-+*/%=!<>?.")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z")
LITERALS = {"true": True, "false": False, "null": None}
MAX_NESTING = 1000
"""Deepest nesting of parentheses accepted. The parser, scope analysis and compiler recurse
once per level; past this depth a program is rejected with a clean error instead of risking
the host's stack (CPython's own parser stops at 200 nested parentheses)."""


class Atom:
    """A leaf: `kind` is 'int', 'float', 'string', 'symbol' or 'literal' (true/false/null)."""

    __slots__ = ("kind", "value", "line", "col")

    def __init__(self, kind: str, value, line: int, col: int):
        self.kind, self.value, self.line, self.col = kind, value, line, col

    def __repr__(self) -> str:
        return f"Atom({self.kind}, {self.value!r})"


class Form:
    """A parenthesized list of nodes."""

    __slots__ = ("items", "line", "col")

    def __init__(self, items: list, line: int, col: int):
        self.items, self.line, self.col = items, line, col

    def __repr__(self) -> str:
        return f"Form({self.items!r})"


def _is_symbol_char(ch: str) -> bool:
    return ch.isalnum() or ch in SYMBOL_PUNCTUATION


class Reader:
    """Turns one source text into a list of top-level nodes."""

    def __init__(self, text: str, file: str = "<input>"):
        self.text = text.replace("\r\n", "\n")
        self.file = file
        self.lines = self.text.split("\n")
        self.i = 0
        self.line = 1
        self.col = 1

    def error(self, message: str, line: int, col: int) -> EvaSyntaxError:
        source_line = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return EvaSyntaxError(message, Position(self.file, line, col), source_line)

    def advance(self, count: int = 1) -> None:
        """Move past `count` characters, keeping line and column up to date."""
        chunk = self.text[self.i:self.i + count]
        newlines = chunk.count("\n")
        if newlines:
            self.line += newlines
            self.col = count - chunk.rfind("\n")
        else:
            self.col += count
        self.i += count

    def skip_space_and_comments(self) -> None:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch in " \t\n\r\f\v":
                self.advance()
            elif text.startswith("//", self.i):
                end = text.find("\n", self.i)
                self.advance((len(text) if end < 0 else end) - self.i)
            elif text.startswith("/*", self.i):
                end = text.find("*/", self.i + 2)
                if end < 0:
                    raise self.error("unterminated comment", self.line, self.col)
                self.advance(end + 2 - self.i)
            else:
                return

    def read_string(self) -> Atom:
        line, col = self.line, self.col
        text = self.text
        parts = []
        j = self.i + 1
        while True:
            stop = j
            while stop < len(text) and text[stop] not in '"\\':
                stop += 1
            parts.append(text[j:stop])
            if stop >= len(text):
                raise self.error("unterminated string", line, col)
            if text[stop] == '"':
                self.advance(stop + 1 - self.i)
                return Atom("string", "".join(parts), line, col)
            escape = text[stop + 1:stop + 2]
            if not escape:
                raise self.error("unterminated string", line, col)
            if escape not in ESCAPES:
                self.advance(stop - self.i)
                shown = escape if escape.isprintable() and escape else repr(escape)
                raise self.error(f"unknown escape '\\{shown}' in string", self.line, self.col)
            parts.append(ESCAPES[escape])
            j = stop + 2

    def read_atom(self) -> Atom:
        line, col = self.line, self.col
        text = self.text
        j = self.i
        while j < len(text) and _is_symbol_char(text[j]) and not text.startswith(("//", "/*"), j):
            j += 1
        token = text[self.i:j]
        self.advance(j - self.i)
        looks_numeric = token[0].isdigit() or (
            len(token) > 1 and token[0] in "-." and token[1].isdigit())
        if looks_numeric:
            if not NUMBER.match(token):
                raise self.error(f"malformed number '{token}'", line, col)
            if "." in token or "e" in token or "E" in token:
                return Atom("float", float(token), line, col)
            return Atom("int", int(token), line, col)
        if token in LITERALS:
            return Atom("literal", LITERALS[token], line, col)
        return Atom("symbol", token, line, col)

    def read_all(self) -> list:
        """Read every top-level node; raises EvaSyntaxError at the first problem."""
        top: list = []
        open_forms: list[Form] = []
        too_deep: Form | None = None
        text = self.text
        while True:
            self.skip_space_and_comments()
            if self.i >= len(text):
                break
            ch = text[self.i]
            target = open_forms[-1].items if open_forms else top
            if ch == "(":
                form = Form([], self.line, self.col)
                target.append(form)
                open_forms.append(form)
                if too_deep is None and len(open_forms) > MAX_NESTING:
                    too_deep = form
                self.advance()
            elif ch == ")":
                if not open_forms:
                    raise self.error("unbalanced parentheses: unexpected ')'", self.line, self.col)
                open_forms.pop()
                self.advance()
            elif ch == '"':
                target.append(self.read_string())
            elif _is_symbol_char(ch):
                target.append(self.read_atom())
            else:
                shown = ch if ch.isprintable() else repr(ch)
                raise self.error(f"unexpected character '{shown}'", self.line, self.col)
        if open_forms:
            form = open_forms[-1]
            raise self.error("unbalanced parentheses: '(' is never closed", form.line, form.col)
        if too_deep is not None:
            raise self.error(f"expression nested too deeply (more than {MAX_NESTING} levels)",
                             too_deep.line, too_deep.col)
        return top


def read(text: str, file: str = "<input>") -> list:
    """Read a whole program: a list of top-level nodes."""
    return Reader(text, file).read_all()


def is_balanced(text: str) -> bool:
    """Whether a REPL input is complete: no '(' left open (errors count as complete)."""
    try:
        read(text)
    except EvaSyntaxError as error:
        return "never closed" not in error.message and "unterminated" not in error.message
    return True
