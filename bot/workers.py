"""Worker processes that never outlive the command that started them.

A process pool's workers are ordinary child processes: when the parent is killed (SIGKILL, or SIGTERM without
a handler that shuts the pool down) they keep running, each holding its memory, until they finish or forever.
``die_with_parent`` is the pool initializer that ties each worker to its parent: on Linux the kernel sends
the worker SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread notices the
parent is gone (the worker is re-parented) and exits.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def _watch(parent: int, interval: float) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def die_with_parent(parent: int | None = None, interval: float = 1.0) -> None:
    """Make this (worker) process exit when ``parent`` (default: the current parent) dies."""
    parent = os.getppid() if parent is None else parent
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died before prctl took effect
                os._exit(1)
            return
    threading.Thread(target=_watch, args=(parent, interval), daemon=True, name="die-with-parent").start()
