"""A service that accepts connections and never answers: the mail server or search cluster
that hangs rather than refusing, which only a timeout can get past."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class HungServer:
    host: str
    port: int
    connections: int = 0  # how many clients have connected: each was tried, and hung
    _held: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def hung_server() -> Iterator[HungServer]:
    """A local server on a free port that takes every connection and never reads or says a
    word, counting the connections; each is held open until the server stops."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    server = HungServer(*listener.getsockname())

    def take():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # the listener was closed: the server stops
                return
            server._held.append(conn)
            server.connections += 1

    thread = threading.Thread(target=take, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(timeout=5)
        for conn in server._held:
            conn.close()
