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
