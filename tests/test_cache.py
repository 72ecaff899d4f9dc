"""The code cache (eva/jit/cache.py): what it writes, when it loads, that loaded code
behaves exactly like freshly compiled code, guards and deopts included, and what it refuses to
load (eva/jit/trust.py): entries in a directory others can write to, entries that are not the
user's, and damaged ones."""

from __future__ import annotations

import io
import os
import random
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

import eva
from eva.errors import EvaRuntimeError
from eva.jit import cache, interrupts

FIB = "(def fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (print (fib 20))"


def run(source: str, cache_dir: Path, **options):
    """(vm, stdout text, error or None), with the code cache in `cache_dir`."""
    out = io.StringIO()
    options = {"jit_strict": True, "jit_cache": True, "jit_cache_dir": str(cache_dir), **options}
    vm = eva.VM(stdout=out, **options)
    try:
        vm.run(source, "test.eva")
        error = None
    except EvaRuntimeError as caught:
        error = caught
    if vm.jit is not None and vm.jit.cache is not None:
        vm.jit.cache.flush()
    return vm, out.getvalue(), error


def entries(directory: Path) -> list[str]:
    """The units' entries in a cache directory: not the signal handler's, the one entry
    besides them that a process compiling anything writes (eva/jit/interrupts.py)."""
    return sorted(path.name for path in directory.glob("*.so")
                  if HANDLER not in path.with_suffix(".id").read_bytes())


HANDLER = interrupts.HANDLER.encode()


def test_a_compiled_unit_is_written_then_loaded_in_a_new_process_without_llvm(tmp_path):
    """The point of the cache: the second process runs native code and never loads LLVM
    (llvmlite's library is not even mapped)."""
    code = ("import sys, eva; vm = eva.VM(jit_threshold=50, jit_cache_dir=sys.argv[2]); "
            "vm.run(sys.argv[1]); print(vm.jit.stats_report(), file=sys.stderr); "
            "print('libllvmlite' in open('/proc/self/maps').read())")
    environment = {**os.environ, "EVA_JIT_CACHE": "1"}
    runs = [subprocess.run([sys.executable, "-c", code, FIB, str(tmp_path)], env=environment,
                           capture_output=True, text=True, check=True) for _ in range(2)]
    assert [r.stdout for r in runs] == ["6765\nTrue\n", "6765\nFalse\n"]
    assert "0 units loaded" in runs[0].stderr and "2 written" in runs[0].stderr  # + the handler
    assert "1 units loaded" in runs[1].stderr and "0 written" in runs[1].stderr
    assert len(entries(tmp_path)) == 1 and len(list(tmp_path.glob("*.ll"))) == 2


def test_loaded_code_deoptimizes_like_compiled_code(tmp_path):
    """Guards of loaded code fail the same way: a type change, an overflow to a big integer
    and a division by zero after warm-up give the interpreter's output and error."""
    source = """
    (def f (a b) (+ (* a a) (/ a b)))
    (var s 0)
    (for (var i 1) (< i 100) (++ i) (+= s (f i 2)))
    (print s (f 2.5 2) (f 4611686018427387904 1))
    (f 1 0)
    """
    expected = run(source, tmp_path, jit=False)
    first = run(source, tmp_path, jit_threshold=10)
    second = run(source, tmp_path, jit_threshold=10)
    assert second[0].jit.stats.load_seconds and not second[0].jit.stats.compile_seconds
    for vm, out, error in (first, second):
        assert out == expected[1]
        assert error.render() == expected[2].render()
        assert vm.jit.stats.deopts == first[0].jit.stats.deopts != {}


def test_loaded_units_call_each_other_natively_and_see_rebound_globals(tmp_path):
    source = """
    (def sq (x) (* x x))
    (def sum (n) (begin (var s 0) (for (var i 0) (< i n) (++ i) (+= s (sq i))) s))
    (var t 0) (for (var k 0) (< k 30) (++ k) (+= t (sum 20)))
    (print t)
    (set sq (lambda (x) (- 0 x)))
    (print (sum 20))
    """
    first = run(source, tmp_path, jit_threshold=10)
    second = run(source, tmp_path, jit_threshold=10)
    assert first[1] == second[1] == run(source, tmp_path, jit=False)[1] == "74100\n-190\n"
    assert len(second[0].jit.stats.load_seconds) == len(first[0].jit.stats.compile_seconds) >= 2
    assert second[0].jit.stats.invalidated == first[0].jit.stats.invalidated >= 1


