"""Hostile input as a habit: every page reached by GET, in both languages, with arbitrary
query strings and arbitrary ids, against the real database, never answers 5xx; every upload
field refuses a renamed executable, HTML with image bytes, an empty file and an oversized one.

The routes are discovered from the URL configuration, so a page added tomorrow is tried too:
routes without arguments as they are, routes with arguments with arbitrary ids and tokens. The
anonymous visitor and a member try the site's pages; the Secretariat tries the admin's lists.
"""

from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone, translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rialgender.files import ProtectedFileField
from tests.factories import PDF_BYTES, AreaFactory, MemberFactory, png_bytes

# Reached by GET but not pages to try: the language switch redirects by design, logging out
# would end the member's session for the next examples.
SKIP = {"set_language", "account_logout"}
KEYS = [
    "q", "page", "country", "area", "group", "type", "evaluated", "status", "from", "to",
    "sort", "role", "next", "o", "p", "e", "all", "_changelist_filters", "state__exact",
]  # fmt: skip
SPECIAL = [
    "\x00", "care\x00work", "²", "٣", "１２", "9" * 40, "-1", "0", "1e3", "1.5", "%", "\r\n",
    "' OR 1=1--", "<script>alert(1)</script>", "../../etc/passwd", "AR", "published",
    "relevance", "", " ", "\u202e", "\ufeff", "𝟙", "//evil.example/", "javascript:alert(1)",
]  # fmt: skip
RAW = ["%FF", "%C0%AF", "%00", "%", "%zz", "&&", "=", "a=1=2"]


def _discover(patterns, namespace=None, converters=None):
    for pattern in patterns:
        found = {**(converters or {}), **pattern.pattern.converters}
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _discover(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in SKIP:
            if (
                getattr(pattern.pattern, "regex", None)
                and pattern.pattern.regex.groupindex
                and not found
            ):
                continue  # regular-expression routes with groups (allauth's keys): tried below
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, {key: type(conv) for key, conv in found.items()}


ROUTES = sorted({(name, tuple(sorted(conv.items(), key=str))) for name, conv in _discover(get_resolver().url_patterns)}, key=str)  # fmt: skip
SITE = [(n, dict(c)) for n, c in ROUTES if not n.startswith("admin:")]
ADMIN_LISTS = [(n, dict(c)) for n, c in ROUTES if n.startswith("admin:") and n.endswith("_changelist")]  # fmt: skip


text = st.text(st.characters(exclude_categories=["Cs"]), max_size=24)
values = st.one_of(st.sampled_from(SPECIAL), text, st.integers(-(10**25), 10**25).map(str))
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), text), values), max_size=6)
raw = st.lists(st.sampled_from(RAW), max_size=2)


def _query(items, garbage) -> str:
    encoded = [f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in items]
    return "&".join(encoded + list(garbage))


def _path(name, converters, language, data) -> str:
    """The route's address in `language`, its arguments drawn by Hypothesis."""
    kwargs, fill = {}, {}
    for key, converter in converters.items():
        if issubclass(converter, IntConverter):
            kwargs[key] = data.draw(st.integers(0, 10**30), label=key)
        else:
            value = data.draw(st.one_of(st.sampled_from(SPECIAL[:6]), text), label=key)
            kwargs[key] = f"ARG{len(fill)}X"
            fill[kwargs[key]] = quote(value, safe="") or "x"
    with translation.override(language):
        path = reverse(name, kwargs=kwargs)
    for placeholder, value in fill.items():
        path = path.replace(placeholder, value)
    return path


def _read(response):
    if response.streaming:
        b"".join(response.streaming_content)  # a failure half-way through counts too
    return response


