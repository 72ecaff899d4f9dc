"""The baseline tier: the bytecode interpreter and the profile it gathers for the JIT."""
