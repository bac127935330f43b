"""Run one unit of work in a forked child with a time and memory budget.

Ingest extracts each file in its own child (:func:`run_bounded`), so one file that makes
the extractor slow or greedy (a pathological sentence, a huge table) costs at most its
budget and is reported as skipped: it can neither stall ``make run`` nor take the
machine's memory. The child's result comes back pickled through a pipe; any exception
it raises comes back as a one-line :class:`~frontline.errors.LimitError` naming it.

Without ``fork`` (not POSIX) or with a budget of 0 seconds, the work runs inline.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

from frontline.errors import FrontlineError, LimitError

T = TypeVar("T")
_OK, _FAILED = b"o", b"f"


def run_bounded(work: Callable[[], T], *, seconds: float, memory_mb: int) -> T:
    """``work()``, computed in a forked child given ``seconds`` and ``memory_mb``.

    The memory budget is address space on top of what the process already has (the
    loaded libraries and gazetteer are shared with the child, not part of the budget).

    Raises
    ------
    FrontlineError
        The one ``work`` raised (its message travels unchanged).
    LimitError
        The child ran out of time or memory, died, or raised anything else.
    """
    if seconds <= 0 or not hasattr(os, "fork"):
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end, memory_mb)
    os.close(write_end)
    try:
        data = _read_until(read_end, time.monotonic() + seconds)
    finally:
        os.close(read_end)
        _reap(pid, kill=True)
    if data is None:
        raise LimitError(f"took longer than its {seconds:g} s budget; skipped")
    if not data:
        raise LimitError("the worker died without an answer (out of memory?); skipped")
    outcome: Any = pickle.loads(data[1:])
    if data[:1] == _OK:
        return outcome
    raise outcome


def _child(work: Callable[[], Any], out: int, memory_mb: int) -> None:
    status = 0
    # The answer to running out of memory is made before the budget applies: when the
    # MemoryError arrives, its traceback still holds the work's data, and even a small
    # allocation then fails (the file was reported as a dead worker, not as over budget).
    out_of_memory = _FAILED + pickle.dumps(
        LimitError(f"needed more than its {memory_mb} MB memory budget; skipped"))
    try:
        _limit_memory(memory_mb)
        try:
            payload = _OK + pickle.dumps(work())
        except FrontlineError as exc:
            payload = _FAILED + pickle.dumps(exc)
        except MemoryError:
            payload = out_of_memory
        except Exception as exc:
            message = " ".join(str(exc).split())[:300]
            payload = _FAILED + pickle.dumps(
                LimitError(f"unexpected {type(exc).__name__}: {message}; skipped"))
        with os.fdopen(out, "wb") as handle:
            handle.write(payload)
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _limit_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    with contextlib.suppress(OSError, ValueError):
        used = _address_space()
        limit = used + memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), else 0."""
    try:
        with open("/proc/self/statm") as handle:  # noqa: PTH123 - a tiny proc file
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to ``fd`` until its end, or None when ``deadline`` passes."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int, *, kill: bool) -> None:
    """Wait for the child (killing it first when asked), so no zombie is left."""
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