@pytest.fixture
def portal(db, ministry, other_ministry):
    """Enough of everything that lists, searches, facets and feeds have rows to show."""
    from members.models import Communication
    from newsletter.models import Edition, EditionStatus, NewsItem
    from portfolio.models import ProgramAttachment
    from rialgender.workflow import State
    from tests.portfolio.factories import ProgramFactory, published

    area = AreaFactory(slug="care", name_en="Care", name_es="Cuidados")
    for n in range(3):
        program = published(ministry=ministry, title_en=f"Care program {n}",
                            population_groups=["care_workers"], start_year=2020)  # fmt: skip
        program.areas.add(area)
    ProgramAttachment.objects.create(
        program=program, file=SimpleUploadedFile("r.pdf", PDF_BYTES), title="Report"
    )
    ProgramFactory(ministry=other_ministry, state=State.DRAFT)
    NewsItem.objects.create(
        ministry=ministry, title_en="Care week", title_es="Semana", body_en="x", body_es="x",
        state=State.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    now = timezone.now()
    Edition.objects.create(
        number=1, status=EditionStatus.SENT, sent_at=now, period_start=now, period_end=now,
        introduction_en="Hello", introduction_es="Hola",
    )  # fmt: skip
    Communication.objects.create(subject_en="Hello", subject_es="Hola", body_en="x", body_es="x")
    return MemberFactory(ministry=ministry)


@pytest.fixture
def visitors(portal, client, django_user_model):
    from django.test import Client

    member = Client()
    member.force_login(portal.user)
    return {"anonymous": client, "member": member}


HYPOTHESIS = settings(
    max_examples=15, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip


@pytest.mark.parametrize("name,converters", SITE, ids=[name for name, _c in SITE])
@HYPOTHESIS
@given(data=st.data(), items=pairs, garbage=raw)
@example(data=None, items=[("q", "care\x00work"), ("page", "²"), ("area", "x\x00")], garbage=[])
@example(data=None, items=[("page", "9" * 40), ("country", "AR"), ("country", "AR\x00")], garbage=["%FF"])  # fmt: skip
def test_no_site_page_fails_on_hostile_input(visitors, name, converters, data, items, garbage):
    if data is None:  # the explicit examples: the first language, the first persona, id 1
        language, who = "en", "anonymous"
        path = _path(name, converters, language, _Fixed())
    else:
        language = data.draw(st.sampled_from(["en", "es"]), label="language")
        who = data.draw(st.sampled_from(["anonymous", "member"]), label="who")
        path = _path(name, converters, language, data)
    query = _query(items, garbage)
    response = _read(visitors[who].get(f"{path}?{query}" if query else path))
    assert response.status_code < 500, f"{who} GET {path}?{query}: {response.status_code}"


@pytest.mark.parametrize("name,converters", ADMIN_LISTS, ids=[n for n, _c in ADMIN_LISTS])
@HYPOTHESIS
@given(items=pairs, garbage=raw, language=st.sampled_from(["en", "es"]))
@example(items=[("q", "care\x00work"), ("p", "²"), ("o", "9" * 40)], garbage=[], language="en")
def test_no_admin_list_fails_on_hostile_input(
    portal, secretariat_client, name, converters, items, garbage, language
):
    with translation.override(language):
        path = reverse(name)
    query = _query(items, garbage)
    response = _read(secretariat_client.get(f"{path}?{query}" if query else path))
    assert response.status_code < 500, f"GET {path}?{query}: {response.status_code}"


@pytest.mark.parametrize("name,converters", ADMIN_LISTS, ids=[n for n, _c in ADMIN_LISTS])
@HYPOTHESIS
@given(object_id=st.one_of(st.integers(0, 10**30).map(str), st.sampled_from(SPECIAL), text))
@example(object_id="99999999999999999999999")
def test_no_admin_object_page_fails_on_an_arbitrary_id(
    portal, secretariat_client, name, converters, object_id
):
    path = reverse(name) + quote(object_id or "x", safe="") + "/change/"
    response = _read(secretariat_client.get(path))
    assert response.status_code < 500, f"GET {path}: {response.status_code}"


class _Fixed:
    """Stands in for Hypothesis' data in the explicit examples: the first id, a token."""

    def draw(self, strategy, label=None):
        # An id wherever the route takes a number (pk, number, registration_pk...).
        return 1 if repr(strategy).startswith("integers(") else "token\x00"


def test_routes_were_found():
    names = {name for name, _c in SITE}
    assert {"portfolio:program-list", "portfolio:export-csv", "portfolio:feed-rss",
            "newsletter:edition-list", "members:directory", "portfolio:program-detail",
            "newsletter:news-detail"} <= names  # fmt: skip
    assert "admin:portfolio_program_changelist" in {name for name, _c in ADMIN_LISTS}


# -- uploads ------------------------------------------------------------------------------------

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00 this program cannot be run in DOS mode"
HTML_AS_PNG = b"\x89PNG\r\n\x1a\n<html><body><script>alert(document.domain)</script>"
BAD_UPLOADS = {
    "renamed executable": ("report.pdf", EXECUTABLE),
    "HTML with PNG bytes": ("picture.png", HTML_AS_PNG),
    "PNG carrying a script": ("picture.png", png_bytes(text=b"<script>alert(1)</script>")),
    "empty file": ("empty.pdf", b""),
}


def _file_fields():
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def test_every_file_field_is_protected():
    fields = _file_fields()
    assert len(fields) >= 2  # program attachments, news images
    plain = [
        f"{m._meta.label}.{f.name}" for m, f in fields if not isinstance(f, ProtectedFileField)
    ]
    assert plain == [], "serve these through rialgender.files.ProtectedFileField"


@pytest.mark.parametrize("model,field", _file_fields(), ids=lambda x: getattr(x, "name", str(x)))
@pytest.mark.parametrize("case", [*BAD_UPLOADS, "oversized file"])
def test_every_upload_field_refuses_bad_files(model, field, case):
    form_field = field.formfield()
    if case == "oversized file":
        limit = field.max_bytes or 10 * 1024 * 1024
        name, content = "big.pdf", PDF_BYTES + b"0" * limit
    else:
        name, content = BAD_UPLOADS[case]
    with pytest.raises(ValidationError):
        form_field.clean(SimpleUploadedFile(name, content))


@pytest.mark.parametrize("case", [*BAD_UPLOADS, "oversized file"])
def test_the_upload_pages_refuse_bad_files_and_keep_what_was_typed(client, member, case, settings):
    from newsletter.models import NewsItem
    from portfolio.models import ProgramAttachment
    from tests.portfolio.factories import ProgramFactory

    if case == "oversized file":
        name, content = "big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024)
    else:
        name, content = BAD_UPLOADS[case]
    client.force_login(member.user)
    response = client.post(
        "/en/newsletter/my-ministry-news/new/",
        {"title_en": "Typed title", "body_en": "Typed text",
         "image": SimpleUploadedFile(name, content)},
    )  # fmt: skip
    assert response.status_code == 200 and not NewsItem.objects.exists()
    assert "Typed text" in response.content.decode()
    draft = ProgramFactory(ministry=member.ministry)
    response = client.post(
        f"/en/portfolio/my-ministry/{draft.pk}/files/",
        {"file": SimpleUploadedFile(name, content), "title": "Typed", "kind": "document",
         "language": "en"},
    )  # fmt: skip
    assert response.status_code == 400 and not ProgramAttachment.objects.exists()
    assert 'value="Typed"' in response.content.decode()


@pytest.mark.parametrize("case", [*BAD_UPLOADS, "oversized file"])
def test_the_admin_refuses_bad_files_too(secretariat_client, ministry, case):
    from newsletter.models import NewsItem

    if case == "oversized file":
        name, content = "big.png", png_bytes() + b"0" * (5 * 1024 * 1024)
    else:
        name, content = BAD_UPLOADS[case]
    response = secretariat_client.post(
        "/en/admin/newsletter/newsitem/add/",
        {"ministry": ministry.pk, "title_en": "T", "title_es": "T", "body_en": "x",
         "body_es": "x", "image": SimpleUploadedFile(name, content)},
    )  # fmt: skip
    assert response.status_code == 200 and not NewsItem.objects.exists()
    assert "errorlist" in response.content.decode()
