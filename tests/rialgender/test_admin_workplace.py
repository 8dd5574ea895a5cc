"""The admin as the Secretariat's workplace: what needs doing first, oldest first, across
every tool; the tools before the technical modules; the workflow's buttons on each
publishable object's change form; the freshness column in positive words."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from newsletter.models import NewsItem
from portfolio.models import Program
from rialgender.workflow import State
from tests.portfolio.factories import ProgramFactory, published

pytestmark = pytest.mark.django_db


def _submitted(model_factory, days_ago, **kwargs):
    obj = model_factory(**kwargs)
    obj.state = State.SUBMITTED
    obj.submitted_at = timezone.now() - timedelta(days=days_ago)
    obj.save()
    return obj


def test_the_home_page_lists_what_waits_oldest_first(secretariat_client, ministry):
    _submitted(ProgramFactory, 3, ministry=ministry)
    _submitted(ProgramFactory, 1, ministry=ministry)
    _submitted(
        lambda **kw: NewsItem.objects.create(title_es="Noticia", body_es="Texto", **kw),
        10, ministry=ministry,
    )  # fmt: skip
    html = secretariat_client.get("/en/admin/").content.decode()
    todo = html[html.index('id="todo-title"') : html.index("</section>")]
    # The news item has waited longest, so it comes first; each line links to its list.
    assert todo.index("News from the units awaiting review") < todo.index(
        "Programs awaiting review"
    )
    assert '<a href="/en/admin/portfolio/program/?state__exact=submitted">' in todo
    assert '<td class="number" data-label="How many">2</td>' in todo


def test_the_home_page_says_when_nothing_waits(secretariat_client):
    html = secretariat_client.get("/es/admin/").content.decode()
    assert "Nada espera a la Secretaría." in html


def test_the_networks_tools_come_before_the_technical_modules(secretariat_client):
    html = secretariat_client.get("/en/admin/").content.decode()
    technical = html.index('class="portal-technical"')
    assert html.index("Portfolio of programs") < technical
    assert html.index("Periodic tasks") > technical


def test_the_home_pages_queries_do_not_grow_with_the_content(secretariat_client, ministry):
    """One aggregate query per source of tasks, however much waits."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for days in (1, 30):
        for day in range(days):
            _submitted(ProgramFactory, day, ministry=ministry)
        with CaptureQueriesContext(connection) as queries:
            assert secretariat_client.get("/en/admin/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 25, counts


@pytest.fixture
def submitted_spanish_only(ministry):
    return _submitted(ProgramFactory, 2, ministry=ministry, title_en="", summary_en="")


def test_the_change_form_says_why_it_cannot_be_published_yet(
    secretariat_client, submitted_spanish_only
):
    url = f"/en/admin/portfolio/program/{submitted_spanish_only.pk}/change/"
    html = secretariat_client.get(url).content.decode()
    panel = html[html.index('class="workflow-panel"') :]
    assert 'disabled aria-describedby="publish-blockers"' in panel
    assert "both languages are complete and up to date (English: Missing" in panel
    assert 'value="return"' in panel


def test_publishing_from_the_change_form(secretariat_client, submitted_spanish_only):
    program = submitted_spanish_only
    program.title_en, program.summary_en = "Domestic workers", "Formal work."
    program.save()
    response = secretariat_client.post(
        f"/en/admin/portfolio/program/{program.pk}/workflow/", {"action": "publish"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/portfolio/program/{program.pk}/change/")
    program.refresh_from_db()
    assert program.state == State.PUBLISHED
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages == ["Published. It is now on the public pages in both languages."]


def test_returning_from_the_change_form_needs_a_comment_and_sends_it(
    secretariat_client, submitted_spanish_only, member, django_capture_on_commit_callbacks
):
    url = f"/en/admin/portfolio/program/{submitted_spanish_only.pk}/workflow/"
    secretariat_client.post(url, {"action": "return", "comment": "  "})
    submitted_spanish_only.refresh_from_db()
    assert submitted_spanish_only.state == State.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {"action": "return", "comment": "Add the results."})
    submitted_spanish_only.refresh_from_db()
    assert submitted_spanish_only.state == State.RETURNED
    assert [m.to for m in mail.outbox] == [[member.user.email]]
    assert "Add the results." in mail.outbox[0].body


def test_the_workflow_buttons_refuse_gets_unknown_steps_and_outsiders(
    client, secretariat_client, submitted_spanish_only, member
):
    url = f"/en/admin/portfolio/program/{submitted_spanish_only.pk}/workflow/"
    assert secretariat_client.get(url).status_code == 405
    assert secretariat_client.post(url, {"action": "delete"}).status_code == 404
    assert secretariat_client.post(url, {"action": "submit"}).status_code == 404
    client.force_login(member.user)
    assert client.post(url, {"action": "publish"}).status_code == 302  # to the login page
    submitted_spanish_only.refresh_from_db()
    assert submitted_spanish_only.state == State.SUBMITTED


def test_freshness_is_said_in_positive_words(secretariat_client, ministry):
    old = published(ministry=ministry, title_en="Old program")
    Program.objects.filter(pk=old.pk).update(last_confirmed_at=timezone.now() - timedelta(days=600))
    published(ministry=ministry, title_en="Fresh program")
    html = secretariat_client.get("/en/admin/portfolio/program/").content.decode()
    assert "Ask the ministry (last on" in html
    assert "icon-no.svg" not in html
