"""OAI-PMH at /oai: every verb, every error code, resumption tokens, deleted records; each
response checked against the protocol's schema (with oai_dc), and a real harvester
harvesting the whole collection from a live server."""

import time

import pytest
from django.core import signing

from docs_center.models import Resource
from docs_center.oai import TOKEN_SALT
from rialgender.workflow import Action, transition
from tests.docs_center.oai_schema import validate
from tests.factories import AreaFactory, published_resource

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def collection(db):
    area = AreaFactory(slug="domestic-work", name_en="Domestic work", name_es="Trabajo doméstico")
    return [
        published_resource(
            ministry=None,
            title_en=f"Guide {i}",
            title_es=f"Guía {i}",
            area_ids=[area.pk],
            resource_type="guide" if i % 2 else "legislation",
        )  # fmt: skip
        for i in range(5)
    ]


def _get(client, query: str, method="get"):
    if method == "post":
        response = client.post("/oai", dict(pair.split("=", 1) for pair in query.split("&")))
    else:
        response = client.get(f"/oai?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return validate(response.content)


def _records_text(document) -> list[bytes]:
    from lxml import etree

    return [etree.tostring(r) for r in document.findall(".//oai:record", NS)]


def _error(document):
    errors = document.findall("oai:error", NS)
    return errors[0].get("code") if errors else None


def test_identify(client, collection):
    document = _get(client, "verb=Identify")
    assert document.findtext("oai:Identify/oai:deletedRecord", namespaces=NS) == "persistent"
    assert (
        document.findtext("oai:Identify/oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    )
    assert document.findtext("oai:Identify/oai:baseURL", namespaces=NS).endswith("/oai")


def test_list_metadata_formats_and_sets(client, collection):
    formats = _get(client, "verb=ListMetadataFormats")
    assert formats.findtext(".//oai:metadataPrefix", namespaces=NS) == "oai_dc"
    sets = _get(client, "verb=ListSets")
    specs = [e.text for e in sets.findall(".//oai:setSpec", NS)]
    assert {"type", "type:guide", "type:legislation", "area", "area:domestic-work"} <= set(specs)
    descriptions = sets.findall(".//oai:set/oai:setDescription//dc:description", NS)
    assert {d.get(XML_LANG) for d in descriptions} == {"en", "es"}


def test_records_carry_both_languages(client, collection):
    resource = collection[0]
    document = _get(
        client,
        f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:rialgender.oas.org:resource/{resource.pk}",
    )
    titles = {t.get(XML_LANG): t.text for t in document.findall(".//dc:title", NS)}
    assert titles == {"en": "Guide 0", "es": "Guía 0"}
    descriptions = {d.get(XML_LANG) for d in document.findall(".//dc:description", NS)}
    assert descriptions == {"en", "es"}
    # The fewest sets that say them all: `type` and `area` are implied (OAI-PMH 2.0, 2.6).
    specs = [e.text for e in document.findall(".//oai:setSpec", NS)]
    assert specs == ["type:legislation", "area:domestic-work"]


def test_post_is_answered_like_get(client, collection):
    document = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc", method="post")
    assert len(document.findall(".//oai:header", NS)) == 5


def test_lists_come_in_pages_with_a_signed_token(client, collection, settings):
    settings.OAI_PAGE_SIZE = 2
    seen, query = [], "verb=ListRecords&metadataPrefix=oai_dc&set=type"
    while True:
        document = _get(client, query)
        seen += [e.text for e in document.findall(".//oai:header/oai:identifier", NS)]
        token = document.find(".//oai:resumptionToken", NS)
        assert token.get("completeListSize") == "5"
        if not token.text:
            break
        assert token.get("expirationDate").endswith("Z")
        query = f"verb=ListRecords&resumptionToken={token.text}"
    assert len(seen) == len(set(seen)) == 5


def test_selective_harvest_by_set_and_dates(client, collection):
    guides = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:guide")
    assert len(guides.findall(".//oai:header", NS)) == 2
    # A parent set holds its subsets' items, which their headers do not name.
    AreaFactory(slug="care-work")  # an area with nothing in it
    Resource.objects.filter(pk=collection[4].pk).update(area_ids=[])
    in_areas = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=area")
    assert len(in_areas.findall(".//oai:header", NS)) == 4
    typed = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=type")
    assert len(typed.findall(".//oai:header", NS)) == 5
    today = time.strftime("%Y-%m-%d", time.gmtime())
    dated = _get(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={today}&until={today}")
    assert len(dated.findall(".//oai:header", NS)) == 5
    assert (
        _error(_get(client, "verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01"))
        == "noRecordsMatch"
    )
    assert (
        _error(_get(client, "verb=ListRecords&metadataPrefix=oai_dc&set=type:nothing"))
        == "noRecordsMatch"
    )


def test_deleted_records_are_kept(client, collection, secretariat):
    archived, deleted = collection[0], collection[1]
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    Resource.objects.filter(pk=archived.pk).update(updated_at="2024-01-01T00:00:00Z")
    transition(archived, Action.ARCHIVE, by=secretariat)
    # Withdrawn now: harvests of what changed since a moment ago find it.
    since = _get(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={before}")
    withdrawn = [
        h for h in since.findall(".//oai:header", NS)
        if h.findtext("oai:identifier", namespaces=NS).endswith(f"/{archived.pk}")
    ]  # fmt: skip
    assert len(withdrawn) == 1 and withdrawn[0].get("status") == "deleted"
    deleted_pk = deleted.pk
    deleted.delete()
    document = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    statuses = {
        h.findtext("oai:identifier", namespaces=NS).rsplit("/", 1)[1]: h.get("status")
        for h in document.findall(".//oai:header", NS)
    }
    assert statuses[str(archived.pk)] == "deleted" and statuses[str(deleted_pk)] == "deleted"
    assert sum(status is None for status in statuses.values()) == 3
    # Beside kept records (read as bytes), a deleted record's header keeps its sets.
    _keep_all()
    document = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    specs = {
        h.findtext("oai:identifier", namespaces=NS).rsplit("/", 1)[1]: [
            s.text for s in h.findall("oai:setSpec", NS)
        ]
        for h in document.findall(".//oai:header", NS)
    }
    assert specs[str(archived.pk)] == ["type:legislation", "area:domestic-work"]
    assert specs[str(deleted_pk)] == ["type:guide", "area:domestic-work"]
    assert specs[str(collection[2].pk)] == ["type:legislation", "area:domestic-work"]
    record = _get(
        client,
        f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:rialgender.oas.org:resource/{deleted_pk}",
    )
    assert record.find(".//oai:header", NS).get("status") == "deleted"
    assert record.find(".//oai:metadata", NS) is None


def test_drafts_are_not_harvested(client, collection, ministry):
    from tests.factories import ResourceFactory

    draft = ResourceFactory(ministry=ministry)
    document = _get(
        client,
        f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:rialgender.oas.org:resource/{draft.pk}",
    )
    assert _error(document) == "idDoesNotExist"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "badVerb"),
        ("verb=Harvest", "badVerb"),
        ("verb=Identify&verb=ListSets", "badVerb"),
        ("verb=Identify&extra=1", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-45", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-01-01T00:00:00Z", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=not a set", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument"),
        ("verb=GetRecord&identifier=oai:rialgender.oas.org:resource/1", "badArgument"),
        ("verb=ListRecords&resumptionToken=forged", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=anything", "badResumptionToken"),
        ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
        ("verb=GetRecord&metadataPrefix=marc21&identifier=oai:rialgender.oas.org:resource/1", "cannotDisseminateFormat"),
        ("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.org:resource/1", "idDoesNotExist"),
        ("verb=ListMetadataFormats&identifier=oai:rialgender.oas.org:resource/999999", "idDoesNotExist"),
    ],
)  # fmt: skip
def test_every_error_has_its_code(client, collection, query, code):
    document = _get(client, query)
    assert _error(document) == code
    if code in ("badVerb", "badArgument"):
        assert not document.find("oai:request", NS).attrib  # no arguments echoed


def test_an_altered_or_expired_token_is_refused(client, collection, settings):
    settings.OAI_PAGE_SIZE = 2
    document = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc")
    token = document.findtext(".//oai:resumptionToken", namespaces=NS)
    payload = signing.loads(token, salt=TOKEN_SALT)
    payload[5] = 0  # start again from the beginning: not signed by us
    forged = signing.dumps(payload, salt="another", compress=True)
    assert (
        _error(_get(client, f"verb=ListIdentifiers&resumptionToken={forged}"))
        == "badResumptionToken"
    )
    assert _error(_get(client, f"verb=ListRecords&resumptionToken={token}")) == "badResumptionToken"
    settings.OAI_TOKEN_MAX_AGE = -1
    assert (
        _error(_get(client, f"verb=ListIdentifiers&resumptionToken={token}"))
        == "badResumptionToken"
    )


def test_text_xml_cannot_hold_is_dropped_and_markup_escaped(client, db):
    resource = published_resource(
        ministry=None, title_en="Care <b>work</b> & \x0bleave", title_es="Cuidados"
    )
    document = _get(
        client,
        f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:rialgender.oas.org:resource/{resource.pk}",
    )
    titles = {t.get(XML_LANG): t.text for t in document.findall(".//dc:title", NS)}
    assert titles["en"] == "Care <b>work</b> & leave"


def test_the_schema_would_catch_a_bad_record():
    bad = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z'
        b"</responseDate><request>http://x/oai</request><GetRecord><record><header><identifier>"
        b"oai:x:1</identifier><datestamp>2024-01-01T00:00:00Z</datestamp></header><metadata>"
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:headline>x</dc:headline></oai_dc:dc>'
        b"</metadata></record></GetRecord></OAI-PMH>"
    )
    with pytest.raises(AssertionError):
        validate(bad)


@pytest.mark.django_db(transaction=True)
def test_a_harvester_harvests_the_whole_collection(live_server, settings):
    from oaipmh_scythe import Scythe

    settings.OAI_PAGE_SIZE = 7  # several pages and tokens
    area = AreaFactory(slug="care-work", name_en="Care work", name_es="Trabajo de cuidados")
    resources = [
        published_resource(
            ministry=None,
            title_en=f"Resource {i}",
            title_es=f"Recurso {i}",
            area_ids=[area.pk],
            countries=["UY"],
            document_languages=["es"],
            year=2020 + i % 4,
        )  # fmt: skip
        for i in range(23)
    ]
    gone = resources.pop()
    gone_pk = gone.pk
    gone.delete()
    expected = {r.pk: r for r in Resource.objects.filter(pk__in=[r.pk for r in resources])}
    harvested = {}
    with Scythe(f"{live_server.url}/oai") as scythe:
        for record in scythe.list_records(metadata_prefix="oai_dc"):
            pk = int(record.header.identifier.rsplit("/", 1)[1])
            harvested[pk] = record
    assert set(harvested) == {*expected, gone_pk}
    assert harvested[gone_pk].deleted
    for pk, resource in expected.items():
        record = harvested[pk]
        assert not record.deleted
        titles = {t.get(XML_LANG): t.text for t in record.xml.findall(".//dc:title", NS)}
        assert titles == {"en": resource.title_en, "es": resource.title_es}
        assert record.metadata["date"] == [str(resource.year)]
        assert record.metadata["language"] == ["es"]
        assert "area:care-work" in record.header.setSpecs


def _with_files(resource, *names):
    from django.core.files.base import ContentFile

    from docs_center.models import ResourceFile

    return [
        ResourceFile.objects.create(
            resource=resource,
            language="es",
            content_type=content_type,
            size=3,
            file=ContentFile(b"abc", name=name),
        )  # fmt: skip
        for name, content_type in names
    ]


def test_a_record_lists_its_files(client, collection):
    resource = collection[2]
    pdf, docx = _with_files(
        resource,
        ("guia.pdf", "application/pdf"),
        ("guia.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    )
    document = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    record = next(
        r
        for r in document.findall(".//oai:record", NS)
        if r.findtext(".//oai:identifier", namespaces=NS).endswith(f"/{resource.pk}")
    )
    formats = [e.text for e in record.findall(".//dc:format", NS)]
    assert formats == [pdf.content_type, docx.content_type]
    relations = [e.text for e in record.findall(".//dc:relation", NS)]
    assert [r.rsplit("/", 3)[1:] for r in relations] == [
        [str(pdf.pk), "file", pdf.file.name.rsplit("/", 1)[-1]],
        [str(docx.pk), "file", docx.file.name.rsplit("/", 1)[-1]],
    ]
    others = [
        r for r in document.findall(".//oai:record", NS) if r is not record
    ]  # the files of one resource are its own
    assert not any(r.find(".//dc:relation", NS) is not None for r in others)


def test_a_renamed_area_is_harvested_with_its_new_name(client, collection):
    from rialgender.models import AreaOfAction

    query = f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:rialgender.oas.org:resource/{collection[0].pk}"
    subjects = [e.text for e in _get(client, query).findall(".//dc:subject", NS)]
    assert "Trabajo doméstico" in subjects
    AreaOfAction.objects.filter(slug="domestic-work").update(name_es="Trabajo del hogar")
    subjects = [e.text for e in _get(client, query).findall(".//dc:subject", NS)]
    assert "Trabajo del hogar" in subjects and "Trabajo doméstico" not in subjects


@pytest.mark.parametrize("count", [1, 12])
def test_a_page_of_records_costs_the_same_queries_for_one_or_many(
    client, db, django_assert_num_queries, settings, count
):
    settings.OAI_PAGE_SIZE = 5
    area = AreaFactory()
    for i in range(count):
        _with_files(
            published_resource(ministry=None, area_ids=[area.pk]), (f"{i}.pdf", "application/pdf")
        )
    # Before the worker keeps the records, a page writes them: the areas, the page, the
    # resources it lacks (with their files) and, on the first page, the count.
    with django_assert_num_queries(4):
        first = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    _keep_all()
    # Kept: the areas, the page of records and the count.
    with django_assert_num_queries(3):
        document = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    assert _records_text(document) == _records_text(first)
    assert len(document.findall(".//oai:record", NS)) == min(count, 5)
    token = document.findtext(".//oai:resumptionToken", namespaces=NS)
    if token:
        with django_assert_num_queries(2):
            _get(client, f"verb=ListRecords&resumptionToken={token}")
    with django_assert_num_queries(3):
        _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=type")
    with django_assert_num_queries(2):  # the areas and the record
        _get(
            client,
            f"verb=GetRecord&metadataPrefix=oai_dc&identifier={document.findtext('.//oai:identifier', namespaces=NS)}",
        )


# -- compiled records: a harvest reads what the first one wrote, and never a stale record ----


def _record_of(client, resource) -> bytes:
    from lxml import etree

    document = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    for record in document.findall(".//oai:record", NS):
        if record.findtext(".//oai:identifier", namespaces=NS).endswith(f"/{resource.pk}"):
            return etree.tostring(record, encoding="unicode")
    raise AssertionError(f"resource {resource.pk} was not harvested")


def _fresh_record_of(client, resource) -> bytes:
    from lxml import etree

    document = _get(
        client,
        "verb=GetRecord&metadataPrefix=oai_dc&identifier="
        f"oai:rialgender.oas.org:resource/{resource.pk}",
    )  # GetRecord always writes the record anew
    return etree.tostring(document.find(".//oai:record", NS), encoding="unicode")


def _compiled(resource) -> bool:
    from docs_center.models import CompiledRecord

    return CompiledRecord.objects.filter(resource_id=resource.pk).exists()


def _keep_all() -> int:
    """What the worker does with the records a harvest found missing."""
    from docs_center import oai

    return oai.compile_records(Resource.objects.values_list("pk", flat=True))


def test_a_harvest_writes_what_is_missing_and_the_worker_keeps_it(client, collection, monkeypatch):
    from docs_center import oai

    queued = []
    monkeypatch.setattr(oai, "queue", lambda name, **kwargs: queued.append((name, kwargs)))
    resource = collection[3]
    _with_files(resource, ("guia.pdf", "application/pdf"))
    first = _record_of(client, resource)
    assert not _compiled(resource)  # a GET writes nothing...
    assert queued == [  # ...and asks the worker to keep the page's records
        ("docs_center.compile_oai_records", {"ids": [r.pk for r in collection]})
    ]
    assert oai.compile_records(queued[0][1]["ids"]) == 5 and _compiled(resource)
    queued.clear()
    assert _record_of(client, resource) == first == _fresh_record_of(client, resource)
    assert queued == []  # all kept


def test_every_page_is_served_from_kept_records_stored_uncompressed(
    client, collection, settings, monkeypatch
):
    """Every page after the first is made of kept records (the join that reads them starts
    at the page: a plan, not a result, which the bench measures), and a record is kept
    uncompressed in its row: decompressing a page of them cost more than reading it."""
    from django.db import connection

    from docs_center import oai

    settings.OAI_PAGE_SIZE = 2
    Resource.objects.filter(pk=collection[4].pk).update(
        abstract_en=" ".join(f"Care work, part {i}." for i in range(200))  # about 4 kB
    )
    fresh = _fresh_record_of(client, Resource.objects.get(pk=collection[4].pk))
    assert _keep_all() == 5
    queued = []
    monkeypatch.setattr(oai, "queue", lambda name, **kwargs: queued.append(name))
    harvested, query = [], "verb=ListRecords&metadataPrefix=oai_dc"
    while query:
        document = _get(client, query)
        harvested += _records_text(document)
        token = document.findtext(".//oai:resumptionToken", namespaces=NS)
        query = f"verb=ListRecords&resumptionToken={token}" if token else None
    assert len(harvested) == 5 and queued == []  # every page read kept records only
    assert harvested[4] == fresh.encode("ascii", "xmlcharrefreplace")  # the long record
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_compression(xml) FROM docs_center_compiledrecord")
        assert cursor.fetchall() == [(None,)] * 5


def test_every_change_a_record_shows_is_harvested_at_once(client, collection, secretariat):
    from django.db.models import F

    from docs_center.models import ResourceFile
    from docs_center.services import resource_file_remove

    resource = collection[1]
    _keep_all()
    # Work the record does not show (the text read again) keeps it.
    Resource.objects.filter(pk=resource.pk).update(text_version=F("text_version") + 1)
    assert _compiled(resource)
    # An edit, even one that bypasses save().
    resource.refresh_from_db()
    resource.title_en = "Care guide, second edition"
    resource.save()
    assert not _compiled(resource)
    assert "Care guide, second edition" in _record_of(client, resource)
    _keep_all()
    Resource.objects.filter(pk=resource.pk).update(publisher="CIM & OAS")
    assert not _compiled(resource)
    assert "CIM &amp; OAS" in _record_of(client, resource)
    # A file added, then removed; the datestamp moves with it, for harvests by date.
    _keep_all()
    stamp = Resource.objects.get(pk=resource.pk).updated_at
    (pdf,) = _with_files(resource, ("anexo.pdf", "application/pdf"))
    assert not _compiled(resource)
    assert f"/{pdf.pk}/file/" in _record_of(client, resource)
    assert Resource.objects.get(pk=resource.pk).updated_at > stamp
    _keep_all()
    resource_file_remove(resource_file=ResourceFile.objects.get(pk=pdf.pk))
    assert not _compiled(resource)
    assert f"/{pdf.pk}/file/" not in _record_of(client, resource)
    # Archived: a deleted record now, and nothing kept for it.
    _keep_all()
    resource.refresh_from_db()
    transition(resource, Action.ARCHIVE, by=secretariat)
    assert 'status="deleted"' in _record_of(client, resource)
    assert _keep_all() == 4 and not _compiled(resource)
    for other in collection[2:]:
        assert _record_of(client, other) == _fresh_record_of(client, other)


def test_records_follow_the_areas_and_the_sites_address(client, collection, settings):
    from rialgender.models import AreaOfAction

    resource = collection[0]
    _keep_all()
    settings.SITE_URL = "https://rialgender.example"
    assert "https://rialgender.example/en/" in _record_of(client, resource)
    _keep_all()
    AreaOfAction.objects.filter(slug="domestic-work").update(name_en="Paid domestic work")
    assert "Paid domestic work" in _record_of(client, resource)


def test_beat_keeps_the_records_published_resources_lack(client, collection, monkeypatch):
    """After a release or an area renamed (a new key) the worker writes every record again,
    so harvests read kept records rather than write them page by page."""
    from django_celery_beat.models import PeriodicTask

    from docs_center import oai
    from docs_center.tasks import task_keep_oai_records
    from rialgender.models import AreaOfAction
    from tests.factories import ResourceFactory

    scheduled = PeriodicTask.objects.get(task="docs_center.keep_oai_records")
    assert scheduled.enabled
    assert (scheduled.interval.every, scheduled.interval.period) == (10, "minutes")
    ResourceFactory(ministry=None, title_en="A draft")  # never harvested, never kept
    assert oai.keep_missing_records(limit=3, batch=2) == 3
    assert task_keep_oai_records() == 2 and task_keep_oai_records() == 0
    AreaOfAction.objects.filter(slug="domestic-work").update(name_en="Paid domestic work")
    assert task_keep_oai_records() == 5
    queued = []
    monkeypatch.setattr(oai, "queue", lambda name, **kwargs: queued.append(name))
    document = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    subjects = {s.text for s in document.findall(".//dc:subject", NS)}
    assert "Paid domestic work" in subjects and queued == []


def test_a_release_keeps_the_records_at_once(collection):
    """`manage.py keep_oai_records`, run on release, does what beat would do ten minutes
    later."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("keep_oai_records", stdout=out)
    assert out.getvalue() == "5 OAI-PMH records written and kept.\n"
    assert all(_compiled(resource) for resource in collection)
    call_command("keep_oai_records", stdout=out)
    assert out.getvalue().endswith("0 OAI-PMH records written and kept.\n")


def test_the_trigger_watches_every_column_a_record_is_written_from(db):
    from django.db import connection

    from docs_center.dublin_core import FIELDS

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT a.attname FROM pg_trigger t
            JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = ANY(t.tgattr)
            WHERE t.tgname = 'docs_center_resource_forget_compiled_record'
            """
        )
        watched = {name for (name,) in cursor.fetchall()}
    header = {"updated_at", "state", "published_at", "resource_type", "area_ids"}
    assert watched == (set(FIELDS) - {"pk"}) | header


def test_a_record_kept_while_its_files_change_is_never_older_than_them(transactional_db):
    """A file added while the worker keeps the record: the worker waits for it, then reads
    it (or, had it come later, its trigger would delete what was kept)."""
    import threading

    import psycopg
    from django.db import connection

    from docs_center import oai
    from docs_center.models import ResourceFile

    resource = published_resource(ministry=None, title_en="Guide", title_es="Guía")
    db = connection.settings_dict
    writer = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"], **db["OPTIONS"]
    )
    try:
        # The writer adds a file and holds its transaction open (the trigger has updated the
        # resource's row, which is now locked).
        writer.execute(
            "INSERT INTO docs_center_resourcefile (resource_id, file, language, content_type,"
            " size, uploaded_at, text_status, text_error, page_count, thumbnail)"
            " VALUES (%s, 'docs_center/resourcefile/x/anexo.pdf', 'es', 'application/pdf', 3,"
            " now(), 'pending', '', 0, '')",
            [resource.pk],
        )
        kept = []
        worker = threading.Thread(target=lambda: kept.append(oai.compile_records([resource.pk])))
        worker.start()
        worker.join(1)
        assert worker.is_alive()  # waiting for the writer
        writer.commit()
        worker.join(10)
        assert kept == [1]
    finally:
        writer.close()
    from docs_center.models import CompiledRecord

    (added,) = ResourceFile.objects.filter(resource=resource)
    assert f"/{added.pk}/file/anexo.pdf" in CompiledRecord.objects.get(resource_id=resource.pk).xml


def test_country_names_are_in_each_language_whatever_the_visitors(client, db):
    from django.utils import translation

    from docs_center import dublin_core, oai

    resource = published_resource(ministry=None, countries=["BR"])
    keys = set()
    for language in ("en", "es"):
        with translation.override(language):
            dublin_core._DESCRIBERS.clear()
            keys.add(oai.compiled_key(oai._areas()))
            record = _fresh_record_of(client, resource)
        assert '<dc:coverage xml:lang="en">Brazil</dc:coverage>' in record
        assert '<dc:coverage xml:lang="es">Brasil</dc:coverage>' in record
    assert len(keys) == 1  # every process, whatever its first visitor, has the same key
