"""The reader (eva/reader.py): atoms, positions, comments, escapes, lexical errors, robustness.

SPEC.md section 1 (lexical syntax) and section 7 (error categories and positions).
"""

from __future__ import annotations

import random
import time

import pytest

from eva.config import Options
from eva.errors import EvaSyntaxError
from eva.reader import MAX_NESTING, Atom, Form, Reader, is_balanced, read
from eva.vm import VM


def atoms(text: str) -> list[tuple]:
    """(kind, value, line, col) of each top-level atom."""
    return [(a.kind, a.value, a.line, a.col) for a in read(text)]


def error_of(text: str, file: str = "f.eva") -> EvaSyntaxError:
    with pytest.raises(EvaSyntaxError) as info:
        read(text, file)
    return info.value


def where(error: EvaSyntaxError) -> tuple:
    return (error.position.file, error.position.line, error.position.col)


# -- atoms ------------------------------------------------------------------------------------

def test_atoms_of_each_kind_with_positions():
    source = '42 -7 3.14 -0.5 1e9 2.5e-3 "hi" sym true false null\n  <= empty? my-var_1 native-square'
    assert atoms(source) == [
        ("int", 42, 1, 1), ("int", -7, 1, 4), ("float", 3.14, 1, 7), ("float", -0.5, 1, 12),
        ("float", 1e9, 1, 17), ("float", 2.5e-3, 1, 21), ("string", "hi", 1, 28),
        ("symbol", "sym", 1, 33), ("literal", True, 1, 37), ("literal", False, 1, 42),
        ("literal", None, 1, 48),
        ("symbol", "<=", 2, 3), ("symbol", "empty?", 2, 6), ("symbol", "my-var_1", 2, 13),
        ("symbol", "native-square", 2, 22),
    ]


def test_number_types():
    [a, b, c, d, e] = read("0 123456789012345678901234567890 1E3 2e+2 5.0")
    assert (a.kind, a.value) == ("int", 0) and type(a.value) is int
    assert (b.kind, b.value) == ("int", 123456789012345678901234567890)  # any size, exact
    assert (c.kind, c.value) == ("float", 1000.0) and type(c.value) is float
    assert (d.kind, d.value) == ("float", 200.0)
    assert (e.kind, e.value) == ("float", 5.0)


@pytest.mark.parametrize("text", ["+", "-", "*", "/", "%", "=", "!=", "<", ">=", "x.y", "a?b!",
                                  "-x", "_", "..."])
def test_punctuation_symbols(text):
    assert atoms(text) == [("symbol", text, 1, 1)]


def test_forms_nest_with_positions():
    [form] = read("(a\n  (b c)\n  d)")
    assert isinstance(form, Form) and (form.line, form.col) == (1, 1)
    a, inner, d = form.items
    assert (a.value, a.line, a.col) == ("a", 1, 2)
    assert isinstance(inner, Form) and (inner.line, inner.col) == (2, 3)
    assert [(x.value, x.line, x.col) for x in inner.items] == [("b", 2, 4), ("c", 2, 6)]
    assert (d.value, d.line, d.col) == ("d", 3, 3)


def test_empty_form_is_read_and_empty_program():
    [form] = read("()")
    assert isinstance(form, Form) and form.items == []
    assert read("") == []
    assert read("  // only a comment\n /* and another */ ") == []


def test_reader_class_keeps_lines_and_file():
    reader = Reader("a\r\nb", "x.eva")
    nodes = reader.read_all()
    assert reader.lines == ["a", "b"]
    assert [(n.value, n.line) for n in nodes] == [("a", 1), ("b", 2)]


# -- comments -------------------------------------------------------------------------------

def test_line_comment_right_after_a_symbol():
    assert atoms("abc//comment\ndef") == [("symbol", "abc", 1, 1), ("symbol", "def", 2, 1)]
    [form] = read("(+ x//c\n y)")
    assert [item.value for item in form.items] == ["+", "x", "y"]


def test_block_comment_anywhere():
    assert atoms("x/*c*/y") == [("symbol", "x", 1, 1), ("symbol", "y", 1, 7)]
    assert atoms("/* one\n two */ z") == [("symbol", "z", 2, 9)]
    # not nested: the first */ ends the comment
    assert atoms("/* a /* b */ q") == [("symbol", "q", 1, 14)]


