"""Interrupts held back while a file and its record are written."""

from __future__ import annotations

import os
import signal
import time

import pytest

from newsarchive.cli import _interrupt
from newsarchive.interrupts import held


def _signal_self(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(0.05)  # an unheld handler would have run by now


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupt_in_the_block_stops_the_run_once_the_block_is_done(signum: int) -> None:
    previous = signal.signal(signum, _interrupt)
    done = []
    try:
        with pytest.raises(KeyboardInterrupt), held():
            _signal_self(signum)
            done.append("the block's last step")
        assert done == ["the block's last step"]
        assert signal.getsignal(signum) is _interrupt  # the run's own handler again
        with pytest.raises(KeyboardInterrupt):  # and outside the block, at once
            _signal_self(signum)
            done.append("never")
        assert done == ["the block's last step"]
    finally:
        signal.signal(signum, previous)


def test_a_block_without_an_interrupt_runs_as_it_is() -> None:
    with held():
        value = 1 + 1
    assert value == 2
