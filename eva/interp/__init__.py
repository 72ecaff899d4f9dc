"""The baseline tiers: the bytecode interpreter, the translation of warm functions to Python,
and the counts and entry points that decide which tier runs a function (tiers.py)."""
