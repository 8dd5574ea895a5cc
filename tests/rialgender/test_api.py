"""The open read API's shared behaviour (rialgender.api): the OpenAPI description and its
docs, JSON errors for every bad input, CORS, the rate limit, and that nothing but public
data ever leaves it."""

import datetime
import json
import re
from urllib.parse import quote, urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogues.models import (
    AgendaItem,
    Answer,
    AttendanceReport,
    AttendanceRow,
    ParticipationCount,
    Question,
    RecommendationProgress,
    Registration,
    Speaker,
)
from members.models import Invitation
from newsletter.models import Subscriber
from rialgender import api
from rialgender.workflow import State
from tests.factories import (
    AreaFactory,
    EventFactory,
    MemberFactory,
    OutcomeFactory,
    RecommendationFactory,
    RegistrationFactory,
    ResourceFactory,
    UserFactory,
    make_secretariat,
    published_resource,
)
from tests.portfolio.factories import ProgramFactory, published

LISTS = ["/api/v1/programs/", "/api/v1/countries/", "/api/v1/areas/", "/api/v1/documents/",
         "/api/v1/events/", "/api/v1/cooperation-projects/"]  # fmt: skip


def _json(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


def _walk(client, url) -> list:
    """Every record of a list, following `next` (whose address is the portal's own)."""
    records = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        body = _json(response)
        records += body["results"]
        url = body["next"] and "?".join(filter(None, urlsplit(body["next"])[2:4]))
    return records


# -- the description and its documentation ---------------------------------------------------


def test_the_openapi_description_validates(client, db):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    for path in ("/api/v1/programs/", "/api/v1/programs/{id}/", "/api/v1/countries/",
                 "/api/v1/countries/{code}/", "/api/v1/areas/"):  # fmt: skip
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/programs/"]["get"]["parameters"]}
    assert {"q", "country", "area", "from", "to", "cursor", "page_size"} <= parameters


def test_the_description_speaks_spanish_when_asked(client, db):
    response = client.get("/api/v1/schema/?lang=es", headers={"accept": "application/json"})
    assert "Una página de programas." in response.content.decode()


def test_the_documentation_is_served_from_the_project(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    # Every script and stylesheet is ours: no CDN, no inline script or style.
    for address in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert address.startswith(("/", "?")), address
    assert "<style" not in html and re.search(r"<script>\s*\S", html) is None
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_the_index_lists_every_endpoint(client, db):
    body = _json(client.get("/api/v1/"))
    for name in ("program-list", "country-list", "area-list"):
        assert name in body["endpoints"]
    assert body["openapi"].endswith("/api/v1/schema/")


def test_areas_in_both_languages_in_their_order(client, db):
    AreaFactory(slug="care", name_en="Care", name_es="Cuidados", order=2)
    AreaFactory(slug="seals", name_en="Seals", name_es="Sellos", order=1)
    records = _walk(client, "/api/v1/areas/?page_size=1")
    assert [r["slug"] for r in records] == ["seals", "care"]
    assert records[1]["name"] == {"en": "Care", "es": "Cuidados"}


# -- bad input: a clear 4xx with a JSON body, never a 500 -------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("colour=blue", "colour"),
        ("cursor=abc", "cursor"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=%C2%B2", "page_size"),
        ("page_size=99999999999999999999999", "page_size"),
        ("page_size=1&page_size=2", "page_size"),
        ("country=XX", "country"),
        ("area=no-such-area", "area"),
        ("type=spaceship", "type"),
        ("from=1800", "from"),
        ("from=2020&to=2010", "to"),
        ("q=care%00work", "q"),
        ("evaluated=maybe", "evaluated"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, db, query, field):
    response = client.get(f"/api/v1/programs/?{query}")
    assert response.status_code == 400
    body = _json(response)
    assert body["detail"] and field in body["errors"], body


def test_a_tampered_cursor_is_refused(client, ministry):
    for _n in range(3):
        published(ministry=ministry)
    next_url = _json(client.get("/api/v1/programs/?page_size=1"))["next"]
    cursor = re.search(r"cursor=([^&]+)", next_url).group(1)
    assert client.get(f"/api/v1/programs/?page_size=1&cursor={cursor}").status_code == 200
    tampered = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    response = client.get(f"/api/v1/programs/?page_size=1&cursor={tampered}")
    assert response.status_code == 400 and "cursor" in _json(response)["errors"]
    # A cursor of another list is not one of this list.
    response = client.get(f"/api/v1/countries/?cursor={cursor}")
    assert response.status_code == 400


def test_an_unsupported_accept_type_is_a_406(client, db):
    response = client.get("/api/v1/programs/", headers={"accept": "text/html"})
    assert response.status_code == 406
    assert "Accept" in _json(response)["detail"]
    assert client.get("/api/v1/programs/", headers={"accept": "*/*"}).status_code == 200


def test_unknown_endpoints_and_records_are_json_404s(client, db):
    for url in ("/api/v1/nothing/", "/api/v1/programs/999999/", "/api/v1/countries/ZZ/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert _json(response)["detail"]


def test_writes_are_refused(client, db):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/programs/")
        assert response.status_code == 405, method
        assert _json(response)["detail"]


PARAMETERS = ["q", "country", "area", "group", "type", "evaluated", "status", "from", "to",
              "cursor", "page_size", "format", "page"]  # fmt: skip
SPECIAL = ["\x00", "²", "٣", "１２", "9" * 40, "-1", "0", "1e3", "%", "\r\n", "AR", "care",
           "' OR 1=1--", "<script>", "\u202e", "𝟙", "yes", "ongoing", ""]  # fmt: skip
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
values = st.one_of(st.sampled_from(SPECIAL), text, st.integers(-(10**20), 10**20).map(str))
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(PARAMETERS), text), values), max_size=5)
accepts = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "application/json",
            "text/html",
            "*/*",
            "application/xml;q=0.9",
            "application/json; indent=4",
            "garbage",
            "",
        ]
    ),  # fmt: skip
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(endpoint=st.sampled_from(LISTS + ["/api/v1/countries/AR/", "/api/v1/programs/1/"]),
       items=pairs, accept=accepts)  # fmt: skip
