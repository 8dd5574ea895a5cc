import pytest

from tests.factories import PASSWORD, MemberFactory, MinistryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_language_and_a_member_logs_in(live_server, page):
    member = MemberFactory(ministry=MinistryFactory(country="CR"))
    page.goto(f"{live_server.url}/es/acerca/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Acerca de la red"

    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/about/")
    assert page.get_by_role("heading", level=1).inner_text() == "About the network"

    # Keyboard users reach the content first through the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"

    page.get_by_role("link", name="Members' login").click()
    page.get_by_label("Email").fill(member.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/about/")
    page.goto(f"{live_server.url}/en/members/my-profile/")
    assert page.get_by_role("heading", level=1).inner_text() == "My profile"
    assert page.get_by_label("Job title").input_value() == "Head of the Gender Unit"