def test_the_ir_of_a_loaded_unit_is_the_compiled_one(tmp_path):
    first, _, _ = run(FIB, tmp_path, jit_always=True)
    second, _, _ = run(FIB, tmp_path, jit_always=True)
    assert second.jit.stats.load_seconds
    for stage in ("pre", "post"):
        assert second.jit_ir("fib", stage) == first.jit_ir("fib", stage)


def test_different_code_gets_different_entries(tmp_path):
    run(FIB, tmp_path, jit_always=True)
    run(FIB.replace("20", "20.0"), tmp_path, jit_always=True)  # fib(float)
    run(FIB, tmp_path, jit_always=True, deopt_every=3)        # guards that count down
    assert len(entries(tmp_path)) == 3


def test_an_entry_is_loaded_once_per_process(tmp_path):
    """A third VM compiling the unit again compiles it: the loaded library's slots belong to
    the second VM."""
    vms = [run(FIB, tmp_path, jit_always=True)[0] for _ in range(3)]
    assert [bool(vm.jit.stats.load_seconds) for vm in vms] == [False, True, False]
    assert all(vm.jit.stats.compiled == ["fib(int)"] for vm in vms)


def test_without_a_linker_the_cache_only_reads(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    vm, out, _ = run(FIB, tmp_path, jit_always=True)
    assert out == "6765\n" and entries(tmp_path) == []
    assert "no linker" in vm.jit.stats_report()


def test_an_unwritable_directory_is_reported_not_raised(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    vm, out, _ = run(FIB, blocked / "cache", jit_always=True)
    assert out == "6765\n"
    assert "written" in vm.jit.stats_report() and "Error" in vm.jit.cache.problem


def test_switched_off_it_writes_nothing(tmp_path):
    vm, out, _ = run(FIB, tmp_path, jit_always=True, jit_cache=False)
    assert out == "6765\n" and vm.jit.cache is None and entries(tmp_path) == []
    assert "code cache      off" in vm.jit.stats_report()


def test_trace_jit_says_which_units_came_from_the_cache(tmp_path, capfd):
    run(FIB, tmp_path, jit_always=True, trace_jit=True)
    run(FIB, tmp_path, jit_always=True, trace_jit=True)
    lines = [line for line in capfd.readouterr().err.splitlines() if "fib(int)" in line]
    assert lines[0].startswith("[jit] compiled fib(int) -> int: ")
    assert lines[1].startswith("[jit] loaded from the code cache fib(int) -> int: ")


def test_a_full_cache_drops_its_least_recently_used_entries(tmp_path, monkeypatch):
    monkeypatch.setattr("eva.jit.cache.MAX_ENTRIES", 4)
    programs = [f"(def f{i} (n) (+ n {i})) (print (f{i} 1))" for i in range(5)]
    names = []
    for source in programs[:4]:
        before = set(entries(tmp_path))
        run(source, tmp_path, jit_always=True)
        [name] = set(entries(tmp_path)) - before
        names.append(name)
    for age, name in enumerate(names):  # names[0] oldest, names[3] newest
        then = time.time() - 100 + age
        os.utime(tmp_path / name, (then, then))
    assert run(programs[0], tmp_path, jit_always=True)[0].jit.stats.load_seconds  # used again
    run(programs[4], tmp_path, jit_always=True)  # a fifth entry: down to 3, the 2 least used go
    kept = set(entries(tmp_path))
    assert len(kept) == 3 and kept & set(names) == {names[0], names[3]}
    assert len(list(tmp_path.glob("*.ll"))) == len(list(tmp_path.glob("*.so")))


def test_an_entry_made_from_other_code_is_never_loaded(tmp_path):
    """Entries are named by checksums; what decides is the identity stored beside the code
    (format, versions, codegen.py, the unit's IR), compared whole. The unit that finds another
    one's entry under its name replaces it (were it kept, neither would be cached again)."""
    run(FIB, tmp_path, jit_always=True)
    [identity_file] = tmp_path.glob("*.id")
    identity_file.write_bytes(identity_file.read_bytes().replace(b"fib", b"fob"))
    vm, out, _ = run(FIB, tmp_path, jit_always=True)
    assert out == "6765\n" and not vm.jit.stats.load_seconds and vm.jit.stats.compile_seconds
    assert b"fob" not in identity_file.read_bytes()
    assert run(FIB, tmp_path, jit_always=True)[0].jit.stats.load_seconds


def test_a_forked_child_writes_its_own_entries(tmp_path):
    """The writer thread does not survive fork: the child must start its own, or it would
    queue writes that nobody makes and wait for them at exit."""
    parent, child = tmp_path / "parent", tmp_path / "child"
    run(FIB, parent, jit_always=True)  # the parent's writer thread now exists
    pid = os.fork()
    if pid == 0:
        try:
            run(FIB.replace("20", "21"), child, jit_always=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert len(entries(child)) == 1


def test_without_the_cache_the_optimized_ir_is_made_when_asked_and_is_the_one_written(tmp_path):
    """Only the cache's writer needs the optimized IR's text at once; without the cache it is
    made when `VM.jit_ir` asks, by running the passes again, which must give the same text."""
    cached, _, _ = run(FIB, tmp_path, jit_always=True)
    uncached, _, _ = run(FIB, tmp_path, jit_always=True, jit_cache=False)
    [unit] = uncached.jit.units
    assert unit.compiled._post_ir is None
    assert uncached.jit_ir("fib", "post") == cached.jit_ir("fib", "post")
    # (the entry holds LLVM's text; the dump adds comments leading back to the source)
    [written] = cached.jit.units
    assert (tmp_path / entries(tmp_path)[0]).with_suffix(".ll").read_text() == \
        written.compiled.post_ir
    assert "  ; 0005 JUMP_IF_NOT_LT 000C at test.eva:1:18: (< n 2)\n" in \
        cached.jit_ir("fib", "post")[0][1]


def test_a_write_still_running_at_exit_completes(tmp_path):
    """The process waits at exit for its pending writes, and nothing else removes a write's
    scratch directory meanwhile: with tempfile.TemporaryDirectory, the weakref finalizers
    that Python runs at exit (registered after the wait, so run before it) deleted it under
    the linker. Under load, about 3 in 100 first runs of mandelbrot lost an entry that way.
    Here the linker is made slow so that the write is surely linking at exit."""
    code = ("import sys, time, subprocess, eva\n"
            "real = subprocess.run\n"
            "def slow(args, **kw):\n"
            "    if args[0].endswith('ld'): time.sleep(0.6)\n"
            "    return real(args, **kw)\n"
            "subprocess.run = slow\n"
            "vm = eva.VM(jit_always=True, jit_cache_dir=sys.argv[2])\n"
            "vm.run(sys.argv[1])\n"
            "time.sleep(0.2)  # the write is now linking\n")
    environment = {**os.environ, "EVA_JIT_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", code, FIB, str(tmp_path)], env=environment,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "6765\n", "")
    assert len(entries(tmp_path)) == 1
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".writing")] == []


