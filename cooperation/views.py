"""Pages of bilateral cooperation: public (projects, pairs of countries, calls), members' (offers
and needs), the parties' workspace (joint requests, follow-up), reviewers' and the
Secretariat's (ranking and decisions). Every read goes through selectors, every write through
services; what a person may not see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_countries import countries

from cooperation import rules, selectors, services
from cooperation.forms import (
    ActivityFormSet,
    ActivityStatusForm,
    AnswerForm,
    CommentForm,
    DecisionsForm,
    ListingFilterForm,
    ListingForm,
    ReportForm,
    RequestForm,
    ReviewForm,
)
from cooperation.models import (
    Call,
    CooperationRequest,
    EventKind,
    Listing,
    ListingKind,
    ProjectActivity,
)
from rialgender.decorators import members_only, secretariat_only
from rialgender.params import parse_choice, parse_int
from rialgender.permissions import user_ministry
from rialgender.workflow import Action, allowed_actions, can_view
from rialgender.workspace import (
    WorkspacePages,
    edit_page,
    submit,
    workspace_ministry,
    workspace_object_or_404,
)


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


# -- public ---------------------------------------------------------------------------------


@require_safe
def project_list(request):
    return render(request, "cooperation/project_list.html", selectors.cooperation_home())


@require_safe
def project_detail(request, pk):
    project = selectors.project_for_page(pk)
    if project is None or not rules.can_see_project(request.user, project):
        raise Http404
    return render(request, "cooperation/project_detail.html", {"project": project})


@require_safe
def pair_list(request):
    return render(request, "cooperation/pair_list.html", {"pairs": selectors.pairs_of_countries()})


def _pair_countries(pair: str):
    """The two country codes of a pair's address ("bo-pa": lower case, in order), or None."""
    if pair != pair.lower():
        return None
    parts = pair.split("-")
    if len(parts) != 2 or parts != sorted(parts):
        return None
    codes = [part.upper() for part in parts]
    if codes[0] == codes[1] or any(code not in countries for code in codes):
        return None
    return codes


@require_safe
def pair_detail(request, pair):
    codes = _pair_countries(pair)
    if codes is None:
        raise Http404
    projects = selectors.pair_projects(*codes)
    if not projects:
        raise Http404
    from django_countries.fields import Country

    return render(
        request,
        "cooperation/pair_detail.html",
        {"projects": projects, "countries": [Country(code) for code in codes]},
    )


@require_safe
def call_detail(request, number):
    call = selectors.call_for_page(number)
    if call is None or not can_view(request.user, call):
        raise Http404
    return render(
        request,
        "cooperation/call_detail.html",
        {"call": call, "can_start": rules.can_start_request(request.user) and call.is_open()},
    )


# -- offers and needs (members) ---------------------------------------------------------------


@members_only
@require_safe
def listing_list(request):
    kind = parse_choice(request.GET.get("kind"), ListingKind.values)
    area_id = parse_int(request.GET.get("area"), None, min_value=1, max_value=2**62)
    ministry = user_ministry(request.user)
    data = selectors.listings_page(ministry=ministry, area_id=area_id, kind=kind)
    filters = ListingFilterForm(initial={"kind": kind, "area": area_id})
    return render(
        request,
        "cooperation/listing_list.html",
        {**data, "filters": filters, "ministry": ministry, "open_calls": selectors.open_calls()},
    )


@members_only
@require_http_methods(["GET", "HEAD", "POST"])
def listing_create(request):
    ministry = workspace_ministry(request)
    kind = request.GET.get("kind")
    initial = {"kind": kind if kind in ListingKind.values else ListingKind.OFFER}
    form = ListingForm(request.POST or None, initial=initial, ministry=ministry)
    if request.method == "POST" and form.is_valid():
        services.listing_save(form=form, ministry=ministry)
        messages.success(request, _("Saved. Other ministries see it in offers and needs."))
        return redirect("cooperation:listing-list")
    return render(request, "cooperation/listing_form.html", {"form": form, "listing": None})


