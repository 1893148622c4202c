"""How the TUI's C allocator gives big buffers back (glibc; elsewhere this does nothing).

Every save writes the whole book as one JSON buffer (1.8 MB for a small book, 16 MB for a
year's), and every refresh reads another session's save the same way, in a worker thread.
glibc maps such buffers on their own (mmap) until the first one is freed; then it raises
its mmap threshold to that size (the "dynamic mmap threshold" of mallopt(3)), and from
then on each buffer is cut from a heap of the arena the thread happens to use. The heaps
keep those pages for good, with holes between what lives on, so resident memory went up
and down by a buffer's size and settled higher than the book needs: in the memory soak
(tests/reliability/test_memory_soak.py), after 120 actions, 90.7 MiB of which the C
heaps held 36 MiB, 20 MiB of it free (mallinfo2), and samples swinging by 3-4 MiB.

`settle_big_buffers` sets M_MMAP_THRESHOLD once, to glibc's own default of 128 KiB, before
the book is opened; setting it explicitly turns the dynamic threshold off (mallopt(3)), so
every buffer of 128 KiB or more is mapped for itself and given back when freed. Same soak,
same point: 77.5 MiB, the heaps 20 MiB with 7 MiB free, flat from the 60th action on.
Smaller allocations are untouched (most Python objects are in Python's own allocator).
The same effect without code: MALLOC_MMAP_THRESHOLD_=131072 in the environment.
"""

from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD = -3  # <malloc.h>
THRESHOLD = 128 * 1024  # glibc's default, now fixed


def settle_big_buffers() -> bool:
    """Fix glibc's mmap threshold (see the module); False where there is no glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # macOS, Windows, musl: nothing to do
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))
