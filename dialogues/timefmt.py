"""Dates and times of events as people read them, in a given time zone and language:

    when_text(start, "America/Asuncion", end=end, with_zone=True)
    -> "Tuesday, March 15, 2022, 11:00 a.m. – 2:00 p.m. (Asunción, UTC−3)"
    -> "martes 15 de marzo de 2022, 11:00 – 14:00 (Asunción, UTC−3)"

The offset is the one in force at that instant in that zone, so an event on either side of
a daylight-saving change reads right in every country.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rialgender.timezones import place_name


def short_place(zone: str) -> str:
    """ "Washington, D.C." for "Washington, D.C. (Eastern time)"."""
    return re.sub(r"\s*\(.*\)$", "", place_name(zone))


def utc_offset(moment: datetime, zone: str) -> str:
    """ "UTC−3", "UTC−3:30", "UTC+1", "UTC" at that instant in that zone."""
    offset = moment.astimezone(ZoneInfo(zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _date(local: datetime) -> str:
    # Translators: an event's date in PHP/Django date format (l weekday, j day, F month, Y year).
    return dateformat.format(local, pgettext("event date", "l, F j, Y"))


def _clock(local: datetime) -> str:
    # Translators: a time of day in Django date format; g:i a gives "10:00 a.m.", H:i "10:00".
    return dateformat.format(local, pgettext("event time", "g:i a"))


def zone_caption(moment: datetime, zone: str) -> str:
    return _("%(place)s, %(offset)s") % {
        "place": short_place(zone),
        "offset": utc_offset(moment, zone),
    }


def when_text(
    start: datetime, zone: str, *, end: datetime | None = None, with_zone: bool = False,
    language: str | None = None, clock_only: bool = False,
) -> str:  # fmt: skip
    """`start` (and `end`) read in `zone`, in `language` (default: the active one)."""
    if start is None:
        return ""
    with translation.override(language or translation.get_language()):
        tz = ZoneInfo(zone)
        first = start.astimezone(tz)
        if clock_only:
            text = _clock(first)
        elif end is None:
            text = _("%(date)s, %(time)s") % {"date": _date(first), "time": _clock(first)}
        else:
            last = end.astimezone(tz)
            if last.date() == first.date():
                text = _("%(date)s, %(start)s – %(end)s") % {
                    "date": _date(first), "start": _clock(first), "end": _clock(last),
                }  # fmt: skip
            else:
                text = _("%(start_date)s, %(start)s – %(end_date)s, %(end)s") % {
                    "start_date": _date(first), "start": _clock(first),
                    "end_date": _date(last), "end": _clock(last),
                }  # fmt: skip
        if with_zone:
            text = _("%(when)s (%(zone)s)") % {"when": text, "zone": zone_caption(first, zone)}
        return text


def date_text(moment: datetime, zone: str) -> str:
    """The day alone, in the zone: "Tuesday, March 15, 2022"."""
    return _date(moment.astimezone(ZoneInfo(zone)))
