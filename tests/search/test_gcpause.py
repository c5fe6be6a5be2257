"""The search worker hands its freed heap back before it waits for the build to finish."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent(
    """
    import os
    from newsarchive.search.gcpause import give_back_memory

    def rss_mb():
        with open(f"/proc/{os.getpid()}/status") as f:
            return next(int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS"))

    chunks = [bytearray(4000) for _ in range(50_000)]  # about 200 MB from the C heap
    pin = bytearray(4000)  # a live block above them: the heap cannot shrink from the top
    del chunks
    held = rss_mb()
    give_back_memory()
    print(held, rss_mb())
    """
)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads RSS from /proc")
def test_freed_heap_goes_back_to_the_system() -> None:
    # In a fresh process, so the numbers are this heap's alone.
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         check=True).stdout
    held, after = (int(x) for x in out.split())
    assert held >= 150  # freed but still held by the allocator
    assert after < held - 120
