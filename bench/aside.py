"""Folders the bench is done with, moved out of the way and deleted only when the bench ends.

On a file system that avoids reusing freshly freed inodes (ext4 without a journal, as on the
machine the bench was written on: an inode freed less than a minute ago, five when its table block
is still dirty, is skipped, and the scan past each one reads its table block), creating a file
right after a large delete costs up to 0.4 ms of kernel time instead of 0.04 ms. Deleting the last
run's output before each measured build made every build pay for the bench's own clean-up, in
proportion to the files it writes: our 60,000 against bare Pelican's 11,000. Renaming a folder
frees nothing, so the measured runs only write.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Aside:
    """Where the bench puts the folders it replaces: moved into ``folder`` while ``keep``, deleted
    at once otherwise (runs too large to keep copies of), and all deleted by :meth:`clear`."""

    def __init__(self, folder: Path, keep: bool = True) -> None:
        self.folder = folder
        self.keep = keep
        self._moved = 0

    def remove(self, path: Path) -> None:
        """Take ``path`` (a folder) out of the way, if it is there."""
        if not path.exists():
            return
        if not self.keep:
            shutil.rmtree(path, ignore_errors=True)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:  # a name no folder set aside has (a clear that stopped half-way left some)
            self._moved += 1
            target = self.folder / f"{self._moved}-{path.name}"
            if not target.exists():
                break
        path.rename(target)

    def clear(self) -> None:
        """Delete everything set aside (when nothing is measured any more), and flush it."""
        if self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
            os.sync()
