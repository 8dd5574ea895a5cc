"""Reads for the shared pages (home, about)."""

from members.models import Ministry
from rialgender.models import AreaOfAction


def home_page_data() -> dict:
    """The home page: what is new in each tool (one query a section), the areas of action
    and how many ministries take part (2 queries)."""
    from rialgender import home_sections

    return {
        "sections": home_sections.sections(),
        "areas": list(AreaOfAction.objects.active()),
        "ministry_count": Ministry.objects.filter(is_active=True).count(),
    }


def about_page_data() -> dict:
    """The about page: the areas of action, the participating ministries and the Steering
    Committee in office and before (4 queries)."""
    from members.selectors import committees_for_about

    current, past = committees_for_about()
    return {
        "areas": list(AreaOfAction.objects.active()),
        "ministries": sorted(Ministry.objects.filter(is_active=True), key=lambda m: m.country.name),
        "committee": current,
        "past_committees": past,
    }