def test_units_compile_while_the_writer_thread_emits_their_objects(tmp_path):
    """The main thread compiles in the global context while the writer thread emits objects in
    a context and with a target machine of its own, their calls into LLVM serialized by
    eva/jit/llvm.py's lock. Thirty functions compiled back to back keep both busy; a race
    would show as a crash, wrong output or a lost entry."""
    functions = "".join(f"(def f{i} (x) (+ (* x {i}) (- x {i + 1})))" for i in range(30))
    total = "0"
    for i in range(30):
        total = f"(+ {total} (f{i} {i}))"
    source = f"{functions} (print {total})"
    expected = sum(i * i + (i - (i + 1)) for i in range(30))
    vm, out, error = run(source, tmp_path, jit_always=True)
    assert (out, error) == (f"{expected}\n", None)
    assert len(vm.jit_stats().compiled) == 30 and len(entries(tmp_path)) == 30


# What the cache refuses to load. These run the `eva` command in a process of its own, as a
# user would: a shared object that should not be loaded might be, and then crash the process
# (a truncated one) or run its constructor.

ANOTHER_USER = 4242
"""A uid that is not the tests' (they run as root, who can give files away with os.chown)."""


def eva_run(program: Path, *options: str, **environment: str) -> subprocess.CompletedProcess:
    """`eva run --jit-always --jit-stats` of `program` with the code cache on."""
    env = {key: value for key, value in os.environ.items() if key != "EVA_JIT_CACHE_DIR"}
    env.update(EVA_JIT_CACHE="1", **environment)
    return subprocess.run([sys.executable, "-m", "eva", "run", "--jit-always", "--jit-stats",
                           *options, str(program)], env=env, capture_output=True, text=True,
                          timeout=120)


