"""The video platform's participant report, read and matched to registrations.

What such a report is like (and what this module copes with):
- one row per connection: someone who dropped and came back has two rows;
- the column names and the date format follow the language of the host's account: English
  ("Join Time", 03/15/2022 09:28:12 AM) or Spanish ("Hora de entrada", 15/03/2022 09:28:12,
  sometimes with "a. m."); a few lines about the meeting may come before the header;
- times are in the host's time zone, with no zone written in the cell;
- a UTF-8 file (with or without a byte-order mark), UTF-16, or Windows-1252 when a
  spreadsheet saved it, separated by commas or semicolons;
- display names that are not the registered names ("iPhone de Tomás", a name with the
  ministry appended), personal addresses instead of registered ones, a delegation connected
  as one screen without an address, interpreters and the host.

`read_report` turns the file into rows or refuses it whole (`ReportError`, which names the
expected columns): nothing is imported from a file it cannot read entirely.
`match` links each row to a registration, by address, then by name.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


class ReportError(ValidationError):
    pass


# Each column: its name in the English and the Spanish reports (several spellings).
COLUMNS = {
    "name": ("Name (Original Name)", "Nombre (nombre original)"),
    "email": ("User Email", "Correo electrónico del usuario"),
    "join": ("Join Time", "Hora de entrada"),
    "leave": ("Leave Time", "Hora de salida"),
    "duration": ("Duration (Minutes)", "Duración (minutos)"),
}
ALIASES = {
    "name": ["name", "participant", "display name", "nombre", "participante", "nombre (nombre original)",
             "name (original name)"],
    "email": ["user email", "email", "e-mail", "correo", "correo electronico",
              "correo electronico del usuario", "email del usuario"],
    "join": ["join time", "joined", "hora de entrada", "hora de ingreso", "hora de union", "entrada"],
    "leave": ["leave time", "left", "hora de salida", "salida"],
    "duration": ["duration (minutes)", "duration", "duracion (minutos)", "duracion"],
}  # fmt: skip
SPANISH_MARKERS = {"nombre", "correo", "hora", "duracion", "participante", "entrada", "salida"}
DATE_FORMATS = {
    # Month first in the English reports, day first in the Spanish ones.
    "en": ["%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M"],
    "es": ["%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %I:%M %p", "%d/%m/%Y %H:%M"],
    "iso": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
}


def _plain(text: str) -> str:
    """Lower case, no accents, single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("\u00a0", " ").split())


@dataclass
class Row:
    line: int
    name: str
    email: str
    joined_at: datetime
    left_at: datetime
    minutes: int


def expected_columns() -> str:
    return "; ".join(f"{en} / {es}" for en, es in COLUMNS.values())


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _header_map(cells: list[str]) -> dict[str, int] | None:
    plain = [_plain(c) for c in cells]
    found = {}
    for key, aliases in ALIASES.items():
        for index, cell in enumerate(plain):
            if cell in aliases and key not in found:
                found[key] = index
    return found if len(found) >= 2 else None


def _parse_time(value: str, language: str, zone: ZoneInfo) -> datetime | None:
    value = " ".join(value.replace("\u00a0", " ").split())
    # "09:28:12 a. m." and "p.m." as Spanish platforms write them.
    value = re.sub(r"\b([ap])\.?\s?m\.?$", lambda m: m.group(1).upper() + "M", value, flags=re.I)
    for fmt in DATE_FORMATS[language] + DATE_FORMATS["iso"]:
        try:
            naive = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return naive.replace(tzinfo=zone)
    return None


