import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from members import rules, selectors, services
from members.forms import DirectoryFilterForm, InvitationAcceptForm, ProfileForm, RosterJoinForm
from members.models import (
    WHATSAPP_MAX_PER_COUNTRY,
    Invitation,
    Member,
    RosterEntry,
    RosterStatus,
    WhatsAppGroup,
)
from members.services import invitation_accept
from members.vcard import member_vcard
from rialgender import member_home, participation
from rialgender.decorators import members_only
from rialgender.exports import csv_response, xlsx_response
from rialgender.pagecache import public_page
from rialgender.params import parse_page
from rialgender.permissions import has_two_factor, member_profile


@never_cache
def invitation_accept_view(request, token):
    invitation = Invitation.objects.select_related("ministry").get_usable_by_token(token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(invitation=invitation, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if has_two_factor(user):
                # An account that already has a second factor signs in with it, at the login.
                messages.success(
                    request,
                    _(
                        "Welcome back to RIAL/GENDER. Please sign in with your new password and the code from your authenticator app."
                    ),
                )
                return redirect("account_login")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to RIAL/GENDER. Please check your profile."))
            return redirect("members:me")
    return render(
        request, "members/invitation_accept.html", {"form": form, "invitation": invitation}
    )


@login_required
def home(request):
    """The member's home after signing in: what awaits them and their ministry in every
    tool, the ministry's content by state, and every workspace."""
    member = member_profile(request.user)
    if member is None:
        if rules.works_in_the_admin(request.user):
            return redirect("admin:index")
        raise Http404
    return render(
        request,
        "members/home.html",
        {
            "member": member,
            "ministry": member.ministry,
            "awaiting": member_home.awaiting(request.user, member.ministry),
            "content": member_home.content_by_state(member.ministry),
            "workspaces": member_home.workspaces(),
        },
    )


@login_required
def profile_view(request):
    member = member_profile(request.user)
    if member is None:
        if rules.works_in_the_admin(request.user):
            return redirect("admin:index")
        raise Http404
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("members:me")
    return render(request, "members/profile.html", {"form": form, "member": member})


# -- the directory -------------------------------------------------------------------------


@require_safe
@members_only
def directory(request):
    form = DirectoryFilterForm(request.GET or None, countries=selectors.directory_countries())
    filters = form.cleaned_data if form.is_valid() else {}
    data = selectors.directory_page(
        q=filters.get("q", ""),
        country=filters.get("country", ""),
        role=filters.get("role", ""),
        page=parse_page(request.GET.get("page")),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/directory.html",
        {
            **data,
            "form": form,
            "query": query.urlencode(),
            "filtered": bool(filters and any(filters.values())),
        },
    )


@require_safe
@members_only
def ministry_detail(request, country):
    ministry = selectors.ministry_page(country)
    if ministry is None:
        raise Http404
    return render(request, "members/ministry_detail.html", {"ministry": ministry})


@require_safe
@members_only
def member_vcard_view(request, pk):
    member = get_object_or_404(Member.objects.for_directory(), pk=pk)
    response = HttpResponse(member_vcard(member), content_type="text/vcard; charset=utf-8")
    name = slugify(str(member)) or f"member-{member.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.vcf"'
    return response


# -- communications --------------------------------------------------------------------------


@require_safe
@members_only
def communication_list(request):
    communications = selectors.communications_for(rules.communications_audience(request.user))
    page = Paginator(communications, 20).get_page(parse_page(request.GET.get("page")))
    return render(request, "members/communication_list.html", {"page": page})


@require_safe
@members_only
def communication_detail(request, pk):
    communications = selectors.communications_for(rules.communications_audience(request.user))
    communication = get_object_or_404(communications, pk=pk)
    return render(request, "members/communication_detail.html", {"communication": communication})


# -- the WhatsApp group ----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@members_only
def whatsapp(request):
    member = member_profile(request.user)
    group = WhatsAppGroup.get()
    entry = RosterEntry.objects.filter(member=member).first() if member else None
    form = RosterJoinForm(request.POST if request.POST.get("action") == "join" else None)
    if request.method == "POST" and member is not None:
        if request.POST.get("action") == "leave":
            services.roster_leave(member=member)
            messages.success(request, _("You left the WhatsApp group's roster."))
            return redirect("members:whatsapp")
        if form.is_valid():
            try:
                services.roster_request(member=member, accepted_rules=True)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("Thank you. The Secretariat will confirm your place in the group shortly."),
                )
                return redirect("members:whatsapp")
    country = member.ministry.country if member else None
    return render(
        request,
        "members/whatsapp.html",
        {
            "group": group,
            "entry": entry,
            "form": form,
            "member": member,
            "approved": entry is not None and entry.status == RosterStatus.APPROVED,
            "country": country,
            "places_taken": selectors.roster_places_taken(country.code) if country else 0,
            "max_per_country": WHATSAPP_MAX_PER_COUNTRY,
            "holds_place": entry is not None
            and entry.status in (RosterStatus.REQUESTED, RosterStatus.APPROVED),
        },
    )


# -- public ------------------------------------------------------------------------------------


@require_safe
@public_page("network")
def work_plan(request):
    return render(request, "members/work_plan.html", {"plans": selectors.work_plans_public()})


# -- the public country pages and the network at a glance ---------------------------------

GLANCE_SORTS = ("country",)


def _glance_params(request) -> dict:
    """?year=2024&sort=programs&dir=desc, each read strictly (anything else: the default)."""
    from rialgender import participation

    years = selectors.glance_years()
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if re.fullmatch(r"[0-9]{4}", raw_year) else None
    keys = [*GLANCE_SORTS, *(m.key for m in participation.measures())]
    sort = request.GET.get("sort", "")
    return {
        "year": year if year in years else None,
        "years": years,
        "sort": sort if sort in keys else "country",
        "descending": request.GET.get("dir") == "desc",
    }


def _sort_links(params, measures) -> dict:
    """For each column: the link that sorts by it (a second click reverses the order)."""
    links = {}
    for key in [*GLANCE_SORTS, *(m.key for m in measures)]:
        query = {"sort": key}
        if params["year"]:
            query["year"] = params["year"]
        # Figures read best largest first; names from A to Z.
        descending = key != "country"
        if params["sort"] == key:
            descending = not params["descending"]
        if descending:
            query["dir"] = "desc"
        links[key] = "?" + urlencode(query)
    return links


@require_safe
@public_page(participation.topics)
def network_glance(request):
    params = _glance_params(request)
    data = selectors.network_glance(
        year=params["year"], sort=params["sort"], descending=params["descending"]
    )
    export_query = urlencode({"year": params["year"]}) if params["year"] else ""
    links = _sort_links(params, data["measures"])
    return render(
        request,
        "members/network_glance.html",
        {**data, **params, "sort_links": links, "export_query": export_query,
         "columns": [{"key": m.key, "label": m.label, "link": links[m.key]}
                     for m in data["measures"]]},
    )  # fmt: skip


@require_safe
def network_glance_export(request, fmt):
    """The glance's table (for the year asked) as CSV or XLSX, for the Steering Committee's
    reports. Every cell is text or a number; text that a spreadsheet would read as a
    formula is neutralised."""
    params = _glance_params(request)
    data = selectors.network_glance(year=params["year"])
    header = [_("Country"), _("Ministry")]
    for measure in data["measures"]:
        header.append(str(measure.label))
        if measure.key in data["totals"]:
            header.append(_("%(measure)s: held") % {"measure": measure.label})
    rows = [header]
    for row in data["rows"]:
        line = [row["ministry"].country.name, row["ministry"].name]
        for cell in row["cells"]:
            line.append(cell["value"])
            if cell["total"] is not None:
                line.append(cell["total"])
        rows.append(line)
    period = str(params["year"]) if params["year"] else _("all-years")
    filename = f"rialgender-{slugify(_('network at a glance'))}-{period}"
    if fmt == "csv":
        return csv_response(rows, filename=f"{filename}.csv")
    return xlsx_response(rows, filename=f"{filename}.xlsx", sheet=_("At a glance"))


@require_safe
@public_page(participation.topics)
def country_detail(request, country):
    data = selectors.country_page(
        country, user=request.user, show_people=rules.can_see_directory(request.user)
    )
    if data is None:
        raise Http404
    return render(request, "members/country_detail.html", data)
