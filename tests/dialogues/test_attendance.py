"""The video platform's participant report: read in English or Spanish, refused whole when it
cannot be read, matched to registrations by address then by name, what is left resolved by
hand in the admin, attendance by country and category."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from dialogues import services
from dialogues.attendance import ReportError, merged_minutes, name_key, read_report
from dialogues.models import AttendanceRow, ParticipationCount
from tests.factories import EventFactory, RegistrationFactory, make_secretariat

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
UTC = datetime.UTC


def _upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (FIXTURES / name).read_bytes())


def test_the_english_report_is_read_after_its_meeting_summary():
    rows = read_report(_upload("participants-report-en.csv"), zone="America/New_York")
    assert len(rows) == 10  # the summary line above the header is not a participant
    lucia = rows[1]
    assert (lucia.name, lucia.email, lucia.minutes) == (
        "Lucía Ferreyra", "lucia.ferreyra@ar.demo.rialgender.org", 82,
    )  # fmt: skip
    # 09:41:03 AM in Washington on 15 March 2022 (daylight time) is 13:41:03 UTC.
    assert lucia.joined_at.astimezone(UTC) == datetime.datetime(2022, 3, 15, 13, 41, 3, tzinfo=UTC)
    assert rows[2].email == "lucia.ferreyra@ar.demo.rialgender.org"  # case ignored


def test_the_spanish_report_from_a_spreadsheet_is_read():
    # Spanish headers, day first, "a. m." and "p. m.", semicolons, Windows-1252.
    rows = read_report(_upload("participants-report-es.csv"), zone="America/Asuncion")
    assert [r.name for r in rows][:2] == ["Secretaría RIAL", "Lucía Ferreyra"]
    # 01:04:40 p. m. in Asunción (UTC-3 that day) is 16:04:40 UTC.
    assert rows[0].left_at.astimezone(UTC) == datetime.datetime(2022, 3, 15, 16, 4, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Name,Email\nAna,ana@example.org\n", "Columns missing from the file: Join Time / Hora de entrada"),
        (b"Participant,User Email,Start,End,Duration\nAna,a@x.org,x,y,3\n", "Columns missing"),
        (b"foo,bar\n1,2\n", "none of the participant report's columns"),
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "This is not a CSV file"),
        (
            b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
            b"Ana,ana@example.org,03/15/2022 09:41:03 AM,03/15/2022 11:02:55 AM,82\n"
            b"Bea,bea@example.org,yesterday,03/15/2022 11:02:55 AM,82\n",
            "Lines 3 have no name or a join or leave time that cannot be read",
        ),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_whole_with_the_expected_columns(data, message):
    with pytest.raises(ReportError) as error:
        read_report(_upload("report.csv", data), zone="America/New_York")
    text = " ".join(error.value.messages)
    assert message in text
    if "Columns" in message or "none" in message:
        assert "Name (Original Name) / Nombre (nombre original)" in text


def test_the_refusal_is_in_the_reader_s_language():
    with translation.override("es"), pytest.raises(ReportError) as error:
        read_report(_upload("report.csv", b"Name,Email\nAna,a@x.org\n"), zone="America/New_York")
    assert "Faltan estas columnas en el archivo" in error.value.messages[0]


def test_display_names_are_reduced_to_the_person():
    assert name_key("Martín Galarza (Ministerio de Trabajo AR)") == "martin galarza"
    assert name_key("Alisha Ramcharan - MoL TT") == "alisha ramcharan"
    assert name_key("iPhone de Tomás") == "tomas"
    assert name_key("  LUCÍA   Ferreyra ") == "lucia ferreyra"


def test_overlapping_connections_count_once():
    t = lambda h, m: datetime.datetime(2022, 3, 15, h, m, tzinfo=UTC)  # noqa: E731
    assert (
        merged_minutes([(t(10, 0), t(11, 0)), (t(10, 30), t(11, 30)), (t(12, 0), t(12, 10))]) == 100
    )


@pytest.fixture
def fourth_dialogue():
    start = datetime.datetime(2022, 3, 15, 14, tzinfo=UTC)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    people = {
        "lucia": RegistrationFactory(event=event, first_name="Lucía", last_name="Ferreyra",
                                     email="lucia.ferreyra@ar.demo.rialgender.org", country="AR"),
        "martin": RegistrationFactory(event=event, first_name="Martín", last_name="Galarza",
                                      email="martin.galarza@ar.demo.rialgender.org", country="AR"),
        "camila": RegistrationFactory(event=event, first_name="Camila", last_name="Undurraga",
                                      email="camila.undurraga@cl.demo.rialgender.org", country="CL"),
        "tomas": RegistrationFactory(event=event, first_name="Tomás", last_name="Réquiz",
                                     email="tomas.requiz@cl.demo.rialgender.org", country="CL"),
        "alisha": RegistrationFactory(event=event, first_name="Alisha", last_name="Ramcharan",
                                      email="alisha.ramcharan@tt.demo.rialgender.org", country="TT"),
        "absent": RegistrationFactory(event=event, first_name="Itzel", last_name="Cuautle",
                                      email="itzel.cuautle@mx.demo.rialgender.org", country="MX"),
    }  # fmt: skip
    return event, people


def test_rows_are_matched_by_address_then_by_name_and_the_rest_left_to_resolve(fourth_dialogue):
    event, people = fourth_dialogue
    secretariat = make_secretariat(email="secretariat@demo.rialgender.org")
    rows = read_report(_upload("participants-report-en.csv"), zone="America/New_York")
    services.attendance_import(event=event, rows=rows, file_name="report.csv",
                               zone="America/New_York", by=secretariat)  # fmt: skip
    resolutions = {r.name: (r.resolution, r.registration_id) for r in AttendanceRow.objects.all()}
    assert resolutions["RIAL Secretariat"] == ("not_participant", None)  # the organiser
    assert resolutions["Lucía Ferreyra"] == ("email", people["lucia"].pk)
    assert resolutions["Martín Galarza (Ministerio de Trabajo AR)"][0] == "email"
    assert resolutions["Alisha Ramcharan - MoL TT"] == ("name", people["alisha"].pk)  # gmail
    assert resolutions["iPhone de Tomás"] == ("unresolved", None)  # a first name is not proof
    assert resolutions["Misión Permanente de México ante la OEA"] == ("unresolved", None)
    assert resolutions["Interpretation EN"] == ("unresolved", None)
    for registration in people.values():
        registration.refresh_from_db()
    lucia = people["lucia"]
    assert lucia.attended and lucia.minutes_connected == 82 + 116  # two connections
    assert not people["tomas"].attended and not people["absent"].attended
    assert dict(ParticipationCount.objects.filter(event=event).values_list("country", "count")) == {
        "AR": 2,
        "CL": 1,
        "TT": 1,
    }


def test_the_secretariat_resolves_rows_in_the_admin(client, fourth_dialogue):
    event, people = fourth_dialogue
    secretariat = make_secretariat(email="secretariat@demo.rialgender.org")
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(secretariat, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(secretariat)
    url = f"/en/admin/dialogues/event/{event.pk}/attendance/"
    response = client.post(url, {"upload": "1", "host_time_zone": "America/New_York",
                                 "file": _upload("participants-report-en.csv")})  # fmt: skip
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "4 rows to resolve" in page
    # The first name alone is offered as a suggestion, chosen by hand.
    assert f'<option value="{people["tomas"].pk}" selected>' in page
    tomas_row = AttendanceRow.objects.get(name="iPhone de Tomás")
    client.post(url, {"resolve": "1", "row": tomas_row.pk, "resolution": "hand",
                      "registration": people["tomas"].pk})  # fmt: skip
    mission = AttendanceRow.objects.get(name__startswith="Misión Permanente")
    client.post(url, {"resolve": "1", "row": mission.pk, "resolution": "unregistered",
                      "country": "mx", "category": "permanent_mission"})  # fmt: skip
    for name in ("Interpretation EN", "Interpretación ES"):
        row = AttendanceRow.objects.get(name=name)
        client.post(url, {"resolve": "1", "row": row.pk, "resolution": "not_participant"})
    assert "Every row is resolved." in client.get(url).content.decode()
    people["tomas"].refresh_from_db()
    assert people["tomas"].attended
    counts = {
        (c.category, c.country.code): c.count
        for c in ParticipationCount.objects.filter(event=event)
    }
    assert counts == {("member_state", "AR"): 2, ("member_state", "CL"): 2,
                      ("member_state", "TT"): 1, ("permanent_mission", "MX"): 1}  # fmt: skip
    # A registration of another event cannot be given to a row.
    other = RegistrationFactory()
    client.post(url, {"resolve": "1", "row": tomas_row.pk, "resolution": "hand",
                      "registration": other.pk})  # fmt: skip
    tomas_row.refresh_from_db()
    assert tomas_row.registration_id == people["tomas"].pk


def test_a_bad_upload_in_the_admin_imports_nothing_and_says_why(
    client, fourth_dialogue, secretariat
):
    event, _people = fourth_dialogue
    client.force_login(secretariat)
    url = f"/es/admin/dialogues/event/{event.pk}/attendance/"
    response = client.post(url, {"upload": "1", "host_time_zone": "America/New_York",
                                 "file": _upload("r.csv", b"Nombre;Correo\nAna;a@x.org\n")})  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "Faltan estas columnas en el archivo" in body and "Hora de entrada" in body
    assert not AttendanceRow.objects.exists()


def test_an_empty_report_is_refused_in_the_portal_s_words():
    from dialogues.forms import ParticipantReportForm

    with translation.override("es"):
        form = ParticipantReportForm(
            data={"host_time_zone": "America/New_York"},
            files={"file": _upload("vacio.csv", b"")},
            event=EventFactory(),
        )
        assert not form.is_valid()
        assert form.errors["file"] == ["El archivo está vacío."]  # not Django's "fichero"