def cache_line(done: subprocess.CompletedProcess) -> str:
    [line] = [line for line in done.stderr.splitlines() if line.startswith("  code cache ")]
    return line.split(None, 2)[2]


class Entry:
    """A cache entry's files (by suffix), as eva wrote it, and the unit's identity."""

    def __init__(self, directory: Path):
        [name] = entries(directory)
        self.shared_object = directory / name
        self.key = self.shared_object.stem
        self.files = {suffix: (directory / (self.key + suffix)).read_bytes()
                      for suffix in (".so", ".ll", ".id")}
        self.identity = cache.unseal(self.files[".id"])[0]

    def copy_to(self, directory: Path) -> Path:
        """Copy the entry into `directory` (made if missing); returns its shared object."""
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        for suffix, data in self.files.items():
            (directory / (self.key + suffix)).write_bytes(data)
        return directory / (self.key + ".so")

    def plant(self, directory: Path, shared_object: bytes) -> Path:
        """Put `shared_object` in `directory` as this unit's entry, sealed as eva would have:
        only the rules on who owns what keep it from being loaded."""
        path = self.copy_to(directory)
        path.write_bytes(shared_object)
        path.with_suffix(".id").write_bytes(cache.seal(self.identity, shared_object))
        return path


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("program") / "fib.eva"
    path.write_text(FIB)
    return path


@pytest.fixture(scope="module")
def entry(program, tmp_path_factory) -> Entry:
    """fib(int)'s entry, as a first process writes it."""
    directory = tmp_path_factory.mktemp("first")
    done = eva_run(program, "--jit-cache-dir", str(directory))
    # fib's entry and the signal handler's (jit/interrupts.py)
    assert (done.returncode, done.stdout) == (0, "6765\n") and " 2 written" in cache_line(done)
    return Entry(directory)


def library_with_a_constructor(directory: Path, marker: Path) -> bytes:
    """A shared object whose constructor, run by dlopen, creates the file `marker`; built with
    gcc, or where there is none, from LLVM IR with eva's own code generation and ld."""
    object_file, library = directory / "planted.o", directory / "planted.so"
    if shutil.which("gcc"):
        source = directory / "planted.c"
        source.write_text("#include <fcntl.h>\n#include <unistd.h>\n"
                          "__attribute__((constructor)) static void planted(void) {\n"
                          "    int fd = open(MARKER, O_WRONLY | O_CREAT, 0600);\n"
                          "    if (fd >= 0) close(fd);\n}\n")
        subprocess.run(["gcc", "-shared", "-fPIC", f'-DMARKER="{marker}"', "-o", str(library),
                        str(source)], check=True)
        return library.read_bytes()
    from eva.jit.codegen import NativeCompiler
    text = str(marker)  # (a temporary directory's path: no character IR would escape)
    ir = (f"@path = private constant [{len(text) + 1} x i8] c\"{text}\\00\"\n"
          "declare i32 @creat(ptr, i32)\n"
          "define internal void @planted() {\n  call i32 @creat(ptr @path, i32 384)\n"
          "  ret void\n}\n@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] "
          "[{ i32, ptr, ptr } { i32 65535, ptr @planted, ptr null }]\n")
    object_file.write_bytes(NativeCompiler.shared_object_code(ir))
    subprocess.run(["ld", "-shared", "-o", str(library), str(object_file)], check=True)
    return library.read_bytes()


@pytest.fixture
def planted(tmp_path) -> tuple[bytes, Path]:
    """(a shared object with a constructor, the file its constructor creates)."""
    (tmp_path / "build").mkdir()
    marker = tmp_path / "constructor-ran"
    return library_with_a_constructor(tmp_path / "build", marker), marker


def test_a_planted_entry_in_a_trusted_directory_is_loaded(program, entry, planted, tmp_path):
    """The control of the tests below: sealed under the unit's name, the planted shared object
    is loaded (so its constructor runs) where the directory is trusted; only then is it seen
    not to be eva's (its symbols), and replaced."""
    library, marker = planted
    path = entry.plant(tmp_path / "cache", library)
    done = eva_run(program, "--jit-cache-dir", str(path.parent))
    assert (done.returncode, done.stdout) == (0, "6765\n")
    assert marker.exists()
    assert "replaced 1 bad entry, the last as" in cache_line(done) and "lacks" in cache_line(done)
    assert path.read_bytes() == entry.files[".so"]


def make_world_writable(directory: Path) -> None:
    directory.chmod(0o777)


def make_group_writable(directory: Path) -> None:
    directory.chmod(0o770)


