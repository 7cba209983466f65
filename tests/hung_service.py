"""A service that accepts connections and never answers: the mail server or search cluster
that hangs rather than refusing, which only a timeout can get past."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def hung_server() -> Iterator[tuple[str, int]]:
    """A listening socket on a free local port that never accepts or reads: the kernel
    completes each connection, then nothing is ever said. Yields (host, port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()
