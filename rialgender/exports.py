"""Text written for another program to read, escaped for that reader: spreadsheets (CSV and
XLSX), feed readers (RSS and Atom), address books (vCard) and calendars (iCalendar).

- `safe_cell(value)`: a spreadsheet cell. Text starting with =, +, -, @, a tab or a carriage
  return gets a leading apostrophe, so Excel and LibreOffice show it instead of running it
  as a formula (OWASP "CSV injection"); characters an XLSX file cannot hold are dropped.
- `csv_response(rows, filename=...)` and `xlsx_response(rows, filename=..., sheet=...)`: the
  one way to answer an export. Every cell goes through `safe_cell`. The CSV streams, but its
  header and first data row are produced before the response is returned, so a failing
  query is an error page, never a 200 that stops half-way.
- `SafeExportMixin`: put first in every django-import-export resource, so the admin's exports
  go through `safe_cell` too (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT, also on, only drops
  a leading "=").
- `feed_text(text)`: plain text for an RSS/Atom description, which readers treat as HTML:
  escaped, paragraphs kept. `feed_html(html)`: HTML for a description, sanitised with nh3.
- `vcard_text(value)` (RFC 6350, 3.4) and `ics_text(value)` (RFC 5545, 3.3.11): a property
  value with backslashes, commas, semicolons and line breaks escaped, so a carriage return in
  a profile never starts a new property. (The `icalendar` library escapes by itself; this is
  for code that writes iCalendar lines by hand.)
"""

import csv
import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

import nh3
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.html import escape, linebreaks

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters an XLSX (XML 1.0) cell cannot hold; tab, newline and CR are allowed.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A value ready for a spreadsheet cell: numbers, dates and None unchanged; text stripped
    of XML-illegal control characters and, if it starts like a formula, prefixed with "'"."""
    if not isinstance(value, str):
        return value
    value = _XLSX_ILLEGAL.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


class _Echo:
    def write(self, value):
        return value


def csv_response(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """A streamed CSV (UTF-8 with a byte-order mark, which Excel needs to read accents).

    `rows` is an iterable of rows, the header first. The first two rows are read now, so
    that the query behind them runs (and fails, if it must) before the response exists."""
    rows = iter(rows)
    head = list(islice(rows, 2))
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"
        for row in chain(head, rows):
            yield writer.writerow(safe_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(rows: Iterable[Iterable], *, filename: str, sheet: str) -> HttpResponse:
    """An XLSX workbook of one sheet named `sheet` (cut to Excel's 31 characters)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(_XLSX_ILLEGAL.sub("", sheet)[:31] or "Sheet")
    for row in rows:
        worksheet.append(safe_row(row))
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response


class SafeExportMixin:
    """For django-import-export resources: every exported cell through `safe_cell`."""

    def export_resource(self, instance, selected_fields=None, **kwargs):
        return safe_row(super().export_resource(instance, selected_fields, **kwargs))


# -- feeds ----------------------------------------------------------------------------------

FEED_TAGS = {"p", "br", "a", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote"}


def feed_text(text: str | None) -> str:
    """Plain text for a feed item's description: escaped, so a reader shows "<b>" as typed
    instead of rendering (or running) it; blank lines become paragraphs."""
    return linebreaks(escape(text or ""))


def feed_html(html: str | None) -> str:
    """HTML for a feed item's description, sanitised: a few formatting tags and links, no
    script, style, event handler or frame."""
    return nh3.clean(
        html or "",
        tags=FEED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
    )


# -- vCard and iCalendar ----------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def vcard_text(value) -> str:
    """A vCard property value (RFC 6350, 3.4): backslash, comma and semicolon escaped, every
    line break (CR, LF or CRLF) written as "\\n", other control characters dropped."""
    text = _OTHER_CONTROLS.sub("", str(value or ""))
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _LINE_BREAK.sub("\\\\n", text)


def ics_text(value) -> str:
    """An iCalendar TEXT value (RFC 5545, 3.3.11): the same rule as vCard's."""
    return vcard_text(value)


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets (RFC 6350 3.2, RFC 5545 3.1), never inside a
    character: continuation lines start with one space."""
    if len(line.encode("utf-8")) <= limit:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (limit if not parts else limit - 1):
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
