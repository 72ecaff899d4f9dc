"""How errors are rendered: trace folding for runaway recursion."""

from eva.errors import collapse_repeats


def test_single_function_recursion_folds_to_two_copies_and_a_count():
    lines = ["  at f (a:1:1)"] * 100 + ["  at <script> (a:2:1)"]
    assert collapse_repeats(lines) == ["  at f (a:1:1)", "  at f (a:1:1)",
                                       "  ... 98 more frames repeating the 1 above",
                                       "  at <script> (a:2:1)"]


def test_mutual_recursion_folds_by_its_period():
    lines = ["  at f (a:1:1)", "  at g (a:2:1)"] * 10
    assert collapse_repeats(lines) == ["  at f (a:1:1)", "  at g (a:2:1)"] * 2 + [
        "  ... 16 more frames repeating the 2 above"]


def test_short_repeats_are_shown_in_full():
    lines = ["  at f (a:1:1)"] * 3 + ["  at g (a:2:1)"]
    assert collapse_repeats(lines) == lines