def read_report(upload, *, zone: str) -> list[Row]:
    """The rows of a participant report, or ReportError (translated, naming what is wrong
    and the expected columns). All or nothing."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ReportError(_("The file is larger than 5 MB; is it the participant report?"))
    data = upload.read(MAX_BYTES + 1)
    if not data.strip():
        raise ReportError(_("The file is empty."))
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(
            _("This is not a CSV file. Export the participant report as CSV and upload that.")
        )
    text = _decode(data)
    lines = text.splitlines()
    # The header is the line naming the most columns: a summary of the meeting may come
    # first, with a few of the same names ("User Email", "Duration (Minutes)").
    header_at, header = None, None
    for index, line in enumerate(lines[:30]):
        delimiter = ";" if line.count(";") > line.count(",") else ","
        cells = next(csv.reader([line], delimiter=delimiter), [])
        columns = _header_map(cells)
        if columns and (header is None or len(columns) > len(header[0])):
            header_at, header = index, (columns, delimiter, cells)
    if header is None:
        raise ReportError(
            _("The file has none of the participant report's columns. Expected: %(columns)s.")
            % {"columns": expected_columns()}
        )
    columns, delimiter, cells = header
    missing = [COLUMNS[key] for key in COLUMNS if key not in columns]
    if missing:
        raise ReportError(
            _("Columns missing from the file: %(missing)s. Expected: %(columns)s.")
            % {
                "missing": ", ".join(f"{en} / {es}" for en, es in missing),
                "columns": expected_columns(),
            }
        )
    language = "es" if any(_plain(c).split(" ")[0] in SPANISH_MARKERS for c in cells) else "en"
    tz = ZoneInfo(zone)
    reader = csv.reader(io.StringIO("\n".join(lines[header_at + 1 :])), delimiter=delimiter)
    rows, problems = [], []
    for offset, cells in enumerate(reader, start=header_at + 2):
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ReportError(_("The file has more than 20,000 rows."))
        values = {
            key: cells[index].strip() if index < len(cells) else ""
            for key, index in columns.items()
        }
        get = values.__getitem__
        joined, left = (
            _parse_time(get("join"), language, tz),
            _parse_time(get("leave"), language, tz),
        )
        name = get("name")
        if not name or joined is None or left is None:
            problems.append(str(offset))
            continue
        duration = get("duration")
        minutes = int(duration) if duration.isascii() and duration.isdigit() else None
        if minutes is None:
            minutes = max(0, round((left - joined).total_seconds() / 60))
        rows.append(
            Row(line=offset, name=name[:300], email=get("email")[:254].lower(),
                joined_at=joined, left_at=max(left, joined), minutes=min(minutes, 100_000))
        )  # fmt: skip
    if problems:
        shown = ", ".join(problems[:10]) + ("…" if len(problems) > 10 else "")
        raise ReportError(
            _("Lines %(lines)s have no name or a join or leave time that cannot be read "
              "(expected like 03/15/2022 09:28:12 AM, or 15/03/2022 09:28:12 in Spanish). "
              "Nothing was imported.") % {"lines": shown}
        )  # fmt: skip
    if not rows:
        raise ReportError(_("The file has the columns but no participant."))
    return rows


# --- Matching rows to registrations -----------------------------------------------------------

# "iPhone de Tomás", "Galaxy de Ana", "Tomás's iPad": the device, not the person.
_DEVICE = re.compile(
    r"^(?:iphone|ipad|galaxy|samsung|android|huawei|xiaomi|moto\w*|pc|laptop|portatil)\s+(?:de|of)\s+"
    r"|(?:'s)?\s+(?:iphone|ipad|galaxy|android|pc|laptop)$",
    re.I,
)
# "Martín Galarza (Ministerio de Trabajo AR)", "Alisha Ramcharan - MoL TT": what follows.
_SUFFIX = re.compile(r"\s*(?:\(.*?\)|\[.*?\]|\s[-–|/]\s.*)$")


def name_key(name: str) -> str:
    """A display name reduced to the person's name: no device, no appended institution, no
    accents, no case."""
    name = _DEVICE.sub("", (name or "").strip())
    name = _SUFFIX.sub("", name)
    return _plain(re.sub(r"[^\w\s'-]", " ", name))


def match(rows, registrations, *, organisers=frozenset()) -> list[tuple]:
    """(row, registration or None, resolution, suggestion or None) for each row.

    By address first (case ignored), then by the full name; a name that fits one
    registration only partly (a first name alone) is a suggestion the Secretariat confirms.
    Rows of the organisers' own addresses are not participants."""
    by_email = {r.email.lower(): r for r in registrations}
    by_name: dict[str, list] = {}
    for registration in registrations:
        by_name.setdefault(name_key(registration.full_name), []).append(registration)
    token_sets = [(set(name_key(r.full_name).split()), r) for r in registrations]
    result = []
    for row in rows:
        if row.email and row.email in organisers:
            result.append((row, None, "not_participant", None))
            continue
        registration = by_email.get(row.email) if row.email else None
        if registration is not None:
            result.append((row, registration, "email", None))
            continue
        key = name_key(row.name)
        candidates = by_name.get(key, [])
        if key and len(candidates) == 1:
            result.append((row, candidates[0], "name", None))
            continue
        tokens = set(key.split())
        partial = [r for words, r in token_sets if tokens and tokens <= words] if tokens else []
        result.append((row, None, "unresolved", partial[0] if len(partial) == 1 else None))
    return result


def merged_minutes(intervals) -> int:
    """Minutes connected, counting once the time two connections overlap (two devices)."""
    total, end = 0.0, None
    for start, stop in sorted(intervals):
        if end is None or start > end:
            total += (stop - start).total_seconds()
            end = stop
        elif stop > end:
            total += (stop - end).total_seconds()
            end = stop
    return round(total / 60)
