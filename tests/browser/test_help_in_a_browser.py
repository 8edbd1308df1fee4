import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def help_url(shop_url):
    return shop_url + "/help/"


def remember_this_page(page):
    """A mark that a full page load would wipe out."""
    page.evaluate("window.sameDocument = true")


def still_the_same_page(page) -> bool:
    return page.evaluate("window.sameDocument === true")


def test_help_home_poll_answers_in_place_with_its_results(page, help_url, artifacts_dir):
    page.goto(help_url)
    assert axe_violations(page) == []
    remember_this_page(page)
    poll = page.locator("#poll")

    poll.get_by_role("radio", name="Faster delivery").check()
    poll.get_by_role("button", name="Vote").click()

    expect(page.get_by_role("heading", name="Thank you for voting")).to_be_focused()
    expect(poll).to_contain_text("1 vote so far")
    expect(poll).to_contain_text("Faster delivery (your answer)")
    expect(poll).to_contain_text("100% (1 vote)")
    assert still_the_same_page(page)
    page.screenshot(path=artifacts_dir / "help-home-poll.png", full_page=True)
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_an_article_takes_a_helpful_vote_without_a_reload(page, help_url, artifacts_dir):
    page.goto(help_url)
    page.get_by_role("link", name="How to return something").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How to return something")
    assert axe_violations(page) == []
    remember_this_page(page)

    page.get_by_role("group", name="Was this helpful?").get_by_role("button", name="Yes").click()

    expect(page.get_by_role("heading", name="Thank you for telling us")).to_be_focused()
    expect(page.get_by_text("Was this helpful?")).to_have_count(0)
    assert still_the_same_page(page)
    page.screenshot(path=artifacts_dir / "help-article-voted.png", full_page=True)
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_help_search_marks_the_words_found(page, help_url, artifacts_dir):
    page.goto(help_url)

    page.get_by_role("searchbox", name="Search the help centre").fill("refund")
    page.get_by_role("button", name="Search help").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Help articles for “refund”")
    expect(page.locator(".help-results mark").first).to_have_text("refund", ignore_case=True)
    page.screenshot(path=artifacts_dir / "help-search.png", full_page=True)
    assert axe_violations(page) == []


def test_faq_answers_open_with_the_keyboard(page, help_url, artifacts_dir):
    page.goto(help_url)
    page.get_by_role("link", name="Frequently asked questions").first.click()
    question = page.locator("summary", has_text="Can I send something back?")
    answer = page.locator("details", has=question)

    question.focus()
    page.keyboard.press("Enter")

    expect(answer).to_have_attribute("open", "")
    expect(answer).to_contain_text("days of delivery, for any reason")
    page.screenshot(path=artifacts_dir / "faq.png", full_page=True)
    assert axe_violations(page) == []
