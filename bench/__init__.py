"""gridbook's benchmark suite: every figure a ratio against a baseline run beside it.

The machines that run gridbook (old laptops, an office PC, a shared SSH server) and the
machines that measure it are noisy, so no figure here is an absolute time: each is the
median of several interleaved runs of gridbook and of a baseline doing the least the same
job could cost (orjson and fsync for a save, `python -c pass` for a command, a minimal
Textual app for the TUI), measured in the same process or session. Run `python -m bench`.
"""