def test_no_input_gives_a_server_error(client, ministry, endpoint, items, accept):
    cache.clear()  # the rate limit counts every example
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in items)
    if items and endpoint.endswith(("/AR/", "/1/")):  # an arbitrary key in the address too
        endpoint = endpoint.rsplit("/", 2)[0] + f"/{quote(items[0][1], safe='') or 'x'}/"
    headers = {"accept": accept} if accept is not None else {}
    response = client.get(f"{endpoint}?{query}", headers=headers)
    assert response.status_code in (200, 400, 404, 406), (endpoint, query, response.status_code)
    if response.status_code != 200:
        assert _json(response)["detail"]


# -- CORS and the rate limit -----------------------------------------------------------------


def test_any_site_may_read_it(client, db):
    response = client.get("/api/v1/areas/", headers={"origin": "https://researcher.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/areas/",
        headers={"origin": "https://researcher.example", "access-control-request-method": "GET",
                 "access-control-request-headers": "if-none-match"},
    )  # fmt: skip
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    # The portal's pages are not shared that way.
    assert "Access-Control-Allow-Origin" not in client.get(
        "/en/", headers={"origin": "https://researcher.example"}
    )


def test_the_rate_limit_counts_per_client_address(client, db, settings):
    settings.API_RATE_LIMIT = "3/minute"
    for remaining in (2, 1, 0):
        response = client.get("/api/v1/areas/", REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        assert response["X-RateLimit-Limit"] == "3"
        assert response["X-RateLimit-Remaining"] == str(remaining)
    refused = client.get("/api/v1/areas/", REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1 and _json(refused)["detail"]
    # Another client is counted on its own.
    assert client.get("/api/v1/areas/", REMOTE_ADDR="198.51.100.2").status_code == 200


def test_the_rate_is_read_strictly():
    assert api.parse_rate("300/minute") == (300, 60)
    assert api.parse_rate("") == (0, 0)
    with pytest.raises(ValueError):
        api.parse_rate("lots")


# -- only public data ------------------------------------------------------------------------


@pytest.fixture
def portal_with_secrets(ministry, other_ministry):
    """Published programs, and everything that must never leave the API: drafts, people,
    their e-mail addresses, subscribers, invitations."""
    area = AreaFactory(slug="care", name_en="Care", name_es="Cuidados")
    for n in range(3):
        program = published(ministry=ministry, title_en=f"Public care program {n}")
        program.areas.add(area)
    for state in (State.DRAFT, State.SUBMITTED, State.RETURNED, State.ARCHIVED):
        ProgramFactory(ministry=other_ministry, state=state, title_en=f"Secret {state} program",
                       title_es=f"Programa secreto {state}", published_at=timezone.now())  # fmt: skip
        ResourceFactory(ministry=other_ministry, state=state, title_en=f"Secret {state} guide",
                        title_es=f"Guía secreta {state}", published_at=timezone.now())  # fmt: skip
    published_resource(ministry=ministry, title_en="Public guide on care")
    people = iter([("Gabriela", "Villaseñor"), ("Rosaura", "Quintanilla"),
                   ("Maribel", "Etcheverry"), ("Leocadia", "Bustamante")])  # fmt: skip
    for m in (ministry, other_ministry):
        for role in ("representative", "alternate"):
            first, last = next(people)
            MemberFactory(ministry=m, network_role=role, user__first_name=first,
                          user__last_name=last)  # fmt: skip
    make_secretariat(first_name="Hortensia", last_name="Zubizarreta")
    UserFactory(first_name="Evaristo", last_name="Castellanos")
    Subscriber.objects.create(email="reader.secret@example.net", language="es")
    Invitation.objects.create(
        email="invited.secret@example.net", first_name="Invitada", last_name="Secretísima",
        ministry=ministry, network_role="contact", token_hash="x" * 64,
        expires_at=timezone.now(),
    )  # fmt: skip
    _dialogues_with_secrets(ministry, other_ministry)
    _cooperation_with_secrets(ministry, other_ministry)


def _cooperation_with_secrets(ministry, other_ministry):
    """A selected project (public) with what stays inside: its reports, a comment between
    the ministries, a result titled in one language only; requests never selected."""
    from cooperation.models import EventKind, Report, RequestEvent, Result
    from tests.factories import CooperationRequestFactory, selected_project, submitted_request

    project = selected_project(requesting_ministry=ministry, providing_ministry=other_ministry,
                               title_en="Public cooperation project")  # fmt: skip
    Report.objects.create(request=project, ministry=ministry, kind="progress",
                          text="Informe reservado de avance")  # fmt: skip
    RequestEvent.objects.create(request=project, kind=EventKind.COMMENTED, ministry=ministry,
                                comment="Comentario secreto entre ministerios")  # fmt: skip
    Result.objects.create(request=project, kind="other", title_es="Resultado secreto a medias")
    Result.objects.create(request=project, kind="other", title_en="Public result", title_es="Resultado público")  # fmt: skip
    CooperationRequestFactory(
        requesting_ministry=other_ministry,
        providing_ministry=ministry,
        title_en="Secret draft request",
    )  # fmt: skip (another call)
    submitted_request(
        requesting_ministry=ministry,
        providing_ministry=other_ministry,
        title_en="Secret submitted request",
    )  # fmt: skip (another call)


SPEAKER = "Dra. Oradora Pública"  # named in a published agenda: public


def _dialogues_with_secrets(ministry, other_ministry):
    """A dialogue held, with its registrants, its participant report, the answers and the
    countries' notes, a draft outcome, a draft event with its speaker; and one to come, with
    its registrants and its connection link."""
    start = timezone.now() - datetime.timedelta(days=40)
    held = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    item = AgendaItem.objects.create(event=held, start_time=datetime.time(10), title_en="Panel",
                                     title_es="Panel")  # fmt: skip
    Speaker.objects.create(item=item, name=SPEAKER, role_en="Director", country="UY")
    registrants = iter([("Eulalia", "Pizarro"), ("Clotilde", "Arancibia"),
                        ("Herminia", "Valdivieso"), ("Filomena", "Cardozo")])  # fmt: skip
    upcoming = EventFactory(connection_link="https://meet.example.org/j/81234567890",
                            connection_details="Passcode 775533")  # fmt: skip
    for event in (held, upcoming):
        for m in (ministry, other_ministry):
            first, last = next(registrants)
            RegistrationFactory(event=event, first_name=first, last_name=last, ministry=m,
                                country=m.country.code, email=f"{first.lower()}@gob.example")  # fmt: skip
    report = AttendanceReport.objects.create(event=held, file_name="report.csv",
                                             host_time_zone="America/New_York")  # fmt: skip
    AttendanceRow.objects.create(report=report, line=2, name="Anacleta Zurbarán",
                                 email="anacleta@mission.example", joined_at=start,
                                 left_at=start, minutes=90)  # fmt: skip
    ParticipationCount.objects.create(event=held, country=ministry.country, count=2)
    outcome = OutcomeFactory(event=held)
    recommendation = RecommendationFactory(outcome=outcome, text_en="Public recommendation")
    RecommendationProgress.objects.create(
        recommendation=recommendation, ministry=ministry, status="in_progress",
        note="Nota reservada del ministerio", evidence_url="https://intranet.example/evidence",
    )  # fmt: skip
    question = Question.objects.create(event=held, text_en="What?", text_es="¿Qué?")
    Answer.objects.create(question=question, ministry=ministry, text="Respuesta reservada")
    earlier = EventFactory(starts_at=start - datetime.timedelta(days=200),
                           ends_at=start - datetime.timedelta(days=200) + datetime.timedelta(hours=2))  # fmt: skip
    OutcomeFactory(event=earlier, state=State.DRAFT, published_at=None,
                   conclusions_en="Secret draft conclusions", conclusions_es="Conclusiones secretas")  # fmt: skip
    draft = EventFactory(state=State.DRAFT, title_en="Secret draft dialogue",
                         title_es="Diálogo secreto en borrador")  # fmt: skip
    draft_item = AgendaItem.objects.create(event=draft, start_time=datetime.time(10),
                                           title_en="Secret item", title_es="Punto secreto")  # fmt: skip
    Speaker.objects.create(item=draft_item, name="Ponciana Larrañaga")


def _every_answer(client) -> list[str]:
    bodies = []
    for url in LISTS:
        records = _walk(client, f"{url}?page_size=2")
        bodies.append(json.dumps(records, ensure_ascii=False))
        for record in records:
            key = record.get("id") or record.get("code")
            if key and "areas" not in url:
                detail = client.get(f"{url}{key}/")
                assert detail.status_code == 200
                bodies.append(detail.content.decode())
    bodies.append(client.get("/api/v1/").content.decode())
    bodies.append(client.get("/api/v1/schema/").content.decode())
    return bodies


def test_no_draft_no_address_and_no_name_ever_leaves_the_api(client, portal_with_secrets):
    from members.models import User

    text = "\n".join(_every_answer(client))
    assert "Public care program 2" in text and "Public guide on care" in text
    assert "Public recommendation" in text and SPEAKER in text  # a published outcome, agenda
    assert "Public cooperation project" in text and "Public result" in text
    assert "ecret" not in text  # no draft, submitted, returned or archived program or event
    for secret in ("meet.example.org", "81234567890", "775533", "reservad", "intranet.example"):
        assert secret not in text, secret  # no link, passcode, answer, country's note
    emails = list(User.objects.values_list("email", flat=True))
    emails += list(Subscriber.objects.values_list("email", flat=True))
    emails += list(Invitation.objects.values_list("email", flat=True))
    emails += list(Registration.objects.values_list("email", flat=True))
    emails += ["anacleta@mission.example"]
    assert len(emails) >= 8
    for email in emails:
        assert email.lower() not in text.lower(), email
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "an e-mail address"
    names = [n for u in User.objects.all() for n in (u.first_name, u.last_name) if len(n) > 3]
    names += ["Invitada", "Secretísima", "Anacleta", "Zurbarán", "Ponciana", "Larrañaga"]
    names += [n for r in Registration.objects.all() for n in (r.first_name, r.last_name)]
    for name in names:
        assert not re.search(rf"\b{re.escape(name)}\b", text), name
