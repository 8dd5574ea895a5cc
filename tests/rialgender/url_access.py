"""The core's URLs in the URL x persona table (see tests/url_access.py)."""

from tests.url_access import ALL_200, Row, every


def objects(world):
    return {}


ROWS = {
    "home": Row(get=ALL_200),
    "about": Row(get=ALL_200),
    "privacy": Row(get=ALL_200),
    "accessibility": Row(get=ALL_200),
    "work-plan": Row(get=ALL_200),
    "robots-txt": Row(get=ALL_200),
    "healthz": Row(get=ALL_200),
    "sitemap": Row(get=ALL_200),
    "sitemap-section": Row(get=ALL_200, kwargs=lambda o: {"section": "pages"}),
    "javascript-catalog": Row(get=ALL_200),
    # Switching language writes nothing but a cookie.
    # The open read API: public, the same for everyone (nobody's drafts, whoever asks).
    "api:index": Row(get=ALL_200),
    "api:area-list": Row(get=ALL_200),
    "api:schema": Row(get=ALL_200),
    "api:docs": Row(get=ALL_200),
    "api:not-found": Row(get=every(404), kwargs=lambda o: {"rest": "no-such-thing/"}),
    "set_language": Row(
        post=every(302), data=lambda o: {"language": "es", "next": "/es/"}, snapshot=lambda o: 0
    ),
}
