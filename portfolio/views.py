from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

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
from rialgender.models import AreaOfAction
from rialgender.permissions import user_ministry
from rialgender.workflow import Action, allowed_actions, can_edit, can_view, history
from rialgender.workflow_views import ministry_or_404, submit_for_review

# -- public --------------------------------------------------------------------------------


@require_GET
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


@require_GET
def export(request, fmt):
    params = SearchParams.from_querydict(request.GET)
    return export_csv(request, params) if fmt == "csv" else export_xlsx(request, params)


@require_GET
def glance(request):
    return render(request, "portfolio/glance.html", portfolio_at_a_glance())


@require_GET
def program_detail(request, pk):
    program = program_for_detail(pk)
    if program is None or not can_view(request.user, program):
        raise Http404
    return render(
        request,
        "portfolio/program_detail.html",
        {"program": program, "related": related_programs(program)},
    )


@require_GET
def program_confirm(request, token):
    """The one-click link of the yearly reminder: the program is still current."""
    program = program_from_confirmation_token(token)
    if program is None:
        return render(request, "portfolio/confirm_invalid.html", status=404)
    program_confirm_service(program=program)
    return render(request, "portfolio/confirm_done.html", {"program": program})


# -- the focal points' workspace -----------------------------------------------------------


def _own_program(request, pk, *, for_edit=False) -> Program:
    """The program if this person may see (or edit) it; otherwise it does not exist (404)."""
    program = get_object_or_404(Program.objects.select_related("ministry"), pk=pk)
    if not can_view(request.user, program) or (
        program.ministry_id != getattr(user_ministry(request.user), "pk", None)
        and not request.user.is_staff
    ):
        raise Http404
    if for_edit and not can_edit(request.user, program):
        raise Http404
    return program


@login_required
def workspace(request):
    ministry = ministry_or_404(request.user)
    return render(
        request,
        "portfolio/workspace.html",
        {"ministry": ministry, "programs": workspace_programs(ministry)},
    )


@login_required
def program_create(request):
    ministry = ministry_or_404(request.user)
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = program_save(form=form, ministry=ministry, by=request.user)
        messages.success(
            request, _("The draft was saved. You can add files and submit it when it is ready.")
        )
        return redirect("portfolio:program-edit", pk=program.pk)
    return render(request, "portfolio/program_form.html", {"form": form, "program": None})


@login_required
def program_edit(request, pk):
    program = _own_program(request, pk)
    if not can_edit(request.user, program):
        # Under review or published: the authors see it, read-only, with its state.
        return render(
            request,
            "portfolio/program_readonly.html",
            {"program": program, "steps": history(program)},
        )
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST":
        if form.is_valid():
            program = program_save(form=form, by=request.user)
            if "submit" in request.POST:
                return program_submit(request, pk)
            messages.success(request, _("The draft was saved."))
            return redirect("portfolio:program-edit", pk=program.pk)
        messages.error(
            request, _("Please correct the fields marked below; nothing you typed was lost.")
        )
    return render(
        request,
        "portfolio/program_form.html",
        {"form": form, "program": program, "attachment_form": AttachmentForm(),
         "can_submit": Action.SUBMIT in allowed_actions(request.user, program),
         "steps": history(program)},
    )  # fmt: skip


@login_required
@require_POST
def program_submit(request, pk):
    program = _own_program(request, pk, for_edit=True)
    if not submit_for_review(request, program):
        return redirect("portfolio:program-edit", pk=pk)
    messages.success(
        request,
        _("The program was submitted. The Technical Secretariat will review it and translate it."),
    )
    return redirect("portfolio:workspace")


@login_required
@require_POST
def attachment_create(request, pk):
    program = _own_program(request, pk, for_edit=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attachment_add(program=program, form=form, by=request.user)
        messages.success(request, _("The file was added."))
        return redirect("portfolio:program-edit", pk=pk)
    return render(
        request,
        "portfolio/program_form.html",
        {"form": ProgramForm(instance=program), "program": program, "attachment_form": form,
         "can_submit": Action.SUBMIT in allowed_actions(request.user, program),
         "steps": history(program)},
        status=400,
    )  # fmt: skip


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = get_object_or_404(ProgramAttachment.objects.select_related("program"), pk=pk)
    _own_program(request, attachment.program_id, for_edit=True)
    program_id = attachment.program_id
    attachment_delete(attachment=attachment)
    messages.success(request, _("The file was removed."))
    return redirect("portfolio:program-edit", pk=program_id)
