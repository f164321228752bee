"""Django's Redis cache, with one Redis client per connection pool.

Django's backend builds a new `redis.Redis` for every cache call. The client is a
thin handle on a shared connection pool, but building one copies redis-py's table of
some 170 reply parsers: about as long as the round trip itself on a slow machine, and
a page reads the cache at least once, a report post four times. The client is safe to
share between threads, so each pool gets one, made on first use; everything else
(pools, replicas, serialising) is Django's own. django-redis keeps its clients the same
way but brings its own settings and serializer; this keeps Django's.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class KeptClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClient
