from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portfolio.exports import export_csv, export_xlsx
from portfolio.forms import AttachmentForm, ProgramForm
from portfolio.models import Program, ProgramAttachment
from portfolio.search import SORTS, SearchParams, facet_options, search_programs
from portfolio.selectors import (
    portfolio_at_a_glance,
    program_for_detail,
    related_programs,
    workspace_programs,
)
from portfolio.services import (
    attachment_add,
    attachment_delete,
    program_from_confirmation_token,
    program_save,
)
from portfolio.services import program_confirm as program_confirm_service
from rialgender.links import emailed_link
from rialgender.models import AreaOfAction
from rialgender.pagecache import every_topic, public_page
from rialgender.workflow import can_view
from rialgender.workspace import (
    WorkspacePages,
    edit_page,
    submit,
    workflow_context,
    workspace_ministry,
    workspace_object_or_404,
)

# -- public --------------------------------------------------------------------------------


@require_safe
@public_page("portfolio", "network")
def program_list(request):
    params = SearchParams.from_querydict(request.GET)
    result = search_programs(params)
    areas = list(AreaOfAction.objects.all())
    return render(
        request,
        "portfolio/program_list.html",
        {"result": result, "params": params, "facets": facet_options(result, areas),
         "sorts": SORTS},
    )  # fmt: skip


@require_safe
def export(request, fmt):
    params = SearchParams.from_querydict(request.GET)
    return export_csv(request, params) if fmt == "csv" else export_xlsx(request, params)


@require_safe
@public_page("portfolio", "network")
def glance(request):
    return render(request, "portfolio/glance.html", portfolio_at_a_glance())


@require_safe
@public_page(every_topic)  # other tools add sections to it (rialgender.sections)
def program_detail(request, pk):
    program = program_for_detail(pk)
    if program is None or not can_view(request.user, program):
        raise Http404
    return render(
        request,
        "portfolio/program_detail.html",
        {"program": program, "related": related_programs(program)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def program_confirm(request, token):
    """The link of the yearly reminder opens a page whose button confirms that the program is
    still current: opening the link changes nothing (mail scanners open every link)."""
    program = program_from_confirmation_token(token)
    return emailed_link(
        request, program, act=lambda: program_confirm_service(program=program),
        page="portfolio/confirm.html", done="portfolio/confirm_done.html",
        invalid="portfolio/confirm_invalid.html", context={"program": program},
    )  # fmt: skip


# -- the focal points' workspace -----------------------------------------------------------

PAGES = WorkspacePages(
    form_template="portfolio/program_form.html",
    edit_url="portfolio:program-edit",
    list_url="portfolio:workspace",
    submitted_message=gettext_lazy(
        "The program was submitted. The Technical Secretariat will review it and translate it."
    ),
)


def _attachment_context(request, program, attachment_form=None) -> dict:
    return {"program": program, "attachment_form": attachment_form or AttachmentForm()}


@login_required
def workspace(request):
    ministry = workspace_ministry(request)
    return render(
        request,
        "portfolio/workspace.html",
        {"ministry": ministry, "programs": workspace_programs(ministry)},
    )


@login_required
def program_create(request):
    ministry = workspace_ministry(request)
    form = ProgramForm(request.POST or None)
    return edit_page(
        request, obj=None, form=form, pages=PAGES, context={"program": None},
        save=lambda form: program_save(ministry=ministry, data=form.cleaned_data, by=request.user),
    )  # fmt: skip


@login_required
def program_edit(request, pk):
    program = workspace_object_or_404(request, Program.objects.select_related("ministry"), pk)
    form = ProgramForm(request.POST or None, instance=program)
    return edit_page(
        request, obj=program, form=form, pages=PAGES,
        context=_attachment_context(request, program),
        save=lambda form: program_save(program=program, data=form.cleaned_data, by=request.user),
    )  # fmt: skip


@login_required
@require_POST
def program_submit(request, pk):
    program = workspace_object_or_404(request, Program.objects.all(), pk, for_edit=True)
    if not submit(request, program):
        return redirect("portfolio:program-edit", pk=pk)
    messages.success(request, PAGES.submitted_message)
    return redirect("portfolio:workspace")


@login_required
@require_POST
def attachment_create(request, pk):
    program = workspace_object_or_404(request, Program.objects.all(), pk, for_edit=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attachment_add(program=program, by=request.user, **form.cleaned_data)
        messages.success(request, _("The file was added."))
        return redirect("portfolio:program-edit", pk=pk)
    return render(
        request,
        "portfolio/program_form.html",
        {**workflow_context(request, program), "form": ProgramForm(instance=program),
         "pages": PAGES, **_attachment_context(request, program, form)},
        status=400,
    )  # fmt: skip


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = get_object_or_404(ProgramAttachment.objects.select_related("program"), pk=pk)
    workspace_object_or_404(request, Program.objects.all(), attachment.program_id, for_edit=True)
    program_id = attachment.program_id
    attachment_delete(attachment=attachment)
    messages.success(request, _("The file was removed."))
    return redirect("portfolio:program-edit", pk=program_id)
