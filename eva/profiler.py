"""The tier profiler (`eva run --profile`): where the CPU time went, per Eva function and per
tier (dispatch loop, translated, native, runtime calls from native code, compiling, GC).

**Sampling.** An interval timer (ITIMER_PROF, CPU time) sends SIGPROF; the handler walks the
host stack and notes the Eva stack it finds, tagged with the tier of each frame. Python runs a
signal handler only between bytecodes, so a signal that arrives while native code runs (or
LLVM compiles, or anything else written in C) waits until that returns, and the ticks that
came meanwhile collapse into one. So each sample is weighted by the main thread's CPU time
since the sample before (`time.thread_time`), not counted as one tick: a 50 ms native call is
one sample of 50 ms, seen as the call returns. The error is at most one interval per sample,
charged to the frame that runs right after a long stretch of C. (LuaJIT's `-jp` reads the VM
state in its signal handler instead; eva's native code keeps no state a Python handler could
read in time, so it is found by the stack the handler lands in, below.)

**Reading the host stack.** Each tier leaves its own kind of host frame:

    dispatch loop   Interpreter.execute runs the interpreter's frames from its `base` up to
                    the next execute's (interpreter.py); each is an Eva frame
    translated      a translated function's host frame (direct.py's `by_python_code`)
    native          the wrapper the profiler puts around every compiled unit's entry
                    (`native_entry`): a signal that lands while native code runs is handled
                    right after the entry returns, in the wrapper's frame; compiled frames
                    called natively from there are counted in the unit that was entered
    runtime         host frames above a native wrapper: native code calling the runtime
                    (eva/jit/runtime.py), which may call Eva code again
    compiling       JIT.compile (LLVM included) and Translations.make (the translator)
    GC              Heap.collect

The innermost of these gives the sample's tier; the Eva frames give its function and its
stack for the flame graph. Outside all of them (start-up of a run, the exit), the tier is
"other".

**Cost.** A sample costs a walk of the host stack and a dictionary update, tens of
microseconds; at the default interval of 1 ms that is a few percent
(benchmarks/profiler_overhead.py measures it). The wrapper adds one Python call per entry into
native code, not per native call.

**Output.** A table on stderr at exit (`report`), and with `--profile-out FILE` the samples as
speedscope's JSON (FILE ending in .json) or as collapsed stacks, the text format that
flamegraph.pl, inferno and speedscope read (`frame;frame;frame weight`, weight in
microseconds).
"""

from __future__ import annotations

import dis
import json
import signal
import threading
import time

from eva.interp.frames import CODE

TIERS = ("dispatch", "translated", "native", "runtime", "compiling", "gc", "other")
TIER_TITLES = {
    "dispatch": "dispatch loop",
    "translated": "translated",
    "native": "native",
    "runtime": "runtime calls from native code",
    "compiling": "compiling (translator, JIT)",
    "gc": "GC",
    "other": "outside Eva code",
}
COLUMN_TITLES = {tier: "GC" if tier == "gc" else tier for tier in TIERS}  # (the table's heads)

DEFAULT_INTERVAL_US = 1000
RESUME = dis.opmap["RESUME"]
TABLE_ROWS = 20
MAX_STACK = 200
"""Eva frames a sample keeps, the innermost: a stack 20,000 deep (recursion up to the depth
limit) would take milliseconds per sample to name, and no flame graph shows it."""

# what a host frame is, found once per Python code object (`Profiler.kind`)
EXECUTE, TRANSLATED, TRANSLATED_LOOP, NATIVE, COMPILING, GC, NOTHING = range(7)
MARKERS = {
    ("eva/interp/interpreter.py", "Interpreter.execute"): EXECUTE,
    ("eva/jit/tierup.py", "JIT.compile"): COMPILING,
    ("eva/interp/direct.py", "Translations.make"): COMPILING,
    ("eva/heap.py", "Heap.collect"): GC,
}


def label(code) -> str:
    """An Eva function as a profile names it: its name and where it is defined."""
    name = code.name.replace(";", ":")
    if not code.line:
        return f"{name} {code.file}"
    return f"{name} {code.file}:{code.line}"