def _listing_or_404(request, pk) -> Listing:
    listing = get_object_or_404(Listing.objects.active().select_related("ministry"), pk=pk)
    if not rules.can_manage_listing(request.user, listing):
        raise Http404
    return listing


@members_only
@require_http_methods(["GET", "HEAD", "POST"])
def listing_edit(request, pk):
    listing = _listing_or_404(request, pk)
    form = ListingForm(request.POST or None, instance=listing, ministry=listing.ministry)
    if request.method == "POST" and form.is_valid():
        services.listing_save(form=form)
        messages.success(request, _("Saved."))
        return redirect("cooperation:listing-list")
    return render(request, "cooperation/listing_form.html", {"form": form, "listing": listing})


@members_only
@require_POST
def listing_withdraw(request, pk):
    listing = _listing_or_404(request, pk)
    services.listing_withdraw(listing=listing)
    messages.success(request, _("Withdrawn: it is no longer listed."))
    return redirect("cooperation:listing-list")


# -- the parties' workspace --------------------------------------------------------------------

PAGES = WorkspacePages(
    form_template="cooperation/request_form.html",
    edit_url="cooperation:request-edit",
    list_url="cooperation:workspace",
    submitted_message=gettext_lazy(
        "Both ministries confirmed the request: it was submitted to the Technical Secretariat."
    ),
    readonly_template="cooperation/request_readonly.html",
)


@login_required
@require_safe
def workspace(request):
    ministry = workspace_ministry(request)
    return _private(
        render(
            request,
            "cooperation/workspace.html",
            {
                "ministry": ministry,
                "requests": selectors.workspace_requests(ministry),
                "open_calls": selectors.open_calls(),
                "show_review": rules.may_be_reviewer(request.user),
            },
        )
    )


def _start_initial(request, ministry) -> dict:
    """What a request started from a need or an offer begins with (parsed, never trusted)."""
    initial = {}
    source = parse_int(request.GET.get("need") or request.GET.get("offer"), None, min_value=1, max_value=2**62)  # fmt: skip
    if source is not None:
        listing = Listing.objects.active().select_related("ministry").filter(pk=source).first()
        if listing is not None:
            if listing.kind == ListingKind.NEED and listing.ministry_id == ministry.pk:
                initial.update(need=listing, title_es=listing.title_es, title_en=listing.title_en)
            elif listing.kind == ListingKind.OFFER and listing.ministry_id != ministry.pk:
                initial.update(providing_ministry=listing.ministry, program=listing.program_id)
            initial["areas"] = [listing.area_id]
    provider = parse_int(request.GET.get("provider"), None, min_value=1, max_value=2**62)
    if provider is not None:
        initial.setdefault("providing_ministry", provider)
    return initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_create(request):
    ministry = workspace_ministry(request)
    calls = selectors.open_calls()
    if not calls:
        return _private(render(request, "cooperation/no_open_call.html"))
    initial = _start_initial(request, ministry)
    form = RequestForm(request.POST or None, initial=initial, ministry=ministry, calls=calls)
    form.instance.need = initial.get("need")
    form.instance.builds_on_program_id = initial.get("program")
    activities = ActivityFormSet(request.POST or None, prefix="activities")
    return _private(
        edit_page(
            request, obj=None, form=form, pages=PAGES, formsets=[activities],
            context={"activities": activities, "can_submit": False},
            save=lambda form: services.request_save(
                form=form, activities=activities, ministry=ministry, by=request.user
            ),
        )
    )  # fmt: skip


