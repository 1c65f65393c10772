"""A progress line for `import_csv` on a terminal.

It is written to standard error only when that is a terminal, so problems piped to a file or
another program stay one `row N: column: message` per line. It redraws at most a few times a
second, whatever the rate of rows, and clears itself before a problem is printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from doorstep.imports.runner import CHECKING

MIN_INTERVAL = 0.25  # seconds between redraws: four a second at most
WIDTH = 24  # characters of bar


class Stream(Protocol):
    def write(self, text: str) -> object: ...
    def flush(self) -> object: ...


def describe(phase: str, done: int, total: int) -> str:
    """`checking [######------]  40% 10.8 MB of 27.0 MB` or `writing ... 4,000 of 10,000 rows`."""
    fraction = min(done / total, 1.0) if total > 0 else 1.0
    filled = round(fraction * WIDTH)
    bar = "#" * filled + "-" * (WIDTH - filled)
    if phase == CHECKING:
        amount = f"{_megabytes(done)} of {_megabytes(total)}"
    else:
        amount = f"{done:,} of {total:,} rows"
    return f"{phase} [{bar}] {fraction:4.0%} {amount}"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


class TerminalProgress:
    """Call it as the runner's `progress`; call `clear` before printing anything else."""

    def __init__(
        self,
        stream: Stream,
        *,
        clock: Callable[[], float] = time.monotonic,
        min_interval: float = MIN_INTERVAL,
    ) -> None:
        self.stream = stream
        self.clock = clock
        self.min_interval = min_interval
        self.last_drawn: float | None = None
        self.last_phase = ""
        self.width = 0  # characters on the line now

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = self.clock()
        finished = total > 0 and done >= total
        # A new phase and the end of a phase are always drawn; otherwise a few times a second.
        if (
            phase == self.last_phase
            and not finished
            and self.last_drawn is not None
            and now - self.last_drawn < self.min_interval
        ):
            return
        self.last_drawn = now
        self.last_phase = phase
        self._draw(describe(phase, done, total))

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0

    def _draw(self, line: str) -> None:
        padding = " " * max(self.width - len(line), 0)
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self.width = len(line)
