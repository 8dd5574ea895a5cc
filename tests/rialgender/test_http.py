import pytest
from django.test import RequestFactory

from rialgender.http import client_ip, rate_limit_key


def _request(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="203.0.113.7")) == "10.0.0.5"


@pytest.mark.parametrize(
    "count,forwarded,expected",
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # the left one was written by the client
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "203.0.113.7:51234", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.5"),  # fewer hops than proxies: not believed
        (1, "garbage", "10.0.0.5"),
        (1, "", "10.0.0.5"),
    ],
)
def test_behind_trusted_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded=forwarded)) == expected


def test_ipv6_clients_are_limited_by_their_network(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert rate_limit_key(_request(forwarded="2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::/64"
    assert rate_limit_key(_request(forwarded="203.0.113.7")) == "203.0.113.7"
