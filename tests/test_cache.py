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


def entry_of(vm, function: str) -> str:
    """The name (KEY.so) of the entry of `function`'s one unit alive in `vm`: the key of its
    identity, computed as the cache computes it (cache.py). With the JIT forced on, a program's
    script compiles too and has an entry of its own beside its functions'."""
    [unit] = [unit for unit in vm.jit.units if unit.code.name == function]
    return cache.CodeCache.key(cache.CodeCache().identity(unit.compiled.pre_ir)) + ".so"


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
    vms = [run(FIB, tmp_path, jit_always=True)[0],
           run(FIB.replace("20", "20.0"), tmp_path, jit_always=True)[0],  # fib(float)
           run(FIB, tmp_path, jit_always=True, deopt_every=3)[0]]        # guards that count down
    fibs = {entry_of(vm, "fib") for vm in vms}
    assert len(fibs) == 3 and fibs <= set(entries(tmp_path))
    # and each run's script is other code too (its constant, its guards): 3 entries more
    assert len(entries(tmp_path)) == 6


def test_an_entry_is_loaded_once_per_process(tmp_path):
    """A third VM compiling the unit again compiles it: the loaded library's slots belong to
    the second VM, whose fib is still alive. The script's unit is another matter: it is
    released when its program ends (JIT.forget_code), its library unloaded with it, so the
    third VM loads the script's entry again."""
    vms = [run(FIB, tmp_path, jit_always=True)[0] for _ in range(3)]
    [[fib_0], [fib_1], [fib_2]] = [vm.jit.units for vm in vms]  # (the script's is released)
    assert [fib.compiled.from_cache for fib in (fib_0, fib_1, fib_2)] == [False, True, False]
    assert [len(vm.jit.stats.load_seconds) for vm in vms] == [0, 2, 1]
    assert all(vm.jit.stats.compiled == ["<script>()", "fib(int)"] for vm in vms)


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
    """The scripts of these programs compile to the same IR (the constant and the function
    they call are reached through slots), so they share one entry: the first run writes it
    with f0's, every later run loads it (which marks it used) and writes its function's."""
    run(FIB, tmp_path / "elsewhere", jit_always=True)  # the process's shared code is made once,
    # and so its entry (the signal handler's, which eviction counts too) is not written here
    monkeypatch.setattr("eva.jit.cache.MAX_ENTRIES", 6)
    programs = [f"(def f{i} (n) (+ n {i})) (print (f{i} 1))" for i in range(6)]
    names = []
    for i, source in enumerate(programs[:5]):
        before = set(entries(tmp_path))
        vm = run(source, tmp_path, jit_always=True)[0]
        name = entry_of(vm, f"f{i}")
        names.append(name)
        new = set(entries(tmp_path)) - before
        if i == 0:
            [script] = new - {name}
        assert new == ({name, script} if i == 0 else {name})
        assert len(vm.jit.stats.load_seconds) == (0 if i == 0 else 1)  # the script's
    for age, name in enumerate(names):  # names[0] oldest, names[4] newest
        then = time.time() - 100 + age
        os.utime(tmp_path / name, (then, then))
    again = run(programs[0], tmp_path, jit_always=True)[0]
    assert len(again.jit.stats.load_seconds) == 2  # f0's used again (and the script's)
    # a seventh entry: down to 4 (MAX_ENTRIES * 3 // 4), the 3 least recently used go
    vm = run(programs[5], tmp_path, jit_always=True)[0]
    kept = set(entries(tmp_path))
    assert kept == {script, names[0], names[4], entry_of(vm, "f5")}
    assert len(list(tmp_path.glob("*.ll"))) == len(list(tmp_path.glob("*.so")))


def test_an_entry_made_from_other_code_is_never_loaded(tmp_path):
    """Entries are named by checksums; what decides is the identity stored beside the code
    (format, versions, codegen.py, the unit's IR), compared whole. The unit that finds another
    one's entry under its name replaces it (were it kept, neither would be cached again).
    Only fib's entry is changed here: the script's, untouched, is loaded every time."""
    first = run(FIB, tmp_path, jit_always=True)[0]
    identity_file = (tmp_path / entry_of(first, "fib")).with_suffix(".id")
    identity_file.write_bytes(identity_file.read_bytes().replace(b"fib", b"fob"))
    vm, out, _ = run(FIB, tmp_path, jit_always=True)
    [fib] = vm.jit.units
    assert out == "6765\n" and not fib.compiled.from_cache and vm.jit.stats.compile_seconds
    assert len(vm.jit.stats.load_seconds) == 1  # the script's
    assert b"fob" not in identity_file.read_bytes()
    assert len(run(FIB, tmp_path, jit_always=True)[0].jit.stats.load_seconds) == 2


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
    assert len(entries(child)) == 2  # fib's and the child's script's


def test_without_the_cache_the_optimized_ir_is_made_when_asked_and_is_the_one_written(tmp_path):
    """Only the cache's writer needs the optimized IR's text at once; without the cache it is
    made when `VM.jit_ir` asks, by running the passes again, which must give the same text."""
    cached, _, _ = run(FIB, tmp_path, jit_always=True)
    uncached, _, _ = run(FIB, tmp_path, jit_always=True, jit_cache=False)
    [unit] = uncached.jit.units
    assert unit.compiled._post_ir is None
    assert uncached.jit_ir("fib", "post") == cached.jit_ir("fib", "post")
    assert (tmp_path / entry_of(cached, "fib")).with_suffix(".ll").read_text() == \
        cached.jit_ir("fib", "post")[0][1] + "\n"


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
    assert len(entries(tmp_path)) == 2  # the script's and fib's, both linked slowly
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
    # the thirty functions and the script (compiled first: the JIT is forced on)
    assert len(vm.jit_stats().compiled) == 31 and len(entries(tmp_path)) == 31


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

    def __init__(self, directory: Path, name: str):
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
    """fib(int)'s entry, as a first process writes it. (Its name is computed here, from the
    unit a VM of this process compiles: the same program tiered up in the same order has the
    same identity in every process.)"""
    directory = tmp_path_factory.mktemp("first")
    done = eva_run(program, "--jit-cache-dir", str(directory))
    # fib's entry, the script's and the signal handler's (jit/interrupts.py)
    assert (done.returncode, done.stdout) == (0, "6765\n") and " 3 written" in cache_line(done)
    vm = eva.VM(jit_always=True, jit_cache=False, stdout=io.StringIO())
    vm.run(FIB)
    name = entry_of(vm, "fib")
    assert len(entries(directory)) == 2 and name in entries(directory)
    return Entry(directory, name)


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
    assert line.startswith("0 units loaded") and " 3 written" in line  # + the script's, the handler's
    assert f"replaced 1 bad entry, the last as {path.name} " in line
    assert path.read_bytes() == entry.files[".so"]
    again = eva_run(program, "--jit-cache-dir", str(path.parent))
    assert (again.returncode, again.stdout) == (0, "6765\n")
    # fib's and the script's
    assert cache_line(again).startswith("2 units loaded") and " 0 written" in cache_line(again)


def test_a_missing_directory_is_made_private(tmp_path):
    """eva makes the missing directories on the way to its cache 0700, the cache's parents
    included, so that no one else can swap the cache under them."""
    directory = tmp_path / "made" / "by" / "eva"
    vm, out, _ = run(FIB, directory, jit_always=True)
    assert out == "6765\n" and len(entries(directory)) == 2  # the script's and fib's
    for made in (directory, directory.parent, directory.parent.parent):
        assert made.stat().st_mode & 0o777 == 0o700
