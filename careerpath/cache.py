"""A Redis cache that fails open: when Redis is unreachable the site keeps serving from the database.

Every read is then a miss and every write is dropped, so nothing stale can be served and no
request fails because the cache is down.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _warn(operation: str, error: Exception) -> None:
    logger.warning("cache %s failed, carrying on without the cache: %s", operation, error)


class ResilientRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _warn("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _warn("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            _warn("has_key", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            _warn("set", error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _warn("add", error)
            return False

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            _warn("set_many", error)
            return list(data)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            _warn("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            _warn("delete_many", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            _warn("touch", error)
            return False

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            _warn("clear", error)
            return False
