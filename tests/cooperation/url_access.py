"""Cooperation's URLs in the URL x persona table (see tests/url_access.py).

The owning ministry (world.own_ministry, Argentina) is the providing party of every request
here; Bolivia requests. The committee member (Costa Rica) and the Secretariat review the
closed call; neither country is a party, so neither is recused."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperation.models import (
    CallDocument,
    CooperationRequest,
    EventKind,
    EvidenceFile,
    Listing,
    ProjectActivity,
    Report,
    RequestEvent,
    Score,
)
from tests.factories import (
    CallFactory,
    CooperationRequestFactory,
    ListingFactory,
    MinistryFactory,
    selected_project,
    submitted_request,
)
from tests.url_access import ALL_200, MEMBERS, OWNERS, SECRETARIAT, Row

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Pages of a focal point's own ministry: members of any ministry; not the Secretariat, which
# has no ministry of its own (it sees every request from the request pages).
MINISTRY = {"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 404}
# A party's step on a request: the Secretariat sees the request but is not a party.
PARTY_POST = {"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 403}
REVIEWERS = {"anonymous": 302, "own": 404, "other": 404, "committee": 200, "secretariat": 200}


def objects(world):
    partner = MinistryFactory(country="BO")
    third = MinistryFactory(country="MX")
    reviewers = [world.users["committee"], world.users["secretariat"]]
    now = timezone.now()
    open_call = CallFactory(number=90, reviewers=reviewers)
    closed_call = CallFactory(
        number=91, opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=30),
        reviewers=reviewers,
    )  # fmt: skip
    past_call = CallFactory(
        number=92, opens_at=now - timedelta(days=500), closes_at=now - timedelta(days=450)
    )
    parties = {"requesting_ministry": partner, "providing_ministry": world.own_ministry}
    draft = CooperationRequestFactory(call=open_call, **parties)
    submitted = submitted_request(call=closed_call, **parties)
    project = selected_project(call=past_call, **parties)
    activity = ProjectActivity.objects.create(request=project, title_es="Intercambio virtual")
    report = Report.objects.create(
        request=project, ministry=world.own_ministry, kind="progress", text="Avance."
    )
    evidence = EvidenceFile.objects.create(
        report=report, file=SimpleUploadedFile("agenda.pdf", PDF), content_type="application/pdf",
        size=len(PDF),
    )  # fmt: skip
    document = CallDocument.objects.create(
        call=open_call, title_en="Terms", title_es="Bases", file=SimpleUploadedFile("bases.pdf", PDF),
        content_type="application/pdf", size=len(PDF),
    )  # fmt: skip
    listing = ListingFactory(ministry=world.own_ministry, kind="need")
    return {
        "open_call": open_call, "closed_call": closed_call, "draft": draft,
        "submitted": submitted, "project": project, "activity": activity, "evidence": evidence,
        "document": document, "listing": listing, "third": third,
        "criteria": list(closed_call.criteria.all()),
    }  # fmt: skip


def _draft_edit(o):
    draft = o["draft"]
    return {
        "seen_hash": draft.content_hash, "title_es": "Otro título", "summary_es": "Cambiado.",
        "modality": "virtual", "activities-TOTAL_FORMS": "0", "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "30",
    }  # fmt: skip


def _new_request(o):
    return {
        "call": o["open_call"].pk, "providing_ministry": o["third"].pk,
        "title_es": "Una solicitud nueva", "modality": "virtual",
        "activities-TOTAL_FORMS": "0", "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "30",
    }  # fmt: skip


def _events(o, kind):
    return RequestEvent.objects.filter(kind=kind).count()


ROWS = {
    # The API: selected, published projects, the same for everyone (test_api.py).
    "api:cooperation-project-list": Row(get=ALL_200),
    "api:cooperation-project-detail": Row(get=ALL_200, kwargs=lambda o: {"pk": o["project"].pk}),
    # Public.
    "cooperation:project-list": Row(get=ALL_200),
    "cooperation:project-detail": Row(get=ALL_200, kwargs=lambda o: {"pk": o["project"].pk}),
    "cooperation:pair-list": Row(get=ALL_200),
    "cooperation:pair-detail": Row(
        get=ALL_200, kwargs=lambda o: {"pair": o["project"].pair_slug()}
    ),  # fmt: skip
    "cooperation:call-detail": Row(
        get=ALL_200, kwargs=lambda o: {"number": o["open_call"].number}
    ),  # fmt: skip
    # Offers and needs: members.
    "cooperation:listing-list": Row(get=MEMBERS),
    "cooperation:listing-create": Row(
        get=MINISTRY,
        post={"anonymous": 302, "own": 302, "other": 302, "committee": 302, "secretariat": 404},
        data=lambda o: {"kind": "offer", "area": o["listing"].area_id, "title_es": "Nuestra guía"},
        snapshot=lambda o: Listing.objects.count(),
    ),
    "cooperation:listing-edit": Row(
        kwargs=lambda o: {"pk": o["listing"].pk},
        get=OWNERS,
        post={"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302},
        data=lambda o: {"kind": "need", "area": o["listing"].area_id, "title_es": "Cambiada"},
        snapshot=lambda o: Listing.objects.values_list("title_es", flat=True).get(
            pk=o["listing"].pk
        ),  # fmt: skip
    ),
    "cooperation:listing-withdraw": Row(
        kwargs=lambda o: {"pk": o["listing"].pk},
        post={"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302},
        snapshot=lambda o: Listing.objects.values_list("withdrawn_at", flat=True).get(
            pk=o["listing"].pk
        ),  # fmt: skip
    ),
    # The parties' workspace.
    "cooperation:workspace": Row(get=MINISTRY),
    "cooperation:request-create": Row(
        get=MINISTRY,
        post={"anonymous": 302, "own": 302, "other": 302, "committee": 302, "secretariat": 404},
        data=_new_request,
        snapshot=lambda o: CooperationRequest.objects.count(),
    ),
    "cooperation:request-edit": Row(
        kwargs=lambda o: {"pk": o["draft"].pk},
        get=OWNERS,
        post={"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302},
        data=_draft_edit,
        snapshot=lambda o: CooperationRequest.objects.values_list("summary_es", flat=True).get(
            pk=o["draft"].pk
        ),  # fmt: skip
    ),
    "cooperation:request-invite": Row(
        kwargs=lambda o: {"pk": o["draft"].pk},
        # Bolivia requests, so only Bolivia invites: Argentina provides (403).
        post={"anonymous": 302, "own": 403, "other": 404, "committee": 404, "secretariat": 403},
        snapshot=lambda o: _events(o, EventKind.INVITED),
    ),
    "cooperation:request-confirm": Row(
        kwargs=lambda o: {"pk": o["draft"].pk},
        post=PARTY_POST,
        data=lambda o: {"seen_hash": o["draft"].content_hash},
        snapshot=lambda o: _events(o, EventKind.CONFIRMED),
    ),
    "cooperation:request-decline": Row(
        kwargs=lambda o: {"pk": o["draft"].pk},
        post=PARTY_POST,
        data=lambda o: {"comment": "No podemos este año."},
        snapshot=lambda o: _events(o, EventKind.DECLINED),
    ),
    "cooperation:request-comment": Row(
        kwargs=lambda o: {"pk": o["draft"].pk},
        post={"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302},
        data=lambda o: {"text": "Una pregunta."},
        snapshot=lambda o: _events(o, EventKind.COMMENTED),
    ),
    "cooperation:request-submit": Row(
        kwargs=lambda o: {"pk": o["draft"].pk},
        # Both must confirm first: the authors are sent back to the request with the reason.
        post={"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302},
        snapshot=lambda o: CooperationRequest.objects.values_list("state", flat=True).get(
            pk=o["draft"].pk
        ),  # fmt: skip
    ),
    # Follow-up of a selected project.
    "cooperation:follow-up": Row(get=OWNERS, kwargs=lambda o: {"pk": o["project"].pk}),
    "cooperation:report-create": Row(
        kwargs=lambda o: {"pk": o["project"].pk},
        post=PARTY_POST,
        data=lambda o: {"kind": "progress", "text": "Segundo avance.", "language": "es"},
        snapshot=lambda o: Report.objects.count(),
    ),
    "cooperation:activity-update": Row(
        kwargs=lambda o: {"pk": o["activity"].pk},
        post=PARTY_POST,
        data=lambda o: {"status": "done"},
        snapshot=lambda o: ProjectActivity.objects.values_list("status", flat=True).get(
            pk=o["activity"].pk
        ),  # fmt: skip
    ),
    # Review: the call's reviewers (never from a party's country) and the Secretariat.
    "cooperation:review-list": Row(get=REVIEWERS),
    "cooperation:review-form": Row(
        kwargs=lambda o: {"pk": o["submitted"].pk},
        get=REVIEWERS,
        post={"anonymous": 302, "own": 404, "other": 404, "committee": 302, "secretariat": 302},
        data=lambda o: {f"score_{c.pk}": "4" for c in o["criteria"]},
        snapshot=lambda o: Score.objects.count(),
    ),
    "cooperation:ranking": Row(
        kwargs=lambda o: {"number": o["closed_call"].number},
        get=SECRETARIAT,
        # Not fully reviewed: the Secretariat is told so (400) and nothing is decided.
        post={"anonymous": 302, "own": 404, "other": 404, "committee": 404, "secretariat": 400},
        data=lambda o: {f"decision_{o['submitted'].pk}": "selected"},
        snapshot=lambda o: CooperationRequest.objects.values_list("decision", flat=True).get(
            pk=o["submitted"].pk
        ),  # fmt: skip
    ),
}
