from rialgender.permissions import is_member, is_secretariat, user_ministry


def portal(request):
    """What every page's layout needs: the visitor's role, for the navigation."""
    user = getattr(request, "user", None)
    return {
        "is_member": is_member(user) if user else False,
        "is_secretariat": is_secretariat(user) if user else False,
        "has_ministry": user_ministry(user) is not None if user else False,
    }
