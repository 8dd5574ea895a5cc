"""Who may do what with cooperation: plain predicates on the shared roles and the workflow.

- Parties: the members of the requesting and of the providing ministry. Both draft, edit
  (while draft or returned), confirm, comment; the providing ministry may decline.
- Reviewers: the people the Secretariat named on the call, when they are Secretariat staff or
  members of the Steering Committee in office; never for a request that involves their own
  country (recused automatically: the request does not exist for them).
- The Secretariat sees everything, ranks and decides.
"""

from rialgender.permissions import (
    is_member,
    is_secretariat,
    is_steering_committee,
    user_ministry,
)
from rialgender.workflow import State, can_view, is_author, may_act

REVIEWABLE_STATES = {State.SUBMITTED, State.PUBLISHED}


def party_ministry(user, request):
    """The ministry through which `user` is a party to `request`, or None."""
    ministry = user_ministry(user)
    if ministry is not None and ministry.pk in request.party_ministry_ids():
        return ministry
    return None


def is_party(user, request) -> bool:
    return party_ministry(user, request) is not None


def can_see_offers_and_needs(user) -> bool:
    return is_member(user)


def can_manage_listing(user, listing) -> bool:
    """A ministry's offers and needs are edited by its members and the Secretariat."""
    if is_secretariat(user):
        return True
    ministry = user_ministry(user)
    return ministry is not None and ministry.pk == listing.ministry_id


def can_start_request(user) -> bool:
    """Requests are drafted by the requesting ministry's focal points."""
    return user_ministry(user) is not None


def can_invite(user, request) -> bool:
    """The requesting ministry invites the providing one to read and confirm its draft."""
    ministry = user_ministry(user)
    return (
        ministry is not None
        and ministry.pk == request.requesting_ministry_id
        and request.is_editable_by_authors
    )


def can_confirm(user, request) -> bool:
    return is_party(user, request) and request.is_editable_by_authors


def can_decline(user, request) -> bool:
    """The providing ministry may say no to what it was asked."""
    ministry = user_ministry(user)
    return (
        ministry is not None
        and ministry.pk == request.providing_ministry_id
        and request.is_editable_by_authors
    )


def can_comment(user, request) -> bool:
    return may_act(user, request)


def is_recused(user, request) -> bool:
    """A reviewer from the country of either party never reviews the request."""
    ministry = user_ministry(user)
    return ministry is not None and str(ministry.country) in request.party_countries()


def may_be_reviewer(user) -> bool:
    """Who the Secretariat may name as a reviewer: its own staff and the Steering Committee."""
    return is_secretariat(user) or is_steering_committee(user)


def can_review(user, request, *, reviewer_ids=None) -> bool:
    """Named on the call, still eligible, not recused, and the request is under review.
    `reviewer_ids` saves the query when the caller already has the call's reviewers."""
    if request.state not in REVIEWABLE_STATES or not may_be_reviewer(user):
        return False
    if reviewer_ids is None:
        reviewer_ids = set(request.call.reviewers.values_list("pk", flat=True))
    return user.pk in reviewer_ids and not is_recused(user, request)


def can_decide(user) -> bool:
    return is_secretariat(user)


def can_follow_up(user, request) -> bool:
    """Activities, reports and results of a selected project: its two ministries."""
    return request.is_selected and (is_author(user, request) or is_secretariat(user))


def can_see_follow_up(user, request) -> bool:
    return request.is_selected and may_act(user, request)


def can_see_project(user, request) -> bool:
    return can_view(user, request)
