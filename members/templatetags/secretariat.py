from django import template

from members.models import RosterEntry, RosterStatus
from members.selectors import ministries_missing_representatives

register = template.Library()


@register.inclusion_tag("admin/members/todo.html")
def secretariat_todo():
    """The Secretariat's to-do on the admin's home page (2 queries)."""
    return {
        "incomplete": list(ministries_missing_representatives()),
        "roster_requests": RosterEntry.objects.filter(status=RosterStatus.REQUESTED).count(),
    }
