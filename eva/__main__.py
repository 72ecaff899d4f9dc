"""`python -m eva` is the same as `eva`."""

from eva.cli import entry

entry()
