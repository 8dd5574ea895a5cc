"""Times read in each country across daylight-saving changes, and the calendar files: one
stable UID, SEQUENCE raised on every change, VTIMEZONE blocks, the right instant for every
calendar program, the connection link only in the registrant's invitation."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import translation

from dialogues import calendar, services
from dialogues.forms import EventAdminForm
from dialogues.timefmt import utc_offset, when_text
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
WASHINGTON = ZoneInfo("America/New_York")

# Three dialogues of March-April 2022, 10:00 in Washington: before the United States moved its
# clocks (13 March), between that and Paraguay's (27 March) and Chile's (2 April) moves back,
# and after both.
BEFORE_US_DST = datetime.datetime(2022, 3, 10, 10, tzinfo=WASHINGTON)  # 15:00 UTC
AFTER_US_DST = datetime.datetime(2022, 3, 15, 10, tzinfo=WASHINGTON)  # 14:00 UTC
AFTER_SOUTH = datetime.datetime(2022, 4, 5, 10, tzinfo=WASHINGTON)  # 14:00 UTC


@pytest.mark.parametrize(
    ("start", "zone", "english", "spanish"),
    [
        (BEFORE_US_DST, "America/New_York", "10:00 a.m. – 1:00 p.m. (Washington, D.C., UTC−5)", "10:00 – 13:00 (Washington, D.C., UTC−5)"),
        (BEFORE_US_DST, "America/Santiago", "12:00 p.m. – 3:00 p.m. (Santiago, UTC−3)", "12:00 – 15:00 (Santiago, UTC−3)"),
        (BEFORE_US_DST, "America/Asuncion", "12:00 p.m. – 3:00 p.m. (Asunción, UTC−3)", "12:00 – 15:00 (Asunción, UTC−3)"),
        (BEFORE_US_DST, "America/Port_of_Spain", "11:00 a.m. – 2:00 p.m. (Port of Spain, UTC−4)", "11:00 – 14:00 (Puerto España, UTC−4)"),
        (AFTER_US_DST, "America/New_York", "10:00 a.m. – 1:00 p.m. (Washington, D.C., UTC−4)", "10:00 – 13:00 (Washington, D.C., UTC−4)"),
        (AFTER_US_DST, "America/Santiago", "11:00 a.m. – 2:00 p.m. (Santiago, UTC−3)", "11:00 – 14:00 (Santiago, UTC−3)"),
        (AFTER_US_DST, "America/Asuncion", "11:00 a.m. – 2:00 p.m. (Asunción, UTC−3)", "11:00 – 14:00 (Asunción, UTC−3)"),
        (AFTER_US_DST, "America/Port_of_Spain", "10:00 a.m. – 1:00 p.m. (Port of Spain, UTC−4)", "10:00 – 13:00 (Puerto España, UTC−4)"),
        (AFTER_SOUTH, "America/New_York", "10:00 a.m. – 1:00 p.m. (Washington, D.C., UTC−4)", "10:00 – 13:00 (Washington, D.C., UTC−4)"),
        (AFTER_SOUTH, "America/Santiago", "10:00 a.m. – 1:00 p.m. (Santiago, UTC−4)", "10:00 – 13:00 (Santiago, UTC−4)"),
        (AFTER_SOUTH, "America/Asuncion", "10:00 a.m. – 1:00 p.m. (Asunción, UTC−4)", "10:00 – 13:00 (Asunción, UTC−4)"),
        (AFTER_SOUTH, "America/Port_of_Spain", "10:00 a.m. – 1:00 p.m. (Port of Spain, UTC−4)", "10:00 – 13:00 (Puerto España, UTC−4)"),
    ],
)  # fmt: skip
def test_an_event_reads_right_in_each_country_across_daylight_saving(start, zone, english, spanish):
    end = start + datetime.timedelta(hours=3)
    assert when_text(start, zone, end=end, with_zone=True, language="en").endswith(english)
    assert when_text(start, zone, end=end, with_zone=True, language="es").endswith(spanish)


def test_the_day_is_written_in_each_language():
    end = AFTER_US_DST + datetime.timedelta(hours=3)
    assert when_text(AFTER_US_DST, "America/Asuncion", end=end, language="en").startswith(
        "Tuesday, March 15, 2022, 11:00 a.m."
    )
    assert when_text(AFTER_US_DST, "America/Asuncion", end=end, language="es").startswith(
        "martes 15 de marzo de 2022, 11:00"
    )


def test_an_event_ending_on_another_day_names_both_days():
    start = datetime.datetime(2022, 3, 15, 22, tzinfo=WASHINGTON)
    text = when_text(
        start, "America/Asuncion", end=start + datetime.timedelta(hours=3), language="en"
    )
    assert "Tuesday, March 15, 2022" in text and "Wednesday, March 16, 2022" in text


def test_offsets_with_half_hours_and_utc():
    moment = datetime.datetime(2022, 1, 10, 12, tzinfo=UTC)
    assert utc_offset(moment, "America/St_Johns") == "UTC−3:30"
    assert utc_offset(moment, "Europe/Madrid") == "UTC+1"
    assert utc_offset(moment, "UTC") == "UTC"


def _event_form(**overrides):
    data = {
        "kind": "dialogue", "number": "9", "time_zone": "America/New_York",
        "starts_local_0": "2027-03-10", "starts_local_1": "10:00",
        "ends_local_0": "2027-03-10", "ends_local_1": "13:00",
        **overrides,
    }  # fmt: skip
    form = EventAdminForm(data)
    form.fields = {k: v for k, v in form.fields.items() if k in ("kind", "number", "time_zone",
                                                                   "starts_local", "ends_local")}  # fmt: skip
    return form


def test_the_admin_reads_start_and_end_in_the_organisers_zone():
    form = _event_form(time_zone="America/Asuncion")
    assert form.is_valid(), form.errors
    assert form.instance.starts_at == datetime.datetime(2027, 3, 10, 13, tzinfo=UTC)


def test_an_end_before_the_start_is_refused_with_the_typed_values_kept():
    form = _event_form(ends_local_1="09:00")
    assert not form.is_valid()
    assert form.errors["ends_local"] == ["The event must end after it starts."]
    assert form["ends_local"].value() == ["2027-03-10", "09:00"]


def test_a_time_skipped_by_the_clocks_is_refused():
    # 14 March 2027, 2:30 in Washington does not exist: the clocks jump from 2:00 to 3:00.
    form = _event_form(
        starts_local_0="2027-03-14", starts_local_1="02:30", ends_local_0="2027-03-14"
    )
    assert not form.is_valid()
    assert "does not exist" in form.errors["starts_local"][0]
    with translation.override("es"):
        form = _event_form(
            starts_local_0="2027-03-14", starts_local_1="02:30", ends_local_0="2027-03-14"
        )
        assert not form.is_valid() and "no existe" in form.errors["starts_local"][0]


# --- Calendar files ---------------------------------------------------------------------------


def _parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_the_ics_gives_the_right_instant_and_a_vtimezone_across_dst(client):
    event = EventFactory(starts_at=AFTER_US_DST, ends_at=AFTER_US_DST + datetime.timedelta(hours=3))
    response = client.get(f"/en/dialogues/{event.pk}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = _parse(response.content)
    assert cal["METHOD"] == "PUBLISH"
    vevent = cal.walk("VEVENT")[0]
    start = vevent.decoded("dtstart")
    assert start.tzinfo.key == "America/New_York"
    assert start.astimezone(UTC) == datetime.datetime(2022, 3, 15, 14, tzinfo=UTC)
    assert vevent.decoded("dtend").astimezone(UTC) == datetime.datetime(2022, 3, 15, 17, tzinfo=UTC)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    # The public file never carries the link.
    assert b"dialogue-secret-link" not in response.content
    # The Spanish file has the Spanish title, the same event.
    spanish = _parse(client.get(f"/es/dialogos/{event.pk}/calendario.ics").content).walk("VEVENT")[
        0
    ]
    assert str(spanish["SUMMARY"]) == event.title_es and spanish["UID"] == vevent["UID"]


def test_uid_is_stable_and_sequence_rises_with_each_change():
    event = EventFactory()
    first = _parse(calendar.event_ics(event, language="en")).walk("VEVENT")[0]
    assert services.event_changed(event=event, fields={"starts_at"})
    assert not services.event_changed(event=event, fields={"objective_en"})  # not in a calendar
    assert services.event_changed(event=event, fields={"title_es"})
    event.refresh_from_db()
    second = _parse(calendar.event_ics(event, language="en")).walk("VEVENT")[0]
    assert second["UID"] == first["UID"] == f"{event.ical_uid}@rialgender.oas.org"
    assert (first.decoded("sequence"), second.decoded("sequence")) == (0, 2)


def test_an_invitation_is_a_request_with_the_link_and_its_withdrawal_a_cancel():
    event = EventFactory(starts_at=AFTER_US_DST, ends_at=AFTER_US_DST + datetime.timedelta(hours=3))
    invite = _parse(calendar.invitation(event, language="es", email="rocio@example.org"))
    vevent = invite.walk("VEVENT")[0]
    assert invite["METHOD"] == "REQUEST" and vevent["STATUS"] == "CONFIRMED"
    assert "dialogue-secret-link" in str(vevent["DESCRIPTION"])
    assert str(vevent["ATTENDEE"]) == "mailto:rocio@example.org"
    cancel = _parse(
        calendar.invitation(event, language="es", email="rocio@example.org", cancel=True)
    )
    assert cancel["METHOD"] == "CANCEL" and cancel.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    assert "dialogue-secret-link" not in cancel.to_ical().decode()


def test_the_calendar_feed_lists_every_public_event_once(client):
    published = [EventFactory(), EventFactory(starts_at=AFTER_US_DST, ends_at=AFTER_SOUTH)]
    EventFactory(state="draft", title_en="Not public yet")
    response = client.get("/en/dialogues/calendar.ics")
    cal = _parse(response.content)
    assert sorted(str(v["UID"]) for v in cal.walk("VEVENT")) == sorted(
        calendar.uid(e) for e in published
    )
    assert b"Not public yet" not in response.content
    assert "webcal://" in client.get("/en/dialogues/").content.decode()
