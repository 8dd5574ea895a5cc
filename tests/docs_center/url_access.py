"""The documentation center's URLs in the URL x persona table (see tests/url_access.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from docs_center.models import Collection, ParameterSet, Resource, ResourceFile
from tests.docs_center.documents import guide_pdf
from tests.factories import ParameterSetFactory, ResourceFactory, published_resource, resource_file
from tests.url_access import ALL_200, OWNERS, SECRETARIAT, Row

# The workspace is a ministry's: the Secretariat adds resources in the admin.
HAS_MINISTRY = {"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 404}
OWNERS_POST = {"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302}
DRAFT_ONLY = {"anonymous": 404, "own": 200, "other": 404, "committee": 404, "secretariat": 200}
COMMITTEE = {"anonymous": 404, "own": 404, "other": 404, "committee": 200, "secretariat": 200}
COMMITTEE_POST = {"anonymous": 302, "own": 404, "other": 404, "committee": 302, "secretariat": 302}
SECRETARIAT_POST = {
    "anonymous": 302,
    "own": 404,
    "other": 404,
    "committee": 404,
    "secretariat": 302,
}
PDF = guide_pdf()
LONG_ADDRESS = (
    "https://www.trabajo.gob.ar/igualdad/guia-de-inspeccion-con-enfoque-de-genero-2024.pdf"
)


def objects(world):
    ParameterSetFactory()
    draft = ResourceFactory(ministry=world.own_ministry, title_en="", abstract_en="")
    collection = Collection.objects.create(
        slug="domestic-work-repository", title_en="Repository", title_es="Repositorio",
        description_en="Actions.", description_es="Acciones.", state="published",
    )  # fmt: skip
    return {
        "draft": draft,
        "file": resource_file(draft, PDF),
        # A long address in a title wraps rather than widen a phone's page (every page
        # that lists it is checked at 320 px: tests/browser/test_pages_accessible.py).
        "published": published_resource(
            ministry=world.own_ministry,
            title_en=f"Guide {LONG_ADDRESS}",
            title_es=f"Guía {LONG_ADDRESS}",
        ),
        "collection": collection,
        "draft_version": ParameterSetFactory(approved_on=None),
    }


def _draft(o):
    return {"pk": o["draft"].pk}


def _state(o):
    return Resource.objects.values_list("state", "title_es").get(pk=o["draft"].pk)


def _form(o):
    return {"title_es": "Guía cambiada", "resource_type": "guide", "licence": "unknown"}


def _files(o):
    return sorted(ResourceFile.objects.filter(resource=o["draft"]).values_list("pk", flat=True))


ROWS = {
    # The API: published resources, the same for everyone (tests/docs_center/test_api.py).
    "api:document-list": Row(get=ALL_200),
    "api:document-detail": Row(get=ALL_200, kwargs=lambda o: {"pk": o["published"].pk}),
    "docs_center:document-list": Row(get=ALL_200, query="q=inspeccion&type=guide&page=%C2%B2"),
    "docs_center:feed-rss": Row(get=ALL_200),
    "docs_center:resource-detail": Row(get=DRAFT_ONLY, kwargs=_draft, query="q=genero"),
    "docs_center:collection-detail": Row(
        get=ALL_200, kwargs=lambda o: {"slug": o["collection"].slug}
    ),
    "docs_center:parameters": Row(get=ALL_200),
    "docs_center:parameters-version": Row(
        get=COMMITTEE, kwargs=lambda o: {"pk": o["draft_version"].pk}
    ),
    "docs_center:parameters-approve": Row(
        post=COMMITTEE_POST,
        kwargs=lambda o: {"pk": o["draft_version"].pk},
        data=lambda o: {"approved_on": "2023-01-10"},
        snapshot=lambda o: ParameterSet.objects.get(pk=o["draft_version"].pk).approved_on,
    ),  # fmt: skip
    "docs_center:workspace": Row(get=HAS_MINISTRY),
    "docs_center:resource-create": Row(get=HAS_MINISTRY),
    "docs_center:resource-edit": Row(
        get=OWNERS, post=OWNERS_POST, kwargs=_draft, data=_form, snapshot=_state
    ),
    "docs_center:resource-submit": Row(post=OWNERS_POST, kwargs=_draft, snapshot=_state),
    "docs_center:file-add": Row(
        post=OWNERS_POST,
        kwargs=_draft,
        snapshot=_files,
        data=lambda o: {"file": SimpleUploadedFile("guia.pdf", PDF), "language": "es"},
    ),  # fmt: skip
    "docs_center:file-remove": Row(
        post=OWNERS_POST, kwargs=lambda o: {"pk": o["file"].pk}, snapshot=_files
    ),
    "docs_center:resource-review": Row(get=SECRETARIAT, kwargs=_draft),
    "docs_center:resource-publish": Row(post=SECRETARIAT_POST, kwargs=_draft, snapshot=_state),
    "oai": Row(get=ALL_200, query="verb=Identify"),
}
