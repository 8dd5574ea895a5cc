"""OAI-PMH 2.0 at /oai: libraries and repositories harvest the documentation center.

- Every verb (Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers,
  ListRecords), by GET or POST; every error answered with its code (badVerb, badArgument,
  badResumptionToken, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch).
- Records in oai_dc, with the title, description, subjects, type and coverage in both
  languages (`xml:lang="en"` and `"es"`): see dublin_core.py.
- Sets by type of resource (`type:guide`) and by area of action (`area:domestic-work`), each
  under its parent set (`type`, `area`), which a harvest of the parent includes and a
  record's header leaves implied.
- Datestamps to the second, in UTC: a record's last change. Deleted records are kept
  persistently: a resource that was published and then archived, returned or deleted is
  listed with status="deleted".
- Lists come OAI_PAGE_SIZE records at a time, in order of id, with a resumption token that is
  signed (a forged or altered one is refused) and expires after OAI_TOKEN_MAX_AGE seconds.

Responses are written as text (no tree is built): each value goes through `_x()`, which
escapes it and drops the characters XML 1.0 cannot hold.

A published resource's record is written once and kept (CompiledRecord), as repositories
such as DSpace keep theirs: a page of ListRecords is then one query that reads 500 records,
and a harvest costs the server a fraction of writing them. Triggers delete a kept record
whenever the resource's row or its files change; what all records share (the areas, the
site's address and identifier, the code that writes records and the translations of its
labels: `compiled_key()`) is in the record's key. A page that lacks records writes them
itself and queues them for the worker to keep (a GET writes nothing), so a change has its
records kept again after the next harvest; and beat has the worker keep whatever is missing
every ten minutes (`keep_missing_records()`), after a release as after an edit. GetRecord
writes its record anew.
"""

import datetime
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from psycopg.adapt import Loader

from docs_center import dublin_core
from docs_center.models import DeletedResource, Resource, ResourceType, State
from rialgender.celery import queue
from rialgender.models import AreaOfAction

