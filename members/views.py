from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.forms import InvitationAcceptForm, ProfileForm
from members.models import Invitation
from members.services import invitation_accept
from rialgender.permissions import member_profile


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
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to RIAL/GENDER. Please check your profile."))
            return redirect("members:me")
    return render(
        request, "members/invitation_accept.html", {"form": form, "invitation": invitation}
    )


@login_required
def profile_view(request):
    member = member_profile(request.user)
    if member is None:
        if request.user.is_staff:
            return redirect("admin:index")
        raise Http404
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("members:me")
    return render(request, "members/profile.html", {"form": form, "member": member})
