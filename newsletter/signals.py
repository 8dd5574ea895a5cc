"""Members are subscribed in their preferred language; an opt-out sticks."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from members.models import Member


@receiver(post_save, sender=Member, dispatch_uid="newsletter.subscribe_member")
def subscribe_member(sender, instance, created, raw=False, **kwargs):
    if raw or instance.deactivated_at is not None:
        return
    from newsletter.services import subscriber_for_member

    subscriber_for_member(member=instance)
