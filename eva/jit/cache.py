"""The code cache: compiled units' machine code kept on disk, so that a program run again
loads its native code instead of compiling it, and never loads LLVM at all.

Why. In a short process the JIT's cost is mostly fixed: importing and initializing llvmlite
(25-50 ms) and compiling each unit (15-30 ms) come before the first native instruction runs,
and for the benchmarks at their default sizes that is as long as the compiled code itself
runs (docs/jit.md). Loading a unit from the cache takes about a millisecond.

Identity. What an entry was made from: the versions of this format, llvmlite and Python, the
machine, the source of codegen.py and llvm.py (the passes, the target machine's settings) and
the unit's IR before optimization. The IR holds no address (everything outside the module is
reached through a slot the JIT fills in at load time, slots.py), so the same program,
specialized on the same types and tiered up in the same order, has the same identity in every
process. Whatever changes the code changes the identity: an entry is written once and never
updated. An entry is named by two 32-bit checksums of its identity (zlib's; hashlib would cost
4 ms of imports in every process), and a load compares the identity itself, so two units whose
names collide never share code: the second one is simply not cached.

Entry. Three files in the cache directory: KEY.id, the identity; KEY.ll, the optimized IR
(what `eva ir --stage post` and `VM.jit_ir` show for a loaded unit); and KEY.so, a shared
object linked with `ld -shared` from the position-independent object LLVM emits for that IR.
They are written in that order, each under a temporary name then renamed, so a .so means a
whole entry, and processes racing to write one entry write the same bytes.

Writing. A unit that is not in the cache is compiled with MCJIT as always and runs at once.
Its entry is made on a background thread: LLVM's code generation and the linker run without
the GIL, on the other core. A process waits for its pending writes before it exits
(`flush`, also called before `--jit-stats` reports). Without a linker the cache only reads.

Loading is dlopen (ctypes.CDLL) and binding the slots. An entry that does not load (a
truncated file, another machine's) is a miss, and is removed for this run to write anew. A
process loads an entry at most once: a second VM of the same process compiling the same unit
compiles it with MCJIT, because dlopen would hand back the library already loaded, whose slots
point at the first VM's runtime.

Trust is that of Python's __pycache__: the directory is the user's (created 0700), and
whoever can write to it can run code as the user.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
import zlib

from eva.jit.slots import bind_slots

# Loading an entry needs only the modules above (the process that loads everything from the
# cache never imports more); writing one imports atexit, queue, shutil, subprocess, tempfile
# and threading, about 10 ms, when the unit has just been compiled and LLVM dwarfs them.

CACHE_FORMAT = 1
"""Bumped when the layout of an entry or the meaning of a key changes."""
MAX_ENTRIES = 2000
"""Entries a cache directory keeps (25-35 KB each, so about 60 MB). Past this, a write removes
the least recently used quarter: a load marks its entry used (its modification time)."""
WRITE_TIMEOUT = 30.0
"""Seconds a process waits at exit for its pending writes (each takes 10-20 ms)."""


def default_directory() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "eva", "jit")


class LoadedModule:
    """A unit's machine code loaded from the cache; what the JIT uses of a
    codegen.CompiledModule (addresses, bind, the IR texts), without LLVM."""

    from_cache = True

    def __init__(self, library: ctypes.CDLL, names: list[str], pre_ir: str, post_ir_path: str):
        self.library = library  # keeps the code mapped
        self.addresses = {name: ctypes.cast(library[name], ctypes.c_void_p).value
                          for name in names}
        self.pre_ir = pre_ir
        self.post_ir_path = post_ir_path

    @property
    def post_ir(self) -> str:
        try:
            with open(self.post_ir_path, encoding="utf-8") as file:
                return file.read()
        except OSError as error:
            return f"; the code cache lost this unit's optimized IR: {error}"

    def bind(self, addresses: dict) -> None:
        bind_slots(lambda symbol: ctypes.addressof(ctypes.c_void_p.in_dll(self.library, symbol)),
                   addresses)


class CodeCache:
    """One VM's view of a cache directory, with what it wrote (for --jit-stats)."""

    def __init__(self, directory: str = ""):
        self.directory = directory or default_directory()
        self.written = 0
        self.problem = ""  # why the last write failed, if one did
        self._salt: bytes | None = None

    def identity(self, ir_text: str) -> bytes:
        if self._salt is None:
            import llvmlite
            code = b""
            for name in ("codegen.py", "llvm.py"):  # the passes, and the target machine's settings
                with open(os.path.join(os.path.dirname(__file__), name), "rb") as file:
                    code += file.read()
            self._salt = "\0".join([str(CACHE_FORMAT), llvmlite.__version__, sys.version,
                                    sys.platform, os.uname().machine, ""]).encode() + code
        return self._salt + b"\0" + ir_text.encode()

    @staticmethod
    def key(identity: bytes) -> str:
        return f"{zlib.crc32(identity):08x}{zlib.adler32(identity):08x}"

    def load(self, identity: bytes, ir_text: str, names: list[str]) -> LoadedModule | None:
        """The unit of this identity (and IR), loaded and ready to bind, or None."""
        key = self.key(identity)
        path = self.entry(key, ".so")
        if path in _loaded_paths or not os.path.isfile(path):
            return None
        try:
            with open(self.entry(key, ".id"), "rb") as file:
                if file.read() != identity:
                    return None  # another unit's entry under the same name
            module = LoadedModule(ctypes.CDLL(path), names, ir_text, self.entry(key, ".ll"))
        except (OSError, AttributeError):  # not loadable, or lacking a symbol: compile instead,
            try:                           # and let this run write the entry again
                os.unlink(path)
            except OSError:
                pass
            return None
        _loaded_paths.add(path)
        try:
            os.utime(path)  # recently used, for the eviction in `write`
        except OSError:
            pass
        return module

    def entry(self, key: str, suffix: str) -> str:
        return os.path.join(self.directory, key + suffix)

    def store(self, identity: bytes, post_ir: str) -> None:
        """Write the entry of the unit of this identity, optimized to `post_ir`, in the
        background."""
        _writer().submit(self, self.key(identity), identity, post_ir)

    def flush(self) -> None:
        """Wait until the entries this process asked for are written."""
        if _WRITER is not None:
            _WRITER.flush()

    def write(self, key: str, identity: bytes, post_ir: str) -> None:
        """Make one entry (on the writer thread). Failures are noted, never raised: the
        program is already running its compiled code."""
        import shutil
        import subprocess
        import tempfile
        from pathlib import Path
        linker = shutil.which("ld")
        if linker is None:
            self.problem = "no linker ('ld') to make shared objects: the cache only reads"
            return
        try:
            from eva.jit.codegen import NativeCompiler
            obj = NativeCompiler.shared_object_code(post_ir)
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            if os.path.exists(self.entry(key, ".so")):
                return
            # Not tempfile.TemporaryDirectory: Python runs its finalizer at exit before the
            # wait for pending writes (registered earlier), deleting the directory under ld.
            scratch = Path(tempfile.mkdtemp(dir=self.directory, prefix=".writing-"))
            try:
                (scratch / "unit.o").write_bytes(obj)
                (scratch / "unit.id").write_bytes(identity)
                (scratch / "unit.ll").write_text(post_ir, encoding="utf-8")
                linked = subprocess.run([linker, "-shared", "-o", str(scratch / "unit.so"),
                                         str(scratch / "unit.o")], capture_output=True, text=True)
                if linked.returncode != 0:
                    self.problem = f"ld failed: {linked.stderr.strip()}"
                    return
                os.replace(scratch / "unit.id", self.entry(key, ".id"))
                os.replace(scratch / "unit.ll", self.entry(key, ".ll"))
                os.replace(scratch / "unit.so", self.entry(key, ".so"))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            self.written += 1
            self.evict()
        except Exception as error:  # a full disk, a read-only home, an LLVM error: no entry
            self.problem = f"{type(error).__name__}: {error}"

    def evict(self) -> None:
        """Keep at most MAX_ENTRIES entries: past that, drop the least recently used quarter."""
        entries = [entry for entry in os.scandir(self.directory) if entry.name.endswith(".so")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda entry: entry.stat().st_mtime)
        for entry in entries[:len(entries) - MAX_ENTRIES * 3 // 4]:
            for suffix in (".so", ".ll", ".id"):
                try:
                    os.unlink(entry.path[:-3] + suffix)
                except OSError:
                    pass

    def render(self, load_seconds: list[float]) -> str:
        """What --jit-stats says of the cache, given the times of the units loaded from it
        (analysis and lowering included, as in compile times)."""
        line = (f"{len(load_seconds)} units loaded ({sum(load_seconds) * 1e3:.1f} ms), "
                f"{self.written} written, in {self.directory}")
        return line + (f"; {self.problem}" if self.problem else "")


_loaded_paths: set[str] = set()
"""Entries loaded by this process (see the module docstring: at most once each)."""


class Writer:
    """The process's one background thread that writes cache entries."""

    def __init__(self):
        import atexit
        import queue
        import threading
        self.jobs: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self.work, name="eva-jit-cache", daemon=True)
        self.thread.start()
        atexit.register(self.flush)

    def submit(self, cache: CodeCache, *job) -> None:
        self.jobs.put((cache, job))

    def work(self) -> None:
        while True:
            cache, job = self.jobs.get()
            try:
                cache.write(*job)
            finally:
                self.jobs.task_done()

    def flush(self) -> None:
        deadline = time.monotonic() + WRITE_TIMEOUT
        while self.jobs.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.001)


_WRITER: Writer | None = None


def _writer() -> Writer:
    global _WRITER
    if _WRITER is None:
        _WRITER = Writer()
    return _WRITER


def _forget_writer() -> None:
    """In a forked child the writer's thread is gone: the child starts its own if it needs
    one, instead of queueing writes nobody makes and waiting for them at exit."""
    global _WRITER
    _WRITER = None


os.register_at_fork(after_in_child=_forget_writer)
