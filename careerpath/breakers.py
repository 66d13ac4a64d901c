"""Circuit breakers: after a dependency fails or times out, stop calling it for a few seconds.

A hung Redis or database (it accepts connections and never answers) makes every call wait out
its timeout. A pybreaker breaker opens on the first such failure; until BREAKER_RESET_SECONDS
have passed, calls fail at once (the cache misses, the process keeps the content version it
knows), then one call tries the dependency again and closes the breaker if it answers.
Breakers live per process, as a worker's connections do.
"""

from __future__ import annotations

import logging
from typing import Any

import pybreaker
from django.conf import settings
from django.db import OperationalError
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class LogStateChange(pybreaker.CircuitBreakerListener):
    """One log line when a breaker opens or closes, instead of one per refused call."""

    def state_change(self, breaker: pybreaker.CircuitBreaker, old_state, new_state) -> None:
        old_name = old_state.name if old_state else None
        if old_name != new_state.name:
            logger.warning("%s: %s -> %s", breaker.name, old_name, new_state.name)


def make_breaker(name: str, counted: type[Exception]) -> pybreaker.CircuitBreaker:
    """A breaker that opens on one failure of type `counted` (other errors pass through uncounted)."""
    return pybreaker.CircuitBreaker(
        fail_max=1,
        reset_timeout=settings.BREAKER_RESET_SECONDS,
        exclude=[lambda error: not isinstance(error, counted)],
        listeners=[LogStateChange()],
        name=name,
        # The call that opens the breaker raises its own error, as every other failed call does.
        throw_new_error_on_trip=False,
    )


# Connection failures and timeouts of the database (statement timeouts are OperationalErrors too).
database = make_breaker("database", OperationalError)
# One per Redis address, shared by every thread's client of it.
caches: dict[str, pybreaker.CircuitBreaker] = {}


def cache_breaker(location: str) -> pybreaker.CircuitBreaker:
    if location not in caches:
        caches[location] = make_breaker(f"cache {location}", ConnectionInterrupted)
    return caches[location]


def close_all() -> None:
    """Close every breaker (tests, after simulating an outage)."""
    for breaker in [database, *caches.values()]:
        breaker.close()


class BreakerClient(DefaultClient):
    """django-redis's client (its CLIENT_CLASS option) with the cache calls behind a breaker.

    A failed call raises ConnectionInterrupted as before, so IGNORE_EXCEPTIONS turns it into a
    miss; while the breaker is open, calls raise it at once without touching the network.
    `add` and `get_or_set` go through `set` and `get`.
    """

    def __init__(self, server, params, backend) -> None:
        super().__init__(server, params, backend)
        self.breaker = cache_breaker(str(server))

    def guarded(self, method, *args: Any, **kwargs: Any) -> Any:
        try:
            return self.breaker.call(method, *args, **kwargs)
        except pybreaker.CircuitBreakerError as error:
            raise ConnectionInterrupted(connection=None) from error

    def get(self, *args, **kwargs):
        return self.guarded(super().get, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self.guarded(super().set, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self.guarded(super().delete, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self.guarded(super().get_many, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self.guarded(super().set_many, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self.guarded(super().delete_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self.guarded(super().has_key, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self.guarded(super().incr, *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self.guarded(super().decr, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self.guarded(super().touch, *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self.guarded(super().clear, *args, **kwargs)