def give_away(directory: Path) -> None:
    os.chown(directory, ANOTHER_USER, ANOTHER_USER)


def put_under_a_world_writable_directory(directory: Path) -> None:
    directory.parent.chmod(0o777)


def put_under_another_users_directory(directory: Path) -> None:
    os.chown(directory.parent, ANOTHER_USER, ANOTHER_USER)


@pytest.mark.parametrize("make_untrusted, reason", [
    (make_world_writable, "it is writable by other users (mode 0777)"),
    (make_group_writable, "it is writable by its group (mode 0770)"),
    (give_away, f"it is owned by another user (uid {ANOTHER_USER})"),
    (put_under_a_world_writable_directory, "{parent} is writable by other users (mode 0777)"),
    (put_under_another_users_directory,
     f"{{parent}} is owned by another user (uid {ANOTHER_USER})"),
])
def test_a_directory_that_others_can_write_to_is_not_used(program, entry, planted, tmp_path,
                                                          make_untrusted, reason):
    """The directory is not used at all: nothing loaded (the constructor never runs), nothing
    written, and the warning (once) and --jit-stats say why."""
    library, marker = planted
    path = entry.plant(tmp_path / "above" / "cache", library)
    make_untrusted(path.parent)
    reason = reason.format(parent=path.parent.parent)
    done = eva_run(program, "--jit-cache-dir", str(path.parent))
    assert (done.returncode, done.stdout) == (0, "6765\n")
    assert not marker.exists()
    warning = f"eva: warning: not using the JIT code cache {path.parent}: {reason}"
    assert done.stderr.splitlines().count(warning) == 1
    assert cache_line(done) == f"not using {path.parent}: {reason}"
    assert sorted(path.parent.iterdir()) == sorted(path.with_suffix(suffix)
                                                   for suffix in (".so", ".ll", ".id"))
    assert path.read_bytes() == library


def test_a_directory_that_is_a_symbolic_link_is_not_used(program, entry, planted, tmp_path):
    library, marker = planted
    path = entry.plant(tmp_path / "cache", library)
    link = tmp_path / "link"
    link.symlink_to(path.parent)
    done = eva_run(program, "--jit-cache-dir", str(link))
    assert (done.returncode, done.stdout) == (0, "6765\n")
    assert not marker.exists()
    assert f"not using the JIT code cache {link}: it is a symbolic link" in done.stderr
    assert cache_line(done) == f"not using {link}: it is a symbolic link"


@pytest.mark.parametrize("naming", ["--jit-cache-dir", "EVA_JIT_CACHE_DIR", "XDG_CACHE_HOME"])
def test_the_rules_hold_however_the_directory_is_named(program, entry, planted, tmp_path, naming):
    """The default directory ($XDG_CACHE_HOME/eva/jit) is checked like one given: here its
    XDG_CACHE_HOME is writable by everyone."""
    library, marker = planted
    base = tmp_path / "xdg"
    path = entry.plant(base / "eva" / "jit", library)
    base.chmod(0o777)
    options, environment = {
        "--jit-cache-dir": ((naming, str(path.parent)), {}),
        "EVA_JIT_CACHE_DIR": ((), {naming: str(path.parent)}),
        "XDG_CACHE_HOME": ((), {naming: str(base)}),
    }[naming]
    done = eva_run(program, *options, **environment)
    assert (done.returncode, done.stdout) == (0, "6765\n")
    assert not marker.exists()
    reason = f"{base} is writable by other users (mode 0777)"
    assert cache_line(done) == f"not using {path.parent}: {reason}"


def test_the_warning_is_printed_once_per_process(tmp_path, capsys):
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o777)
    directory.chmod(0o777)
    for _ in range(2):
        vm, out, _ = run(FIB, directory, jit_always=True)
        assert out == "6765\n" and vm.jit.stats_report().count("not using") == 1
    assert capsys.readouterr().err.count("eva: warning: not using the JIT code cache") == 1
    assert list(directory.iterdir()) == []


def give_entry_away(path: Path) -> str:
    os.chown(path, ANOTHER_USER, ANOTHER_USER)
    return f"{path.name} is owned by another user (uid {ANOTHER_USER})"


def make_entry_writable(path: Path) -> str:
    path.chmod(0o666)
    return f"{path.name} is writable by other users (mode 0666)"


def link_entry(path: Path) -> str:
    target = path.parent.parent / "elsewhere.so"
    path.rename(target)
    path.symlink_to(target)
    return f"{path.name} is a symbolic link"


