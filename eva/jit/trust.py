"""Which directories and files eva trusts with machine code it loads into the process.

The code cache (cache.py) `dlopen`s shared objects it finds on disk, so whoever can put a file
in its directory can run code as the user. Its directory is therefore held to the rules ssh
holds ~/.ssh to (OpenSSH's StrictModes), and the files it loads to the same:

- The directory, and every file loaded from it, is owned by the effective user, is not
  writable by its group or by other users, and is not a symbolic link (the directory is
  opened, and each file, with O_NOFOLLOW).
- Every directory above it, from / down, is owned by root or by the user, and is not writable
  by its group or by other users unless it is sticky (/tmp): whoever may rename the entries
  of a directory can swap the cache directory under it for one of their own. In a sticky
  directory only an entry's owner (or root) can rename it, and the entry is checked in turn.
  Symbolic links above the directory are resolved first, as ssh does, and it is the
  directories they lead to that are checked. A missing directory that eva creates on this
  path is made 0700.

The checks are made on open descriptors (each directory is opened relative to the one above,
with O_NOFOLLOW, and `fstat`ed), and everything later is done through the descriptor of the
checked directory: the file checked is the file used, whatever happens to the path meanwhile
(no check-then-use race). Access control lists are not looked at, as ssh does not.
"""

from __future__ import annotations

import os
import stat

DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
"""How a directory on the way is opened: a symbolic link fails (ENOTDIR)."""
FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
"""How a file of the cache is opened: a symbolic link fails (ELOOP), and O_NONBLOCK keeps a
FIFO in its place from blocking the open until it is seen not to be a regular file."""
CREATED_MODE = 0o700
"""The mode of a directory eva creates (what XDG asks of ~/.cache, and what ssh keeps ~/.ssh)."""


class Untrusted(Exception):
    """A directory or file that fails the rules; the message says which and why, as a clause
    with its subject ("it is writable by other users (mode 0777)")."""


def open_private_directory(path: str, create: bool = False) -> int:
    """A descriptor of the directory `path`, checked with every directory above it; missing
    directories are made (0700) if `create`, and FileNotFoundError is raised otherwise.
    Raises Untrusted, or OSError (with the whole path) when a directory cannot be opened."""
    path = os.path.abspath(path)
    parent, name = os.path.split(path)
    steps = [part for part in os.path.realpath(parent).split(os.sep) if part]
    if name:
        steps.append(name)
    here = os.sep
    fd = os.open(here, DIRECTORY_FLAGS)
    try:
        for number, step in enumerate(steps, 1):
            check_ancestor(os.fstat(fd), here)
            here = os.path.join(here, step)
            subject = "it" if number == len(steps) else here
            above, fd = fd, _open_below(fd, step, here, subject, create)
            os.close(above)
        check_private(os.fstat(fd), "it")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_below(fd: int, name: str, path: str, subject: str, create: bool) -> int:
    """The directory `name` in the directory `fd`, opened without following a symbolic link."""
    try:
        try:
            below = os.open(name, DIRECTORY_FLAGS, dir_fd=fd)
        except FileNotFoundError:
            if not create:
                raise
            try:
                os.mkdir(name, CREATED_MODE, dir_fd=fd)
            except FileExistsError:
                pass  # made by another process meanwhile: checked like any other
            below = os.open(name, DIRECTORY_FLAGS, dir_fd=fd)
    except OSError as error:
        if _is_link(name, fd):  # (O_NOFOLLOW's ELOOP, or O_DIRECTORY's ENOTDIR first)
            raise Untrusted(f"{subject} is a symbolic link") from None
        raise OSError(error.errno, error.strerror, path) from None
    return below


def _is_link(name: str, fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def open_private_file(name: str, directory_fd: int) -> tuple[int, os.stat_result]:
    """A descriptor of the regular file `name` in the (checked) directory `directory_fd`, and
    its status, if the file passes the rules; raises Untrusted, or OSError (FileNotFoundError
    when there is no such file)."""
    try:
        fd = os.open(name, FILE_FLAGS, dir_fd=directory_fd)
    except OSError:
        if _is_link(name, directory_fd):
            raise Untrusted(f"{name} is a symbolic link") from None
        raise
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise Untrusted(f"{name} is not a regular file")
        check_private(status, name)
    except BaseException:
        os.close(fd)
        raise
    return fd, status


def check_private(status: os.stat_result, subject: str) -> None:
    """The rule for the cache directory and its files: the user's, and writable by no one else."""
    if status.st_uid != os.geteuid():
        raise Untrusted(f"{subject} is owned by another user (uid {status.st_uid})")
    _check_writers(status, subject)


def check_ancestor(status: os.stat_result, subject: str) -> None:
    """The rule for a directory above the cache: root's or the user's, and writable by no one
    else unless sticky."""
    if status.st_uid not in (0, os.geteuid()):
        raise Untrusted(f"{subject} is owned by another user (uid {status.st_uid})")
    if not status.st_mode & stat.S_ISVTX:
        _check_writers(status, subject)


def _check_writers(status: os.stat_result, subject: str) -> None:
    mode = f"mode {stat.S_IMODE(status.st_mode):04o}"
    if status.st_mode & stat.S_IWOTH:
        raise Untrusted(f"{subject} is writable by other users ({mode})")
    if status.st_mode & stat.S_IWGRP:
        raise Untrusted(f"{subject} is writable by its group ({mode})")
