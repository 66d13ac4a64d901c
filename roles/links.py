"""Page addresses for content rows, reversed once per process.

`reverse()` takes about 40 µs, and an uncached guide page needs some forty addresses of the
same few shapes, one set per step. They only change with the URLconf or the script prefix,
which are part of the memo's key.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def cached_reverse(viewname: str, *args: str | int) -> str:
    return _reverse(viewname, args, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _reverse(viewname: str, args: tuple, prefix: str, urlconf: str) -> str:
    return reverse(viewname, args=args, urlconf=urlconf)
