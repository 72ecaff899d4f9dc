"""The reader: Eva source text to syntax trees (atoms and lists with positions).

The reader is a scanner made of compiled regular expressions plus an explicit-stack parser,
so that any input, however malformed (binary garbage, a million nested parentheses, a 10 MB
string), is read in linear time without host recursion, and every error names the offending
token's position. Each token is found by one regular expression match from its first
character (C speed), not character by character in Python: the old scanner spent 2-5 us per
character, 2.4 s on a 10 MB string literal.

The reader can also take its text in pieces, whole lines at a time (`feed`, then `finish`),
keeping its state between them: the forms still open, and a string or block comment still
open at the end of a piece. The REPL reads an entry that way (`Balance`), so that each line
costs time in proportion to the line, not to the entry so far; and because it is the same
scanner that reads programs, the REPL and the compiler can never disagree about where a
string, a comment or a form ends.

Size limits (docs/limits.md): nesting deeper than MAX_NESTING stops the reading at the first
opening parenthesis past it; an integer literal longer than MAX_INTEGER_DIGITS is an error.
"""

from __future__ import annotations

import re

from eva.errors import EvaSyntaxError, Position

SYMBOL_PUNCTUATION = frozenset("_-+*/%=!<>?.")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z")
LITERALS = {"true": True, "false": False, "null": None}
SPACE = frozenset(" \t\n\r\f\v")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_ATOM = re.compile(r"(?:[\w\-+*%=!<>?.]++|/(?![/*]))++")
"""A symbol or number: letters and digits (any Unicode ones: `\\w` is exactly `str.isalnum`
plus `_`, checked over every code point) and SYMBOL_PUNCTUATION, up to a `//` or `/*`. The
quantifiers are possessive: a token is the longest run, so nothing is ever given back, and
the matcher keeps no backtracking state (a one-character group repeated a million times
took 128 MB and 0.35 s)."""
_STRING_STOP = re.compile(r'["\\]')
MAX_NESTING = 1000
"""Deepest nesting of parentheses accepted. The parser, scope analysis and compiler recurse
once per level; past this depth a program is rejected with a clean error instead of risking
the host's stack (CPython's own parser stops at 200 nested parentheses). The reader stops at
the first parenthesis past it: a million of them are refused after reading a thousand."""
MAX_INTEGER_DIGITS = 10_000
"""Digits an integer literal may have. CPython 3.11 converts decimal text to an integer in
quadratic time (6 s for a million digits), and the literal would be converted back to text by
`eva dis` and by translation to Python. Ten thousand digits take a millisecond; larger
integers are still made at run time (and print fast: objects.integer_text)."""


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


class _Open:
    """A string or block comment still open at the end of a piece of text (`Reader.feed`)."""

    __slots__ = ("kind", "line", "col", "parts")

    def __init__(self, kind: str, line: int, col: int):
        self.kind, self.line, self.col = kind, line, col
        self.parts: list[str] = []  # a string's text so far


