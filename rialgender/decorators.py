"""View decorators every app shares, built on the role predicates of rialgender.permissions."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from rialgender.permissions import is_member, is_secretariat


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def members_only(view):
    """Members' pages: anonymous visitors are asked to log in; anyone else signed in who is
    not a member gets a 404. The answers are private and kept out of search engines."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            raise Http404
        return _private(view(request, *args, **kwargs))

    return wrapper


def secretariat_only(view):
    """The Secretariat's pages outside the admin: anonymous visitors are asked to log in;
    everyone else gets a 404 (the page does not exist for them)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise Http404
        return _private(view(request, *args, **kwargs))

    return wrapper