VERBS = {
    # verb: (required arguments, optional arguments); resumptionToken is exclusive.
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
OAI_DC = {
    "prefix": "oai_dc",
    "schema": "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    "namespace": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}
TOKEN_SALT = "docs_center.oai.resumption"
_PREFIX = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
_SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(value) -> str:
    text = _NOT_XML.sub("", str(value))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def base_url() -> str:
    return settings.SITE_URL + "/oai"


def identifier(pk: int) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:resource/{pk}"


def _pk_of(value: str) -> int | None:
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:resource/"
    if not value.startswith(prefix):
        return None
    number = value[len(prefix) :]
    return int(number) if number.isascii() and number.isdigit() and len(number) < 19 else None


# -- arguments ------------------------------------------------------------------------------


def _arguments(request) -> tuple[str, dict]:
    data = request.POST if request.method == "POST" else request.GET
    verbs = data.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        message = "The verb argument is repeated." if len(verbs) > 1 else (
            "The request has no verb." if not verbs else "This verb is not an OAI-PMH verb."
        )  # fmt: skip
        raise OAIError("badVerb", message)
    verb = verbs[0]
    required, optional = VERBS[verb]
    args = {}
    for key in data:
        values = data.getlist(key)
        if key == "verb":
            continue
        if key not in required | optional:
            raise OAIError("badArgument", f"{verb} does not take the argument {key!r}.")
        if len(values) != 1:
            raise OAIError("badArgument", f"The argument {key!r} is repeated.")
        args[key] = values[0]
    if "resumptionToken" in args:
        if len(args) > 1:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
        return verb, args
    missing = required - set(args)
    if missing:
        raise OAIError("badArgument", f"{verb} needs the argument(s) {', '.join(sorted(missing))}.")
    if "metadataPrefix" in args and not _PREFIX.match(args["metadataPrefix"]):
        raise OAIError("badArgument", "The metadataPrefix has characters it cannot have.")
    if "set" in args and not _SET_SPEC.match(args["set"]):
        raise OAIError("badArgument", "The set has characters a setSpec cannot have.")
    if "identifier" in args and (not args["identifier"] or re.search(r"\s", args["identifier"])):
        raise OAIError("badArgument", "The identifier is not a URI.")
    return verb, args


def _parse_date(value: str, *, until: bool) -> datetime.datetime:
    try:
        if _DAY.match(value):
            day = datetime.date.fromisoformat(value)
            moment = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
            return moment + datetime.timedelta(days=1) if until else moment
        if _SECOND.match(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=datetime.UTC
            )
            return moment + datetime.timedelta(seconds=1) if until else moment
    except ValueError:
        pass
    raise OAIError("badArgument", f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")


@dataclass
class ListRequest:
    verb: str
    prefix: str
    set_spec: str = ""
    start: datetime.datetime | None = None  # from, inclusive
    end: datetime.datetime | None = None  # until, exclusive (the day or second after)
    after: int = 0  # the last id already sent
    size: int = 0  # the complete list's size
    cursor: int = 0

    def token(self) -> str:
        return signing.dumps(
            [self.verb, self.prefix, self.set_spec,
             self.start.timestamp() if self.start else None,
             self.end.timestamp() if self.end else None, self.after, self.size, self.cursor],
            salt=TOKEN_SALT, compress=True,
        )  # fmt: skip

    @classmethod
    def from_token(cls, verb: str, token: str) -> "ListRequest":
        try:
            values = signing.loads(token, salt=TOKEN_SALT, max_age=settings.OAI_TOKEN_MAX_AGE)
            saved_verb, prefix, set_spec, start, end, after, size, cursor = values
        except signing.SignatureExpired:
            raise OAIError("badResumptionToken", "The resumption token has expired.") from None
        except (signing.BadSignature, ValueError, TypeError):
            raise OAIError("badResumptionToken", "The resumption token is not valid.") from None
        if saved_verb != verb:
            raise OAIError("badResumptionToken", "The resumption token belongs to another verb.")

        def moment(value):
            return datetime.datetime.fromtimestamp(value, datetime.UTC) if value else None

        return cls(verb, prefix, set_spec, moment(start), moment(end), after, size, cursor)

    @classmethod
    def from_arguments(cls, verb: str, args: dict) -> "ListRequest":
        start_text, end_text = args.get("from", ""), args.get("until", "")
        start = _parse_date(start_text, until=False) if start_text else None
        end = _parse_date(end_text, until=True) if end_text else None
        if start_text and end_text and len(start_text) != len(end_text):
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if start and end and start >= end:
            raise OAIError("badArgument", "from is later than until.")
        return cls(verb, args["metadataPrefix"], args.get("set", ""), start, end)


# -- sets -----------------------------------------------------------------------------------


def _areas() -> dict[int, AreaOfAction]:
    return {area.pk: area for area in AreaOfAction.objects.all()}


def _sets(areas) -> list[tuple[str, str, str, str]]:
    """(setSpec, setName, English description, Spanish description)."""
    from django.utils import translation

    sets = [("type", "Type of resource", "Resources by type.", "Recursos por tipo.")]
    for code, label in ResourceType.choices:
        with translation.override("es"):
            spanish = str(label)
        with translation.override("en"):
            sets.append((f"type:{code}", str(label), str(label), spanish))
    sets.append(("area", "Area of action", "Resources by area of action of RIAL/GENDER.",
                 "Recursos por área de acción de la RIAL/GÉNERO."))  # fmt: skip
    for area in areas.values():
        sets.append((f"area:{area.slug}", area.name_en or area.slug, area.name_en, area.name_es))
    return sets


def _set_condition(set_spec: str, areas) -> tuple[str | None, dict]:
    """SQL condition for a set, on the columns {type} and {areas} (see _conditions), with its
    parameters; None if the set is unknown."""
    if set_spec in ("", "type"):
        return "TRUE", {}
    if set_spec == "area":
        return "{areas} <> '{{}}'", {}
    kind, _sep, value = set_spec.partition(":")
    if kind == "type" and value in ResourceType.values:
        return "{type} = %(set_type)s", {"set_type": value}
    if kind == "area":
        area = next((a for a in areas.values() if a.slug == value), None)
        if area is not None:
            return "%(set_area)s = ANY({areas})", {"set_area": area.pk}
    return None, {}


def _set_specs(resource_type: str, area_ids, areas) -> list[str]:
    """A record's sets, the fewest that say them all: a set implies its parent (type:guide is
    in type), and the header does not repeat what is implied (OAI-PMH 2.0, section 2.6)."""
    return [
        f"type:{resource_type}",
        *(f"area:{areas[pk].slug}" for pk in area_ids or () if pk in areas),
    ]


# -- records --------------------------------------------------------------------------------
#
# A page of records is read in one query: each table gives its first rows after the last id
# sent, in order of id (an index scan that stops at the page's size), and the page is the
# first of their union. A published resource's row carries what its description needs (the
# columns of dublin_core.FIELDS and its files, as arrays); a deleted one has its header only.

_RESOURCE_COLUMNS = {"id": "r.id", "stamp": "r.updated_at", "type": "r.resource_type",
                     "areas": "r.area_ids"}  # fmt: skip
_DELETED_COLUMNS = {"id": "d.resource_id", "stamp": "d.deleted_at", "type": "d.resource_type",
                    "areas": "d.area_ids"}  # fmt: skip
_METADATA = ", ".join("r.id" if name == "pk" else f"r.{name}" for name in dublin_core.FIELDS)
_FILES = (
    "ARRAY(SELECT f.id FROM docs_center_resourcefile f WHERE f.resource_id = r.id ORDER BY f.id), "
    "ARRAY(SELECT f.file FROM docs_center_resourcefile f WHERE f.resource_id = r.id ORDER BY f.id), "
    "ARRAY(SELECT f.content_type FROM docs_center_resourcefile f WHERE f.resource_id = r.id "
    "ORDER BY f.id)"
)
_NO_METADATA = ", ".join(["NULL"] * (len(dublin_core.FIELDS) + 3))
_PAGE_SQL = """
    (SELECT r.id, r.updated_at, r.state = %(published)s, r.resource_type, r.area_ids, {metadata}
     FROM docs_center_resource r
     WHERE r.published_at IS NOT NULL AND {resource_conditions}
     ORDER BY r.id LIMIT %(limit)s)
    UNION ALL
    (SELECT d.resource_id, d.deleted_at, false, d.resource_type, d.area_ids, {no_metadata}
     FROM docs_center_deletedresource d
     WHERE {deleted_conditions}
     ORDER BY d.resource_id LIMIT %(limit)s)
    ORDER BY 1 LIMIT %(limit)s
"""
# A page of ListRecords: the compiled record of each published resource, if it has one of the
# current key (see CompiledRecord); the others are written by _write(). The header's
# columns are read only for rows without one (a timestamp costs more to read than a record).
# The join repeats the page's start for the kept records: PostgreSQL does not carry a range
# across a join, and its merge join would otherwise read every kept record before the page
# (the last page of 20,000 read them all: 14 ms, against 1 ms).
_RECORDS_SQL = """
    (SELECT r.id, CASE WHEN o.xml IS NULL THEN r.updated_at END, r.state = %(published)s,
            CASE WHEN o.xml IS NULL THEN r.resource_type END,
            CASE WHEN o.xml IS NULL THEN r.area_ids END, o.xml
     FROM docs_center_resource r
     LEFT JOIN docs_center_compiledrecord o
       ON o.resource_id = r.id AND o.key = %(key)s AND o.resource_id > %(after)s
     WHERE r.published_at IS NOT NULL AND {resource_conditions}
     ORDER BY r.id LIMIT %(limit)s)
    UNION ALL
    (SELECT d.resource_id, d.deleted_at, false, d.resource_type, d.area_ids, NULL
     FROM docs_center_deletedresource d
     WHERE {deleted_conditions}
     ORDER BY d.resource_id LIMIT %(limit)s)
    ORDER BY 1 LIMIT %(limit)s
"""
# The records a page lacks, written as the resources are now (a GET writes nothing: the
# worker keeps them, compile_records()).
_TO_WRITE_SQL = f"""
    SELECT r.id, r.updated_at, r.state = %(published)s, r.resource_type, r.area_ids,
           {_METADATA}, {_FILES}
    FROM docs_center_resource r
    WHERE r.id = ANY(%(ids)s) AND r.published_at IS NOT NULL
    ORDER BY r.id
"""
_LOCK_SQL = "SELECT id FROM docs_center_resource WHERE id = ANY(%(ids)s) ORDER BY id FOR SHARE"
_STORE_SQL = """
    INSERT INTO docs_center_compiledrecord (resource_id, key, xml)
    SELECT * FROM unnest(%(ids)s::bigint[], %(keys)s::varchar[], %(xmls)s::text[])
    ON CONFLICT (resource_id) DO UPDATE SET key = EXCLUDED.key, xml = EXCLUDED.xml
"""
_HEADS_SQL = """
    SELECT id FROM (
        SELECT r.id FROM docs_center_resource r
        WHERE r.published_at IS NOT NULL AND {resource_conditions}
        UNION ALL
        SELECT d.resource_id FROM docs_center_deletedresource d WHERE {deleted_conditions}
    ) AS records
"""


def _conditions(request: "ListRequest", areas, *, after: bool) -> tuple[str, dict] | None:
    """The request's conditions, written with {id}, {stamp}, {type} and {areas} for the
    columns of either table, and their parameters; None when the set is unknown."""
    condition, params = _set_condition(request.set_spec, areas)
    if condition is None:
        return None
    conditions, values = [condition], dict(params)
    if request.start:
        conditions.append("{stamp} >= %(start)s")
        values["start"] = request.start
    if request.end:
        conditions.append("{stamp} < %(end)s")
        values["end"] = request.end
    if after:
        conditions.append("{id} > %(after)s")
        values["after"] = request.after
    return " AND ".join(conditions), values


def _rows(request: "ListRequest", areas, *, limit: int, with_metadata: bool) -> list[tuple]:
    """The first `limit` records after `request.after` (one query): (id, datestamp, live,
    resource_type, area_ids, *the values of dublin_core.FIELDS, file ids, names, types)."""
    found = _conditions(request, areas, after=True)
    if found is None:
        return []
    conditions, params = found
    sql = _PAGE_SQL.format(
        metadata=f"{_METADATA}, {_FILES}" if with_metadata else _NO_METADATA,
        no_metadata=_NO_METADATA,
        resource_conditions=conditions.format(**_RESOURCE_COLUMNS),
        deleted_conditions=conditions.format(**_DELETED_COLUMNS),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "published": State.PUBLISHED, "limit": int(limit)})
        return cursor.fetchall()


def _count(request: "ListRequest", areas) -> int:
    found = _conditions(request, areas, after=False)
    if found is None:
        return 0
    conditions, params = found
    sql = _HEADS_SQL.format(
        resource_conditions=conditions.format(**_RESOURCE_COLUMNS),
        deleted_conditions=conditions.format(**_DELETED_COLUMNS),
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS listed", params)
        return cursor.fetchone()[0]


def _header(pk, datestamp, live, resource_type, area_ids, areas) -> str:
    specs = "".join(
        f"<setSpec>{_x(s)}</setSpec>" for s in _set_specs(resource_type, area_ids, areas)
    )
    status = "" if live else ' status="deleted"'
    return (
        f"<header{status}><identifier>{_x(identifier(pk))}</identifier>"
        f"<datestamp>{_utc(datestamp)}</datestamp>{specs}</header>"
    )


def _dc(record, describer) -> str:
    parts = []
    for name, value, lang in describer.elements(record):
        lang_attr = f' xml:lang="{lang}"' if lang else ""
        parts.append(f"<dc:{name}{lang_attr}>{_x(value)}</dc:{name}>")
    return (
        '<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
        f'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">{"".join(parts)}</oai_dc:dc></metadata>'
    )


_FIELDS_END = 5 + len(dublin_core.FIELDS)


def _record(row, areas, describer) -> str:
    """A whole record, of a row read with its metadata (_rows(), _TO_COMPILE_SQL)."""
    pk, datestamp, live, resource_type, area_ids = row[:5]
    header = _header(pk, datestamp, live, resource_type, area_ids, areas)
    if not live:
        return f"<record>{header}</record>"
    values = dict(zip(dublin_core.FIELDS, row[5:_FIELDS_END], strict=True))
    files = list(zip(*row[_FIELDS_END:], strict=True))
    return f"<record>{header}{_dc(dublin_core.Record(values, files), describer)}</record>"


def _records(rows, areas, *, with_metadata: bool) -> str:
    """Headers, or whole records, of rows read by _rows()."""
    if not with_metadata:
        return "".join(_header(*row[:5], areas) for row in rows)
    describer = dublin_core.describer(areas.values())
    return "".join(_record(row, areas, describer) for row in rows)


def _code_digest() -> str:
    digest = hashlib.sha256()
    for module in (sys.modules[__name__], dublin_core):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


# The code that writes records, as this process loaded it (read at import: a process started
# before a release keeps the digest of the code it runs).
CODE_DIGEST = _code_digest()


def compiled_key(areas) -> str:
    """What every compiled record shares, as a key: the code that writes records, and what the
    Describer works out of the areas, the labels in each language and the site's addresses
    (Describer.fingerprint). A record of another key is written again."""
    describer = dublin_core.describer(areas.values())
    shared = f"{CODE_DIGEST}:{describer.fingerprint}:{settings.OAI_REPOSITORY_IDENTIFIER}"
    return hashlib.sha256(shared.encode()).hexdigest()[:16]


class _Utf8(Loader):
    """A text column as its UTF-8 bytes: a kept record goes into the answer as PostgreSQL
    sends it, rather than decoded and encoded again (1.3 ms of a page of 500)."""

    def load(self, data) -> bytes:
        return bytes(data)


def _compiled_records(request: "ListRequest", areas, *, limit: int) -> list[tuple]:
    """The first `limit` records after `request.after`: (id, xml as UTF-8). Published
    resources come as kept (CompiledRecord) or, when they have none of the current key,
    written now and given to the worker to keep; deleted ones as headers. The xml is None for
    a resource deleted or withdrawn since the page was read: it is left out of the page, and
    still counts for the page's end."""
    found = _conditions(request, areas, after=True)
    if found is None:
        return []
    conditions, params = found
    key = compiled_key(areas)
    sql = _RECORDS_SQL.format(
        resource_conditions=conditions.format(**_RESOURCE_COLUMNS),
        deleted_conditions=conditions.format(**_DELETED_COLUMNS),
    )
    with connection.cursor() as cursor:
        cursor.cursor.adapters.register_loader("text", _Utf8)  # the xml, the only text column
        cursor.execute(
            sql, {**params, "published": State.PUBLISHED, "limit": int(limit), "key": key}
        )
        rows = cursor.fetchall()
    missing = [row[0] for row in rows if row[2] and row[5] is None]
    written = {}
    if missing:
        written = _write(missing, areas)
        queue("docs_center.compile_oai_records", ids=missing)
    out = []
    for pk, datestamp, live, resource_type, area_ids, xml in rows:
        if xml is None and live:
            xml = written[pk].encode() if pk in written else None
        elif xml is None:  # a deleted record: its header
            xml = _record((pk, datestamp, live, resource_type, area_ids), areas, None).encode()
        out.append((pk, xml))
    return out


def _write(ids: list[int], areas) -> dict[int, str]:
    """The records of these resources as they are now, by id (one query)."""
    describer = dublin_core.describer(areas.values())
    with connection.cursor() as cursor:
        cursor.execute(_TO_WRITE_SQL, {"ids": ids, "published": State.PUBLISHED})
        return {row[0]: _record(row, areas, describer) for row in cursor.fetchall()}


_MISSING_SQL = """
    SELECT r.id FROM docs_center_resource r
    LEFT JOIN docs_center_compiledrecord o ON o.resource_id = r.id AND o.key = %(key)s
    WHERE r.state = %(published)s AND r.published_at IS NOT NULL AND o.resource_id IS NULL
    ORDER BY r.id LIMIT %(limit)s
"""


def keep_missing_records(*, limit: int = 20_000, batch: int = 500) -> int:
    """Write and keep the records that published resources lack for the current key (beat
    runs it every few minutes: after a release, a change of the areas or of the site's
    address, every record is written again before harvests ask for it, rather than by each
    page a harvest reads). At most `limit` records, `batch` to a transaction; returns how
    many were kept."""
    key = compiled_key(_areas())
    with connection.cursor() as cursor:
        cursor.execute(_MISSING_SQL, {"key": key, "published": State.PUBLISHED, "limit": limit})
        ids = [row[0] for row in cursor.fetchall()]
    return sum(compile_records(ids[i : i + batch]) for i in range(0, len(ids), batch))


def compile_records(ids) -> int:
    """Write and keep the records of these resources (the worker's task, queued by a harvest
    that found them missing); returns how many were kept.

    The rows are locked against change (FOR SHARE) first and read after, in one transaction:
    a change under way when the lock is asked is committed before it is granted, and the
    read that follows sees it; a change asked after waits for the records to be kept, and
    its trigger then deletes them. A kept record is never older than its resource."""
    ids = sorted(set(ids))
    areas = _areas()
    key = compiled_key(areas)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_LOCK_SQL, {"ids": ids})
        cursor.execute(_TO_WRITE_SQL, {"ids": ids, "published": State.PUBLISHED})
        describer = dublin_core.describer(areas.values())
        kept = [(row[0], _record(row, areas, describer)) for row in cursor.fetchall() if row[2]]
        if kept:
            cursor.execute(
                _STORE_SQL,
                {"ids": [pk for pk, _xml in kept], "keys": [key] * len(kept),
                 "xmls": [xml for _pk, xml in kept]},
            )  # fmt: skip
    return len(kept)


# -- verbs ----------------------------------------------------------------------------------


def _identify(args) -> str:
    earliest = _earliest()
    admin = _x(settings.OAI_ADMIN_EMAIL)
    return (
        "<Identify><repositoryName>RIAL/GENDER Documentation Center · Centro de Documentación"
        "</repositoryName>"
        f"<baseURL>{_x(base_url())}</baseURL><protocolVersion>2.0</protocolVersion>"
        f"<adminEmail>{admin}</adminEmail><earliestDatestamp>{_utc(earliest)}</earliestDatestamp>"
        "<deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity>"
        "</Identify>"
    )


def _earliest() -> datetime.datetime:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT least((SELECT min(updated_at) FROM docs_center_resource "
            "WHERE published_at IS NOT NULL), (SELECT min(deleted_at) FROM docs_center_deletedresource))"
        )
        value = cursor.fetchone()[0]
    return value or datetime.datetime(2022, 3, 15, tzinfo=datetime.UTC)  # the network's creation


def _exists(pk: int | None) -> bool:
    if pk is None:
        return False
    return (
        Resource.objects.in_oai().filter(pk=pk).exists()
        or DeletedResource.objects.filter(resource_id=pk).exists()
    )


def _list_metadata_formats(args) -> str:
    if "identifier" in args and not _exists(_pk_of(args["identifier"])):
        raise OAIError("idDoesNotExist", "No item has this identifier.")
    return (
        "<ListMetadataFormats><metadataFormat>"
        f"<metadataPrefix>{OAI_DC['prefix']}</metadataPrefix><schema>{OAI_DC['schema']}</schema>"
        f"<metadataNamespace>{OAI_DC['namespace']}</metadataNamespace>"
        "</metadataFormat></ListMetadataFormats>"
    )


def _list_sets(args) -> str:
    if "resumptionToken" in args:
        raise OAIError("badResumptionToken", "The list of sets is complete in one response.")
    out = ["<ListSets>"]
    for spec, name, english, spanish in _sets(_areas()):
        out.append(
            f"<set><setSpec>{_x(spec)}</setSpec><setName>{_x(name)}</setName>"
            '<setDescription><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:description xml:lang="en">{_x(english)}</dc:description>'
            f'<dc:description xml:lang="es">{_x(spanish)}</dc:description>'
            "</oai_dc:dc></setDescription></set>"
        )
    out.append("</ListSets>")
    return "".join(out)


def _get_record(args) -> str:
    if args["metadataPrefix"] != OAI_DC["prefix"]:
        raise OAIError("cannotDisseminateFormat", "This repository disseminates oai_dc only.")
    pk = _pk_of(args["identifier"])
    rows, areas = [], _areas()
    if pk is not None:
        request = ListRequest("GetRecord", "oai_dc", after=pk - 1)
        rows = [row for row in _rows(request, areas, limit=1, with_metadata=True) if row[0] == pk]
    if not rows:
        raise OAIError("idDoesNotExist", "No item has this identifier.")
    return f"<GetRecord>{_records(rows, areas, with_metadata=True)}</GetRecord>"


def _list(verb: str, args) -> list[bytes]:
    if "resumptionToken" in args:
        request = ListRequest.from_token(verb, args["resumptionToken"])
    else:
        request = ListRequest.from_arguments(verb, args)
        if request.prefix != OAI_DC["prefix"]:
            raise OAIError("cannotDisseminateFormat", "This repository disseminates oai_dc only.")
    areas = _areas()
    size = settings.OAI_PAGE_SIZE
    if verb == "ListRecords":
        heads = _compiled_records(request, areas, limit=size + 1)
    else:
        heads = _rows(request, areas, limit=size + 1, with_metadata=False)
    if not heads:
        raise OAIError("noRecordsMatch", "No record matches these arguments.")
    if request.size == 0:
        request.size = _count(request, areas)
    more, heads = len(heads) > size, heads[:size]
    if verb == "ListRecords":
        body = [xml for _pk, xml in heads if xml is not None]
    else:
        body = [_records(heads, areas, with_metadata=False).encode()]
    token = ""
    if more or request.cursor:
        sent = request.cursor + len(heads)
        attrs = f'completeListSize="{request.size}" cursor="{request.cursor}"'
        if more:
            following = ListRequest(
                verb, request.prefix, request.set_spec, request.start, request.end,
                after=heads[-1][0], size=request.size, cursor=sent,
            )  # fmt: skip
            expires = timezone.now() + datetime.timedelta(seconds=settings.OAI_TOKEN_MAX_AGE)
            token = (
                f'<resumptionToken expirationDate="{_utc(expires)}" {attrs}>'
                f"{_x(following.token())}</resumptionToken>"
            )
        else:
            token = f"<resumptionToken {attrs}/>"
    return [f"<{verb}>".encode(), *body, f"{token}</{verb}>".encode()]


HANDLERS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": lambda args: _list("ListIdentifiers", args),
    "ListRecords": lambda args: _list("ListRecords", args),
}


def _envelope(request_element: str, body: str | list[bytes]) -> bytes:
    """The whole answer, as UTF-8. A list comes in parts, as UTF-8 (kept records are read as
    such), joined once here: a page of records is a megabyte."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ '
        'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
        f"<responseDate>{_utc(timezone.now())}</responseDate>{request_element}"
    )
    parts = [body.encode()] if isinstance(body, str) else body
    return b"".join([head.encode(), *parts, b"</OAI-PMH>"])


@csrf_exempt  # harvesters POST without a session; nothing here writes
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    try:
        verb, args = _arguments(request)
    except OAIError as error:
        # After badVerb and badArgument the request element carries no attributes.
        body = f'<error code="{error.code}">{_x(error.message)}</error>'
        return _response(_envelope(f"<request>{_x(base_url())}</request>", body))
    attrs = "".join(
        f' {key}="{_x(value)}"' for key, value in sorted({"verb": verb, **args}.items())
    )
    try:
        body = HANDLERS[verb](args)
    except OAIError as error:
        if error.code == "badArgument":
            attrs = ""
        body = f'<error code="{error.code}">{_x(error.message)}</error>'
    return _response(_envelope(f"<request{attrs}>{_x(base_url())}</request>", body))


def _response(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type="text/xml; charset=utf-8")