def test_comment_markers_inside_strings_are_text():
    assert atoms('"a // b" "c /* d */"') == [("string", "a // b", 1, 1),
                                            ("string", "c /* d */", 1, 10)]


def test_number_followed_by_comment():
    assert atoms("42// answer\n7") == [("int", 42, 1, 1), ("int", 7, 2, 1)]


# -- line endings and strings -----------------------------------------------------------------

def test_crlf_line_endings():
    assert atoms("a\r\n  b\r\n\r\nc") == [("symbol", "a", 1, 1), ("symbol", "b", 2, 3),
                                         ("symbol", "c", 4, 1)]
    error = error_of("(ok)\r\n  (1e)")
    assert where(error)[1:] == (2, 4)
    assert error.source_line == "  (1e)"  # no stray \r in the shown line


def test_string_escapes():
    [atom] = read(r'"a\nb\tc\"d\\e"')
    assert atom.value == 'a\nb\tc"d\\e'


def test_multiline_string_and_position_after_it():
    assert atoms('"one\ntwo" three') == [("string", "one\ntwo", 1, 1), ("symbol", "three", 2, 6)]


# -- lexical errors with exact positions ---------------------------------------------------------

@pytest.mark.parametrize("source, line, col, message", [
    ('(print\n  "abc', 2, 3, "unterminated string"),
    ('x\n(b\n  /* open', 3, 3, "unterminated comment"),
    ('(print "a\\z")', 1, 10, "unknown escape '\\z'"),
    ('(a)\n  (b (c)\n', 2, 3, "unbalanced parentheses"),
    ("(a (b", 1, 4, "unbalanced parentheses"),       # the innermost unclosed '('
    ("((a)", 1, 1, "unbalanced parentheses"),
    ("(a)\n  b)\n", 2, 4, "unbalanced parentheses"),  # the stray ')'
    (")", 1, 1, "unbalanced parentheses"),
    ("(f 3.14.15)", 1, 4, "malformed number '3.14.15'"),
    ("(f 1.)", 1, 4, "malformed number '1.'"),
    ("(f .5)", 1, 4, "malformed number '.5'"),
    ("(f -5x)", 1, 4, "malformed number '-5x'"),
    ("(f\n  1e)", 2, 3, "malformed number '1e'"),
    ("x ,", 1, 3, "unexpected character"),
])
def test_lexical_errors_at_exact_positions(source, line, col, message):
    error = error_of(source)
    assert where(error) == ("f.eva", line, col)
    assert message in error.message
    # the rendered form: FILE:LINE:COL: error: MESSAGE, the source line, a caret under COL
    rendered = error.render().split("\n")
    assert rendered[0] == f"f.eva:{line}:{col}: error: {error.message}"
    assert rendered[1] == "    " + source.split("\n")[line - 1]
    assert rendered[2] == "    " + " " * (col - 1) + "^"


def test_unclosed_and_stray_parentheses_messages_differ():
    assert "never closed" in error_of("(a").message
    assert "unexpected ')'" in error_of("a)").message


def test_string_ending_in_a_backslash_at_end_of_input_is_unterminated():
    # SPEC 1/7: a string that never closes is an "unterminated string" at its opening quote
    error = error_of('"abc\\')
    assert "unterminated string" in error.message
    assert where(error)[1:] == (1, 1)


# -- is_balanced (the REPL's continuation test) ------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("(a", False), ("(a\n (b c)", False), ('"open', False), ("/* open", False),
    ("(a)", True), ("a", True), (")", True), ('(a ")")', True), ("(a) // (", True),
    ("(f 1e)", True),  # an error in a complete input counts as complete
])
def test_is_balanced(text, expected):
    assert is_balanced(text) is expected


# -- robustness -------------------------------------------------------------------------------

def test_ten_thousand_nested_balanced_parentheses_is_a_clean_error():
    source = "(" * 10_000 + ")" * 10_000
    error = error_of(source)
    assert "nested too deeply" in error.message
    assert where(error)[1:] == (1, MAX_NESTING + 1)
    # through the whole front end too (parser, scope analysis and compiler must not recurse)
    with pytest.raises(EvaSyntaxError, match="nested too deeply"):
        VM(Options(jit=False)).compile(source)


