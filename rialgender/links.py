"""Links in e-mails, one way for every tool: opening a link changes nothing (mail scanners
open every link they see); the page it opens has a button that POSTs, and the POST makes the
change through a service. A link whose token is forged, expired or spent opens a page that
says so, with a 404.

    @require_http_methods(["GET", "HEAD", "POST"])
    def program_confirm(request, token):
        program = program_from_confirmation_token(token)
        return emailed_link(
            request, program, act=lambda: program_confirm_service(program=program),
            page="portfolio/confirm.html", done="portfolio/confirm_done.html",
            invalid="portfolio/confirm_invalid.html", context={"program": program},
        )
"""

from collections.abc import Callable

from django.shortcuts import render


def emailed_link(
    request,
    obj,
    *,
    act: Callable[[], object],
    page: str,
    done: str,
    invalid: str,
    context: dict | None = None,
):
    """`invalid` (404) when `obj` is None; on GET, `page` (its button POSTs here); on POST,
    `act()` then `done`. Both pages get `context`."""
    if obj is None:
        return render(request, invalid, status=404)
    if request.method != "POST":
        return render(request, page, context)
    act()
    return render(request, done, context)
