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
updated. An entry is named by two 32-bit checksums of its identity (zlib's: a name only has to
spread entries, and zlib is imported anyway), and a load compares the identity itself, so two
units whose names collide never share code: the unit that finds the other's entry replaces it.

Entry. Three files in the cache directory: KEY.so, a shared object linked with `ld -shared`
from the position-independent object LLVM emits for the unit's optimized IR; KEY.ll, that IR
(what `eva ir --stage post` and `VM.jit_ir` show for a loaded unit); and KEY.id, the seal
(the size and SHA-256 of KEY.so, `seal`) followed by the identity. They are written in that
order, each under a temporary name then renamed, so a .id means a whole entry, and processes
racing to write one entry write the same bytes (were they not, the seal of one and the shared
object of the other would be a damaged entry, below, not wrong code).

Writing. A unit that is not in the cache is compiled with MCJIT as always and runs at once.
Its entry is made on a background thread: LLVM's code generation and the linker run without
the GIL, on the other core. A process waits for its pending writes before it exits
(`flush`, also called before `--jit-stats` reports). Without a linker the cache only reads.

Loading is checking, dlopen (ctypes.CDLL) and binding the slots. KEY.so is opened once, and
that descriptor is what is checked (trust.py), measured against the seal, hashed, and given to
dlopen as /proc/self/fd/N, so the file loaded is the file checked. An entry whose shared object
does not match its seal (truncated, changed, another file in its place), whose identity is
another's, or that is not the user's, is a miss: it is removed, and this run writes it anew
(`--jit-stats` counts it, with the last reason). It is the seal that tells, never dlopen
failing on a damaged file: a truncated shared object can crash the process that maps it
(SIGBUS), and a changed byte of code runs. Hashing costs 60-90 us per unit (fib's 14 KB
shared object; `sha256` says why this hash). An entry that matches its seal but that dlopen
refuses is this machine's problem, not the entry's, and is kept. A process loads an entry at
most once: a second VM of the same process compiling the same unit compiles it with MCJIT,
because dlopen would hand back the library already loaded, whose slots point at the first
VM's runtime.

Trust. The cache runs what it finds, so its directory is held to ssh's rules for ~/.ssh
(trust.py): it and every entry loaded from it are the effective user's, writable by no one
else, and not symbolic links, and the directories above it are root's or the user's and
writable by no one else unless sticky. A directory that fails is not used at all: the run
goes on without the cache, and a warning on stderr (once per process and directory) and the
`code cache` line of `--jit-stats` say why. The check is made before the first read or write,
on a descriptor of the directory that every later access goes through. What the rules leave
out: anyone running as the user (or root) can still put code there, as they can edit eva.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
import zlib

from eva.jit.slots import bind_slots
from eva.jit.trust import Untrusted, open_private_directory, open_private_file

# Loading an entry needs only the modules above, and CPython's SHA-256 (0.3 ms, `sha256`): the
# process that loads everything from the cache never imports more. Writing one imports atexit,
# queue, shutil, subprocess, tempfile and threading, about 10 ms, when the unit has just been
# compiled and LLVM dwarfs them.

CACHE_FORMAT = 2
"""Bumped when the layout of an entry or the meaning of a key changes (2: the seal in .id)."""
MAX_ENTRIES = 2000
"""Entries a cache directory keeps (25-35 KB each, so about 60 MB). Past this, a write removes
the least recently used quarter: a load marks its entry used (its modification time)."""
WRITE_TIMEOUT = 30.0
"""Seconds a process waits at exit for its pending writes (each takes 10-20 ms)."""
ENTRY_SUFFIXES = (".so", ".ll", ".id")
"""An entry's files, in the order they are written: the .id, with the seal, completes it."""
FD_DIRECTORY = "/proc/self/fd"
"""Where a descriptor has a path: how dlopen and the linker reach the very files checked."""


