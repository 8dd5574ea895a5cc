"""Calendar files for events (RFC 5545, built with `icalendar`): the .ics of one event, the
feed of every public event, and the invitations e-mailed to registrants (RFC 5546: METHOD
REQUEST to invite or update, CANCEL to withdraw).

Every file carries the event's stable UID and its SEQUENCE, raised on every change, so a
calendar replaces the event it already has instead of adding a second one. Times are written
in the organiser's zone with its VTIMEZONE block, which calendars convert to their reader's.
Only invitations, which go to confirmed registrants alone, carry the connection link.
"""

from datetime import UTC, datetime, timedelta

import icalendar
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from rialgender.bulkmail import TO_PLACEHOLDER
from rialgender.emails import absolute_url

PRODID = "-//OAS//RIAL-GENDER portal//EN"
UID_DOMAIN = "rialgender.oas.org"


class Method:
    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


def uid(event) -> str:
    return f"{event.ical_uid}@{UID_DOMAIN}"


def _vevent(event, *, language: str, sequence: int | None, cancelled: bool | None,
            attendee: str | None, with_link: bool) -> icalendar.Event:  # fmt: skip
    sequence = event.ical_sequence if sequence is None else sequence
    cancelled = event.is_cancelled if cancelled is None else cancelled
    with translation.override(language):
        url = absolute_url(event.get_absolute_url())
        vevent = icalendar.Event()
        vevent.add("uid", uid(event))
        vevent.add("sequence", sequence)
        vevent.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
        vevent.add("last-modified", event.updated_at.astimezone(UTC).replace(microsecond=0))
        vevent.add("dtstart", event.starts_at.astimezone(event.zone))
        vevent.add("dtend", event.ends_at.astimezone(event.zone))
        vevent.add("summary", event.title)
        lines = [event.description.strip(), "", url]
        if with_link and event.connection_link:
            lines += ["", _("Connection link: %(link)s") % {"link": event.connection_link}]
            if event.connection_details:
                lines.append(event.connection_details)
        vevent.add("description", "\n".join(lines).strip())
        vevent.add("url", url)
        location = event.venue or (
            event.connection_link if with_link and event.connection_link else _("Online")
        )
        vevent.add("location", location)
        vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        organizer = icalendar.vCalAddress(f"mailto:{settings.SECRETARIAT_EMAIL}")
        organizer.params["cn"] = icalendar.vText("RIAL/GENDER")
        vevent.add("organizer", organizer)
        if attendee:
            # Kept short, so the line is never folded in the middle of the address.
            who = icalendar.vCalAddress(f"mailto:{attendee}")
            who.params["rsvp"] = icalendar.vText("FALSE")
            vevent.add("attendee", who)
    return vevent


def _calendar(events, *, method: str, language: str, name: str | None = None, **kwargs) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    first = last = None
    for event in events:
        calendar.add_component(_vevent(event, language=language, **kwargs))
        first = min(first or event.starts_at, event.starts_at)
        last = max(last or event.ends_at, event.ends_at)
    if first is not None:
        # Zone rules a year either side of the events, not icalendar's default of 1970-2038.
        calendar.add_missing_timezones(
            first_date=(first - timedelta(days=366)).date(),
            last_date=(last + timedelta(days=366)).date(),
        )
    return calendar.to_ical()


def event_ics(event, *, language: str) -> bytes:
    """The public .ics of one event: no attendee, no connection link."""
    return _calendar(
        [event], method=Method.PUBLISH, language=language, sequence=None, cancelled=None,
        attendee=None, with_link=False,
    )  # fmt: skip


def feed_ics(events, *, language: str) -> bytes:
    """Every public event, for a calendar subscription (webcal)."""
    with translation.override(language):
        name = _("RIAL/GENDER dialogues and workshops")
    return _calendar(
        events, method=Method.PUBLISH, language=language, name=name,
        sequence=None, cancelled=None, attendee=None, with_link=False,
    )  # fmt: skip


def invitation(event, *, language: str, email: str = TO_PLACEHOLDER, sequence: int | None = None,
               cancel: bool = False) -> bytes:  # fmt: skip
    """The invitation of one registrant (METHOD REQUEST, with the connection link) or its
    withdrawal (METHOD CANCEL). Built with the address placeholder for mailings, whose copies
    swap in each registrant's address."""
    return _calendar(
        [event], method=Method.CANCEL if cancel else Method.REQUEST, language=language,
        sequence=event.ical_sequence if sequence is None else sequence,
        cancelled=cancel or event.is_cancelled, attendee=email, with_link=not cancel,
    )  # fmt: skip


def attachment(data: bytes, *, cancel: bool = False) -> tuple:
    """An invitation as an e-mail attachment that mail programs recognise."""
    method = Method.CANCEL if cancel else Method.REQUEST
    return ("invite.ics", data, f"text/calendar; method={method}")
