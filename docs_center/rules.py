"""Who may do what in the documentation center. Views ask these and pass booleans to the
templates."""

from rialgender.permissions import is_secretariat, is_steering_committee, user_ministry
from rialgender.workflow import can_view


def can_propose(user) -> bool:
    """Members propose resources for their ministry from their workspace."""
    return user_ministry(user) is not None


def can_view_resource(user, resource) -> bool:
    return can_view(user, resource)


def can_review(user, resource=None) -> bool:
    """The Secretariat reviews resources against the inclusion parameters."""
    return is_secretariat(user)


def can_draft_parameters(user) -> bool:
    return is_secretariat(user)


def can_see_draft_parameters(user) -> bool:
    """Drafts of the parameters are for the Steering Committee and the Secretariat."""
    return is_steering_committee(user)


def can_view_parameters(user, parameter_set) -> bool:
    """An approved version is public; a draft is for those who approve it."""
    return parameter_set.is_approved or can_see_draft_parameters(user)


def can_approve_parameters(user, parameter_set) -> bool:
    """The Steering Committee approves a draft version (the Secretariat may record an
    approval the Committee agreed in a meeting)."""
    return is_steering_committee(user) and not parameter_set.is_approved
