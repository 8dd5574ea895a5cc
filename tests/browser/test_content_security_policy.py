"""The pages people use, in Chromium, under the Content-Security-Policy: not one violation,
and the scripts that were inline (or in handlers) still do their work."""

import pytest
from django.utils import timezone

from members.models import Communication
from newsletter.models import Edition, NewsItem
from portfolio.models import ProgramAttachment
from rialgender.workflow import State
from tests.browser.test_portfolio_flow import SECRET, _login
from tests.factories import PDF_BYTES, MemberFactory, MinistryFactory, png_bytes
from tests.portfolio.factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    """Every report of a blocked resource, inline script or style, on this page."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return seen


def _visit(page, url):
    response = page.goto(url)
    assert response.status < 400, f"{url}: {response.status}"
    page.wait_for_load_state("load")


def test_public_and_members_pages_run_under_the_policy(live_server, page, browser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    program = published(ministry=MinistryFactory(country="AR"), title_en="Care systems")
    ProgramAttachment.objects.create(
        program=program, file=SimpleUploadedFile("report.pdf", PDF_BYTES), title="Report"
    )
    item = NewsItem.objects.create(
        ministry=program.ministry, title_en="Care week", title_es="Semana", body_en="x",
        body_es="x", state=State.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    item.image.save("photo.png", SimpleUploadedFile("photo.png", png_bytes()))
    member = MemberFactory(ministry=program.ministry)
    base = live_server.url
    violations = _watch(page)
    for path in (
        "/en/", "/es/", "/en/about/", "/en/portfolio/", "/es/portafolio/?q=cuidados",
        f"/en/portfolio/programs/{program.pk}/", "/en/portfolio/at-a-glance/",
        "/en/newsletter/", f"/en/newsletter/news/{item.pk}/", "/en/accounts/login/",
        "/es/cuentas/login/", "/en/accounts/password/reset/", "/en/countries/",
        "/es/paises/ar/", "/api/v1/docs/", "/api/v1/docs/?lang=es",
    ):  # fmt: skip
        _visit(page, f"{base}{path}")
    # The news image comes through the permission-checked file view, allowed by img-src.
    _visit(page, f"{base}/en/newsletter/news/{item.pk}/")
    # The image is lazy: "load" may come before it does.
    page.locator("img.news-image").scroll_into_view_if_needed()
    # A lazy image that has not started loading may already say "complete": wait for its
    # pixels instead (a refused image never gets any, and the wait fails).
    page.wait_for_function("document.querySelector('img.news-image').naturalWidth > 0")
    assert page.evaluate("document.querySelector('img.news-image').naturalWidth") == 1
    _login(page, base, member.user.email)
    for path in ("/en/members/", "/en/members/my-profile/", "/en/portfolio/my-ministry/new/",
                 "/en/newsletter/my-ministry-news/new/", "/en/accounts/2fa/"):  # fmt: skip
        _visit(page, f"{base}{path}")
    assert violations == []


def test_the_secretariats_admin_pages_run_under_the_policy(live_server, browser, secretariat):
    program = published(ministry=MinistryFactory(country="AR"), title_en="Care systems")
    MemberFactory(ministry=program.ministry)
    now = timezone.now()
    edition = Edition.objects.create(
        number=1, period_start=now, period_end=now, introduction_en="Hello",
        introduction_es="Hola",
    )  # fmt: skip
    communication = Communication.objects.create(
        subject_en="Invitation", subject_es="Invitación", body_en="Dear all", body_es="Estimadas"
    )
    base = live_server.url
    page = browser.new_page()
    violations = _watch(page)
    _login(page, base, secretariat.email, totp=SECRET)
    admin = f"{base}/en/admin"
    for path in (
        "/", "/portfolio/program/", f"/portfolio/program/{program.pk}/change/",
        f"/portfolio/program/{program.pk}/history/", "/portfolio/program/import/",
        "/newsletter/newsitem/add/", "/members/member/", "/members/member/add/",
        f"/members/communication/{communication.pk}/change/",
        f"/members/communication/{communication.pk}/preview/",
        f"/newsletter/edition/{edition.pk}/change/", f"/newsletter/edition/{edition.pk}/preview/",
        "/members/ministry/", "/django_celery_beat/periodictask/",
    ):  # fmt: skip
        _visit(page, f"{admin}{path}")

    # The change list's actions: "select all" is the admin's own script.
    _visit(page, f"{admin}/portfolio/program/")
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select").first.is_checked()

    # The export page's "select all" box, wired by our script instead of an onchange handler.
    _visit(page, f"{admin}/members/member/export/")
    page.locator("input.select-toggle").uncheck()
    boxes = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert boxes.count() > 0 and not any(boxes.nth(i).is_checked() for i in range(boxes.count()))

    # The e-mail preview's frame shows the e-mail with its own styles.
    _visit(page, f"{admin}/newsletter/edition/{edition.pk}/preview/")
    frame = page.frame_locator('section[lang="es"] iframe')
    assert "Hola" in frame.locator("body").inner_text()
    assert violations == [], "\n".join(violations)
