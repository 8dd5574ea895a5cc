"""The few cache operations on the hot path of every public page and API answer (the page
cache's look-up, the API's request counter), in as few round trips as possible.

Django's Redis backend builds a new client object for every call (a few hundred microseconds
of Python) and spends two round trips on `incr`. When the default cache is that backend, the
functions here keep one client per process and pipeline what belongs together; with any other
backend (the tests' local memory) they fall back to the ordinary cache API. Keys and values
are those of the default cache: what one side writes, the other reads.
"""

import weakref

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

# Keyed by the backend's client object itself, not its id(): an id can be reused by a later
# backend (another configuration) once the first is freed.
_clients: "weakref.WeakKeyDictionary[object, object]" = weakref.WeakKeyDictionary()


def _redis():
    """(backend, its redis client) when the default cache is Django's Redis backend."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return backend, None
    client = _clients.get(backend._cache)
    if client is None:
        # One server: reads and writes share the first pool; the client is thread-safe.
        client = _clients[backend._cache] = backend._cache.get_client(None, write=True)
    return backend, client


def get_many(keys: list[str], *, count: tuple[str, int] | None = None) -> tuple[dict, int]:
    """The values of `keys` that exist, and, with `count=(key, window)`, the counter `key`
    incremented (created to live `window` seconds): one round trip with Redis."""
    backend, client = _redis()
    if client is None:
        return backend.get_many(keys), (_count_generic(backend, *count) if count else 0)
    full = [backend.make_and_validate_key(key) for key in keys]
    pipeline = client.pipeline(transaction=False)
    if count:
        counter = backend.make_and_validate_key(count[0])
        pipeline.incr(counter)
        pipeline.expire(counter, count[1] + 1)
    pipeline.mget(full)
    results = pipeline.execute()
    loads = backend._cache._serializer.loads
    found = {key: loads(value) for key, value in zip(keys, results[-1], strict=True)
             if value is not None}  # fmt: skip
    return found, (int(results[0]) if count else 0)


def incr(key: str, window: int) -> int:
    """Add one to the counter `key` (which lives `window` seconds) and return it."""
    return get_many([], count=(key, window))[1]


def set_value(key: str, value, timeout: int | None) -> None:
    backend, client = _redis()
    if client is None:
        backend.set(key, value, timeout)
        return
    client.set(backend.make_and_validate_key(key), backend._cache._serializer.dumps(value),
               ex=timeout)  # fmt: skip


def _count_generic(backend, key: str, window: int) -> int:
    if backend.add(key, 1, timeout=window + 1):
        return 1
    try:
        return backend.incr(key)
    except ValueError:  # expired in between
        backend.add(key, 1, timeout=window + 1)
        return 1
