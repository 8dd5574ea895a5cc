"""The page cache (rialgender.pagecache): anonymous visitors get the cached page until what
it shows changes, the very next request after a change shows it on every page, signed-in
members never get a cached page, and a cached form still carries the visitor's own token."""

import re

import pytest
from django.test import Client

from members.models import Ministry
from portfolio.models import Program
from rialgender import pagecache
from rialgender.models import AreaOfAction
from rialgender.workflow import Action, State, transition
from tests.factories import AreaFactory
from tests.portfolio.factories import ProgramFactory, published

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def program(ministry):
    area = AreaFactory(slug="care", name_en="Care systems", name_es="Sistemas de cuidados")
    program = published(
        ministry=ministry, title_en="Care at work", title_es="Cuidados en el trabajo"
    )
    program.areas.add(area)
    return program


def test_a_second_anonymous_visit_runs_no_query(client, program, django_assert_num_queries):
    first = client.get(f"/en/portfolio/programs/{program.pk}/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(f"/en/portfolio/programs/{program.pk}/")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_each_language_and_query_string_is_its_own_page(client, program):
    english = client.get("/en/portfolio/").content.decode()
    spanish = client.get("/es/portafolio/").content.decode()
    assert "Care at work" in english and "Cuidados en el trabajo" in spanish
    assert 'lang="en"' in english and 'lang="es"' in spanish
    found = client.get("/en/portfolio/?q=care").content.decode()
    nothing = client.get("/en/portfolio/?q=zzzqqq").content.decode()
    assert "Care at work" in found and "Care at work" not in nothing
    # The same parameters in another order are the same page.
    client.get("/en/portfolio/?q=care&sort=newest")
    assert client.get("/en/portfolio/?sort=newest&q=care").status_code == 200


def test_signed_in_members_never_get_a_cached_page(client, member, program):
    anonymous = client.get("/en/").content.decode()
    assert "Members' login" in anonymous
    client.force_login(member.user)
    signed_in = client.get("/en/")
    assert "Log out" in signed_in.content.decode()
    assert "private" in signed_in["Cache-Control"]
    assert "ETag" not in signed_in
    # ...and what they saw is not kept for the public.
    client.logout()
    assert "Log out" not in client.get("/en/").content.decode()


def test_a_member_page_is_not_filled_by_a_signed_in_visit(client, member, program):
    client.force_login(member.user)
    client.get(f"/en/countries/{program.ministry.country.code.lower()}/")
    client.logout()
    page = client.get(f"/en/countries/{program.ministry.country.code.lower()}/")
    assert member.user.email not in page.content.decode()


def test_cached_pages_vary_on_cookie_and_are_revalidated(client, program):
    for _attempt in range(2):  # the page rendered, then served from the cache
        response = client.get(f"/en/portfolio/programs/{program.pk}/")
        assert "Cookie" in response["Vary"]
        assert response["Cache-Control"] == "no-cache"
        assert response["ETag"] and response["Last-Modified"]


def test_a_conditional_request_gets_304_until_the_page_changes(client, program):
    url = f"/en/portfolio/programs/{program.pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    program.title_en = "Care at work, second phase"
    program.save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "second phase" in changed.content.decode()


def test_a_cached_form_carries_each_visitors_own_token(program):
    """The home page's newsletter sign-up: two visitors, two tokens, both accepted."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get("/en/")
    page_two = second.get("/en/")  # served from the cache
    token_one = TOKEN.search(page_one.content.decode()).group(1)
    token_two = TOKEN.search(page_two.content.decode()).group(1)
    assert token_one != token_two
    assert pagecache.CSRF_PLACEHOLDER not in page_two.content.decode()
    assert "csrftoken" in page_two.cookies
    assert "ETag" not in page_two  # another visitor's copy must never answer a 304
    for client, token in ((first, token_one), (second, token_two)):
        response = client.post(
            "/en/newsletter/subscribe/",
            {"email": "reader@example.org", "language": "en", "consent": "on",
             "csrfmiddlewaretoken": token},
        )  # fmt: skip
        assert response.status_code == 302, response.content[:300]


def test_a_waiting_message_is_shown_not_cached(client, program):
    client.get("/en/")
    client.cookies["messages"] = "anything"
    response = client.get("/en/")
    assert response.status_code == 200
    assert "ETag" not in response


def test_a_change_bumps_its_topic_now_and_again_on_commit(
    program, django_capture_on_commit_callbacks
):
    key = pagecache._generation_key("portfolio")
    from django.core.cache import cache

    before = cache.get(key)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        program.title_en = "Renamed"
        program.save()
    assert cache.get(key) != before
    assert callbacks, "the topic is bumped again when the change commits"


# -- a change is visible on the very next request of every page that shows it --------------


def _pages_showing_a_program(program) -> list[str]:
    code = program.ministry.country.code.lower()
    return [
        "/en/",  # the home page's newest programs
        "/es/",
        f"/en/portfolio/programs/{program.pk}/",
        f"/es/portafolio/programas/{program.pk}/",
        "/en/portfolio/",
        "/es/portafolio/",
        "/en/portfolio/?q=care",
        f"/en/countries/{code}/",
        f"/es/paises/{code}/",
        f"/api/v1/programs/{program.pk}/",
        "/api/v1/programs/",
        f"/api/v1/programs/?country={code.upper()}",
    ]


def _visit_all(client, urls) -> dict:
    return {url: client.get(url) for url in urls}


def test_a_changed_title_shows_on_the_very_next_request_everywhere(client, program):
    urls = _pages_showing_a_program(program)
    for url, response in _visit_all(client, urls).items():
        assert response.status_code == 200, url
        assert "Care at work" in response.content.decode() or "Cuidados en el trabajo" in (
            response.content.decode()
        ), url
    program.title_en = "Care at work in the whole country"
    program.title_es = "Cuidados en el trabajo en todo el país"
    program.save()
    for url, response in _visit_all(client, urls).items():
        body = response.content.decode()
        assert "whole country" in body or "todo el pa" in body, url


def test_a_newly_published_program_and_a_withdrawn_one(client, ministry, secretariat, program):
    draft = ProgramFactory(ministry=ministry, title_en="Seal of equality in care",
                           title_es="Sello de igualdad en cuidados", state=State.SUBMITTED)  # fmt: skip
    urls = [u for u in _pages_showing_a_program(program) if "programs/" not in u or "?" in u]
    urls = [u for u in urls if "programas/" not in u]
    for url, response in _visit_all(client, urls).items():
        assert "Seal of equality" not in response.content.decode(), url
    transition(draft, Action.PUBLISH, by=secretariat)
    for url, response in _visit_all(client, urls).items():
        body = response.content.decode()
        assert "Seal of equality" in body or "Sello de igualdad" in body, url
    # Withdrawn: gone from the lists, and its own page is gone too.
    client.get(f"/en/portfolio/programs/{program.pk}/")
    transition(program, Action.ARCHIVE, by=secretariat)
    for url, response in _visit_all(client, urls).items():
        assert "Care at work" not in response.content.decode(), url
    assert client.get(f"/en/portfolio/programs/{program.pk}/").status_code == 404
    assert client.get(f"/api/v1/programs/{program.pk}/").status_code == 404


def test_a_renamed_ministry_and_area_show_everywhere(client, program):
    code = program.ministry.country.code.lower()
    urls = ["/en/", "/en/about/", f"/en/portfolio/programs/{program.pk}/",
            f"/en/countries/{code}/", "/en/countries/", f"/api/v1/countries/{code.upper()}/",
            "/api/v1/areas/"]  # fmt: skip
    _visit_all(client, urls)
    ministry = Ministry.objects.get(pk=program.ministry_id)
    ministry.name_en = "Ministry of Labor and Decent Work"
    ministry.save()
    area = AreaOfAction.objects.get(slug="care")
    area.name_en = "Care economy"
    area.save()
    pages = _visit_all(client, urls)
    for url in (f"/en/portfolio/programs/{program.pk}/", f"/en/countries/{code}/",
                f"/api/v1/countries/{code.upper()}/"):  # fmt: skip
        assert "Decent Work" in pages[url].content.decode(), url
    for url in (f"/en/portfolio/programs/{program.pk}/", "/api/v1/areas/"):
        assert "Care economy" in pages[url].content.decode(), url


def test_a_page_kept_before_a_change_is_never_served_after_it(client, program):
    """The generation is read before the page's rows: a page rendered from old rows is kept
    under the old generation, which no request asks for once the change is marked."""
    url = "/en/portfolio/"
    client.get(url)
    Program.objects.filter(pk=program.pk).update(title_en="Changed behind the ORM's back")
    assert "behind" not in client.get(url).content.decode()  # an update() must bump itself
    pagecache.bump("portfolio")
    assert "behind" in client.get(url).content.decode()


def test_the_cache_can_be_switched_off(client, program, settings, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/about/")
    with django_assert_num_queries(3):  # every time: nothing is kept
        response = client.get("/en/about/")
    assert response.status_code == 200 and "ETag" not in response


def test_a_release_starts_a_new_cache(client, program, settings):
    """Pages drawn by the last release's templates are not served by the next one."""
    url = f"/en/portfolio/programs/{program.pk}/"
    client.get(url)
    Program.objects.filter(pk=program.pk).update(title_en="Drawn by the new release")
    try:
        settings.PAGE_CACHE_VERSION = "next-release"
        pagecache.code_version.cache_clear()
        assert "new release" in client.get(url).content.decode()
    finally:
        pagecache.code_version.cache_clear()
