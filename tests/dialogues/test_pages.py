"""The public and members' pages: both languages, drafts invisible, query counts that do not
grow with the registrations, hostile query strings, questions and answers, outcomes and the
recommendation tracker."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialogues import services
from dialogues.models import (
    AgendaItem,
    Answer,
    EventDocument,
    OutcomeLink,
    ParticipationCount,
    Question,
    RecommendationProgress,
    Registration,
    Speaker,
)
from rialgender.workflow import Action, transition
from tests.factories import (
    AreaFactory,
    EventFactory,
    OutcomeFactory,
    RecommendationFactory,
    RegistrationFactory,
    register_member,
)

pytestmark = pytest.mark.django_db


def _past(**kwargs):
    start = timezone.now() - datetime.timedelta(days=60)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3), **kwargs)


def test_the_list_shows_upcoming_and_past_events_in_both_languages_and_hides_drafts(client):
    upcoming = EventFactory(title_en="Care and work", title_es="Cuidados y trabajo")
    past = _past(title_en="Labor inspection", title_es="Inspección laboral")
    OutcomeFactory(event=past)
    EventFactory(state="draft", title_en="Secret plan", title_es="Plan secreto")
    english = client.get("/en/dialogues/").content.decode()
    spanish = client.get("/es/dialogos/").content.decode()
    assert "Care and work" in english and "Labor inspection" in english
    assert "Cuidados y trabajo" in spanish and "Inspección laboral" in spanish
    assert "Secret plan" not in english and "Plan secreto" not in spanish
    assert f'href="/es/dialogos/{past.pk}/resultados/"' in spanish
    assert client.get(f"/en/dialogues/{upcoming.pk}/").status_code == 200


def test_a_draft_event_is_a_404_for_everyone_but_the_secretariat(client, member, secretariat):
    draft = EventFactory(state="draft")
    for path in (f"/en/dialogues/{draft.pk}/", f"/en/dialogues/{draft.pk}/calendar.ics",
                 f"/en/dialogues/{draft.pk}/questions/", f"/es/dialogos/{draft.pk}/"):  # fmt: skip
        assert client.get(path).status_code == 404
    client.force_login(member.user)
    assert client.get(f"/en/dialogues/{draft.pk}/").status_code == 404
    client.force_login(secretariat)
    assert (
        "Only the Secretariat sees this page"
        in client.get(f"/en/dialogues/{draft.pk}/").content.decode()
    )


@pytest.mark.parametrize("query", ["page=%C2%B2", "page=0", "page=99999999999999999999", "page=%00",
                                   "page=abc", "page=-1", "page=%D9%A3"])  # fmt: skip
def test_hostile_query_strings_never_fail(client, query):
    _past()
    response = client.get(f"/en/dialogues/?{query}")
    assert response.status_code == 200


def _registrations(event, count, ministry=None):
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                first_name=f"P{n}",
                last_name="T",
                email=f"p{n}-{event.pk}@example.org",
                country="PY",
                delegation="country:PY",
                status="confirmed",
                ministry=ministry,
            )  # fmt: skip
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_list_and_detail_query_counts_do_not_grow_with_registrations(
    client, django_assert_num_queries, persona, member
):
    event = EventFactory()
    for hour in (10, 11):
        item = AgendaItem.objects.create(
            event=event, start_time=datetime.time(hour), title_en="x", title_es="x"
        )
        Speaker.objects.create(item=item, name="A speaker")
        EventDocument.objects.create(event=event, item=item, title="Slides", language="es",
                                     url="https://example.org/slides.pdf")  # fmt: skip
    Question.objects.create(event=event, text_en="Q?", text_es="¿P?")
    past = _past()
    outcome = OutcomeFactory(event=past)
    RecommendationFactory(outcome=outcome).areas.add(AreaFactory())
    OutcomeLink.objects.create(outcome=outcome, kind="document", title="Manual", url="/es/")
    ParticipationCount.objects.create(event=past, country="PY", count=3)
    if persona == "member":
        client.force_login(member.user)
    counts = {}
    for rows in (10, 1000):
        Registration.objects.all().delete()
        _registrations(event, rows, ministry=member.ministry)
        _registrations(past, rows)
        pages = {
            "list": "/en/dialogues/",
            "detail": f"/en/dialogues/{event.pk}/",
            "outcome": f"/es/dialogos/{past.pk}/resultados/",
            "questions": f"/en/dialogues/{event.pk}/questions/",
            "tracker": "/en/dialogues/recommendations/",
        }
        for name, path in pages.items():
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            counts.setdefault(name, []).append(len(queries))
    for name, (few, many) in counts.items():
        assert few == many <= 10, (name, few, many)
    # Pinned: what each page costs, for a visitor and for a member.
    expected = {
        "anonymous": {"list": 3, "detail": 4, "outcome": 5, "questions": 2, "tracker": 1},
        "member": {"list": 7, "detail": 9, "outcome": 9, "questions": 7, "tracker": 5},
    }[persona]
    assert {name: few for name, (few, _many) in counts.items()} == expected


def test_the_register_page_and_participants_page_query_counts(
    client, member, django_assert_num_queries
):
    event = EventFactory()
    past = _past()
    for rows in (10, 1000):
        Registration.objects.all().delete()
        _registrations(event, rows, ministry=member.ministry)
        _registrations(past, rows)
        client.force_login(member.user)
        with django_assert_num_queries(6):
            assert client.get(f"/en/dialogues/{event.pk}/register/").status_code == 200
        with django_assert_num_queries(7):
            assert client.get(f"/en/dialogues/{past.pk}/participants/").status_code == 200


# --- Questions ----------------------------------------------------------------------------------


def test_a_delegation_answers_before_the_deadline_and_members_read_all_after_the_event(
    client, member, other_member
):
    event = EventFactory(questions_deadline=timezone.now() + datetime.timedelta(days=3))
    question = Question.objects.create(
        event=event, text_en="What do you want?", text_es="¿Qué quieren?"
    )
    client.force_login(member.user)
    page = client.get(f"/es/dialogos/{event.pk}/preguntas/").content.decode()
    assert "¿Qué quieren?" in page and "Guardar nuestras respuestas" in page
    response = client.post(
        f"/es/dialogos/{event.pk}/respuestas/", {f"q{question.pk}": "Compartir prácticas."}
    )
    assert response.status_code == 302
    assert Answer.objects.get().ministry == member.ministry
    # Another delegation does not see it before the event.
    client.force_login(other_member.user)
    assert (
        "Compartir prácticas."
        not in client.get(f"/es/dialogos/{event.pk}/preguntas/").content.decode()
    )
    # Past the deadline: no more answers.
    event.questions_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    response = client.post(f"/es/dialogos/{event.pk}/respuestas/", {f"q{question.pk}": "Tarde"})
    assert (
        response.status_code == 400
        and "Venció el plazo para responder." in response.content.decode()
    )
    # After the event, every member reads every answer; the public does not.
    event.starts_at -= datetime.timedelta(days=90)
    event.ends_at -= datetime.timedelta(days=90)
    event.save()
    assert (
        "Compartir prácticas." in client.get(f"/es/dialogos/{event.pk}/preguntas/").content.decode()
    )
    client.logout()
    assert (
        "Compartir prácticas."
        not in client.get(f"/es/dialogos/{event.pk}/preguntas/").content.decode()
    )
    assert client.post(f"/es/dialogos/{event.pk}/respuestas/", {}).status_code == 302  # to login


# --- Outcomes and the tracker -------------------------------------------------------------------


def test_an_outcome_is_published_only_after_the_event_and_in_both_languages(secretariat):
    event = EventFactory()
    outcome = OutcomeFactory(event=event, state="draft", published_at=None)
    with pytest.raises(ValidationError, match="published after the event"):
        transition(outcome, Action.PUBLISH, by=secretariat)
    event.starts_at -= datetime.timedelta(days=90)
    event.ends_at -= datetime.timedelta(days=90)
    event.save()
    RecommendationFactory(outcome=outcome, number=1, text_es="")
    with pytest.raises(ValidationError, match="Recommendations 1 need both languages"):
        transition(outcome, Action.PUBLISH, by=secretariat)
    outcome.recommendations.update(text_es="Una recomendación.")
    transition(outcome, Action.PUBLISH, by=secretariat)


def test_conclusions_typed_in_a_browser_are_one_a_paragraph(client):
    # A textarea sends CRLF line ends; a blank line may hold spaces.
    outcome = OutcomeFactory(
        event=_past(),
        conclusions_en="Care is work.\r\n\r\nInspection can check care leave.\r\n  \r\nA third.",
    )
    assert outcome.conclusion_list == [
        "Care is work.",
        "Inspection can check care leave.",
        "A third.",
    ]
    page = client.get(f"/en/dialogues/{outcome.event_id}/outcome/").content.decode()
    assert "<li>Care is work.</li>" in page and "<li>A third.</li>" in page


def test_the_outcome_page_shows_counts_to_all_and_names_to_members(client, member):
    event = _past()
    OutcomeFactory(event=event)
    RegistrationFactory(event=event, first_name="Rocío", last_name="Giménez", attended=True)
    services.attendance_recompute(event=event)  # no report: counts stay as typed (none)
    from dialogues.models import ParticipationCount

    ParticipationCount.objects.create(event=event, country="PY", count=2)
    ParticipationCount.objects.create(
        event=event, organization="CIM", category="consultative_body", count=1
    )
    page = client.get(f"/en/dialogues/{event.pk}/outcome/").content.decode()
    assert "3 participants, from one member state." in page and "Giménez" not in page
    assert (
        "3 participantes, de un Estado Miembro."
        in client.get(f"/es/dialogos/{event.pk}/resultados/").content.decode()
    )
    assert page.count('id="participation-title"') == 1 and page.count("<title>") == 1
    assert client.get(f"/en/dialogues/{event.pk}/participants/").status_code == 302
    client.force_login(member.user)
    assert "Giménez" in client.get(f"/en/dialogues/{event.pk}/participants/").content.decode()


def test_a_focal_point_updates_her_country_and_no_other(client, member, other_member, secretariat):
    recommendation = RecommendationFactory()
    client.force_login(member.user)
    page = client.get("/es/dialogos/recomendaciones/mi-pais/").content.decode()
    assert recommendation.text_es in page
    url = f"/es/dialogos/recomendaciones/{recommendation.pk}/avance/"
    prefix = f"r{recommendation.pk}"
    response = client.post(url, {f"{prefix}-status": "in_progress", f"{prefix}-note": "Curso en diseño.",
                                 f"{prefix}-evidence_url": "no es un enlace"})  # fmt: skip
    assert response.status_code == 400 and 'value="no es un enlace"' in response.content.decode()
    response = client.post(url, {f"{prefix}-status": "in_progress", f"{prefix}-note": "Curso en diseño.",
                                 f"{prefix}-evidence_url": "https://example.org/curso"})  # fmt: skip
    assert response.status_code == 302
    progress = RecommendationProgress.objects.get()
    assert (progress.ministry, progress.status, progress.updated_by) == (
        member.ministry, "in_progress", member.user,
    )  # fmt: skip
    assert progress.history.count() == 1
    # The public sees the aggregate, not the note.
    client.logout()
    public = client.get("/en/dialogues/recommendations/").content.decode()
    assert "1 in progress" in public and "Curso en diseño." not in public
    # A draft outcome's recommendation cannot be reported on.
    draft = RecommendationFactory(outcome=OutcomeFactory(state="draft"))
    client.force_login(other_member.user)
    assert client.post(f"/en/dialogues/recommendations/{draft.pk}/progress/", {}).status_code == 404
    # The Secretariat sees the notes in its matrix, and can export it.
    client.force_login(secretariat)
    matrix = client.get("/en/admin/dialogues/recommendationprogress/matrix/").content.decode()
    assert "Curso en diseño." in matrix and "cell-in_progress" in matrix
    response = client.get("/en/admin/dialogues/recommendationprogress/matrix.csv")
    assert "In progress" in b"".join(response.streaming_content).decode()


def test_the_rss_feed_escapes_what_it_carries(client):
    EventFactory(description_en="<script>alert(1)</script> Care")
    body = client.get("/en/dialogues/rss/").content.decode()
    # The reader unescapes the XML once and shows the text, tags and all.
    assert "<script>" not in body and "&amp;lt;script&amp;gt;" in body


def test_a_member_sees_the_time_in_her_zone(client, member):
    member.time_zone = "America/Asuncion"
    member.save()
    start = datetime.datetime(2027, 3, 10, 15, tzinfo=datetime.UTC)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    client.force_login(member.user)
    page = client.get(f"/es/dialogos/{event.pk}/").content.decode()
    assert "miércoles 10 de marzo de 2027, 10:00 – 13:00 (Washington, D.C., UTC−5)" in page
    assert "En su zona horaria:" in page and "12:00 – 15:00 (Asunción, UTC−3)" in page
    register_member(member, event)
    assert "dialogue-secret-link" in client.get(f"/es/dialogos/{event.pk}/").content.decode()


# --- What the rest of the portal shows ---------------------------------------------------------


def test_the_home_page_shows_the_next_dialogue_and_the_latest_conclusions(client):
    event = EventFactory(title_en="Care and work", title_es="Cuidados y trabajo")
    past = _past(title_en="Labor inspection", title_es="Inspección laboral")
    OutcomeFactory(event=past)
    home = client.get("/es/").content.decode()
    assert f'href="/es/dialogos/{event.pk}/"' in home and "Cuidados y trabajo" in home
    assert f'href="/es/dialogos/{past.pk}/resultados/"' in home
    card = home.split("Diálogos virtuales y talleres hemisféricos")[1].split("</li>")[0]
    assert "Próximamente" not in card


def test_what_awaits_a_member_and_the_secretariat(client, member, secretariat):
    event = EventFactory(questions_deadline=timezone.now() + datetime.timedelta(days=5))
    Question.objects.create(event=event, text_en="Why?", text_es="¿Por qué?")
    RecommendationFactory(outcome=OutcomeFactory(event=_past()))
    client.force_login(member.user)
    home = client.get("/en/members/my-home/").content.decode()
    assert f"Register for “{event.title_en}”" in home
    assert f"Answer the questions of “{event.title_en}”" in home
    assert "Say where your country stands on 1 recommendations" in home
    register_member(member, event)
    assert (
        f"Register for “{event.title_en}”"
        not in client.get("/en/members/my-home/").content.decode()
    )
    RegistrationFactory(event=EventFactory(requires_approval=True), status="pending")
    client.force_login(secretariat)
    admin = client.get("/en/admin/").content.decode()
    assert "Registrations waiting for approval" in admin


def test_the_newsletter_and_the_sitemap_find_the_dialogues_through_the_core(client):
    """Registered in DialoguesConfig.ready (rialgender.sources, rialgender.sitemaps): the
    newsletter never imports the dialogues, nor they the newsletter."""
    from rialgender import sources

    upcoming = EventFactory(title_en="Care work", title_es="Trabajo de cuidados")
    outcome = OutcomeFactory(event=_past(), summary_en="What we agreed.", summary_es="Lo acordado.")
    EventFactory(state="draft", published_at=None)
    (source,) = [s for s in sources.sources() if s.key == "dialogues"]
    now = timezone.now()
    entries = {e.key: e for e in source.fetch(now - datetime.timedelta(days=7), now)}
    event_entry = entries[f"dialogues.event:{upcoming.pk}"]
    assert event_entry.title == {"en": "Care work", "es": "Trabajo de cuidados"}
    assert event_entry.url["es"].startswith("/es/dialogos/")
    assert "(" in event_entry.summary["es"]  # the time, with its zone
    outcome_entry = entries[f"dialogues.outcome:{outcome.pk}"]
    assert outcome_entry.title["es"].startswith("Conclusiones y recomendaciones")
    assert outcome_entry.summary == {"en": "What we agreed.", "es": "Lo acordado."}
    assert len(entries) == 3  # the outcome's event was announced in the period too

    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-dialogues.xml" in index and "sitemap-dialogues-outcomes.xml" in index
    events = client.get("/sitemap-dialogues.xml").content.decode()
    assert f"/en/dialogues/{upcoming.pk}/" in events and f"/es/dialogos/{upcoming.pk}/" in events
    outcomes = client.get("/sitemap-dialogues-outcomes.xml").content.decode()
    assert f"/{outcome.event_id}/outcome/" in outcomes
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "/en/dialogues/" in pages


def test_cached_pages_forget_an_event_when_its_moments_pass():
    """The home page is kept in the page cache; an event that starts or ends changes its
    dialogues section though nothing is saved: beat's clock bumps the topic then."""
    from unittest import mock

    from django.core.cache import cache

    from rialgender import pagecache

    cache.delete(pagecache.CLOCK_KEY)
    start = timezone.now() + datetime.timedelta(days=30)
    EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    minutes = [-1, 120, 150, 181, 185]  # before, started, nothing new, ended, nothing new
    with mock.patch("rialgender.pagecache.bump") as bump:
        crossed = [
            "dialogues" in pagecache.clocks_tick(now=start + datetime.timedelta(minutes=m))
            for m in minutes
        ]
    assert crossed == [False, True, False, True, False]
    assert [c.args for c in bump.call_args_list if c.args] == [("dialogues",), ("dialogues",)]


