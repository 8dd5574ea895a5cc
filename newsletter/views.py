from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from newsletter import rules, selectors, services, tokens
from newsletter.forms import NewsItemForm, PreferencesForm, SubscribeForm
from newsletter.models import NewsItem, SubscriberStatus
from rialgender.http import rate_limit_key
from rialgender.links import emailed_link
from rialgender.params import parse_page
from rialgender.workspace import (
    WorkspacePages,
    edit_page,
    submit,
    workspace_ministry,
    workspace_object_or_404,
)

# -- public: the archive, news, subscription ------------------------------------------------


@require_safe
def edition_list(request):
    page = Paginator(selectors.edition_archive(), 20).get_page(parse_page(request.GET.get("page")))
    return render(
        request,
        "newsletter/edition_list.html",
        {"page": page, "form": SubscribeForm(initial={"language": request.LANGUAGE_CODE})},
    )


@require_safe
def edition_detail(request, number):
    edition = selectors.edition_for_page(number)
    if edition is None:
        raise Http404
    return render(
        request,
        "newsletter/edition_detail.html",
        {"edition": edition, "sections": selectors.sections(edition)},
    )


@require_safe
def news_list(request):
    page = Paginator(selectors.news_list(), 20).get_page(parse_page(request.GET.get("page")))
    return render(request, "newsletter/news_list.html", {"page": page})


@require_safe
def news_detail(request, pk):
    item = selectors.news_for_detail(pk)
    if item is None or not rules.can_view_news(request.user, item):
        raise Http404
    return render(request, "newsletter/news_detail.html", {"item": item})


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST":
        key = f"newsletter-signup:{rate_limit_key(request)}"
        attempts = cache.get_or_set(key, 0, 3600)
        if attempts >= settings.NEWSLETTER_SIGNUPS_PER_HOUR:
            form.add_error(
                None, _("Too many sign-ups from your connection. Please try again in an hour.")
            )
            return render(request, "newsletter/subscribe.html", {"form": form}, status=429)
        if form.is_valid():
            cache.incr(key)
            if not form.cleaned_data["website"]:
                services.subscription_request(
                    email=form.cleaned_data["email"], language=form.cleaned_data["language"]
                )
            return redirect("newsletter:subscribe-sent")
    return render(request, "newsletter/subscribe.html", {"form": form})


@require_safe
def subscribe_sent(request):
    return render(request, "newsletter/subscribe_sent.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link of the confirmation e-mail opens a page whose button confirms: opening the
    link changes nothing (mail scanners open every link)."""
    subscriber = tokens.subscriber_from_confirm_token(token)
    if subscriber is not None and subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        subscriber = None  # an old confirmation link does not undo an unsubscription
    return emailed_link(
        request, subscriber, act=lambda: services.subscription_confirm(subscriber=subscriber),
        page="newsletter/confirm.html", done="newsletter/confirmed.html",
        invalid="newsletter/link_invalid.html",
        context={"preferences_token": subscriber and tokens.preferences_token(subscriber)},
    )  # fmt: skip


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    subscriber = tokens.subscriber_from_preferences_token(token)
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    form = PreferencesForm(request.POST or None, initial={"language": subscriber.language})
    if request.method == "POST":
        if "unsubscribe" in request.POST:
            services.subscription_cancel(subscriber=subscriber)
            return render(request, "newsletter/unsubscribed.html", {"token": token})
        if "resubscribe" in request.POST:
            services.subscription_confirm(subscriber=subscriber)
            messages.success(request, _("You are subscribed again."))
            return redirect("newsletter:preferences", token=token)
        if form.is_valid():
            services.subscription_set_language(
                subscriber=subscriber, language=form.cleaned_data["language"]
            )
            messages.success(request, _("Your preferences were saved."))
            return redirect("newsletter:preferences", token=token)
    return render(
        request,
        "newsletter/preferences.html",
        {"form": form, "subscriber": subscriber, "token": token},
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a CSRF token.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """One click from the e-mail: GET shows a button (link scanners must not unsubscribe
    anyone); POST, from the page or from the mail client, unsubscribes."""
    subscriber = tokens.subscriber_from_preferences_token(token)
    return emailed_link(
        request, subscriber, act=lambda: services.subscription_cancel(subscriber=subscriber),
        page="newsletter/unsubscribe.html", done="newsletter/unsubscribed.html",
        invalid="newsletter/link_invalid.html", context={"token": token},
    )  # fmt: skip


# -- the focal points' news ------------------------------------------------------------------

PAGES = WorkspacePages(
    form_template="newsletter/news_form.html",
    edit_url="newsletter:news-edit",
    list_url="newsletter:news-workspace",
    submitted_message=gettext_lazy(
        "The news item was submitted. The Technical Secretariat will review it and translate it."
    ),
)


@login_required
def news_workspace(request):
    ministry = workspace_ministry(request)
    return render(
        request,
        "newsletter/news_workspace.html",
        {"ministry": ministry, "items": selectors.news_of_ministry(ministry)},
    )


@login_required
def news_create(request):
    ministry = workspace_ministry(request)
    form = NewsItemForm(request.POST or None, request.FILES or None)
    return edit_page(
        request, obj=None, form=form, pages=PAGES, context={"item": None},
        save=lambda form: services.news_save(ministry=ministry, data=form.cleaned_data),
    )  # fmt: skip


@login_required
def news_edit(request, pk):
    item = workspace_object_or_404(request, NewsItem.objects.select_related("ministry"), pk)
    form = NewsItemForm(request.POST or None, request.FILES or None, instance=item)
    return edit_page(
        request, obj=item, form=form, pages=PAGES, context={"item": item},
        save=lambda form: services.news_save(item=item, data=form.cleaned_data),
    )  # fmt: skip


@login_required
@require_POST
def news_submit(request, pk):
    item = workspace_object_or_404(request, NewsItem.objects.all(), pk, for_edit=True)
    if not submit(request, item):
        return redirect("newsletter:news-edit", pk=pk)
    messages.success(request, PAGES.submitted_message)
    return redirect("newsletter:news-workspace")
