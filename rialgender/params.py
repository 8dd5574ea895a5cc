"""Query parameters, parsed and never trusted: the one small parser every list, search, export
and feed uses.

Anything a URL carries can be anything: NUL bytes (which PostgreSQL refuses in a string),
control characters, digits that `str.isdigit()` accepts but `int()` refuses (`"²"`), numbers
larger than any page, repeated keys, unknown values. Each function here takes the raw value
(a string, a list from `QueryDict.getlist`, or None) and returns something safe to hand to the
ORM or a paginator, falling back to a default instead of raising:

    q = clean_text(request.GET.get("q"), max_length=200)
    page = parse_page(request.GET.get("page"))            # 1..MAX_PAGE, ASCII digits only
    year = parse_int(request.GET.get("from"), None, min_value=1900, max_value=2100)
    sort = parse_choice(request.GET.get("sort"), {"newest", "title"}, default="newest")
    countries = parse_list(request.GET.getlist("country"), choices=COUNTRY_CODES)

Unknown values are ignored rather than reported: a URL is not a form, and a stale bookmark
should still show a page.
"""

import re
import unicodedata
from collections.abc import Collection, Iterable

MAX_PAGE = 10_000
_ASCII_INT = re.compile(r"[0-9]{1,18}")
_SPACES = re.compile(r"\s+")


def clean_text(value, max_length: int = 200) -> str:
    """Text from a URL: control characters (NUL included) removed, runs of white space made
    one space, trimmed, cut to `max_length` characters. None or a non-string gives ""."""
    if not isinstance(value, str):
        return ""
    # Cc: control characters; Cs: lone surrogates (not encodable); Co/Cn: private/unassigned.
    # Format characters (Cf: joiners, bidi marks) are kept: some scripts need them.
    kept = "".join(
        " " if char.isspace() else char
        for char in value
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn")
    )
    return _SPACES.sub(" ", kept).strip()[:max_length].strip()


def parse_int(
    value, default: int | None = None, *, min_value: int | None = None,
    max_value: int | None = None,
) -> int | None:  # fmt: skip
    """A whole number written in ASCII digits (surrounding spaces allowed), within the bounds;
    anything else (signs, "²", "٣", "1e3", overflowing lengths, out of bounds) gives
    `default`."""
    if not isinstance(value, str):
        return default
    value = value.strip()
    if not _ASCII_INT.fullmatch(value):
        return default
    number = int(value)
    if (min_value is not None and number < min_value) or (
        max_value is not None and number > max_value
    ):
        return default
    return number


def parse_page(value, *, max_page: int = MAX_PAGE) -> int:
    """A page number for a paginator: 1 unless `value` is 1..max_page in ASCII digits."""
    return parse_int(value, 1, min_value=1, max_value=max_page)


def parse_choice(value, choices: Collection[str], default: str = "") -> str:
    """`value` if it is one of `choices` exactly, else `default`."""
    return value if isinstance(value, str) and value in choices else default


def parse_list(
    values: Iterable | None, *, choices: Collection[str] | None = None, max_items: int = 20,
    max_length: int = 100,
) -> list[str]:  # fmt: skip
    """Repeated keys (`?area=a&area=b`): each value cleaned with `clean_text`, empty ones and
    duplicates dropped, kept only if in `choices` (when given), at most `max_items`."""
    result: list[str] = []
    for value in values or []:
        text = clean_text(value, max_length)
        if not text or text in result or (choices is not None and text not in choices):
            continue
        result.append(text)
        if len(result) >= max_items:
            break
    return result
