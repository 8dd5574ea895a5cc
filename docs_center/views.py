from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from docs_center import dublin_core, rules
from docs_center.forms import ApprovalForm, FileForm, ResourceForm, ReviewForm
from docs_center.models import Resource, ResourceFile
from docs_center.search import SORTS, SearchParams, facet_options, search_resources
from docs_center.selectors import (
    areas_of,
    collection_for_page,
    collections_for_list,
    matching_pages,
    parameter_set_for_page,
    parameter_sets_for_list,
    parameters_in_force,
    resource_for_detail,
    review_of,
    workspace_resources,
)
from docs_center.services import (
    parameters_approve,
    resource_file_add,
    resource_file_remove,
    resource_save,
    review_save,
)
from rialgender.decorators import secretariat_only
from rialgender.models import AreaOfAction
from rialgender.pagecache import public_page
from rialgender.workflow import Action, WorkflowError, allowed_actions, transition
from rialgender.workspace import (
    WorkspacePages,
    edit_page,
    submit,
    workflow_context,
    workspace_ministry,
    workspace_object_or_404,
)

# -- public ----------------------------------------------------------------------------------


@require_safe
@public_page("docs_center", "network")
def document_list(request):
    params = SearchParams.from_querydict(request.GET)
    result = search_resources(params)
    areas = list(AreaOfAction.objects.all())
    return render(
        request,
        "docs_center/document_list.html",
        {"result": result, "params": params, "facets": facet_options(result, areas),
         "sorts": SORTS, "collections": collections_for_list(),
         "can_propose": rules.can_propose(request.user)},
    )  # fmt: skip


@require_safe
@public_page("docs_center", "network")
def resource_detail(request, pk):
    resource = resource_for_detail(pk)
    if resource is None or not rules.can_view_resource(request.user, resource):
        raise Http404
    q = SearchParams.from_querydict(request.GET).q
    areas = areas_of(resource)
    return render(
        request,
        "docs_center/resource_detail.html",
        {"resource": resource, "areas": areas, "q": q, "pages": matching_pages(resource, q),
         "can_review": rules.can_review(request.user),
         "dublin_core": dublin_core.elements(resource, areas=areas, files=resource.files.all())},
    )  # fmt: skip


@require_safe
@public_page("docs_center", "network")
def collection_detail(request, slug):
    collection, groups = collection_for_page(slug)
    if collection is None:
        raise Http404
    return render(
        request, "docs_center/collection_detail.html", {"collection": collection, "groups": groups}
    )


@require_safe
def parameters(request):
    """The inclusion parameters in force (public), and the versions before and after it."""
    include_drafts = rules.can_see_draft_parameters(request.user)
    return render(
        request,
        "docs_center/parameters.html",
        {"version": parameters_in_force(), "versions": parameter_sets_for_list(include_drafts)},
    )


@require_safe
def parameters_version(request, pk):
    """One version; a draft for the Steering Committee and the Secretariat only, with the
    button that records the Committee's approval."""
    version = parameter_set_for_page(pk)
    if version is None or not rules.can_view_parameters(request.user, version):
        raise Http404
    form = ApprovalForm()
    return render(
        request,
        "docs_center/parameters_version.html",
        {"version": version, "form": form,
         "can_approve": rules.can_approve_parameters(request.user, version)},
    )  # fmt: skip


@login_required
@require_POST
def parameters_approve_view(request, pk):
    version = parameter_set_for_page(pk)
    if version is None or not rules.can_approve_parameters(request.user, version):
        raise Http404
    form = ApprovalForm(request.POST)
    if form.is_valid():
        try:
            parameters_approve(
                parameter_set=version, by=request.user, approved_on=form.cleaned_data["approved_on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The approval was recorded: this version is now in force."))
            return redirect("docs_center:parameters")
    return render(
        request,
        "docs_center/parameters_version.html",
        {"version": version, "form": form, "can_approve": True},
        status=400,
    )


# -- the focal points' workspace -------------------------------------------------------------

PAGES = WorkspacePages(
    form_template="docs_center/resource_form.html",
    edit_url="docs_center:resource-edit",
    list_url="docs_center:workspace",
    submitted_message=gettext_lazy(
        "The resource was proposed. The Technical Secretariat will review it against the inclusion parameters and translate it."
    ),
)


def _form(request, instance=None, version=None, *, bound=True):
    parameters = version.parameter_list if version else []
    data = (request.POST or None) if bound else None
    return ResourceForm(data, instance=instance, parameters=parameters)


