"""What the focal points' pages of every tool share around the workflow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from rialgender.permissions import user_ministry
from rialgender.workflow import Action, transition


def ministry_or_404(user):
    """The ministry whose workspace this person has; outsiders get a 404."""
    ministry = user_ministry(user)
    if ministry is None:
        raise Http404
    return ministry


def submit_for_review(request, obj) -> bool:
    """Submit from a workspace page. A person who may not submit it gets a 404; what stops
    the submission (a missing title...) becomes an error message. True when submitted."""
    try:
        transition(obj, Action.SUBMIT, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True
