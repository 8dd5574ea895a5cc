"""Every named URL of the portal, for the five personas, in both languages.

The URLs come from the URL configuration, so a URL added without its row in
`tests/<app>/url_access.py` fails `test_every_named_url_has_a_row`. Each row states the
status each persona gets; for a POST, every refusal leaves the data as it was.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.url_access import PERSONAS, REFUSED, load_tables, make_world

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# URLs that belong to libraries, with where they are covered instead.
ELSEWHERE = {
    # allauth's account and two-factor pages: tests/members/test_accounts.py signs in through
    # them; they are the same for everyone and need no row of ours.
    **dict.fromkeys(
        [
            "account_change_password", "account_confirm_email", "account_confirm_login_code",
            "account_email", "account_email_verification_sent", "account_inactive",
            "account_login", "account_logout", "account_reauthenticate",
            "account_reset_password", "account_reset_password_done",
            "account_reset_password_from_key", "account_reset_password_from_key_done",
            "account_set_password", "account_signup", "mfa_activate_totp", "mfa_authenticate",
            "mfa_deactivate_totp", "mfa_download_recovery_codes", "mfa_generate_recovery_codes",
            "mfa_index", "mfa_reauthenticate", "mfa_view_recovery_codes",
        ],
        "allauth",
    ),
}  # fmt: skip


def _named_urls(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


TABLE = load_tables()


def test_every_named_url_has_a_row():
    names = set(_named_urls())
    ours = {n for n in names if not n.startswith("admin:") and n not in ELSEWHERE}
    assert sorted(ours - set(TABLE)) == [], "URLs without a row in tests/<app>/url_access.py"
    assert sorted(set(TABLE) - names) == [], "rows for URLs that no longer exist"


def _client_as(client, world, persona):
    client.logout()
    user = world.users[persona]
    if user is not None:
        client.force_login(user)


def _login_url(language):
    with translation.override(language):
        return reverse("account_login")


def _check(response, expected, *, persona, method, url):
    where = f"{method} {url} as {persona}"
    assert response.status_code == expected, f"{where}: {response.status_code}, not {expected}"


def _refused(response, language) -> bool:
    """Turned away: an error status, or sent to the login page."""
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and response["Location"].startswith(_login_url(language))


@pytest.mark.parametrize("name", sorted(TABLE))
def test_url_answers_each_persona(name, client, db):
    module, row = TABLE[name]
    world = make_world()
    objects = module.objects(world)
    kwargs = row.kwargs(objects) if row.kwargs else {}
    for language in LANGUAGES:
        with translation.override(language):
            url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            if row.get is not None:
                _client_as(client, world, persona)
                target = f"{url}?{row.query}" if row.query else url
                response = client.get(target)
                _check(response, row.get[persona], persona=persona, method="GET", url=target)
                if persona == "anonymous" and response.status_code == 302:
                    assert response["Location"].startswith(_login_url(language)), target
            if row.post is not None:
                # Each POST starts from the same data and leaves nothing behind.
                savepoint = transaction.savepoint()
                _client_as(client, world, persona)
                before = row.snapshot(objects)
                response = client.post(url, row.data(objects) if row.data else {})
                _check(response, row.post[persona], persona=persona, method="POST", url=url)
                if _refused(response, language):
                    assert row.snapshot(objects) == before, f"POST {url} as {persona} changed data"
                transaction.savepoint_rollback(savepoint)


ADMIN_PAGES = ["admin:index", "admin:portfolio_program_changelist", "admin:members_member_add",
               "admin:newsletter_edition_changelist"]  # fmt: skip


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_the_admin_is_the_secretariats(name, client, db):
    """Every admin page asks anyone but the Secretariat to sign in as the Secretariat."""
    world = make_world()
    for persona in PERSONAS:
        _client_as(client, world, persona)
        response = client.get(reverse(name))
        expected = 200 if persona == "secretariat" else 302
        assert response.status_code == expected, f"{name} as {persona}: {response.status_code}"