def default_directory() -> str:
    """$XDG_CACHE_HOME/eva/jit, or ~/.cache/eva/jit; a relative XDG_CACHE_HOME is ignored, as
    the XDG specification asks (it would put the cache under whatever directory eva runs in)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "eva", "jit")


_SHA256 = None


def sha256(data: bytes) -> bytes:
    """The SHA-256 digest of `data`, from CPython's own implementation when the build has it:
    importing it takes 0.3-0.4 ms, where hashlib's (OpenSSL's libcrypto) takes 4-6 ms, in every
    process that loads from the cache. OpenSSL hashes faster (11 us for fib's 14 KB shared
    object, against 60-90 us), which would repay its import only past some 50 units loaded in
    one process (`python -X importtime -c 'import _sha256'`, and 'import hashlib')."""
    global _SHA256
    if _SHA256 is None:
        try:
            from _sha2 import sha256 as function  # CPython 3.12 and later
        except ImportError:
            try:
                from _sha256 import sha256 as function  # CPython 3.11
            except ImportError:
                from hashlib import sha256 as function  # a build without CPython's hashes
        _SHA256 = function
    return _SHA256(data).digest()


def seal(identity: bytes, shared_object: bytes) -> bytes:
    """The contents of an entry's .id: a line with the size and SHA-256 of its shared object
    (decimal, then hexadecimal), then the identity."""
    return b"%d %s\n" % (len(shared_object), sha256(shared_object).hex().encode()) + identity


def unseal(record: bytes) -> tuple[bytes, int, bytes] | None:
    """(identity, size, digest) from an entry's .id, or None if it is not one."""
    line, newline, identity = record.partition(b"\n")
    size, _, digest = line.partition(b" ")
    try:
        return (identity, int(size), bytes.fromhex(digest.decode("ascii"))) if newline else None
    except ValueError:
        return None


class LoadedModule:
    """A unit's machine code loaded from the cache; what the JIT uses of a
    codegen.CompiledModule (addresses, bind, the IR texts), without LLVM."""

    from_cache = True

    def __init__(self, library: ctypes.CDLL, names: list[str], pre_ir: str, cache: CodeCache,
                 key: str, fd: int):
        self.library = library  # keeps the code mapped
        self.fd = fd            # what it was loaded through
        self.addresses = {name: ctypes.cast(library[name], ctypes.c_void_p).value
                          for name in names}
        self.pre_ir = pre_ir
        self.cache = cache  # keeps open the directory the optimized IR is read from
        self.key = key

    @property
    def post_ir(self) -> str:
        try:
            return self.cache.read(self.key + ".ll").decode("utf-8")
        except (OSError, Untrusted, UnicodeDecodeError) as error:
            return f"; the code cache lost this unit's optimized IR: {error}"

    def bind(self, addresses: dict) -> None:
        bind_slots(lambda symbol: ctypes.addressof(ctypes.c_void_p.in_dll(self.library, symbol)),
                   addresses)

    def release(self) -> None:
        """Nothing will run this code again: unload the library and close the descriptor it
        was loaded through (see _loaded), so that a later run of the same unit loads it anew."""
        if self.library is None:
            return
        import _ctypes
        _ctypes.dlclose(self.library._handle)
        self.library = None
        for file, fd in list(_loaded.items()):
            if fd == self.fd:
                del _loaded[file]
                os.close(fd)


