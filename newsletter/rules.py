"""Who may do what with news from the units (the newsletter's editions and subscriptions
belong to the Secretariat's admin and to each subscriber's signed links)."""

from rialgender.workflow import can_view


def can_view_news(user, item) -> bool:
    return can_view(user, item)