def test_a_country_page_and_the_glance_show_the_dialogues_it_took_part_in(client):
    """Through rialgender.participation: the country page's section (counts, no names) and
    the glance's figure, counted out of the dialogues held."""
    from dialogues.models import Category, ParticipationCount
    from dialogues.selectors import dialogues_by_ministry, dialogues_held
    from tests.factories import MinistryFactory

    paraguay = MinistryFactory(country="PY")
    chile = MinistryFactory(country="CL")
    first, second = _past(title_en="Care work"), _past(title_en="Labor inspection")
    EventFactory()  # ahead: not held yet
    ParticipationCount.objects.create(event=first, country="PY", count=4)
    ParticipationCount.objects.create(event=second, country="PY", count=2)
    ParticipationCount.objects.create(event=second, country="CL", count=1)
    ParticipationCount.objects.create(
        event=first, country="CL", category=Category.PERMANENT_MISSION, count=1
    )
    assert dialogues_by_ministry() == {paraguay.pk: 2, chile.pk: 1}
    assert dialogues_held() == 2
    page = client.get("/en/countries/py/").content.decode()
    assert "Paraguay took part in 2 dialogues and workshops" in page
    assert "Care work" in page and "4 participants" in page
    glance = client.get("/es/paises/").content.decode()
    assert "Diálogos con participación" in glance