@pytest.mark.parametrize("make_untrusted", [give_entry_away, make_entry_writable, link_entry])
def test_an_entry_that_is_not_the_users_is_not_loaded_and_is_replaced(
        program, entry, planted, tmp_path, make_untrusted):
    library, marker = planted
    path = entry.plant(tmp_path / "cache", library)
    reason = make_untrusted(path)
    done = eva_run(program, "--jit-cache-dir", str(path.parent))
    assert (done.returncode, done.stdout) == (0, "6765\n")
    assert not marker.exists()
    assert f"replaced 1 bad entry, the last as {reason}" in cache_line(done)
    assert not path.is_symlink() and path.stat().st_uid == os.geteuid()
    assert path.read_bytes() == entry.files[".so"]  # written again by that run


def first_function(shared_object: bytes) -> tuple[int, int]:
    """(file offset, size) of the function at the lowest address of an ELF64 shared object,
    from its dynamic symbol table."""
    section_offset, = struct.unpack_from("<Q", shared_object, 0x28)
    entry_size, count = struct.unpack_from("<HH", shared_object, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", shared_object, section_offset + i * entry_size)
                for i in range(count)]
    SYMBOLS, FUNCTION = 11, 2  # SHT_DYNSYM, STT_FUNC
    [(_, _, _, _, table, table_size, *_)] = [s for s in sections if s[1] == SYMBOLS]
    functions = []
    for at in range(table, table + table_size, 24):
        _, info, _, index, value, size = struct.unpack_from("<IBBHQQ", shared_object, at)
        if info & 0xF == FUNCTION and size:
            _, _, _, address, offset, *_ = sections[index]
            functions.append((value - address + offset, size))
    return min(functions)


def truncated(size: int):
    def damage(shared_object: bytes) -> bytes:
        assert size < len(shared_object)
        return shared_object[:size]
    damage.__name__ = f"truncated to {size} bytes"
    return damage


def truncated_in_code(shared_object: bytes) -> bytes:
    offset, size = first_function(shared_object)
    return shared_object[:offset + size // 2]


def one_byte_of_code_changed(shared_object: bytes) -> bytes:
    """The first instruction byte of a function becomes int3 (on x86-64, a trap: loaded, the
    changed code would stop the process) or, elsewhere, its complement."""
    offset, _ = first_function(shared_object)
    byte = 0xCC if os.uname().machine == "x86_64" else shared_object[offset] ^ 0xFF
    return shared_object[:offset] + bytes([byte]) + shared_object[offset + 1:]


def random_bytes(shared_object: bytes) -> bytes:
    return random.Random(16).randbytes(len(shared_object))


@pytest.mark.parametrize("damage", [truncated(1000), truncated(4096), truncated(12000),
                                    truncated_in_code, one_byte_of_code_changed, random_bytes],
                         ids=lambda damage: damage.__name__)
def test_a_damaged_entry_is_a_miss_and_is_replaced(program, entry, tmp_path, damage):
    """The seal (size and SHA-256 of the shared object) is checked before dlopen: a damaged
    shared object is never mapped (a truncated one can crash the process, SIGBUS; changed code
    would run), the unit is compiled, its entry written again, and the next run loads it."""
    path = entry.copy_to(tmp_path / "cache")
    path.write_bytes(damage(entry.files[".so"]))
    done = eva_run(program, "--jit-cache-dir", str(path.parent))
    assert (done.returncode, done.stdout) == (0, "6765\n"), done.stderr
    line = cache_line(done)
    assert line.startswith("0 units loaded") and " 2 written" in line  # and the handler's
    assert f"replaced 1 bad entry, the last as {path.name} " in line
    assert path.read_bytes() == entry.files[".so"]
    again = eva_run(program, "--jit-cache-dir", str(path.parent))
    assert (again.returncode, again.stdout) == (0, "6765\n")
    assert cache_line(again).startswith("1 units loaded") and " 0 written" in cache_line(again)


def test_a_missing_directory_is_made_private(tmp_path):
    """eva makes the missing directories on the way to its cache 0700, the cache's parents
    included, so that no one else can swap the cache under them."""
    directory = tmp_path / "made" / "by" / "eva"
    vm, out, _ = run(FIB, directory, jit_always=True)
    assert out == "6765\n" and len(entries(directory)) == 1
    for made in (directory, directory.parent, directory.parent.parent):
        assert made.stat().st_mode & 0o777 == 0o700
