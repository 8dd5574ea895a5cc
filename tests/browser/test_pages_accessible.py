"""Every page a role can reach, in both languages: no serious or critical accessibility
violation found by axe-core, and nothing wider than a 320 px phone.

The pages come from the URL x persona table (tests/<app>/url_access.py): every GET row that
answers a persona 200 with HTML, so a new page is checked the day its row is written. Each
page is opened as the public (when it is public) and as a member of the owning ministry
(when members see it), else as the one role that may see it (the Steering Committee, the
Secretariat). The Secretariat's admin pages and allauth's pages are listed here.

axe-core is vendored in tests/browser/vendor/ (see the README there): nothing is downloaded.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.url_access import load_tables, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1366, "height": 900}
FAILING_IMPACTS = {"serious", "critical"}

# Pages that are not in the table: allauth's (same for everyone) and the Secretariat's admin.
EXTRA = {
    "anonymous": ["account_login", "account_reset_password"],
    "own": ["account_change_password", "mfa_index"],
    "secretariat": [
        "admin:index",
        "admin:portfolio_program_changelist",
        "admin:newsletter_edition_changelist",
        "admin:newsletter_newsitem_changelist",
        "admin:members_member_changelist",
        "admin:docs_center_resource_changelist",
        "admin:cooperation_call_changelist",
        "admin:cooperation_cooperationrequest_changelist",
    ],
}
# The pages of each tool that must be among those checked: a table row lost (a 404 fixture,
# a page that stopped answering HTML) would otherwise pass unseen.
MUST_CHECK = {
    "home", "about", "privacy", "accessibility", "portfolio:program-list",
    "portfolio:program-detail", "portfolio:glance", "portfolio:workspace",
    "portfolio:program-edit", "network:glance", "network:country-detail",
    "members:home", "members:directory", "members:ministry-detail",
    "docs_center:document-list", "docs_center:resource-detail", "docs_center:workspace",
    "docs_center:resource-edit", "cooperation:project-list", "cooperation:project-detail",
    "cooperation:call-detail", "cooperation:listing-list", "cooperation:workspace",
    "cooperation:request-edit", "newsletter:news-list", "newsletter:edition-detail",
    "newsletter:news-workspace", "api:docs",
}  # fmt: skip

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary),
  }));
}"""
WIDTH = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def _pages(world, objects_by_app, tables):
    """(persona, url name, url per language) for every HTML page of the table."""
    pages = []
    client = Client()
    for name, (module, row) in sorted(tables.items()):
        if row.get is None:
            continue
        statuses = row.get
        personas = [p for p in ("anonymous", "own") if statuses.get(p) == 200]
        if "own" not in personas:
            personas += [p for p in ("committee", "secretariat") if statuses.get(p) == 200][:1]
        if not personas:
            continue
        kwargs = row.kwargs(objects_by_app[module.__name__]) if row.kwargs else {}
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                url = reverse(name, kwargs=kwargs)
            urls[language] = f"{url}?{row.query}" if row.query else url
        # Only HTML pages: feeds, exports, downloads and robots.txt are for other readers.
        user = world.users[personas[0]]
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(urls["en"])
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages.extend((persona, name, urls) for persona in personas)
    for persona, names in EXTRA.items():
        for name in names:
            urls = {}
            for language in LANGUAGES:
                with translation.override(language):
                    urls[language] = reverse(name)
            pages.append((persona, name, urls))
    return pages


def _session_cookie(user, base_url):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}


def test_every_page_is_accessible_and_fits_a_phone(live_server, browser):
    world = make_world()
    tables = load_tables()
    objects_by_app = {}
    for module, _row in tables.values():
        if module.__name__ not in objects_by_app:
            objects_by_app[module.__name__] = module.objects(world)
    pages = _pages(world, objects_by_app, tables)
    missing = MUST_CHECK - {name for _persona, name, _urls in pages}
    assert not missing, f"pages not checked: {sorted(missing)}"
    problems = []
    checked = 0

    def check_axe(page, where):
        seen = set()
        for violation in page.evaluate(AXE_RUN):
            if violation["impact"] in FAILING_IMPACTS and violation["id"] not in seen:
                seen.add(violation["id"])
                nodes = "\n    ".join(violation["nodes"])
                problems.append(
                    f"{where}: {violation['impact']} {violation['id']} ({violation['help']})"
                    f"\n    {nodes}"
                )

    for persona in ("anonymous", "own", "committee", "secretariat"):
        mine = [(name, urls) for who, name, urls in pages if who == persona]
        if not mine:
            continue
        context = browser.new_context(viewport=PHONE)
        # axe comes with every page as an init script: the page's CSP stays as it is.
        context.add_init_script(path=str(AXE))
        user = world.users[persona]
        if user is not None:
            context.add_cookies([_session_cookie(user, live_server.url)])
        page = context.new_page()
        for index, (_name, urls) in enumerate(mine):
            for language in LANGUAGES:
                where = f"{urls[language]} as {persona}"
                page.set_viewport_size(PHONE)
                response = page.goto(live_server.url + urls[language])
                if response.status != 200:
                    problems.append(f"{where}: status {response.status}")
                    continue
                scroll_width, client_width = page.evaluate(WIDTH)
                if scroll_width > client_width:
                    problems.append(f"{where}: {scroll_width} px wide on a 320 px phone")
                if index == 0:
                    # What only a phone shows (the Menu button, the navigation it opens) is
                    # the same on every page: checked on the first.
                    page.locator("#nav-toggle").click()
                    wide = scroll_width > client_width
                    scroll_width, client_width = page.evaluate(WIDTH)
                    if scroll_width > client_width and not wide:
                        problems.append(f"{where}: {scroll_width} px wide with the menu open")
                    check_axe(page, f"{where} (320 px, menu open)")
                # On a desktop everything is unfolded (navigation, filters, tables).
                page.set_viewport_size(DESKTOP)
                check_axe(page, where)
                checked += 1
        context.close()
    # Shown with -s: what was covered.
    print(
        f"axe: {len(pages)} pages x {len(LANGUAGES)} languages ({checked} views), {len(problems)} problems"
    )
    assert checked > 50, f"only {checked} pages were checked"
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


def test_axe_reports_what_it_should(live_server, page):
    """The vendored axe runs under the portal's CSP and reports a form field without a
    label as a critical violation: a silent axe would pass every page."""
    page.context.add_init_script(path=str(AXE))
    page.goto(f"{live_server.url}/en/about/")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    impacts = {v["id"]: v["impact"] for v in page.evaluate(AXE_RUN)}
    assert impacts.get("label") == "critical"
