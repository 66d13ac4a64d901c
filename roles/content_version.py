"""A shared counter that names the current content; cached pages are keyed by it.

It lives in the shared cache (Redis in production) so a save in one app process makes every
other process's cached pages stale at once. The cache backend fails open (careerpath/cache.py):
with Redis down every read misses, so pages are rendered afresh rather than served stale.

A save made while Redis is down cannot store its new version, and when Redis comes back it
would still hold the old one, with the pages cached under it. So the process that saved keeps
the bump pending and stores it on its next read that finds the cache working again.
"""

import time

from django.core.cache import cache

KEY = "content-version"

_bump_pending = False


def content_version() -> str:
    """Give the current content version, starting one if the cache holds none."""
    if _bump_pending:
        bump_content_version()
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, str(time.time_ns()), timeout=None)
        # Another process may have added its own first; everyone then uses the stored one.
        version = cache.get(KEY) or str(time.time_ns())
    return str(version)


def bump_content_version() -> None:
    global _bump_pending
    version = str(time.time_ns())
    cache.set(KEY, version, timeout=None)
    # The fail-open backend drops a write it cannot make; reading it back tells whether it stuck.
    _bump_pending = cache.get(KEY) != version