@login_required
def workspace(request):
    ministry = workspace_ministry(request)
    return render(
        request,
        "docs_center/workspace.html",
        {"ministry": ministry, "resources": workspace_resources(ministry)},
    )


@login_required
def resource_create(request):
    ministry = workspace_ministry(request)
    version = parameters_in_force()
    return edit_page(
        request, obj=None, form=_form(request, version=version), pages=PAGES,
        context={"resource": None, "version": version},
        save=lambda form: resource_save(form=form, ministry=ministry, by=request.user),
    )  # fmt: skip


@login_required
def resource_edit(request, pk):
    resource = workspace_object_or_404(
        request, Resource.objects.select_related("ministry").prefetch_related("files"), pk
    )
    version = parameters_in_force()
    return edit_page(
        request, obj=resource, form=_form(request, resource, version), pages=PAGES,
        context={"resource": resource, "version": version, "file_form": FileForm()},
        save=lambda form: resource_save(form=form, by=request.user),
    )  # fmt: skip


@login_required
@require_POST
def resource_submit(request, pk):
    resource = workspace_object_or_404(request, Resource.objects.all(), pk, for_edit=True)
    if not submit(request, resource):
        return redirect("docs_center:resource-edit", pk=pk)
    messages.success(request, PAGES.submitted_message)
    return redirect("docs_center:workspace")


@login_required
@require_POST
def file_add(request, pk):
    resource = workspace_object_or_404(
        request, Resource.objects.prefetch_related("files"), pk, for_edit=True
    )
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        resource_file_add(
            resource=resource, upload=form.cleaned_data["file"],
            language=form.cleaned_data["language"], content_type=form.content_type, by=request.user,
        )  # fmt: skip
        messages.success(
            request, _("The file was added. Its text will be searchable in a few minutes.")
        )
        return redirect("docs_center:resource-edit", pk=pk)
    version = parameters_in_force()
    return render(
        request,
        "docs_center/resource_form.html",
        {**workflow_context(request, resource),
         "form": _form(request, resource, version, bound=False),
         "pages": PAGES, "resource": resource, "version": version, "file_form": form},
        status=400,
    )  # fmt: skip


@login_required
@require_POST
def file_remove(request, pk):
    resource_file = get_object_or_404(ResourceFile.objects.select_related("resource"), pk=pk)
    workspace_object_or_404(
        request, Resource.objects.all(), resource_file.resource_id, for_edit=True
    )
    resource_id = resource_file.resource_id
    resource_file_remove(resource_file=resource_file)
    messages.success(request, _("The file was removed."))
    return redirect("docs_center:resource-edit", pk=resource_id)


# -- the Secretariat's review ----------------------------------------------------------------


def _review_context(request, resource, version, form):
    return {
        "resource": resource, "version": version, "form": form,
        "review": review_of(resource, version), "areas": areas_of(resource),
        "evidence": [(p, resource.evidence.get(str(p.pk), "")) for p in (version.parameter_list if version else [])],
        "can_publish": Action.PUBLISH in allowed_actions(request.user, resource),
        "blockers": resource.workflow_blockers(Action.PUBLISH),
    }  # fmt: skip


@secretariat_only
def resource_review(request, pk):
    """The Secretariat checks a resource against the inclusion parameters in force: pass or
    fail for each, with a note; then publishes it from here when nothing stops it."""
    resource = resource_for_detail(pk)
    if resource is None:
        raise Http404
    version = parameters_in_force()
    if version is None:
        return render(request, "docs_center/review.html", {"resource": resource, "version": None})
    review = review_of(resource, version)
    form = ReviewForm(request.POST or None, parameters=version.parameter_list, review=review)
    if request.method == "POST" and form.is_valid():
        review_save(
            resource=resource, parameter_set=version, reviewer=request.user,
            answers=form.answers(), note=form.cleaned_data["note"].strip(),
        )  # fmt: skip
        messages.success(request, _("The review was saved."))
        return redirect("docs_center:resource-review", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "docs_center/review.html", _review_context(request, resource, version, form),
        status=status,
    )  # fmt: skip


@secretariat_only
@require_POST
def resource_publish(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    try:
        transition(resource, Action.PUBLISH, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    except WorkflowError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("docs_center:resource-review", pk=pk)
    messages.success(request, _("The resource is published."))
    return redirect(resource.get_absolute_url())