def test_a_country_page_and_the_glance_count_the_recommendations_it_reported_on(client):
    """The country page says how many of the published recommendations the country reported
    on (never its status or notes); the glance's figure is counted out of those published."""
    from dialogues.selectors import recommendations_published, recommendations_reported_by_ministry
    from tests.factories import MinistryFactory

    paraguay, chile = MinistryFactory(country="PY"), MinistryFactory(country="CL")
    outcome = OutcomeFactory(event=_past())
    first, _second, _third = (RecommendationFactory(outcome=outcome) for _n in range(3))
    RecommendationFactory(outcome=OutcomeFactory(event=_past(), state="draft", published_at=None))
    RecommendationProgress.objects.create(recommendation=first, ministry=paraguay,
                                          status="in_progress", note="Nota de Paraguay")  # fmt: skip
    assert recommendations_reported_by_ministry() == {paraguay.pk: 1}
    assert recommendations_published() == 3
    page = client.get("/en/countries/py/").content.decode()
    assert "Paraguay reported on its follow-up of 1 of the 3 recommendations" in page
    assert "Nota de Paraguay" not in page and "In progress" not in page
    spanish = client.get("/es/paises/cl/").content.decode()
    assert "Chile informó el seguimiento de 0 de las 3 recomendaciones" in spanish
    glance = client.get("/en/countries/").content.decode()
    assert "<td>Recommendations reported</td><td>1 / 2</td>" in glance  # countries reporting
    assert '<span class="of-total">/ 3</span>' in glance  # each country's, of those published
    body = json.loads(client.get("/api/v1/countries/PY/").content)
    assert body["participation"]["recommendations"] == 1
    assert chile.pk not in recommendations_reported_by_ministry()
