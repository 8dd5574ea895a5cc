"""The list pages' links that switch a filter on or off (portal.query_toggle, query_page)."""

import pytest
from django.template import Context
from django.test import RequestFactory

from rialgender.templatetags.portal import query_page, query_toggle


def _toggle(query: str, name: str, value: str) -> str:
    return query_toggle(
        Context({"request": RequestFactory().get(f"/en/documents/?{query}")}), name, value
    )


@pytest.mark.parametrize(
    ("query", "name", "value", "link"),
    [
        ("q=care&page=3", "type", "guide", "?q=care&type=guide"),  # on, page reset
        ("type=guide&country=AR", "type", "study", "?type=guide&type=study&country=AR"),
        ("type=guide&type=study", "type", "guide", "?type=study"),  # off
        ("type=guide&type=guide", "type", "guide", "?"),  # off, however often it was asked
        ("sort=year", "sort", "newest", "?sort=newest"),  # one value only
        ("q=g%C3%A9nero+%3Cb%3E", "open", "1", "?q=g%C3%A9nero+%3Cb%3E&open=1"),
    ],
)
def test_a_filter_link_switches_one_value_and_keeps_the_rest(query, name, value, link):
    assert _toggle(query, name, value) == link


def test_a_page_link_keeps_the_search():
    context = Context({"request": RequestFactory().get("/en/documents/?q=care&type=guide&page=2")})
    assert query_page(context, 3) == "?q=care&type=guide&page=3"


@pytest.mark.parametrize(
    ("language", "query", "option", "exact", "expected"),
    [
        ("en", "q=care&page=2", {"value": "guide", "label": "Guide", "count": 7, "selected": False},
         True, '<li><a href="?q=care&amp;type=guide" rel="nofollow">Guide <span class="count">(7)</span></a></li>'),
        ("es", "q=care&type=guide", {"value": "guide", "label": "Guía", "count": 86000, "selected": True},
         False, '<li><a href="?q=care" aria-current="true" class="selected" rel="nofollow">'
         '<span class="visually-hidden">Quitar filtro: </span>Guía <span class="count">(≈ 86\xa0000)</span></a></li>'),
        ("en", "q=care", {"value": "x", "label": "<b>Care</b> & co", "count": 1200, "selected": False},
         True, '<li><a href="?q=care&amp;type=x" rel="nofollow">&lt;b&gt;Care&lt;/b&gt; &amp; co <span class="count">(1,200)</span></a></li>'),
    ],
)  # fmt: skip
def test_a_facet_option_links_counts_and_escapes(language, query, option, exact, expected):
    """The option as the list pages showed it before it was written in Python: counts grouped
    as floatformat:"0g" groups them in each language, markup in a label escaped."""
    from django.utils import translation

    from rialgender.templatetags.portal import facet_option

    request = RequestFactory().get(f"/{language}/documents/?{query}")
    with translation.override(language):
        html = facet_option(Context({"request": request}), "type", option, exact)
    assert html == expected
