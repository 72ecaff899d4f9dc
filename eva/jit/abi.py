"""The contract between compiled code and the runtime: what a compiled function returns and
the limits both sides count against. One module, so the lowering (which writes the code) and
the runtime (which reads its results and sizes its buffers) cannot disagree."""

STATUS_OK, STATUS_BOXED, STATUS_ERROR, STATUS_RESUME = 0, 1, 2, 3
"""The status a compiled function returns with its value: 0 the value is its result; 1 the
function deoptimized and the interpreter finished it, the boxed result waits in the runtime;
2 an error is set (a Python exception); 3 an OSR unit deoptimized and its frame continues in
the interpreter."""

MAX_NATIVE_DEPTH = 10_000
"""Compiled frames active at once. Native frames live on the C stack (8 MB for the main
thread); past this depth calls continue in the interpreter, whose frames are heap objects,
so deep recursion stays correct and never overflows the C stack."""

MAX_NESTED_ENTRIES = 100
"""Nested Python->native entries (native code calling back into the interpreter, which enters
native code again, ...). Each costs C stack; past this depth calls stay interpreted."""

MAX_UNWIND_SITES = MAX_NATIVE_DEPTH
"""Compiled frames an error passes through on its way to an entry, at most: at most the
compiled frames active at once (Runtime.unwind_sites has this many words)."""

ROOTS_CAPACITY = 1 << 18
"""Words of the shadow stack that holds native frames' boxed values (lowering.py, "Boxed
values"): 2 MB. A frame that would not fit deoptimizes at its entry, like one past
MAX_NATIVE_DEPTH, and the interpreter runs the call."""
