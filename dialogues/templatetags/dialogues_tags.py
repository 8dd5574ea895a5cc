from django import template

from dialogues.timefmt import date_text, short_place, utc_offset, when_text

register = template.Library()


@register.simple_tag
def when(start, zone, end=None, with_zone=True, clock_only=False):
    """An event's time read in `zone`: "Tuesday, March 15, 2022, 10:00 a.m. – 1:00 p.m.
    (Washington, D.C., UTC−4)"."""
    return when_text(start, zone, end=end, with_zone=with_zone, clock_only=clock_only)


@register.simple_tag
def day(moment, zone):
    return date_text(moment, zone)


@register.simple_tag
def place(zone):
    return short_place(zone)


@register.simple_tag
def offset(moment, zone):
    return utc_offset(moment, zone)


@register.filter
def iso_utc(moment):
    """An instant for <time datetime> and for scripts: 2022-03-15T14:00:00Z."""
    from datetime import UTC

    if not moment:
        return ""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
