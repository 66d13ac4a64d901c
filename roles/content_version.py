"""A shared counter that names the current content; cached pages are keyed by it.

It lives in the shared cache (Redis in production) so a save in one app process makes every
other process's cached pages stale at once. The cache backend fails open (careerpath/cache.py):
with Redis down every read misses, so pages are rendered afresh rather than served stale.
"""

import time

from django.core.cache import cache

KEY = "content-version"


def content_version() -> str:
    """Give the current content version, starting one if the cache holds none."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, str(time.time_ns()), timeout=None)
        # Another process may have added its own first; everyone then uses the stored one.
        version = cache.get(KEY) or str(time.time_ns())
    return str(version)


def bump_content_version() -> None:
    cache.set(KEY, str(time.time_ns()), timeout=None)