def test_ten_thousand_nested_unbalanced_parentheses():
    """Reading stops at the first '(' past the limit, closed or not: the error is there."""
    for source in ("(" * 10_000, "(" * 10_000 + ")" * 9_999):
        error = error_of(source)
        assert "nested too deeply" in error.message
        assert where(error)[1:] == (1, MAX_NESTING + 1)
    error = error_of("(" * MAX_NESTING)
    assert "unbalanced parentheses" in error.message
    assert where(error)[1:] == (1, MAX_NESTING)  # the innermost unclosed '('
    error = error_of("(" * MAX_NESTING + ")" * (MAX_NESTING - 1))
    assert "unbalanced parentheses" in error.message
    assert where(error)[1:] == (1, 1)


def test_nesting_at_the_limit_compiles():
    depth = MAX_NESTING
    source = "(+ 1 " * (depth - 1) + "(+ 1 0)" + ")" * (depth - 1)
    vm = VM(Options(jit=False))
    assert vm.run_code(vm.compile(source)) == depth


def test_binary_garbage_gives_only_syntax_errors():
    rng = random.Random(20240607)
    outcomes = {"ok": 0, "error": 0}
    for _ in range(400):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 120)))
        text = data.decode("utf-8", errors="replace")
        try:
            read(text)
            outcomes["ok"] += 1
        except EvaSyntaxError as error:
            assert error.position.line >= 1 and error.position.col >= 1
            error.render()  # rendering any error must work too
            outcomes["error"] += 1
    assert outcomes["error"] > 300


def test_token_soup_through_the_whole_front_end_gives_only_syntax_errors():
    """Random well-nested forms built from special-form heads: compile (never run) each."""
    heads = ["begin", "var", "set", "if", "while", "for", "def", "lambda", "class", "new", "prop",
             "super", "and", "or", "not", "switch", "else", "list", "idx", "++", "--", "+=", "-=",
             "+", "-", "*", "/", "%", "<", "==", "x", "f"]
    leaves = ["x", "y", "f", "1", "2.5", '"s"', "null", "true", "else", "()"]
    rng = random.Random(11)

    def form(depth):
        if depth == 0 or rng.random() < 0.3:
            return rng.choice(leaves)
        items = [rng.choice(heads)] + [form(depth - 1) for _ in range(rng.randrange(0, 5))]
        return "(" + " ".join(items) + ")"

    vm = VM(Options(jit=False))
    compiled = 0
    for _ in range(600):
        try:
            vm.compile(" ".join(form(4) for _ in range(rng.randrange(1, 4))))
            compiled += 1
        except EvaSyntaxError:
            pass
    assert compiled > 50  # the generator does produce valid programs too


def test_ten_megabyte_string_literal_reads_fast():
    text = "x" * 10_000_000
    start = time.perf_counter()
    [atom] = read('"' + text + '" after')[:1]
    elapsed = time.perf_counter() - start
    assert atom.kind == "string" and len(atom.value) == 10_000_000
    assert elapsed < 4.0, f"reading a 10 MB string took {elapsed:.2f} s"


def test_long_line_error_render_is_trimmed_around_the_column():
    source = "(" + "a " * 500 + "1e)"
    error = error_of(source)
    lines = error.render().split("\n")
    assert len(lines[1]) <= 4 + 200
    caret = lines[2].index("^") - 4
    assert lines[1][4 + caret:4 + caret + 2] == "1e"


def test_error_past_column_100000_shows_its_own_text():
    """The line was cut to its first 100,000 characters before the window around the column
    was taken: an error further right showed an empty line and a caret under nothing."""
    error = error_of("/*" + "a" * 999_996 + "*/" + "1e)")
    assert where(error)[1:] == (1, 1_000_001)
    lines = error.render().split("\n")
    caret = lines[2].index("^") - 4
    assert lines[1][4 + caret:4 + caret + 3] == "1e)"


def test_atom_repr_is_readable():
    assert repr(Atom("int", 3, 1, 1)) == "Atom(int, 3)"
    assert repr(read("(a)")[0]) == "Form([Atom(symbol, 'a')])"