def _request_context(request, obj) -> dict:
    timeline, status = selectors.request_timeline(obj)
    ministry = user_ministry(request.user)
    return {
        "party_status": [
            (obj.requesting_ministry, _("Requesting ministry"), status[obj.requesting_ministry_id]),
            (obj.providing_ministry, _("Providing ministry"), status[obj.providing_ministry_id]),
        ],
        "own_answer": status.get(ministry.pk) if ministry else None,
        "timeline": timeline,
        "answer_form": AnswerForm(initial={"seen_hash": obj.content_hash}),
        "comment_form": CommentForm(),
        "can_confirm": rules.can_confirm(request.user, obj),
        "can_invite": rules.can_invite(request.user, obj),
        "can_decline": rules.can_decline(request.user, obj),
        "can_comment": rules.can_comment(request.user, obj),
        "can_follow_up": rules.can_see_follow_up(request.user, obj),
        "deadline_blockers": obj.call_closed_blockers(),
        # Submitting by hand is for a request both already confirmed (say, after a return).
        "can_submit": (
            Action.SUBMIT in allowed_actions(request.user, obj)
            and all(answer == EventKind.CONFIRMED for answer in status.values())
        ),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_edit(request, pk):
    obj = workspace_object_or_404(
        request,
        CooperationRequest.objects.select_related(
            "call", "requesting_ministry", "providing_ministry", "builds_on_program"
        ),
        pk,
    )
    ministry = user_ministry(request.user)
    form = RequestForm(request.POST or None, instance=obj, ministry=ministry, calls=[obj.call])
    activities = ActivityFormSet(
        request.POST or None, instance=obj, prefix="activities",
        queryset=ProjectActivity.objects.filter(request=obj).order_by("start", "pk"),
    )  # fmt: skip
    return _private(
        edit_page(
            request, obj=obj, form=form, pages=PAGES, formsets=[activities],
            context={"activities": activities, **_request_context(request, obj)},
            conflicts=False,  # request_save's seen_hash check covers the activities too
            save=lambda form: services.request_save(
                form=form, activities=activities, by=request.user,
                seen_hash=form.cleaned_data.get("seen_hash") or None,
            ),
        )
    )  # fmt: skip


def _party_request_or_404(request, pk) -> CooperationRequest:
    obj = workspace_object_or_404(
        request,
        CooperationRequest.objects.select_related(
            "call", "requesting_ministry", "providing_ministry"
        ),
        pk,
    )
    return obj


@login_required
@require_POST
def request_confirm(request, pk):
    obj = _party_request_or_404(request, pk)
    if not rules.is_party(request.user, obj):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your answer could not be read; please try again."))
        return redirect("cooperation:request-edit", pk=pk)
    try:
        submitted = services.request_confirm(
            request=obj, by=request.user,
            seen_hash=form.cleaned_data["seen_hash"] or None,
            comment=form.cleaned_data["comment"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cooperation:request-edit", pk=pk)
    if submitted:
        messages.success(request, PAGES.submitted_message)
    else:
        messages.success(
            request,
            _(
                "Your ministry confirmed this text. The other ministry was asked to confirm it; "
                "the request is submitted when both have."
            ),
        )
    return redirect("cooperation:request-edit", pk=pk)


@login_required
@require_POST
def request_invite(request, pk):
    obj = _party_request_or_404(request, pk)
    try:
        services.request_invite(request=obj, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(country)s was invited to read the request and confirm it.")
            % {"country": obj.providing_ministry.country.name},
        )
    return redirect("cooperation:request-edit", pk=pk)


@login_required
@require_POST
def request_decline(request, pk):
    obj = _party_request_or_404(request, pk)
    if not rules.can_decline(request.user, obj):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Your answer could not be read; please try again."))
        services.request_decline(request=obj, by=request.user, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You declined the request. The requesting ministry was told."))
    return redirect("cooperation:request-edit", pk=pk)


@login_required
@require_POST
def request_comment(request, pk):
    obj = _party_request_or_404(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.request_comment(request=obj, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("cooperation:request-edit", pk=pk)


@login_required
@require_POST
def request_submit(request, pk):
    obj = workspace_object_or_404(request, CooperationRequest.objects.all(), pk, for_edit=True)
    if submit(request, obj):
        messages.success(request, PAGES.submitted_message)
    return redirect("cooperation:request-edit", pk=pk)


# -- follow-up of a selected project ---------------------------------------------------------


def _followed_project_or_404(request, pk) -> CooperationRequest:
    obj = _party_request_or_404(request, pk)
    if not rules.can_see_follow_up(request.user, obj):
        raise Http404
    return obj


def _follow_up_page(request, obj, report_form=None, status=200):
    context = {
        "project": obj,
        "report_form": report_form
        or ReportForm(request=obj, initial={"language": request.user.language}),  # fmt: skip
        "status_form": ActivityStatusForm(),
        "can_write": rules.is_party(request.user, obj),
        **selectors.follow_up_page(obj),
    }
    return _private(render(request, "cooperation/follow_up.html", context, status=status))


@login_required
@require_safe
def follow_up(request, pk):
    return _follow_up_page(request, _followed_project_or_404(request, pk))


@login_required
@require_POST
def report_create(request, pk):
    obj = _followed_project_or_404(request, pk)
    if not rules.is_party(request.user, obj):
        raise PermissionDenied
    form = ReportForm(request.POST, request.FILES, request=obj)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.report_create(
                request=obj, by=request.user, kind=data["kind"], text=data["text"],
                language=data["language"], files=form.checked_files, program=data["program"],
                url=data["url"], url_kind=data["url_kind"] or "other",
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your report was sent. The other ministry sees it."))
            return redirect("cooperation:follow-up", pk=pk)
    return _follow_up_page(request, obj, report_form=form, status=400)


@login_required
@require_POST
def activity_update(request, pk):
    activity = get_object_or_404(ProjectActivity, pk=pk)
    obj = _followed_project_or_404(request, activity.request_id)
    if not rules.is_party(request.user, obj):
        raise PermissionDenied
    form = ActivityStatusForm(request.POST)
    if form.is_valid():
        services.activity_set_status(
            activity=activity, status=form.cleaned_data["status"], by=request.user
        )
        messages.success(request, _("The activity was updated."))
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("cooperation:follow-up", pk=obj.pk)


# -- review -------------------------------------------------------------------------------------


@login_required
@require_safe
def review_list(request):
    if not rules.may_be_reviewer(request.user):
        raise Http404
    return _private(
        render(
            request,
            "cooperation/review_list.html",
            {"requests": selectors.reviews_for_reviewer(request.user)},
        )
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review_form(request, pk):
    obj = selectors.request_for_review(pk)
    # Not named, recused or not under review: the request does not exist for this person.
    if obj is None or not rules.can_review(request.user, obj):
        raise Http404
    data = selectors.review_page(obj, request.user)
    locked = (data["review"] is not None and data["review"].is_submitted) or bool(obj.decision)
    form = ReviewForm(
        request.POST if request.method == "POST" and not locked else None,
        criteria=data["criteria"], scores=data["own_scores"],
    )  # fmt: skip
    status = 200
    if request.method == "POST" and not locked:
        if form.is_valid():
            try:
                services.review_save(
                    request=obj, reviewer=request.user, scores=form.scores(),
                    submit="submit" in request.POST,
                )  # fmt: skip
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your review was submitted.")
                    if "submit" in request.POST
                    else _("Your scores were saved; submit them when you are done."),
                )
                return redirect("cooperation:review-form", pk=pk)
        status = 400
    return _private(
        render(
            request,
            "cooperation/review_form.html",
            {"request_obj": obj, "form": form, "locked": locked, **data},
            status=status,
        )
    )


@secretariat_only
@require_http_methods(["GET", "HEAD", "POST"])
def ranking(request, number):
    call = get_object_or_404(Call, number=number)
    ranked = selectors.call_ranking(call, request.user)
    form = DecisionsForm(request.POST or None, ranked=ranked)
    for row in ranked:
        row.field = form.field_for(row.request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services.decisions_record(
                    call=call, decisions=form.decisions(), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Decisions recorded for %(count)d requests; each ministry was told.")
                    % {"count": count},
                )
                return redirect("cooperation:ranking", number=number)
        status = 400
    return render(
        request,
        "cooperation/ranking.html",
        {"call": call, "ranked": ranked, "form": form, "EventKind": EventKind},
        status=status,
    )
