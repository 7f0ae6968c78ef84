"""Progress lines for long builds: live on a terminal, silent in CI logs and pipes."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def terminal_progress(label: str) -> Callable[[int, int], None] | None:
    """A callback printing 'label done/total (rate/s)' in place on a TTY; None elsewhere."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def report(done: int, total: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-6)
        end = "\n" if done >= total else ""
        print(f"\r{label}: {done}/{total} documents ({rate:,.0f}/s)", end=end, file=sys.stderr, flush=True)

    return report
