"""Rate limits are keyed on the client's real address behind the configured proxies."""

import pytest

from tests.factories import PASSWORD

PROXY = "10.0.0.5"


def _signup(client, ip, n):
    return client.post(
        "/en/newsletter/subscribe/",
        {"email": f"person{n}@example.org", "language": "en", "consent": "on"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{ip}",
    )


def test_one_visitor_behind_the_proxy_cannot_block_the_sign_up_for_everyone(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 3
    for n in range(3):
        assert _signup(client, "203.0.113.7", n).status_code == 302
    assert _signup(client, "203.0.113.7", 9).status_code == 429
    assert _signup(client, "198.51.100.20", 10).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_limit(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 2
    for n in range(2):
        assert _signup(client, f"1.1.1.{n}, 203.0.113.7", n).status_code == 302
    assert _signup(client, "9.9.9.9, 203.0.113.7", 5).status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 1
    assert _signup(client, "203.0.113.7", 1).status_code == 302
    assert _signup(client, "198.51.100.20", 2).status_code == 429  # same REMOTE_ADDR


def test_login_failures_are_counted_per_client_behind_the_proxy(client, member, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    for n in range(4):
        client.post(
            "/en/accounts/login/",
            {"login": f"nobody{n}@example.org", "password": "wrong-password"},
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7",
        )  # fmt: skip
    blocked = client.post(
        "/en/accounts/login/", {"login": "x@example.org", "password": "wrong"},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7",
    )  # fmt: skip
    assert "Too many failed login attempts" in blocked.content.decode()
    response = client.post(
        "/en/accounts/login/", {"login": member.user.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20",
    )  # fmt: skip
    assert response.status_code == 302


@pytest.mark.parametrize("header", ["", "garbage", "203.0.113.7, ::ffff:zz"])
def test_a_malformed_forwarded_header_never_fails(client, db, settings, header):
    settings.TRUSTED_PROXY_COUNT = 2
    response = client.post(
        "/en/accounts/login/", {"login": "x@example.org", "password": "wrong"},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header,
    )  # fmt: skip
    assert response.status_code == 200
