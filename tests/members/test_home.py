"""The member's home after signing in: what awaits them and their ministry in every tool,
their ministry's content by state, their workspaces."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter.models import NewsItem
from portfolio.models import Program
from rialgender.workflow import State
from tests.factories import PASSWORD
from tests.portfolio.factories import ProgramFactory, published

pytestmark = pytest.mark.django_db


def test_signing_in_leads_a_member_home(client, member):
    response = client.post("/es/cuentas/login/", {"login": member.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/es/miembros/mi-inicio/"


def test_what_awaits_the_ministry_and_nothing_of_another(client, member, other_member):
    returned = ProgramFactory(ministry=member.ministry, state=State.RETURNED, title_en="Choferas")
    old = published(ministry=member.ministry, title_en="Women in Construction Fund")
    Program.objects.filter(pk=old.pk).update(last_confirmed_at=timezone.now() - timedelta(days=400))
    published(ministry=member.ministry, title_en="Recently confirmed")
    NewsItem.objects.create(
        ministry=member.ministry, title_en="Care week", body_en="Text", state=State.RETURNED
    )
    ProgramFactory(ministry=other_member.ministry, state=State.RETURNED, title_en="Not ours")
    client.force_login(member.user)
    html = client.get("/en/members/my-home/").content.decode()
    assert "“Choferas” was returned with comments" in html
    assert f'href="/en/portfolio/my-ministry/{returned.pk}/"' in html
    assert "Confirm that “Women in Construction Fund” is still current" in html
    assert "Recently confirmed” is still current" not in html
    assert "“Care week” was returned with comments" in html
    assert "Not ours" not in html


def test_the_ministrys_content_by_state(client, member):
    ProgramFactory(ministry=member.ministry)
    ProgramFactory(ministry=member.ministry)
    published(ministry=member.ministry)
    client.force_login(member.user)
    response = client.get("/es/miembros/mi-inicio/")
    content = {workspace.key: counts for workspace, counts in response.context["content"]}
    assert content["portfolio"] == {"draft": 2, "published": 1}
    assert "Programas de mi ministerio" in response.content.decode()


def test_an_empty_home_says_so_in_spanish(client, member):
    client.force_login(member.user)
    html = client.get("/es/miembros/mi-inicio/").content.decode()
    assert "Nada los espera a usted ni a su ministerio por ahora." in html


def test_the_homes_queries_do_not_grow(client, member):
    client.force_login(member.user)
    counts = []
    for many in (1, 40):
        for _ in range(many):
            ProgramFactory(ministry=member.ministry, state=State.RETURNED)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/members/my-home/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10, counts
