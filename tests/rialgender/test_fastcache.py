"""rialgender.fastcache against a real Redis: what it writes, Django's cache API reads, and
the other way round (the tests' default cache is local memory, where it falls back)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from rialgender import fastcache, pagecache

REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"unix://{settings.REDIS_SOCKET}?db=3",
        "KEY_PREFIX": "fastcache-test",
    }
}


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=REDIS_CACHE):
        backend, client = fastcache._redis()
        assert client is not None  # the Redis path, not the fallback
        cache.clear()
        yield
        cache.clear()


def test_values_written_on_the_process_client_are_read_by_the_cache_api(redis_cache):
    fastcache.set_value("a-number", 1_733_000_000_000_000_000, timeout=None)
    fastcache.set_value("a-dict", {"generations": [1, 2]}, timeout=60)
    assert cache.get("a-number") == 1_733_000_000_000_000_000
    assert cache.get("a-dict") == {"generations": [1, 2]}
    cache.set("from-django", [3, 4])
    found, count = fastcache.get_many(["a-dict", "from-django", "missing"], count=("hits", 60))
    assert found == {"a-dict": {"generations": [1, 2]}, "from-django": [3, 4]} and count == 1
    assert fastcache.incr("hits", 60) == 2


def test_a_single_topic_bump_is_seen_by_the_page_cache(redis_cache):
    pagecache.bump("docs_center")
    first = cache.get(pagecache._generation_key("docs_center"))
    assert isinstance(first, int)
    pagecache.bump("docs_center")
    assert cache.get(pagecache._generation_key("docs_center")) > first


def test_another_configuration_never_gets_the_first_ones_client(redis_cache):
    fastcache.set_value("where", "db 3", timeout=60)
    other = {
        "default": {
            **REDIS_CACHE["default"],
            "LOCATION": REDIS_CACHE["default"]["LOCATION"].replace("db=3", "db=4"),
        }
    }
    with override_settings(CACHES=other):
        cache.clear()
        fastcache.set_value("where", "db 4", timeout=60)
        assert cache.get("where") == "db 4"
        cache.clear()
    assert cache.get("where") == "db 3"