class Reader:
    """Turns source text into a list of top-level nodes: all at once (`read_all`), or in
    pieces of whole lines (`feed` each, then `finish`)."""

    def __init__(self, text: str = "", file: str = "<input>"):
        self.file = file
        self.text = ""        # the piece being scanned
        self.line = 1
        self.line_start = 0   # index in `text` of the current line's first character
        self.lines = [""]     # every source line so far, for error messages
        self.top: list = []
        self.open_forms: list[Form] = []
        self.open: _Open | None = None  # a string or comment open at the end of the piece
        self.string: Atom | None = None  # the string `read_string` completed last
        self.pending = text

    def read_all(self) -> list:
        """Read every top-level node; raises EvaSyntaxError at the first problem."""
        self.feed(self.pending)
        self.pending = ""
        return self.finish()

    def feed(self, text: str) -> None:
        """Scan one more piece of the source. Pieces must end at line ends (every piece but
        the last ends with a newline): no token but a string or a block comment spans lines,
        so a piece boundary never falls inside any other token. Raises EvaSyntaxError."""
        text = text.replace("\r\n", "\n")
        pieces = text.split("\n")
        self.lines[-1] += pieces[0]
        self.lines.extend(pieces[1:])
        self.line_start -= len(self.text)  # (negative while a line continues from the last piece)
        self.text = text
        self.scan()

    def finish(self) -> list:
        """The top-level nodes, once the whole source was fed; raises EvaSyntaxError for what
        is still open: a string, a comment, a form (the innermost one)."""
        if self.open is not None:
            raise self.error(f"unterminated {self.open.kind}", self.open.line, self.open.col)
        if self.open_forms:
            form = self.open_forms[-1]
            raise self.error("unbalanced parentheses: '(' is never closed", form.line, form.col)
        return self.top

    @property
    def complete(self) -> bool:
        """Whether the text so far ends outside every form, string and comment."""
        return self.open is None and not self.open_forms

    def error(self, message: str, line: int, col: int) -> EvaSyntaxError:
        source_line = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return EvaSyntaxError(message, Position(self.file, line, col), source_line)

    def error_at(self, message: str, index: int) -> EvaSyntaxError:
        """An error at `index` of the current piece, on the current line."""
        return self.error(message, self.line, index - self.line_start + 1)

    def skip_lines(self, start: int, end: int) -> None:
        """Account for the newlines in text[start:end], which the scanner passed over."""
        newlines = self.text.count("\n", start, end)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", start, end) + 1

    # -- the scanner ----------------------------------------------------------------------

    def scan(self) -> None:
        text = self.text
        end = len(text)
        open_forms = self.open_forms
        items = open_forms[-1].items if open_forms else self.top
        i = 0
        if self.open is not None:  # a string or comment continues into this piece
            if self.open.kind == "string":
                i = self.read_string(0)
                if self.open is None:
                    items.append(self.string)
            else:
                i = self.skip_comment(0)
        while i < end:
            ch = text[i]
            if ch == "(":
                form = Form([], self.line, i - self.line_start + 1)
                items.append(form)
                open_forms.append(form)
                if len(open_forms) > MAX_NESTING:
                    raise self.error(f"expression nested too deeply (more than {MAX_NESTING} "
                                     "levels)", form.line, form.col)
                items = form.items
                i += 1
            elif ch == ")":
                if not open_forms:
                    raise self.error_at("unbalanced parentheses: unexpected ')'", i)
                open_forms.pop()
                items = open_forms[-1].items if open_forms else self.top
                i += 1
            elif ch in SPACE:
                stop = _SPACE.match(text, i).end()
                self.skip_lines(i, stop)
                i = stop
            elif ch == '"':
                self.open = _Open("string", self.line, i - self.line_start + 1)
                i = self.read_string(i + 1)
                if self.open is None:
                    items.append(self.string)
            elif ch == "/" and text.startswith("//", i):
                stop = text.find("\n", i)
                i = end if stop < 0 else stop
            elif ch == "/" and text.startswith("/*", i):
                self.open = _Open("comment", self.line, i - self.line_start + 1)
                i = self.skip_comment(i + 2)
            else:
                match = _ATOM.match(text, i)
                if match is None:
                    shown = ch if ch.isprintable() else repr(ch)
                    raise self.error_at(f"unexpected character '{shown}'", i)
                items.append(self.atom(match.group(), i))
                i = match.end()

    def read_string(self, start: int) -> int:
        """Scan a string's text from `start` to its closing quote; returns the index after
        it. A string still open at the end of the piece stays in `self.open`; a complete one
        is left in `self.string`."""
        text = self.text
        parts = self.open.parts
        i = start
        while True:
            match = _STRING_STOP.search(text, i)
            if match is None:  # open at the end of the piece
                parts.append(text[i:])
                self.skip_lines(start, len(text))
                return len(text)
            stop = match.start()
            parts.append(text[i:stop])
            if text[stop] == '"':
                self.skip_lines(start, stop)
                opened = self.open
                self.string = Atom("string", "".join(parts), opened.line, opened.col)
                self.open = None
                return stop + 1
            escape = text[stop + 1:stop + 2]
            if not escape:  # a backslash ends the input (pieces end with a newline)
                self.skip_lines(start, len(text))
                return len(text)
            if escape not in ESCAPES:
                self.skip_lines(start, stop)
                shown = escape if escape.isprintable() else repr(escape)
                raise self.error_at(f"unknown escape '\\{shown}' in string", stop)
            parts.append(ESCAPES[escape])
            i = stop + 2

    def skip_comment(self, start: int) -> int:
        """Skip a block comment's text from `start` past its `*/`; returns the index after
        it, or the end of the piece with the comment left open in `self.open`."""
        stop = self.text.find("*/", start)
        end = len(self.text) if stop < 0 else stop + 2
        self.skip_lines(start, end)
        if stop >= 0:
            self.open = None
        return end

    def atom(self, token: str, i: int) -> Atom:
        col = i - self.line_start + 1
        looks_numeric = token[0].isdigit() or (
            len(token) > 1 and token[0] in "-." and token[1].isdigit())
        if looks_numeric:
            if not NUMBER.match(token):
                shown = token if len(token) <= 40 else token[:40] + "..."
                raise self.error(f"malformed number '{shown}'", self.line, col)
            if "." in token or "e" in token or "E" in token:
                return Atom("float", float(token), self.line, col)
            digits = len(token) - (token[0] == "-")
            if digits > MAX_INTEGER_DIGITS:
                raise self.error(f"integer literal too long: {digits} digits (at most "
                                 f"{MAX_INTEGER_DIGITS}; compute larger integers at run time)",
                                 self.line, col)
            return Atom("int", int(token), self.line, col)
        if token in LITERALS:
            return Atom("literal", LITERALS[token], self.line, col)
        return Atom("symbol", token, self.line, col)


def read(text: str, file: str = "<input>") -> list:
    """Read a whole program: a list of top-level nodes."""
    return Reader(text, file).read_all()


class Balance:
    """Whether a REPL entry is complete, told one line at a time at a cost proportional to
    the line: the reader keeps its state (open forms, an open string or comment) between
    lines. An entry is complete when nothing is left open, or when it has an error (running
    it reports the error; waiting for more lines would not fix it)."""

    def __init__(self):
        self.reader = Reader()
        self.broken = False

    def add(self, text: str) -> bool:
        """Add lines (`text` ends at a line end, without its newline); returns whether the
        entry is complete."""
        if not self.broken:
            try:
                self.reader.feed(text + "\n")
            except EvaSyntaxError:
                self.broken = True
        return self.broken or self.reader.complete


def is_balanced(text: str) -> bool:
    """Whether a REPL input is complete: no '(' left open (errors count as complete)."""
    return Balance().add(text)
