"""Who may do what with dialogues and workshops. Plain predicates on the shared roles
(rialgender.permissions) and the workflow's (rialgender.workflow); views and templates ask
these, never a group or `is_staff`."""

from members.models import SINGLE_SEAT_ROLES
from rialgender.permissions import is_member, is_secretariat, member_profile, user_ministry
from rialgender.workflow import can_view

# Registration statuses are compared as strings here, so that this module stays a leaf.
_CONFIRMED = "confirmed"


def can_view_event(user, event) -> bool:
    return can_view(user, event)


def is_focal_point(user) -> bool:
    """The two representatives of a ministry (constituent document, section 5)."""
    profile = member_profile(user)
    return profile is not None and profile.network_role in SINGLE_SEAT_ROLES


def can_register(user, event) -> bool:
    """Members register themselves while registration is open; the Secretariat registers
    anyone at any time (in the admin)."""
    if is_secretariat(user):
        return True
    return member_profile(user) is not None and event.registration_is_open()


def can_register_colleagues(user, event) -> bool:
    """A ministry's focal points also register colleagues of their ministry."""
    return can_register(user, event) and (is_secretariat(user) or is_focal_point(user))


def can_cancel(user, registration) -> bool:
    """The person registered, a focal point of the same ministry, the Secretariat."""
    if is_secretariat(user):
        return True
    if not registration.is_active or registration.event.has_ended():
        return False
    if user.is_authenticated and registration.user_id == user.pk:
        return True
    ministry = user_ministry(user)
    return ministry is not None and registration.ministry_id == ministry.pk and is_focal_point(user)


def can_see_link(user, event, registration=None) -> bool:
    """The connection link: confirmed registrants and the Secretariat, nobody else.
    `registration` is the reader's own registration, if any."""
    if is_secretariat(user):
        return True
    return registration is not None and registration.status == _CONFIRMED


def can_answer_questions(user, event) -> bool:
    """A member answers for their ministry until the deadline (or the start)."""
    from django.utils import timezone

    if user_ministry(user) is None or event.is_cancelled:
        return False
    deadline = event.questions_deadline or event.starts_at
    return timezone.now() < deadline


def can_read_answers(user, event) -> bool:
    """Every delegation's answers: the Secretariat; members once the event has ended."""
    return is_secretariat(user) or (is_member(user) and event.has_ended())


def can_see_participant_names(user) -> bool:
    """Counts are public; names are for members."""
    return is_member(user)


def can_update_progress(user, ministry) -> bool:
    """A country's progress on a recommendation: its ministry's members; the Secretariat."""
    if is_secretariat(user):
        return True
    own = user_ministry(user)
    return own is not None and ministry is not None and own.pk == ministry.pk
