"""Writes for bilateral cooperation. Every state change of a request, a review or a project
goes through one function here, used by the pages, the admin and the tasks alike.

The rule of the joint request: it is submitted only when both ministries confirmed the same
text before the call closes. `content_hash` fingerprints that text (both languages, parties,
modality, program, areas, activities); a confirmation records the hash it was given for, so
that any change by anyone makes every earlier confirmation stale (`party_status`), and the
ministries whose confirmation it cleared are asked, by e-mail, to confirm again.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import (
    DEFAULT_CRITERIA,
    Call,
    CooperationRequest,
    Criterion,
    Decision,
    EventKind,
    EvidenceFile,
    Listing,
    ProjectActivity,
    ReminderSent,
    Report,
    ReportKind,
    RequestEvent,
    Result,
    ResultKind,
    Review,
    Score,
)
from cooperation.rules import REVIEWABLE_STATES, can_review, party_ministry
from rialgender.emails import page_url, send_email
from rialgender.permissions import is_secretariat, user_ministry
from rialgender.workflow import Action, State, transition

# --- Calls -------------------------------------------------------------------------------------


def call_seed_criteria(*, call: Call) -> None:
    """Give a new call the usual four criteria (relevance, feasibility, commitment of both
    institutions, expected results); the Secretariat edits them per call."""
    if call.criteria.exists():
        return
    Criterion.objects.bulk_create(
        [Criterion(call=call, order=order, **data) for order, data in enumerate(DEFAULT_CRITERIA)]
    )


def call_reviewing_started(call: Call) -> bool:
    return Score.objects.filter(criterion__call=call).exists()


# --- Notifications -----------------------------------------------------------------------------


def _focal_points(ministry_ids):
    from members.models import Member

    return list(Member.objects.active().filter(ministry_id__in=ministry_ids).select_related("user"))


def _email_ministries(template: str, ministry_ids, context: dict, *, url_name="cooperation:request-edit", request=None):  # fmt: skip
    """E-mail every active focal point of the ministries, each in their language, after the
    transaction commits."""
    for member in _focal_points(ministry_ids):
        user = member.user
        extra = {"recipient": user, "ministry_id": member.ministry_id}
        if request is not None:
            extra["url"] = page_url(url_name, language=user.language, kwargs={"pk": request.pk})
        transaction.on_commit(
            lambda user=user, extra=extra: send_email(
                template, to=[user.email], language=user.language, context={**context, **extra}
            )
        )


# --- The joint request -------------------------------------------------------------------------


def _fingerprint(request: CooperationRequest) -> str:
    area_ids = list(request.areas.values_list("pk", flat=True))
    activities = list(request.activities.order_by("start", "pk"))
    return request.content_fingerprint(area_ids, activities)


def _other_party(request, ministry_id):
    return (
        request.providing_ministry
        if ministry_id == request.requesting_ministry_id
        else request.requesting_ministry
    )


@transaction.atomic
def request_record_change(*, request: CooperationRequest, by, created: bool = False) -> bool:
    """After the request or its areas or activities were saved: work out the new fingerprint
    of its text; if it changed, record who changed it and, while it is a draft (or returned),
    ask the ministries whose confirmation this cleared (other than the editor's) to confirm
    again. True if it changed. Used by the focal points' form and by the admin."""
    before = request.party_status() if request.content_hash else {}
    new_hash = _fingerprint(request)
    if new_hash == request.content_hash and not created:
        return False
    CooperationRequest.objects.filter(pk=request.pk).update(content_hash=new_hash)
    request.content_hash = new_hash
    editor = user_ministry(by)
    RequestEvent.objects.create(
        request=request,
        kind=EventKind.CREATED if created else EventKind.EDITED,
        ministry=editor,
        by=by,
        content_hash=new_hash,
    )
    cleared = [
        ministry_id
        for ministry_id, answer in before.items()
        if answer == EventKind.CONFIRMED and (editor is None or ministry_id != editor.pk)
    ]
    # Once submitted, confirmations have done their work: the Secretariat translating a
    # request under review or a project asks nobody to confirm again.
    if cleared and request.is_editable_by_authors:
        _email_ministries(
            "cooperation-confirm",
            cleared,
            {"request": request, "by_ministry": editor, "again": True},  # fmt: skip
            request=request,
        )
    return True


def _check_unchanged(request: CooperationRequest, seen_hash) -> None:
    if seen_hash is not None and seen_hash != request.content_hash:
        raise ValidationError(
            _(
                "The request was changed since you opened it. Read the current text, then "
                "try again."
            ),
            code="stale",
        )


@transaction.atomic
def request_save(*, form, activities, ministry=None, by, seen_hash=None) -> CooperationRequest:
    """Save a request from the focal points' form and its activities (a new one is requested
    by `ministry`). Refuses, keeping what was typed, if the text changed since the person
    opened it (`seen_hash`), so that one ministry never overwrites the other's change."""
    created = form.instance.pk is None
    if not created:
        current = CooperationRequest.objects.select_for_update().get(pk=form.instance.pk)
        _check_unchanged(current, seen_hash)
    request = form.save(commit=False)
    if created:
        request.requesting_ministry = ministry
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise ValidationError(
            {"providing_ministry": _("These two ministries already have a request in this call.")}
        ) from None
    form.save_m2m()
    activities.instance = request
    activities.save()
    request_record_change(request=request, by=by, created=created)
    return request


@transaction.atomic
def request_invite(*, request: CooperationRequest, by) -> RequestEvent:
    """The requesting ministry invites the providing one to read the draft and confirm it,
    comment on it or decline it: its focal points are e-mailed, each in their language."""
    request = (
        CooperationRequest.objects.select_for_update()
        .select_related("call", "requesting_ministry", "providing_ministry")
        .get(pk=request.pk)
    )
    ministry = user_ministry(by)
    if ministry is None or ministry.pk != request.requesting_ministry_id:
        raise PermissionDenied
    if not request.is_editable_by_authors:
        raise ValidationError(_("This request was already submitted."), code="state")
    blockers = request.call_closed_blockers()
    if blockers:
        raise ValidationError(blockers, code="deadline")
    event = RequestEvent.objects.create(
        request=request, kind=EventKind.INVITED, ministry=ministry, by=by,
        content_hash=request.content_hash,
    )  # fmt: skip
    _email_ministries(
        "cooperation-invite",
        [request.providing_ministry_id],
        {"request": request, "by_ministry": ministry},
        request=request,
    )
    return event


@transaction.atomic
def request_confirm(*, request: CooperationRequest, by, seen_hash=None, comment: str = ""):
    """A ministry confirms the text it read (`seen_hash`). The other ministry, if it has not
    confirmed this text, is asked to by e-mail. When both have confirmed it, the request is
    submitted to the Secretariat. Refused after the call closes (the deadline is the call's
    moment, whatever the zone of the person confirming)."""
    request = (
        CooperationRequest.objects.select_for_update()
        .select_related("call", "requesting_ministry", "providing_ministry")
        .get(pk=request.pk)
    )
    ministry = party_ministry(by, request)
    if ministry is None:
        raise PermissionDenied
    if not request.is_editable_by_authors:
        raise ValidationError(_("This request was already submitted."), code="state")
    _check_unchanged(request, seen_hash)
    blockers = request.call_closed_blockers()
    if blockers:
        raise ValidationError(blockers, code="deadline")
    status = request.party_status()
    if status[ministry.pk] != EventKind.CONFIRMED:
        RequestEvent.objects.create(
            request=request,
            kind=EventKind.CONFIRMED,
            ministry=ministry,
            by=by,
            content_hash=request.content_hash,
            comment=(comment or "").strip(),
        )
        status[ministry.pk] = EventKind.CONFIRMED
    waiting = [mid for mid, answer in status.items() if answer != EventKind.CONFIRMED]
    if waiting:
        _email_ministries(
            "cooperation-confirm",
            waiting,
            {"request": request, "by_ministry": ministry, "again": False},  # fmt: skip
            request=request,
        )
        return False
    transition(request, Action.SUBMIT, by=by)
    return True


@transaction.atomic
def request_decline(*, request: CooperationRequest, by, comment: str) -> None:
    """The providing ministry declines, saying why; the requesting ministry is told."""
    request = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    ministry = user_ministry(by)
    if ministry is None or ministry.pk != request.providing_ministry_id:
        raise PermissionDenied
    if not request.is_editable_by_authors:
        raise ValidationError(_("This request was already submitted."), code="state")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Please say why, for the requesting ministry.")})
    RequestEvent.objects.create(
        request=request,
        kind=EventKind.DECLINED,
        ministry=ministry,
        by=by,
        content_hash=request.content_hash,
        comment=comment,
    )
    _email_ministries(
        "cooperation-declined",
        [request.requesting_ministry_id],
        {"request": request, "by_ministry": ministry, "comment": comment},
        request=request,
    )


def request_comment(*, request: CooperationRequest, by, text: str) -> RequestEvent:
    """A comment on the request, seen by both ministries and the Secretariat."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your comment first.")})
    if len(text) > 5000:
        raise ValidationError({"text": _("A comment has at most 5,000 characters.")})
    return RequestEvent.objects.create(
        request=request,
        kind=EventKind.COMMENTED,
        ministry=user_ministry(by),
        by=by,
        content_hash=request.content_hash,
        comment=text,
    )


# --- Review ------------------------------------------------------------------------------------


@transaction.atomic
def review_save(*, request: CooperationRequest, reviewer, scores: dict, submit: bool) -> Review:
    """Save a reviewer's scores (criterion id -> (score or None, comment)). A submitted review
    is final and needs a score for every criterion; a reviewer who may not review this
    request (not named, recused, request not under review) is refused."""
    if not can_review(reviewer, request):
        raise PermissionDenied
    if request.decision:
        raise ValidationError(_("A decision was already taken on this request."))
    review, _created = Review.objects.select_for_update().get_or_create(
        request=request, reviewer=reviewer
    )
    if review.is_submitted:
        raise ValidationError(_("You already submitted your review; it cannot be changed."))
    criteria = {c.pk: c for c in request.call.criteria.all()}
    errors = {}
    for criterion_id, (score, _comment) in scores.items():
        if criterion_id not in criteria:
            raise ValidationError(_("Unknown criterion."))
        if score is not None and not 0 <= score <= 5:
            errors[f"score_{criterion_id}"] = _("A score goes from 0 to 5.")
    if submit:
        for criterion_id in criteria:
            if scores.get(criterion_id, (None, ""))[0] is None:
                errors[f"score_{criterion_id}"] = _("Give a score to submit your review.")
    if errors:
        raise ValidationError(errors)
    for criterion_id, (score, comment) in scores.items():
        if score is None:
            Score.objects.filter(review=review, criterion_id=criterion_id).delete()
            continue
        Score.objects.update_or_create(
            review=review,
            criterion_id=criterion_id,
            defaults={"score": score, "comment": (comment or "").strip()},
        )
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    return review


def eligible_reviewers(request: CooperationRequest, reviewers) -> list:
    """The call's reviewers who review this request: the recused are left out. `reviewers`
    are users with `country` set (see selectors.call_reviewers)."""
    countries = request.party_countries()
    return [r for r in reviewers if r.country not in countries]


@transaction.atomic
def decisions_record(*, call: Call, decisions: dict, by) -> int:
    """Decide a batch of requests of a closed call (request id -> Decision). Every one must
    be fully reviewed (each reviewer who is not recused submitted a review); otherwise
    nothing is decided and the error names them. Each ministry is told in its language."""
    from cooperation.selectors import call_reviewers

    if not is_secretariat(by):
        raise PermissionDenied
    if not call.has_closed():
        raise ValidationError(_("Decisions are taken once the call has closed."))
    decisions = {pk: Decision(value) for pk, value in decisions.items() if value}
    if not decisions:
        raise ValidationError(_("Choose a decision for at least one request."))
    requests = list(
        CooperationRequest.objects.select_for_update(of=("self",))
        .filter(call=call, pk__in=decisions, state__in=REVIEWABLE_STATES)
        .select_related("requesting_ministry", "providing_ministry", "call")
    )
    if len(requests) != len(decisions):
        raise ValidationError(_("Some of these requests are not under review in this call."))
    reviewers = call_reviewers(call)
    submitted = set(
        Review.objects.filter(request__in=requests, submitted_at__isnull=False).values_list(
            "request_id", "reviewer_id"
        )
    )
    incomplete = []
    for request in requests:
        eligible = eligible_reviewers(request, reviewers)
        if not eligible or any((request.pk, r.pk) not in submitted for r in eligible):
            incomplete.append(str(request))
    if incomplete:
        raise ValidationError(
            _("Not every reviewer has submitted a review of: %(titles)s. Nothing was decided.")
            % {"titles": "; ".join(incomplete)}
        )
    now = timezone.now()
    for request in requests:
        decision = decisions[request.pk]
        if request.decision == decision:
            continue
        request.decision, request.decided_at, request.decided_by = decision, now, by
        request.save(update_fields=["decision", "decided_at", "decided_by"])
        RequestEvent.objects.create(
            request=request, kind=EventKind.DECIDED, by=by, comment=decision.value, at=now
        )
        _email_ministries(
            "cooperation-decision",
            request.party_ministry_ids(),
            {"request": request, "call": call, "decision": decision.value},
            request=request,
        )
    return len(requests)


# --- Follow-up ---------------------------------------------------------------------------------


def activity_set_status(*, activity: ProjectActivity, status: str, by) -> None:
    activity.status = status
    activity.save(update_fields=["status"])


@transaction.atomic
def report_create(*, request: CooperationRequest, by, kind, text, language, files=(), program=None, url="", url_kind=ResultKind.OTHER) -> Report:  # fmt: skip
    """A ministry's progress or final report, with its evidence files (checked before, by the
    form). A final report may name what resulted (a program of the portfolio or a link): it
    is added to the results. When both ministries sent their final report, the project is
    completed."""
    ministry = party_ministry(by, request)
    if ministry is None or not request.is_selected:
        raise PermissionDenied
    try:
        with transaction.atomic():
            report = Report.objects.create(
                request=request, ministry=ministry, kind=kind, text=text.strip(),
                language=language, submitted_by=by,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError({"kind": _("Your ministry already sent its final report.")}) from None
    for upload, _content_type in files:
        EvidenceFile.objects.create(report=report, file=upload, size=upload.size)
    if program is not None or url:
        result_add(request=request, by=by, program=program, url=url, kind=url_kind, report=report)
    RequestEvent.objects.create(
        request=request, kind=EventKind.REPORTED, ministry=ministry, by=by, comment=report.kind,
    )  # fmt: skip
    if kind == ReportKind.FINAL and request.completed_at is None:
        finals = set(
            Report.objects.filter(request=request, kind=ReportKind.FINAL).values_list(
                "ministry_id", flat=True
            )
        )
        if finals >= set(request.party_ministry_ids()):
            request.completed_at = timezone.now()
            request.save(update_fields=["completed_at"])
    return report


def result_add(*, request, by, program=None, url="", kind=ResultKind.OTHER, title_en="", title_es="", description="", report=None) -> Result:  # fmt: skip
    """Record what the cooperation produced. A program of the portfolio lends its title in
    both languages; a link with no title is titled in the author's language, the Secretariat
    translating it before it shows on the public page."""
    ministry = party_ministry(by, request)
    if ministry is None and not is_secretariat(by):
        raise PermissionDenied
    if program is not None:
        kind = ResultKind.PROGRAM
        title_en, title_es = title_en or program.title_en, title_es or program.title_es
    elif not url:
        raise ValidationError(_("Choose a program or give a link."))
    if not (title_en or title_es):
        raise ValidationError({"title": _("Give the result a title.")})
    result = Result.objects.create(
        request=request, kind=kind, program=program, url=url, ministry=ministry, report=report,
        title_en=title_en, title_es=title_es, description=description,
    )  # fmt: skip
    RequestEvent.objects.create(
        request=request, kind=EventKind.RESULT, ministry=ministry, by=by, comment=str(result)
    )
    return result


# --- Offers and needs --------------------------------------------------------------------------


def listing_save(*, form, ministry=None) -> Listing:
    listing = form.save(commit=False)
    if listing.pk is None:
        listing.ministry = ministry
    if not listing.is_offer:
        listing.program = None
    listing.save()
    return listing


def listing_withdraw(*, listing: Listing) -> None:
    listing.withdrawn_at = timezone.now()
    listing.save(update_fields=["withdrawn_at"])


# --- Reminders ---------------------------------------------------------------------------------

# How long before a call closes each reminder goes out (the last one that applies, once).
REMINDERS = [("7d", timedelta(days=7)), ("1d", timedelta(days=1))]


def calls_opened_or_closed(since, now) -> bool:
    """Whether a published call opened or closed between `since` and `now`: the home page and
    the cooperation pages say which calls are open, and no save marks the moment. Registered
    with rialgender.pagecache.follow_the_clock."""
    return (
        Call.objects.published()
        .filter(
            Q(opens_at__gt=since, opens_at__lte=now) | Q(closes_at__gt=since, closes_at__lte=now)
        )
        .exists()
    )


def closing_reminders_send(now=None) -> int:
    """Remind each ministry that has not confirmed the current text of a draft request in a
    call closing within a week (and again within a day). Each reminder goes once per
    request and ministry, to its focal points in their language. Returns the reminders."""
    now = now or timezone.now()
    horizon = max(delta for _kind, delta in REMINDERS)
    calls = Call.objects.published().filter(closes_at__gt=now, closes_at__lte=now + horizon)
    sent = 0
    for call in calls:
        kind = next(k for k, delta in reversed(REMINDERS) if call.closes_at - now <= delta)
        requests = CooperationRequest.objects.filter(
            call=call, state__in=[State.DRAFT, State.RETURNED]
        ).select_related("requesting_ministry", "providing_ministry", "call")
        for request in requests:
            for ministry_id, answer in request.party_status().items():
                if answer == EventKind.CONFIRMED:
                    continue
                _reminder, created = ReminderSent.objects.get_or_create(
                    request=request, ministry_id=ministry_id, kind=kind
                )
                if not created:
                    continue
                _email_ministries(
                    "cooperation-reminder",
                    [ministry_id],
                    {
                        "request": request,
                        "call": call,
                        "other": _other_party(request, ministry_id),
                    },  # fmt: skip
                    request=request,
                )
                sent += 1
    return sent
