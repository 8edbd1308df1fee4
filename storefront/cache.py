"""Django's Redis cache, made to degrade instead of failing when Redis is down.

The cache only ever holds copies (the category tree, listing facets, sessions, whose master is the
database) and short-lived counters (rate limits), so a shop whose Redis stopped can still serve every
page, more slowly. While Redis does not answer, this cache behaves like Django's DummyCache: every read
is a miss, every write is dropped, `incr` raises ValueError as for a missing key. Sessions
(`cached_db`) then read and write the database alone.

Redis restarted without its data (ours keeps nothing on disk) comes back empty and consistent. One kept
on disk comes back with copies older than changes made during the outage: flush it after an outage.
"""

import logging
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)
WARN_EVERY_SECONDS = 60


class DegradingRedisCache(RedisCache):
    """RedisCache whose connection errors and timeouts are misses and dropped writes.

    After a failure the cache stops asking Redis for `retry_after_seconds` (an OPTIONS entry, default 5),
    so a Redis that hangs costs each request nothing rather than a socket timeout per cache call.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after_seconds = options.pop("retry_after_seconds", 5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._warned_at = -WARN_EVERY_SECONDS

    def _ask_redis(self, call, *args, when_down, **kwargs):
        if time.monotonic() < self._down_until:
            return when_down()
        try:
            return call(*args, **kwargs)
        except UNREACHABLE as error:
            now = time.monotonic()
            self._down_until = now + self.retry_after_seconds
            if now - self._warned_at >= WARN_EVERY_SECONDS:
                self._warned_at = now
                logger.warning("Redis cache unreachable (%s): serving without the cache, retrying every %s s",
                               error, self.retry_after_seconds)
            return when_down()

    def answers(self) -> bool:
        """Whether Redis answers now, for the health checks; asks even inside the retry pause."""
        self._down_until = 0.0
        return self._ask_redis(lambda: self._cache.get_client(write=True).ping(), when_down=lambda: False)

    def get(self, key, default=None, version=None):
        return self._ask_redis(super().get, key, default, version, when_down=lambda: default)

    def get_many(self, keys, version=None):
        return self._ask_redis(super().get_many, keys, version, when_down=dict)

    def has_key(self, key, version=None):
        return self._ask_redis(super().has_key, key, version, when_down=lambda: False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask_redis(super().add, key, value, timeout, version, when_down=lambda: True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask_redis(super().set, key, value, timeout, version, when_down=lambda: None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask_redis(super().set_many, data, timeout, version, when_down=list)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask_redis(super().touch, key, timeout, version, when_down=lambda: False)

    def incr(self, key, delta=1, version=None):
        return self._ask_redis(super().incr, key, delta, version, when_down=_key_not_found)

    def delete(self, key, version=None):
        return self._ask_redis(super().delete, key, version, when_down=lambda: False)

    def delete_many(self, keys, version=None):
        return self._ask_redis(super().delete_many, keys, version, when_down=lambda: None)

    def clear(self):
        return self._ask_redis(super().clear, when_down=lambda: None)


def _key_not_found():
    raise ValueError("Key not found: the Redis cache is down")  # what incr raises for a missing key
