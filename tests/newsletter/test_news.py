"""News from the units: written by the ministry's focal points, published by the Secretariat,
shown to the public; and the public pages of the newsletter."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsletter.models import Edition, EditionItem, EditionStatus, NewsItem
from rialgender.workflow import Action, State, transition
from tests.factories import png_bytes

PNG = png_bytes()


def test_a_focal_point_writes_and_submits_news(client, member, settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    client.force_login(member.user)
    response = client.post(
        "/es/boletin/noticias-de-mi-ministerio/nueva/",
        {"title_es": "Semana del cuidado", "body_es": "La unidad organizó una semana.",
         "image": SimpleUploadedFile("foto.png", PNG, "image/png"), "image_alt_es": "Una foto"},
    )  # fmt: skip
    item = NewsItem.objects.get()
    assert response.status_code == 302 and item.ministry == member.ministry and item.image
    response = client.post(f"/es/boletin/noticias-de-mi-ministerio/{item.pk}/enviar/")
    item.refresh_from_db()
    assert item.state == State.SUBMITTED


def test_bad_image_and_missing_title_are_refused_keeping_the_text(client, member):
    client.force_login(member.user)
    response = client.post(
        "/es/boletin/noticias-de-mi-ministerio/nueva/",
        {"title_es": "", "body_es": "Texto que no se pierde",
         "image": SimpleUploadedFile("foto.png", b"MZ not an image", "image/png")},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200 and not NewsItem.objects.exists()
    assert "No se acepta este tipo de archivo. Tipos aceptados: PNG, JPEG." in body
    assert "Una noticia necesita un título en español o en inglés." in body
    assert "Texto que no se pierde" in body


@pytest.fixture
def draft(member):
    return NewsItem.objects.create(ministry=member.ministry, title_es="Borrador", body_es="x")


def test_who_may_see_and_edit_a_draft(
    client, draft, member, colleague, other_member, steering_member, secretariat
):
    url = f"/en/newsletter/my-ministry-news/{draft.pk}/"
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    for person, status in ((member.user, 200), (colleague.user, 200), (other_member.user, 404),
                           (steering_member.user, 404)):  # fmt: skip
        client.force_login(person)
        assert client.get(url).status_code == status
        assert client.get(f"/en/newsletter/news/{draft.pk}/").status_code == (
            200 if status == 200 else 404
        )
    client.force_login(other_member.user)
    assert client.post(f"{url}submit/").status_code == 404
    assert client.post(url, {"title_es": "Hackeado"}).status_code == 404
    draft.refresh_from_db()
    assert draft.title_es == "Borrador" and draft.state == State.DRAFT
    client.force_login(secretariat)
    assert client.get(f"/en/admin/newsletter/newsitem/{draft.pk}/change/").status_code == 200


def test_publishing_needs_both_languages(draft, member, secretariat):
    from django.core.exceptions import ValidationError

    transition(draft, Action.SUBMIT, by=member.user)
    draft.refresh_from_db()
    with pytest.raises(ValidationError):
        transition(draft, Action.PUBLISH, by=secretariat)
    draft.title_en, draft.body_en = "Draft", "x"
    draft.save()
    transition(draft, Action.PUBLISH, by=secretariat)
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED


def test_public_news_pages_in_both_languages(client, published_news, draft):
    body = client.get("/en/newsletter/news/").content.decode()
    assert "Care week" in body and "Borrador" not in body
    body = client.get(f"/es/boletin/noticias/{published_news.pk}/").content.decode()
    assert "Semana del cuidado" in body and "Argentina" in body


@pytest.fixture
def sent_edition(published_news):
    edition = Edition.objects.create(
        number=7, status=EditionStatus.SENT, sent_at=timezone.now(), period_start=timezone.now(),
        period_end=timezone.now(), introduction_en="Hello network", introduction_es="Hola red",
    )  # fmt: skip
    EditionItem.objects.create(
        edition=edition, source="news", content_key="x", title_en="Care week",
        title_es="Semana del cuidado", url_en="/en/x/", url_es="/es/x/",
    )  # fmt: skip
    EditionItem.objects.create(
        edition=edition, source="news", content_key="y", title_en="Dropped", title_es="Quitado",
        included=False,
    )  # fmt: skip
    return edition


def test_archive_and_feed_in_both_languages(client, sent_edition):
    Edition.objects.create(
        number=8, period_start=timezone.now(), period_end=timezone.now()
    )  # a draft
    body = client.get("/en/newsletter/").content.decode()
    assert "Edition 7" in body and "Edition 8" not in body
    body = client.get("/es/boletin/ediciones/7/").content.decode()
    assert "Hola red" in body and "Semana del cuidado" in body and "Quitado" not in body
    assert client.get("/en/newsletter/editions/8/").status_code == 404
    feed = client.get("/es/boletin/rss/").content.decode()
    assert "Edición 7" in feed and "Edición 8" not in feed


@pytest.mark.parametrize("count", [1, 60])
def test_list_pages_queries_do_not_grow(client, ministry, count, django_assert_max_num_queries):
    now = timezone.now()
    NewsItem.objects.bulk_create(
        NewsItem(ministry=ministry, title_en=f"N{n}", title_es=f"N{n}", body_en="b", body_es="b",
                 state=State.PUBLISHED, published_at=now - datetime.timedelta(minutes=n))
        for n in range(count)
    )  # fmt: skip
    for n in range(count):
        edition = Edition.objects.create(
            number=n + 1, status=EditionStatus.SENT, sent_at=now, period_start=now, period_end=now
        )
        EditionItem.objects.create(
            edition=edition, source="news", content_key="k", title_en="t", title_es="t"
        )
    for url in (
        "/en/newsletter/",
        "/en/newsletter/news/",
        "/en/newsletter/rss/",
        "/en/newsletter/editions/1/",
        "/en/",
    ):
        # At most 6 a page; the home 7: areas, ministries and one per tool's "what is new".
        with django_assert_max_num_queries(7 if url == "/en/" else 6):
            assert client.get(url).status_code == 200
