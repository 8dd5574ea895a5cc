"""Workflow histories for demo content created straight in its state, so that what the
workspace and the admin show matches it: a submitted item has its submit step, a returned
one its submit and return (with the comment) steps, a published one its submit and publish
steps."""

import datetime

from django.contrib.contenttypes.models import ContentType

from rialgender.workflow import Action, State, Transition

# How long the Secretariat took, in the demo, between a submission and its publication.
REVIEW_DAYS = 6


def record_demo_history(obj, *, author, secretariat) -> int:
    """Write the steps `obj`'s state implies, once (nothing if it has a history already).
    `author` (a user of the authoring ministry, or None) submits; the Secretariat publishes.
    Returns the number of steps written."""
    content_type = ContentType.objects.get_for_model(obj)
    submitted = None
    if obj.state in (State.SUBMITTED, State.RETURNED, State.PUBLISHED):
        submitted = obj.submitted_at or obj.published_at - datetime.timedelta(days=REVIEW_DAYS)
        if obj.submitted_at is None:
            # As `transition` would have set it (also in a database loaded before this was
            # written); an update, so the content's date stays.
            type(obj).objects.filter(pk=obj.pk).update(submitted_at=submitted)
    if Transition.objects.filter(content_type=content_type, object_id=obj.pk).exists():
        return 0
    steps = []
    if submitted is not None:
        steps.append((Action.SUBMIT, State.DRAFT, State.SUBMITTED, author, submitted))
    if obj.state == State.RETURNED:
        # Returned the day after, with the comment the authors read.
        returned = submitted + datetime.timedelta(days=1)
        steps.append((Action.RETURN, State.SUBMITTED, State.RETURNED, secretariat, returned))
    if obj.state == State.PUBLISHED:
        steps.append((Action.PUBLISH, State.SUBMITTED, State.PUBLISHED, secretariat, obj.published_at))  # fmt: skip
    Transition.objects.bulk_create(
        [
            Transition(
                content_type=content_type,
                object_id=obj.pk,
                action=action,
                from_state=source,
                to_state=target,
                by=by,
                at=at,
                comment=obj.review_comment if action == Action.RETURN else "",
            )  # fmt: skip
            for action, source, target, by, at in steps
        ]
    )
    return len(steps)
