"""The dialogues in the open read API (/api/v1/events/): published events in both languages,
their agenda, participation counted by country and category, and their published outcome
with the recommendations' aggregate progress; filters, bad input, cursors, conditional
requests, query counts."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from dialogues.models import (
    AgendaItem,
    ParticipationCount,
    RecommendationProgress,
    Speaker,
)
from rialgender.workflow import State
from tests.factories import (
    AreaFactory,
    EventFactory,
    MinistryFactory,
    OutcomeFactory,
    RecommendationFactory,
    RegistrationFactory,
)


def _past(**kwargs):
    start = kwargs.pop("starts_at", timezone.now() - datetime.timedelta(days=60))
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3), **kwargs)


@pytest.fixture
def dialogues(db):
    paraguay, chile = MinistryFactory(country="PY"), MinistryFactory(country="CL")
    care = AreaFactory(slug="care", name_en="Care", name_es="Cuidados")
    held = _past(
        number=4, starts_at=datetime.datetime(2022, 3, 15, 14, tzinfo=datetime.UTC),
        title_en="4th Hemispheric Dialogue", title_es="4º Diálogo Hemisférico",
    )  # fmt: skip
    item = AgendaItem.objects.create(
        event=held, start_time=datetime.time(10, 10), end_time=datetime.time(10, 40),
        kind="panel", title_en="Panel on care", title_es="Panel sobre cuidados",
    )  # fmt: skip
    Speaker.objects.create(item=item, name="Dra. Panelista Pública", role_en="Director",
                           role_es="Directora", country="UY")  # fmt: skip
    ParticipationCount.objects.create(event=held, country="PY", count=3)
    ParticipationCount.objects.create(event=held, country="CL", count=2)
    ParticipationCount.objects.create(event=held, category="consultative_body",
                                      organization="CIM", count=1)  # fmt: skip
    outcome = OutcomeFactory(event=held, summary_en="A network was born.",
                             summary_es="Nació una red.")  # fmt: skip
    first = RecommendationFactory(outcome=outcome, number=1, addressee="ministries",
                                  text_en="Create gender units.", text_es="Crear unidades.")  # fmt: skip
    first.areas.add(care)
    RecommendationProgress.objects.create(recommendation=first, ministry=paraguay,
                                          status="in_progress", note="Nota interna de Paraguay")  # fmt: skip
    RecommendationProgress.objects.create(recommendation=first, ministry=chile, status="done")
    unpublished = _past(number=5, title_en="5th Dialogue", title_es="5º Diálogo")
    OutcomeFactory(event=unpublished, state=State.DRAFT, published_at=None,
                   conclusions_en="Draft conclusions", conclusions_es="Conclusiones en borrador")  # fmt: skip
    upcoming = EventFactory(number=9, title_en="9th Dialogue", title_es="9º Diálogo")
    RegistrationFactory(event=upcoming, first_name="Eulalia", last_name="Pizarro")
    draft = EventFactory(number=10, state=State.DRAFT, title_en="Draft dialogue",
                         title_es="Diálogo en borrador")  # fmt: skip
    return {"held": held, "unpublished": unpublished, "upcoming": upcoming, "draft": draft,
            "first": first, "paraguay": paraguay}  # fmt: skip


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def _numbers(client, query=""):
    return [r["number"] for r in _get(client, f"/api/v1/events/?{query}")["results"]]


def test_published_events_latest_first_with_both_languages(client, dialogues):
    assert _numbers(client) == [9, 5, 4]
    record = _get(client, f"/api/v1/events/{dialogues['held'].pk}/")
    assert record["title"] == {"en": "4th Hemispheric Dialogue", "es": "4º Diálogo Hemisférico"}
    assert record["kind"]["label"] == {"en": "Virtual dialogue", "es": "Diálogo virtual"}
    assert record["url"]["es"].endswith(f"/es/dialogos/{dialogues['held'].pk}/")
    assert record["time_zone"] == "America/New_York"
    # The agenda's times are instants in the organiser's zone (EDT on 15 March 2022).
    (item,) = record["agenda"]
    assert item["starts_at"] == "2022-03-15T10:10:00-04:00"
    assert item["speakers"] == [{"name": "Dra. Panelista Pública",
                                 "role": {"en": "Director", "es": "Directora"}, "country": "UY"}]  # fmt: skip
    assert client.get(f"/api/v1/events/{dialogues['draft'].pk}/").status_code == 404


def test_participation_is_counted_by_country_and_category(client, dialogues):
    record = _get(client, f"/api/v1/events/{dialogues['held'].pk}/")
    rows = {(r["country"], r["institution"], r["category"]["code"]): r["participants"]
            for r in record["participation"]}  # fmt: skip
    assert rows == {("PY", "", "member_state"): 3, ("CL", "", "member_state"): 2,
                    (None, "CIM", "consultative_body"): 1}  # fmt: skip
    assert record["participants"] == 6


def test_the_outcome_with_recommendations_areas_and_aggregate_progress(client, dialogues):
    outcome = _get(client, f"/api/v1/events/{dialogues['held'].pk}/")["outcome"]
    assert outcome["summary"] == {"en": "A network was born.", "es": "Nació una red."}
    assert outcome["conclusions"]["es"].startswith("La inspección laboral")
    (recommendation,) = outcome["recommendations"]
    assert recommendation["text"] == {"en": "Create gender units.", "es": "Crear unidades."}
    assert recommendation["addressee"]["code"] == "ministries"
    assert recommendation["areas"] == [{"slug": "care", "name": {"en": "Care", "es": "Cuidados"}}]
    assert recommendation["progress"] == {"not_started": 0, "in_progress": 1, "done": 1,
                                          "not_applicable": 0, "reported": 2}  # fmt: skip
    # An outcome still in draft is not there.
    assert _get(client, f"/api/v1/events/{dialogues['unpublished'].pk}/")["outcome"] is None


@pytest.mark.parametrize(
    ("query", "numbers"),
    [("when=upcoming", [9]), ("when=past", [5, 4]), ("year=2022", [4]), ("country=PY", [4]),
     ("country=MX", []), ("area=care", [4]), ("kind=workshop", []), ("kind=dialogue", [9, 5, 4])],
)  # fmt: skip
def test_filters(client, dialogues, query, numbers):
    assert _numbers(client, query) == numbers


@pytest.mark.parametrize(
    ("query", "field"),
    [("kind=seminar", "kind"), ("when=soon", "when"), ("year=1800", "year"),
     ("year=%C2%B2", "year"), ("year=99999999999999999999", "year"), ("year=2022&year=2023", "year"),
     ("country=XX", "country"), ("country=py%00", "country"), ("area=no-such-area", "area"),
     ("area=%E2%80%AE", "area"), ("page_size=0", "page_size"), ("cursor=abc", "cursor"),
     ("colour=blue", "colour")],
)  # fmt: skip
def test_a_bad_parameter_is_a_400_naming_it(client, dialogues, query, field):
    response = client.get(f"/api/v1/events/?{query}")
    assert response.status_code == 400, response.content
    body = json.loads(response.content)
    assert body["detail"] and field in body["errors"], body


def test_pages_follow_the_cursor_and_a_tampered_one_is_refused(client, dialogues):
    first = _get(client, "/api/v1/events/?page_size=2")
    assert [r["number"] for r in first["results"]] == [9, 5]
    cursor = re.search(r"cursor=([^&]+)", first["next"]).group(1)
    second = _get(client, f"/api/v1/events/?page_size=2&cursor={cursor}")
    assert [r["number"] for r in second["results"]] == [4] and second["next"] is None
    tampered = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    assert client.get(f"/api/v1/events/?cursor={tampered}").status_code == 400
    # A cursor of another list is not one of this one.
    assert client.get(f"/api/v1/programs/?cursor={cursor}").status_code == 400


def test_a_conditional_request_gets_304_until_progress_changes(client, dialogues):
    url = f"/api/v1/events/{dialogues['held'].pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    # A focal point reports: the aggregate changes on the very next request.
    RecommendationProgress.objects.filter(ministry=dialogues["paraguay"]).update(status="done")
    RecommendationProgress.objects.get(ministry=dialogues["paraguay"]).save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    progress = json.loads(response.content)["outcome"]["recommendations"][0]["progress"]
    assert progress["done"] == 2


def test_the_description_validates_and_lists_the_events(client, db):
    from openapi_spec_validator import validate

    schema = json.loads(
        client.get("/api/v1/schema/", headers={"accept": "application/json"}).content
    )
    validate(schema)
    assert {"/api/v1/events/", "/api/v1/events/{id}/"} <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"kind", "when", "year", "country", "area", "cursor", "page_size"} <= parameters
    assert "event-list" in _get(client, "/api/v1/")["endpoints"]


@pytest.mark.parametrize("events", [1, 8])
def test_list_query_count(client, db, events, django_assert_num_queries):
    area = AreaFactory(slug="care")
    ministry = MinistryFactory(country="PY")
    for n in range(events):
        event = _past(number=200 + n)
        for hour in (10, 11):
            item = AgendaItem.objects.create(event=event, start_time=datetime.time(hour),
                                             title_en="Item", title_es="Punto")  # fmt: skip
            Speaker.objects.create(item=item, name=f"Speaker {n}")
        ParticipationCount.objects.create(event=event, country="PY", count=n + 1)
        outcome = OutcomeFactory(event=event)
        for _r in range(3):
            recommendation = RecommendationFactory(outcome=outcome)
            recommendation.areas.add(area)
            RecommendationProgress.objects.create(recommendation=recommendation,
                                                  ministry=ministry, status="done")  # fmt: skip
        for _r in range(n):  # many registrations: they are never read
            RegistrationFactory(event=event)
    # events and outcomes, agenda, speakers, documents, participation, recommendations
    # (with their progress counted), their areas, links
    with django_assert_num_queries(8):
        response = client.get("/api/v1/events/?page_size=100")
    assert len(json.loads(response.content)["results"]) == events
    with django_assert_num_queries(8):
        client.get(f"/api/v1/events/{event.pk}/")
