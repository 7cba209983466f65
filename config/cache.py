"""A Redis cache that, when Redis fails, behaves as an empty cache instead of failing the request.

A cache is an optimisation. Every page reads the site's header and footer links from the
public page cache (learning/navigation.py), so with Redis down every page, uncached ones
included, once answered 500. Here every operation that cannot reach Redis answers as a miss
(get: the default; set, add, touch, delete: False), so pages are rendered and served uncached.

- Short socket timeouts and no retry after a timeout (redis-py's default is three, backed
  off), so a hung Redis costs one request half a second, not the worker's life.
- Once an operation fails, Redis is not asked again for RETRY_AFTER seconds: during an outage
  the site runs at full speed without the cache instead of waiting on it at every request.
- One warning per outage in each process, naming the cache, and one line when it is back.
- When Redis answers again, this process empties the cache before using it: a purge it made
  while Redis was down (a page unpublished, a name now protected) was lost, and the copies
  that purge was for must not be served again (learning/public_cache.py).

config/settings/base.py's `cache_from_url` makes every redis:// or rediss:// cache one of these.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds between attempts to reach a Redis that failed
# Seconds: a local Redis answers in well under a millisecond; one that takes longer is failing.
CONNECT_TIMEOUT = 0.25
READ_TIMEOUT = 0.5

# Where a cache is (its URL without password) -> when to try it again; absent while it
# answers. Django makes a cache object per thread: the state is the process's.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"


class OutageTolerantRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis cannot be reached."""

    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": CONNECT_TIMEOUT,
            "socket_timeout": READ_TIMEOUT,
            # Once more at once if a pooled connection has gone stale; never after a timeout.
            "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        # Where it is, for the state above and the log: never the password in the URL.
        self._where = ", ".join(_without_password(url) for url in self._servers)

    def _attempt(self, miss, operation, *args):
        """operation(*args) if Redis can be asked, else `miss`; an outage begins or ends here."""
        down_until = _down_until.get(self._where)
        if down_until is not None:
            if time.monotonic() < down_until:
                return miss
            try:
                super().clear()  # back: forget what a purge lost meanwhile was meant to remove
            except (RedisError, OSError):
                _down_until[self._where] = time.monotonic() + RETRY_AFTER
                return miss
            with _lock:
                if _down_until.pop(self._where, None) is not None:
                    logger.info("The cache at %s answers again: emptied, and in use.", self._where)
        try:
            return operation(*args)
        except (RedisError, OSError) as error:
            with _lock:
                first = self._where not in _down_until
                _down_until[self._where] = time.monotonic() + RETRY_AFTER
            if first:
                logger.warning(
                    "The cache at %s cannot be reached (%s): pages are served uncached, and it "
                    "is tried again every %g seconds.",
                    self._where,
                    error,
                    RETRY_AFTER,
                )
            return miss

    # Every public operation; the rest of BaseCache (get_or_set, decr, the async ones) calls
    # these.
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._attempt(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._attempt({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._attempt(None, super().incr, key, delta, version)
        if result is None:  # as Django says of a missing key, so of one it cannot reach
            raise ValueError(f"Key '{key}' not found: the cache cannot be reached.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._attempt(None, super().delete_many, keys, version)

    def clear(self):
        return self._attempt(False, super().clear)
