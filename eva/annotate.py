"""`eva annotate FILE`: the program's source, each line followed by what the tiers did there,
after a run: the view Numba's `inspect_types` and PyPy's jitviewer give.

Under the line where a function is defined: the tiers it reached (translated to Python, its
native units by their labels; `dispatch loop` when it reached neither), its refusals and
invalidations. Under a loop's header: the loop going on in translated code, or natively,
where a running frame handed it over (on-stack replacement). Under each line holding a guard
of a native unit: the guard, its id and reason, and how often it failed (and how often it was
made to fail, by `--deopt-every` or `--fail-guard`).

What the JIT did comes from the JIT log's records (jit/log.py), kept in memory for the run;
what the translation tier did, from the interpreter's translations. Nothing is forced: the
annotation shows what `eva run` with the same options does.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from eva.opcodes import Op

NOTE_INDENT = "      ; "
"""How an annotation line starts, under its source line (which starts with its number)."""


def code_objects(code) -> list:
    """`code` and every code object nested in it, outermost first."""
    found, work = [], [code]
    while work:
        each = work.pop(0)
        found.append(each)
        work.extend(each.children())
    return found


def translated_parts(interpreter) -> dict:
    """Code object -> what of it the translation tier ran: None for the whole function (its
    calls), a loop header's instruction index for a loop handed over there."""
    translations = interpreter.translations
    parts = defaultdict(set)
    loop_functions = set()
    for code, entries in translations.loop_entries.items():
        for header, function in entries.items():
            if function is not None:
                parts[code].add(header)
                loop_functions.add(function)
    for translation in translations.by_python_code.values():
        if translation.function not in loop_functions:
            parts[translation.code].add(None)
    return parts


def annotate(code, records: list[dict], translated: dict) -> str:
    """The annotated source of the program compiled as `code` (its `source`), from the JIT
    log's `records` of its run and `translated_parts`."""
    notes = defaultdict(list)  # source line -> its notes, in order
    codes = code_objects(code)
    compiled = [r for r in records if r["event"] == "compile"]
    units_at = defaultdict(list)  # (function, line, col) of the entry -> labels
    for record in compiled:
        units_at[record["function"], record["line"], record["col"]].append(record["unit"])
    failures, forced = Counter(), Counter()
    for record in records:
        if record["event"] == "deopt":
            (failures if record["forced_by"] is None else forced)[record["guard"]] += 1
    for each in codes:
        if each.line and each is not code:  # the script is not a function of the source
            notes[each.line].append(function_note(each, units_at.get((each.name, each.line,
                                                                       each.col), []),
                                                  None in translated.get(each, ())))
        for header in sorted(loop_headers(each)):
            position = each.position(header)
            tiers = []
            if header in translated.get(each, ()):
                tiers.append("translated")
            labels = units_at.get((each.name, position.line, position.col), [])
            if labels:
                tiers.append("native " + ", ".join(dict.fromkeys(labels)))
            if tiers:
                notes[position.line].append(f"loop at {position.line}:{position.col} in "
                                            f"{each.name}: went on {' and '.join(tiers)}")
    refusals = Counter()  # (line, unit, reason) -> times
    for record in records:
        if record["event"] == "refuse":
            refusals[record["line"], record["unit"], record["reason"]] += 1
        elif record["event"] == "give-up":
            notes[record["line"]].append(f"given up on {record['function']}: {record['why']}")
    for (line, unit, reason), count in refusals.items():
        notes[line].append(f"not compiled {unit}" + (f" (refused {count} times)" if count > 1
                                                     else "") + f": {reason}")
    entry_line = {r["unit"]: r["line"] for r in compiled}
    for record in records:
        if record["event"] == "invalidate" and record["unit"] in entry_line:
            notes[entry_line[record["unit"]]].append(
                f"invalidated {record['unit']}: {record['reason']}")
    guards = defaultdict(list)  # (line, col, reason) -> [(id, unit)]
    for record in compiled:
        for guard in record["guards"]:
            guards[guard["line"], guard["col"], guard["reason"]].append((guard["id"], record["unit"]))
    for (line, col, reason), points in sorted(guards.items()):
        ids = [point for point, _ in points]
        failed, made_to = sum(failures[i] for i in ids), sum(forced[i] for i in ids)
        units = ", ".join(dict.fromkeys(unit for _, unit in points))
        count = f"failed {times(failed)}" if failed else "never failed"
        if made_to:
            count += f", forced to fail {times(made_to)}"
        notes[line].append(f"guard {', '.join(f'#{i}' for i in ids)} {reason} at {line}:{col} "
                           f"in {units}: {count}")
    lines = code.source.splitlines()
    width = len(str(len(lines)))
    out = []
    for number, text in enumerate(lines, 1):
        out.append(f"{number:>{width}}  {text}".rstrip())
        out.extend(NOTE_INDENT + note for note in dict.fromkeys(notes.get(number, ())))
    return "\n".join(out) + "\n"


def function_note(code, labels: list[str], translated: bool) -> str:
    """What tiers a function reached: `function fib/1: translated, native fib(int)`."""
    tiers = (["translated"] if translated else []) + \
        ([f"native {', '.join(dict.fromkeys(labels))}"] if labels else [])
    return f"function {code.name}/{code.arity}: {', '.join(tiers) or 'dispatch loop'}"


def loop_headers(code) -> set[int]:
    """The instruction indexes of `code`'s loop headers (the targets of its back-edges)."""
    return {target for op, target in code.generic_insns if op == Op.LOOP}


def times(count: int) -> str:
    return f"{count} time{'s' if count != 1 else ''}"
