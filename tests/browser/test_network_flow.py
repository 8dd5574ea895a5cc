"""The countries of the network, as people use them: a visitor opens Paraguay's page in
Spanish from the glance, sorts the glance by programs, the Steering Committee downloads the
year's table as XLSX and opens it, a researcher pages through every program with the API.
Screenshots (desktop and a 360 px phone) go to $SCREENSHOTS if set."""

import io
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from tests.factories import MinistryFactory
from tests.portfolio.factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOTS")


def _shot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width, kind in ((1280, "desktop"), (360, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/network-{name}-{kind}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_visitor_a_committee_member_and_a_researcher(live_server, page):
    paraguay = MinistryFactory(
        country="PY", name_es="Ministerio de Trabajo, Empleo y Seguridad Social",
        name_en="Ministry of Labor, Employment and Social Security",
    )  # fmt: skip
    chile = MinistryFactory(country="CL")
    published(ministry=paraguay, title_es="Mesa de trabajo sobre trabajo doméstico",
              title_en="Domestic work round table")  # fmt: skip
    for n in range(3):
        published(ministry=chile, title_en=f"Chilean program {n}", title_es=f"Programa {n}")
    base = live_server.url

    # A visitor finds Paraguay in the glance, in Spanish, and opens its page.
    page.goto(f"{base}/es/paises/")
    _shot(page, "glance-es")
    page.get_by_role("link", name="Paraguay").click()
    page.wait_for_load_state()
    assert page.url.endswith("/es/paises/py/")
    assert page.get_by_role("heading", name="Paraguay", level=1).is_visible()
    assert page.get_by_text("Mesa de trabajo sobre trabajo doméstico").is_visible()
    _shot(page, "paraguay-es")

    # Sorting the table is a link: Chile, with more programs, comes first.
    page.goto(f"{base}/en/countries/")
    page.get_by_role("link", name="Programs shared").click()
    page.wait_for_load_state()
    first = page.locator("table.glance tbody th").first.inner_text()
    assert first == "Chile"
    _shot(page, "glance-sorted-en")

    # The Steering Committee downloads the table as XLSX, and it opens.
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = [row[:3] for row in workbook.active.values]
    assert ("Chile", "Ministry of Labor of CL", 3) in rows

    # A researcher pages through every program with the API, then asks again with the ETag.
    url, ids = f"{base}/api/v1/programs/?page_size=2", []
    while url:
        response = page.request.get(url)
        body = json.loads(response.body())
        ids += [record["id"] for record in body["results"]]
        url = body["next"] and base + "?".join(urlsplit(body["next"])[2:4])
    assert len(ids) == 4
    first_page = page.request.get(f"{base}/api/v1/programs/?page_size=2")
    again = page.request.get(
        f"{base}/api/v1/programs/?page_size=2",
        headers={"If-None-Match": first_page.headers["etag"]},
    )
    assert again.status == 304
