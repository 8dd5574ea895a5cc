"""The public side: search inside the documents (passage and page, both languages, with or
without accents), facets, bad query strings, the resource page and its Dublin Core, files
for whom may see them, feed, collections, sitemap; query counts pinned for 1 and many rows."""

import datetime
from urllib.parse import quote

import pytest
from django.utils import timezone
from django.utils.html import escape

from docs_center.models import Collection
from rialgender.workflow import State
from tests.docs_center import documents
from tests.factories import (
    AreaFactory,
    ParameterSetFactory,
    ResourceFactory,
    published_resource,
    resource_file,
)


@pytest.fixture
def guide(db):
    resource = published_resource(
        ministry=None, title_en="Planning guide for gender units",
        title_es="Guía de planificación para unidades de género", year=2023,
    )  # fmt: skip
    resource_file(resource, documents.guide_pdf())
    return resource


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/en/documents/", "inspección con enfoque de género"),
        ("/es/documentos/", "inspeccion con enfoque de genero"),
        ("/en/documents/", '"discriminacion salarial"'),
    ],
)
def test_a_phrase_inside_the_pdf_is_found_with_its_passage_and_page(client, guide, path, query):
    response = client.get(path, {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert guide.title_es in html or guide.title_en in html
    page = "Page 3" if path.startswith("/en/") else "Página 3"
    assert f'#page=3">{page}</a>' in html
    # The card links the resource's page in the same language, which marks the words.
    detail = f"{path}{'resources' if path.startswith('/en/') else 'recursos'}/{guide.pk}/"
    assert f'<h3><a href="{escape(detail + "?q=" + quote(query))}">' in html
    assert "<mark>" in html and "discriminación" in html


def test_a_card_shows_the_first_page_of_its_first_file(client, guide):
    """Of a resource's files, in their order (language, then upload), the first one's
    thumbnail; the passage names the file it was found in."""
    english = resource_file(guide, documents.guide_pdf(), language="en")
    html = client.get("/es/documentos/", {"q": "discriminacion salarial"}).content.decode()
    assert f'<img class="thumb" src="{english.get_thumbnail_url()}"' in html
    assert html.count('class="thumb"') == 1
    assert "(Inglés)" in html or "(Español)" in html  # the passage's file, in Spanish


def test_a_thumbnail_keeps_its_place_whatever_the_pages_shape(client, db):
    """The list and the resource's page give each thumbnail its shown size before it loads:
    a slide's first page is wider than tall, an A4 page taller."""
    from fpdf import FPDF

    slides = FPDF(orientation="L", format="A4")
    slides.add_page()
    slides.set_font("Helvetica", size=24)
    slides.cell(0, 20, "Diagnostico de brechas: presentacion")
    deck = published_resource(ministry=None, title_en="Gap diagnosis", resource_type="presentation")
    stored = resource_file(deck, bytes(slides.output()))
    assert stored.thumbnail_width > stored.thumbnail_height
    assert stored.thumbnail_shown_height == round(80 * 210 / 297)  # 57
    tag = f'src="{stored.get_thumbnail_url()}" alt="" width="80" height="57"'
    assert tag in client.get("/en/documents/", {"q": "brechas"}).content.decode()
    assert tag in client.get(deck.get_absolute_url()).content.decode()
    unknown = type(stored)(thumbnail_width=None, thumbnail_height=None)
    assert unknown.thumbnail_shown_height == 113  # an A4 page, until its size is known


def test_the_resource_page_links_to_the_pages_found(client, guide):
    response = client.get(f"/en/documents/resources/{guide.pk}/", {"q": "inspeccion con enfoque"})
    html = response.content.decode()
    assert "#page=3" in html and "<mark>inspección</mark>" in html


def test_a_passage_is_escaped(client, db):
    resource = published_resource(ministry=None)
    resource_file(resource, documents.guide_pdf(["Texto <script>alert(1)</script> de cuidados"]))
    html = client.get("/en/documents/", {"q": "cuidados"}).content.decode()
    assert "<script>alert" not in html and "alert(1)" in html


def test_facets_filter_and_count(client, db):
    area = AreaFactory(slug="care-work", name_en="Care work", name_es="Cuidados")
    published_resource(ministry=None, resource_type="legislation", countries=["UY", "UY"],
                       year=2006, area_ids=[area.pk], document_languages=["es"])  # fmt: skip
    published_resource(ministry=None, resource_type="guide", countries=["AR"], year=2023)
    today = timezone.localdate()
    published_resource(
        ministry=None,
        resource_type="training",
        enrolment_closes_on=today + datetime.timedelta(days=9),
    )
    published_resource(
        ministry=None,
        resource_type="training",
        enrolment_closes_on=today - datetime.timedelta(days=9),
    )
    everything = client.get("/en/documents/").context["result"].facets
    assert everything["type"] == {"legislation": 1, "guide": 1, "training": 2}
    assert everything["country"] == {"UY": 1, "AR": 1}  # once per resource, however listed
    assert everything["year"] == {2006: 1, 2022: 2, 2023: 1} and everything["open"] == {"1": 1}
    assert everything["area"] == {area.pk: 1}
    # Each card names its type in the page's language.
    assert "Legislation · 2006" in client.get("/en/documents/").content.decode()
    assert "Legislación · 2006" in client.get("/es/documentos/").content.decode()
    result = client.get("/en/documents/", {"type": "legislation"}).context["result"]
    assert result.total == 1 and result.facets["country"] == {"UY": 1}
    assert client.get("/en/documents/", {"area": "care-work"}).context["result"].total == 1
    assert client.get("/en/documents/", {"country": "AR"}).context["result"].total == 1
    assert client.get("/en/documents/", {"year": "2006"}).context["result"].total == 1
    assert client.get("/en/documents/", {"language": "es"}).context["result"].total == 4
    open_now = client.get("/en/documents/", {"open": "1"}).context["result"]
    assert open_now.total == 1 and open_now.page.object_list[0].is_open_now


@pytest.mark.parametrize(
    "query",
    ["q=%00", "page=%C2%B2", "page=99999999999999999999", "year=%D9%A3", "type=bogus&country=XX",
     "q=" + "a" * 5000, "q=%22%22%22", "q=-", "q=!:*&sort=nonsense", "q=cuidados&page=0"],
)  # fmt: skip
def test_bad_query_strings_never_fail(client, guide, query):
    assert client.get(f"/en/documents/?{query}").status_code == 200


def test_drafts_are_never_listed(client, ministry):
    ResourceFactory(ministry=ministry, title_en="Secret draft")
    assert "Secret draft" not in client.get("/en/documents/").content.decode()


def test_the_resource_page_carries_dublin_core_in_both_languages(client, guide):
    html = client.get(f"/es/documentos/recursos/{guide.pk}/").content.decode()
    assert '<meta name="DC.title" content="Planning guide for gender units" lang="en">' in html
    assert (
        '<meta name="DC.title" content="Guía de planificación para unidades de género" lang="es">'
        in html
    )
    assert '<meta name="DC.date" content="2023">' in html
    assert '<meta name="DC.format" content="application/pdf">' in html


def test_files_of_drafts_exist_only_for_their_authors(client, member, other_member, ministry):
    draft = ResourceFactory(ministry=ministry, state=State.DRAFT)
    stored = resource_file(draft, documents.guide_pdf())
    url = stored.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(other_member.user)
    assert client.get(url).status_code == 404
    assert client.get(stored.get_thumbnail_url()).status_code == 404
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"].startswith("private")
    assert "inline" in response["Content-Disposition"]  # so that #page=N opens the page


def test_the_feed_lists_new_resources_escaped(client, db):
    published_resource(ministry=None, title_en="New guide", abstract_en="<b>bold</b> text")
    from xml.etree import ElementTree

    feed = ElementTree.fromstring(client.get("/en/documents/rss/").content)
    item = feed.find("channel/item")
    assert item.findtext("title") == "New guide (Guide or toolkit)"
    assert item.findtext("description") == "<p>&lt;b&gt;bold&lt;/b&gt; text</p>"


def test_the_newsletter_hears_of_resources_published_in_its_period(db):
    from newsletter.services import edition_compose

    new = published_resource(ministry=None, title_en="Care guide", title_es="Guía de cuidados", abstract_es="Para las unidades.")  # fmt: skip
    draft = ResourceFactory(ministry=None, title_en="Draft guide")
    edition = edition_compose()
    item = edition.items.get(source="docs_center")
    assert item.content_key == f"docs_center.resource:{new.pk}"
    assert item.url_es == f"/es/documentos/recursos/{new.pk}/" and item.url_en == f"/en/documents/resources/{new.pk}/"  # fmt: skip
    assert item.summary_es == "Guía o caja de herramientas. Para las unidades."
    assert not edition.items.filter(content_key=f"docs_center.resource:{draft.pk}").exists()


def test_the_domestic_work_repository_groups_by_intervention_area(client, db):
    entry = published_resource(ministry=None, title_en="Door-to-door inspection",
                               domestic_work_areas=["inspection"])  # fmt: skip
    repository = Collection.objects.create(
        slug="domestic-work-repository", title_en="Repository", title_es="Repositorio",
        description_en="Actions.", description_es="Acciones.", state=State.PUBLISHED,
        group_by_domestic_work_area=True,
    )  # fmt: skip
    repository.resources.add(entry)
    html = client.get("/en/documents/collections/domestic-work-repository/").content.decode()
    for area in ["Training and professionalization", "Dissemination and awareness-raising",
                 "Inspection", "Social security coverage", "Alliances with social actors"]:  # fmt: skip
        assert f"<h2>{area}</h2>" in html
    assert html.index("Door-to-door inspection") > html.index("<h2>Inspection</h2>")


def test_the_sitemap_lists_published_resources(client, guide, ministry):
    draft = ResourceFactory(ministry=ministry)
    body = client.get("/sitemap-documents.xml").content.decode()
    assert f"/en/documents/resources/{guide.pk}/" in body
    assert f"/es/documentos/recursos/{guide.pk}/" in body
    assert f"/resources/{draft.pk}/" not in body


def test_the_home_page_links_to_the_center(client, db):
    html = client.get("/es/").content.decode()
    assert 'href="/es/documentos/"' in html


def _many(count):
    for i in range(count):
        resource = published_resource(ministry=None, title_en=f"Care guide {i}")
        resource_file(resource, documents.guide_pdf())


@pytest.mark.parametrize("count", [1, 12])
def test_search_page_query_count(client, db, django_assert_num_queries, count):
    AreaFactory()
    _many(count)
    # EXPLAIN, the matches, the page's resources and their files, the passages, the areas,
    # the collections.
    with django_assert_num_queries(7):
        response = client.get("/en/documents/", {"q": "inspeccion"})
    assert response.context["result"].total == count


@pytest.mark.parametrize("count", [1, 12])
def test_list_page_query_count(client, db, django_assert_num_queries, count):
    _many(count)
    # No words: no passages.
    with django_assert_num_queries(6):
        client.get("/es/documentos/")


@pytest.mark.parametrize("files", [1, 4])
def test_resource_page_query_count(client, db, django_assert_num_queries, files):
    area = AreaFactory()
    resource = published_resource(ministry=None, area_ids=[area.pk])
    for _ in range(files):
        resource_file(resource, documents.guide_pdf())
    # The resource and its files, its areas, the passages.
    with django_assert_num_queries(4):
        client.get(f"/en/documents/resources/{resource.pk}/", {"q": "genero"})


@pytest.mark.parametrize("count", [1, 12])
def test_workspace_query_count(client, member, django_assert_num_queries, count):
    ParameterSetFactory()
    for _ in range(count):
        ResourceFactory(ministry=member.ministry)
    client.force_login(member.user)
    with django_assert_num_queries(5):
        response = client.get("/en/documents/my-ministry/")
    assert len(response.context["resources"]) == count


def test_the_home_page_shows_the_newest_resources(client, guide):
    html = client.get("/en/").content.decode()
    assert "New in the documentation center" in html and guide.title_en in html


def test_the_member_home_lists_what_awaits_in_the_center(client, member):
    from django.urls import reverse

    ResourceFactory(ministry=member.ministry, title_en="Returned guide", state=State.RETURNED)
    client.force_login(member.user)
    assert "Returned guide" in client.get(reverse("members:home")).content.decode()


def test_the_glance_counts_each_countrys_published_documents(ministry, other_ministry):
    """The glance's "documents about the country": published resources concerning it,
    whoever proposed them; drafts and other countries do not count."""
    from docs_center.selectors import resources_by_ministry
    from tests.factories import ResourceFactory, published_resource

    # Added by the Secretariat (no ministry): no other country's ministry is created.
    published_resource(ministry=None, countries=["AR", "CL"])
    published_resource(ministry=None, countries=["AR"])
    ResourceFactory(ministry=None, countries=["AR"])  # a draft
    published_resource(ministry=None, countries=["UY"])
    assert resources_by_ministry() == {ministry.pk: 2, other_ministry.pk: 1}
    assert resources_by_ministry(year=1999) == {}