class CodeCache:
    """One VM's view of a cache directory, with what it did (for --jit-stats).

    The directory is checked and opened when first needed (loads and stores run on the main
    thread, and so does this), and every file of it is reached through that descriptor, also
    by the writer thread and by the linker, as /proc/self/fd/N."""

    def __init__(self, directory: str = "", log=None):
        self.directory = os.path.abspath(directory or default_directory())
        self.log = log  # the JIT log (log.py): its loads, writes and entries removed
        self.written = 0
        self.replaced = 0      # bad entries removed when found, for this run to write again
        self.replaced_why = ""  # the last one's reason
        self.problem = ""      # why the last write or load failed, if one did
        self.refusal = ""      # why the directory is not used at all, if it is not
        self._fd: int | None = None  # the directory, once opened and checked
        self._unusable = False
        self._salt: bytes | None = None

    def __del__(self, close=os.close):  # (os may be gone when this runs at shutdown)
        if self._fd is not None:
            close(self._fd)

    def usable(self, create: bool = False) -> bool:
        """Whether the directory is open, checked and usable; opens it the first time (and
        makes it if `create`). A directory that does not exist yet is just not there yet;
        one that cannot be used (refused, or an error) is not tried again."""
        if self._fd is not None or self._unusable:
            return self._fd is not None
        try:
            fd = open_private_directory(self.directory, create)
        except FileNotFoundError:
            return False
        except Untrusted as why:
            self._unusable = True
            self.refusal = str(why)
            if self.directory not in _warned:
                _warned.add(self.directory)
                print(f"eva: warning: not using the JIT code cache {self.directory}: {why}",
                      file=sys.stderr)
            return False
        except OSError as error:
            self._unusable = True
            self.problem = f"{type(error).__name__}: {error}"
            return False
        self._fd = fd
        if not os.path.isdir(self.path()):
            self._unusable = True
            self.problem = f"{FD_DIRECTORY} is missing (no /proc), and entries are used through it"
            os.close(fd)
            self._fd = None
        return self._fd is not None

    def path(self, name: str = "") -> str:
        """The path of `name` in the directory through its open descriptor."""
        return os.path.join(FD_DIRECTORY, str(self._fd), name)

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

    def load(self, identity: bytes, ir_text: str, names: list[str],
             label: str = "") -> LoadedModule | None:
        """The unit of this identity (and IR), loaded and ready to bind, or None; `label`
        names the unit in the JIT log."""
        if not self.usable():
            return None
        key = self.key(identity)
        try:
            record = unseal(self.read(key + ".id"))
        except FileNotFoundError:
            return None
        except Untrusted as why:
            return self.discard(key, str(why), label)
        except OSError as error:
            self.problem = f"{key}.id: {type(error).__name__}: {error}"
            return None
        if record is None:
            return self.discard(key, f"{key}.id is not an entry's", label)
        stored, size, digest = record
        if stored != identity:  # another unit's entry under the same name, or a damaged one
            return self.discard(key, f"{key}.id is another unit's", label)
        name = key + ".so"
        try:
            fd, status = open_private_file(name, self._fd)
        except FileNotFoundError:
            return self.discard(key, f"{name} is missing", label)
        except Untrusted as why:
            return self.discard(key, str(why), label)
        except OSError as error:
            self.problem = f"{name}: {type(error).__name__}: {error}"
            return None
        kept = False
        try:
            if (status.st_dev, status.st_ino) in _loaded:
                return None  # loaded by another VM of this process: see the module docstring
            if status.st_size != size:
                return self.discard(key, f"{name} has {status.st_size} bytes, not the {size} "
                                         f"of its seal", label)
            if sha256(os.read(fd, size + 1)) != digest:  # (+ 1: the file may have grown)
                return self.discard(key, f"{name} does not have the SHA-256 of its seal", label)
            try:
                library = ctypes.CDLL(os.path.join(FD_DIRECTORY, str(fd)))
            except OSError as error:  # the very file written, so this place's fault: keep it
                self.problem = f"dlopen failed: {error}"
                return None
            _loaded[status.st_dev, status.st_ino] = fd  # open from now on: see _loaded
            kept = True
            try:
                module = LoadedModule(library, names, ir_text, self, key, fd)
            except AttributeError as error:  # a shared object sealed, but not made by eva
                return self.discard(key, f"{name} lacks a symbol: {error}", label)
            try:
                os.utime(fd)  # recently used, for the eviction in `write`
            except OSError:
                pass
            if self.log is not None:
                self.log.emit("cache-load", unit=label, key=key)
            return module
        finally:
            if not kept:
                os.close(fd)

    def read(self, name: str) -> bytes:
        """The contents of the file `name` of the directory, if it passes the rules."""
        fd, status = open_private_file(name, self._fd)
        try:
            return os.read(fd, status.st_size)
        finally:
            os.close(fd)

    def discard(self, key: str, why: str, label: str) -> None:
        """Remove a bad entry, so that this run writes it anew (no LLVM is needed to see that it
        is bad: the caller compiles the unit next); returns None, the load's answer."""
        self.replaced += 1
        self.replaced_why = why
        if self.log is not None:
            self.log.emit("cache-reject", unit=label, key=key, reason=why)
        for suffix in reversed(ENTRY_SUFFIXES):  # the seal first: the entry is incomplete
            try:
                os.unlink(key + suffix, dir_fd=self._fd)
            except OSError:
                pass

    def store(self, identity: bytes, post_ir: str, label: str = "") -> None:
        """Write the entry of the unit of this identity, optimized to `post_ir`, in the
        background; `label` names the unit in the JIT log."""
        if self.usable(create=True):
            _writer().submit(self, self.key(identity), identity, post_ir, label)

    def flush(self) -> None:
        """Wait until the entries this process asked for are written."""
        if _WRITER is not None:
            _WRITER.flush()

    def write(self, key: str, identity: bytes, post_ir: str, label: str) -> None:
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
            if os.path.exists(self.path(key + ".id")):
                return
            from eva.jit.codegen import NativeCompiler
            obj = NativeCompiler.shared_object_code(post_ir)
            # Not tempfile.TemporaryDirectory: Python runs its finalizer at exit before the
            # wait for pending writes (registered earlier), deleting the directory under ld.
            scratch = Path(tempfile.mkdtemp(dir=self.path(), prefix=".writing-"))
            try:
                (scratch / "unit.o").write_bytes(obj)
                linked = subprocess.run([linker, "-shared", "-o", str(scratch / "unit.so"),
                                         str(scratch / "unit.o")], capture_output=True, text=True,
                                        pass_fds=(self._fd,))  # the paths go through it
                if linked.returncode != 0:
                    self.problem = f"ld failed: {linked.stderr.strip()}"
                    return
                (scratch / "unit.ll").write_text(post_ir, encoding="utf-8")
                shared_object = (scratch / "unit.so").read_bytes()
                (scratch / "unit.id").write_bytes(seal(identity, shared_object))
                for suffix in ENTRY_SUFFIXES:
                    os.replace(scratch / ("unit" + suffix), self.path(key + suffix))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            self.written += 1
            if self.log is not None:
                self.log.emit("cache-store", unit=label, key=key)
            self.evict()
        except Exception as error:  # a full disk, a read-only home, an LLVM error: no entry
            self.problem = f"{type(error).__name__}: {error}"

    def evict(self) -> None:
        """Keep at most MAX_ENTRIES entries: past that, drop the least recently used quarter."""
        entries = [entry for entry in os.scandir(self._fd) if entry.name.endswith(".so")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime)
        for entry in entries[:len(entries) - MAX_ENTRIES * 3 // 4]:
            for suffix in reversed(ENTRY_SUFFIXES):
                try:
                    os.unlink(entry.name[:-3] + suffix, dir_fd=self._fd)
                except OSError:
                    pass

    def render(self, load_seconds: list[float]) -> str:
        """What --jit-stats says of the cache, given the times of the units loaded from it
        (analysis and lowering included, as in compile times)."""
        if self.refusal:
            return f"not using {self.directory}: {self.refusal}"
        line = (f"{len(load_seconds)} units loaded ({sum(load_seconds) * 1e3:.1f} ms), "
                f"{self.written} written, in {self.directory}")
        if self.replaced:
            line += (f"; replaced {self.replaced} bad "
                     f"entr{'y' if self.replaced == 1 else 'ies'}, the last as {self.replaced_why}")
        return line + (f"; {self.problem}" if self.problem else "")


_loaded: dict[tuple[int, int], int] = {}
"""Entries loaded by this process, by file (device, inode), with the descriptor each was loaded
through. An entry is loaded at most once (see the module docstring): dlopen would hand back the
library already loaded from that file. The descriptor stays open for as long as the library
stays loaded (until LoadedModule.release): dlopen also knows a library by the name it was
opened under, and once /proc/self/fd/N is closed and N reused for another file, dlopen of that
name would hand back the first library if it were still loaded. One descriptor per loaded unit (the test suite's largest
process loads about 200)."""
_warned: set[str] = set()
"""Directories this process has warned about on stderr (once each)."""


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