def native_entry(entry, unit):
    """`entry` (a compiled unit's entry builtin) as the profiler wants it called: through a
    host frame of its own, which the handler recognises (module docstring) and reads the
    unit from (`unit`, a keyword no caller passes)."""
    def entered(*args, unit=unit):
        return entry(*args)
    return entered


NATIVE_WRAPPER_CODE = native_entry(None, None).__code__


class Profiler:
    """The samples of one VM's runs: Eva stack (a tuple of (label, tier)) and the tier the
    time was spent in -> CPU seconds."""

    def __init__(self, vm, interval_us: int = DEFAULT_INTERVAL_US):
        self.vm = vm
        self.interval = max(1, interval_us) / 1_000_000
        self.weights: dict[tuple, float] = {}
        self.samples = 0
        self.active = 0          # nesting of `start` (a run may start inside a run)
        self.sampling = False    # the timer and handler are ours
        self.last = 0.0
        self.previous = None     # the SIGPROF handler before ours
        self.kinds: dict = {}    # id of a Python code object -> `describe`'s answer
        self.labels: dict = {}   # Eva code object -> its `label`
        self.unavailable = ""    # why nothing could be sampled, if so
        self.busy = False        # in the handler

    # -- sampling -------------------------------------------------------------------------

    def start(self) -> None:
        """Sample from now on (nested starts count: sampling stops at the outermost stop)."""
        self.active += 1
        if self.active > 1:
            return
        if threading.current_thread() is not threading.main_thread():
            self.unavailable = "only the main thread can be sampled (Python's signal handlers " \
                               "run there)"
            return
        self.previous = signal.signal(signal.SIGPROF, self.sample)
        self.sampling = True
        self.last = time.thread_time()
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)

    def stop(self) -> None:
        self.active -= 1
        if self.active > 0 or not self.sampling:
            return
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        self.sample(signal.SIGPROF, None)  # the time since the last tick: the run's end
        # (None: a handler not installed from Python, which Python cannot put back)
        signal.signal(signal.SIGPROF, signal.SIG_DFL if self.previous is None else self.previous)
        self.sampling = False
        self.previous = None

    def sample(self, signum, frame) -> None:
        """The SIGPROF handler: weigh the Eva stack `frame` is in by the CPU time since the
        last sample. A signal that comes while the handler runs (Python handles it in the
        handler's own frames) is left to the next sample, which gets its time."""
        if self.busy:
            return
        self.busy = True
        try:
            now = time.thread_time()
            weight = now - self.last
            self.last = now
            key = ((), "other")
            if frame is not None:
                try:
                    key = self.stack_of(frame)
                except RecursionError:  # the host stack is full: the program's own error
                    key = ((), "other")  # comes next, and the time is outside any tier
            self.weights[key] = self.weights.get(key, 0.0) + weight
            self.samples += 1
        finally:
            self.busy = False

    def describe(self, code) -> tuple:
        """(what frames of a Python code object are: a marker kind or NOTHING; the Eva
        function's label for a translation; the offset of its RESUME, where a signal that
        came before the call is handled). Found once per code object and kept by its id:
        hashing a code object hashes its bytecode and constants (6 us a lookup)."""
        known = self.kinds.get(id(code))
        if known is not None and known[0] is code:
            return known
        path = code.co_filename.replace("\\", "/")
        kind, name = NOTHING, None
        translation = self.vm.interpreter.translations.by_python_code.get(code)
        if code is NATIVE_WRAPPER_CODE:
            kind = NATIVE
        elif translation is not None:
            kind = TRANSLATED_LOOP if self.is_loop_entry(translation) else TRANSLATED
            name = self.label(translation.code)
        else:
            for (file, qualname), marker in MARKERS.items():
                if code.co_qualname == qualname and path.endswith(file):
                    kind = marker
        raw = code.co_code
        start = next((i for i in range(0, len(raw), 2) if raw[i] == RESUME), -1)
        known = self.kinds[id(code)] = (code, kind, name, start)  # (the code: ids are reused)
        return known

    def label(self, code) -> str:
        name = self.labels.get(code)
        if name is None:
            name = self.labels[code] = label(code)
        return name

    def is_loop_entry(self, translation) -> bool:
        """Whether a translation is one entered at a loop (direct.py's `loop_entry`)."""
        entries = self.vm.interpreter.translations.loop_entries.get(translation.code, {})
        return any(entry is translation.function for entry in entries.values())

    def stack_of(self, frame) -> tuple:
        """(Eva stack outermost first, as (label, tier) pairs; the tier of the time)."""
        marked = []   # (kind, label, host frame), innermost first
        above = 0     # host frames above the innermost marker
        if frame.f_lasti <= self.describe(frame.f_code)[3]:
            # A function that has not started: the signal came before the call, and Python
            # handles it at the function's first instruction. The time is its caller's
            # (native code's, when the runtime function called is the first Python to run).
            frame = frame.f_back
        while frame is not None:
            _, kind, name, _ = self.describe(frame.f_code)
            if kind != NOTHING:
                marked.append((kind, name, frame))
            elif not marked:
                above += 1
            frame = frame.f_back
        frames = self.vm.interpreter.frames
        stack = []
        end = len(frames)  # the interpreter's frames above the execute being read
        ends = []
        for kind, _, host in marked:  # innermost first: each execute owns frames up to `end`
            if kind == EXECUTE:
                base = host.f_locals.get("base", end)
                ends.append((base, end))
                end = base
        tier = "other"

        def push(name: str, tier: str, continues: bool) -> None:
            """An Eva frame; one that `continues` goes on with the frame below it of the
            same function (on-stack replacement, from the dispatch loop or translated code)
            and takes its place."""
            if continues and stack and stack[-1][0] == name:
                stack[-1] = (name, tier)
            else:
                stack.append((name, tier))

        for kind, name, host in reversed(marked):
            if kind == EXECUTE:
                base, end = ends.pop()
                if end - base > MAX_STACK:  # (the outer ones are cut below anyway)
                    stack.append((f"({end - base - MAX_STACK} frames)", "dispatch"))
                    base = end - MAX_STACK
                stack.extend((self.label(f[CODE]), "dispatch") for f in frames[base:end])
                tier = "dispatch"
            elif kind == TRANSLATED or kind == TRANSLATED_LOOP:
                push(name, "translated", kind == TRANSLATED_LOOP)
                tier = "translated"
            elif kind == NATIVE:
                unit = host.f_locals["unit"]
                push(self.label(unit.code), "native", unit.entry_pc != 0)
                tier = "native"
            elif kind == COMPILING:
                tier = "compiling"
            else:
                tier = "gc"
        if tier == "native" and above:
            tier = "runtime"
        if len(stack) > MAX_STACK:
            stack[:-MAX_STACK] = [("(outer frames)", stack[-MAX_STACK][1])]
        return tuple(stack), tier

    # -- what it found --------------------------------------------------------------------

    def total(self) -> float:
        return sum(self.weights.values())

    def by_tier(self) -> dict:
        tiers = dict.fromkeys(TIERS, 0.0)
        for (_, tier), weight in self.weights.items():
            tiers[tier] += weight
        return tiers

    def by_function(self) -> list:
        """[(label, self seconds by tier, total seconds)], most self time first; the time
        of a sample outside any Eva function is the function '(no Eva code)'s."""
        own: dict = {}
        inclusive: dict = {}
        for (stack, tier), weight in self.weights.items():
            name = stack[-1][0] if stack else "(no Eva code)"
            tiers = own.get(name)
            if tiers is None:
                tiers = own[name] = dict.fromkeys(TIERS, 0.0)
            tiers[tier] += weight
            for each in {entry[0] for entry in stack} | {name}:
                inclusive[each] = inclusive.get(each, 0.0) + weight
        rows = [(name, tiers, inclusive[name]) for name, tiers in own.items()]
        rows.sort(key=lambda row: -sum(row[1].values()))
        return rows

    def report(self) -> str:
        """The table `--profile` prints at exit."""
        total = self.total()
        mean = total / self.samples * 1000 if self.samples else 0.0
        lines = [f"eva profile: {total:.3f} s of CPU time in {self.samples:,} samples, one per "
                 f"{mean:.1f} ms on average",
                 "  (each weighs the CPU time since the one before: the timer asks for one "
                 f"per {self.interval * 1000:g} ms,",
                 "  and the kernel's tick and long stretches of native code make them "
                 "sparser)"]
        if self.unavailable:
            lines.append(f"  nothing sampled: {self.unavailable}")
            return "\n".join(lines)
        if total <= 0:
            lines.append("  nothing sampled: the program ran for less than one interval")
            return "\n".join(lines)

        def percent(seconds: float) -> str:
            return f"{100 * seconds / total:.1f}%" if seconds > 0 else "-"

        lines.append("")
        lines.append("time by tier:")
        for tier, seconds in self.by_tier().items():
            lines.append(f"  {TIER_TITLES[tier]:<32} {seconds:8.3f} s {percent(seconds):>7}")
        rows = self.by_function()
        tiers = [tier for tier in TIERS if any(row[1][tier] for row in rows)]
        lines.append("")
        lines.append("time by function (self time split by tier; total includes callees):")
        width = max(8, *(len(row[0]) for row in rows[:TABLE_ROWS]))
        header = f"  {'function':<{width}} {'self':>7} {'total':>7}" + \
            "".join(f" {COLUMN_TITLES[tier]:>10}" for tier in tiers)
        lines.append(header)
        for name, own, inclusive in rows[:TABLE_ROWS]:
            lines.append(f"  {name:<{width}} {percent(sum(own.values())):>7} "
                         f"{percent(inclusive):>7}" +
                         "".join(f" {percent(own[tier]):>10}" for tier in tiers))
        if len(rows) > TABLE_ROWS:
            rest = sum(sum(row[1].values()) for row in rows[TABLE_ROWS:])
            lines.append(f"  ({len(rows) - TABLE_ROWS} more functions: {percent(rest)})")
        return "\n".join(lines)

    def frame_names(self, stack: tuple, tier: str) -> list[str]:
        """A sample's frames as the flame graph shows them, outermost first: each Eva frame
        with its tier, then the tier the time went to when it is not the innermost
        frame's own (compiling, GC, runtime calls, other)."""
        names = [f"{name} [{frame_tier}]" for name, frame_tier in stack]
        if not stack or tier != stack[-1][1]:
            names.append(f"({TIER_TITLES[tier]})")
        return names

    def collapsed(self) -> str:
        """The samples as collapsed stacks, weights in microseconds of CPU."""
        lines = []
        for (stack, tier), weight in sorted(self.weights.items(), key=lambda item: -item[1]):
            micros = round(weight * 1_000_000)
            if micros > 0:
                lines.append(f"{';'.join(self.frame_names(stack, tier))} {micros}")
        return "\n".join(lines) + "\n"

    def speedscope(self, name: str) -> str:
        """The samples as a speedscope file (its 'sampled' profile, weights in seconds)."""
        frames: list = []
        index: dict = {}
        samples = []
        weights = []
        for (stack, tier), weight in self.weights.items():
            sample = []
            for frame_name in self.frame_names(stack, tier):
                if frame_name not in index:
                    index[frame_name] = len(frames)
                    frames.append({"name": frame_name})
                sample.append(index[frame_name])
            samples.append(sample)
            weights.append(weight)
        document = {
            "$schema": "https://www.speedscope.app/file-format-schema.json",
            "exporter": "eva's tier profiler",
            "name": name,
            "activeProfileIndex": 0,
            "shared": {"frames": frames},
            "profiles": [{"type": "sampled", "name": name, "unit": "seconds",
                          "startValue": 0, "endValue": sum(weights),
                          "samples": samples, "weights": weights}],
        }
        return json.dumps(document, indent=1) + "\n"

    def write(self, path: str, name: str) -> None:
        """Save the samples to `path`: speedscope's JSON if it ends in .json, else collapsed
        stacks."""
        text = self.speedscope(name) if path.endswith(".json") else self.collapsed()
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
