"""Category and search listings in Chromium: filters applied without a reload, history, focus, phones."""

import re

import pytest
from playwright.sync_api import expect

from shop.models import Review
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, open_page

pytestmark = pytest.mark.browser


def first_colour_checkbox(page):
    return page.locator("#listing fieldset", has_text="Colour").locator("input[type=checkbox]").first


def facet_counts(page, facet: str) -> dict[str, str]:
    """Each value of a filter group with its count as shown, e.g. {"Navy": "2"}."""
    labels = page.locator(f"#listing-filters-form .facet--{facet} label").all_text_contents()
    return dict(re.fullmatch(r"(.+) \((\d+) products?\)", " ".join(label.split())).groups() for label in labels)


def scroll_to(page, y: int):
    page.evaluate("y => window.scrollTo({top: y, behavior: 'instant'})", y)
    page.wait_for_function("y => Math.abs(window.scrollY - y) < 2", arg=y)
    return page.evaluate("window.scrollY")


def open_drawer_by_keyboard(page):
    page.locator("#listing-filter-open").focus()
    page.keyboard.press("Enter")
    drawer = page.get_by_role("dialog", name="Filter and sort")
    expect(drawer).to_be_visible()
    return drawer


def focus_is_in_drawer(page) -> bool:
    return page.evaluate("!!document.activeElement.closest('#listing-drawer')")


def listing_layout_shift(page) -> float:
    """The layout shift of the listing itself since the page began: shifts that moved something in it, but
    not the page's whole content (what the header above does is measured by the header's own tests)."""
    return page.evaluate("""() => new Promise(resolve => {
        const listing = document.getElementById("listing");
        let total = 0;
        new PerformanceObserver(list => {
            for (const shift of list.getEntries()) {
                const nodes = shift.sources.map(source => source.node).filter(Boolean);
                const inside = nodes.some(node => listing.contains(node) && node !== listing);
                const wholePage = nodes.some(node => node.contains(listing));
                if (!shift.hadRecentInput && inside && !wholePage) total += shift.value;
            }
        }).observe({type: "layout-shift", buffered: true});
        setTimeout(() => resolve(total), 1500);
    })""")


def test_a_filter_applies_without_a_reload_and_the_back_button_returns_to_it(page, shop_url, artifacts_dir):
    page.goto(shop_url)
    page.locator("summary", has_text="Clothing").click()
    page.get_by_role("link", name="All clothing").click()
    page.get_by_role("navigation", name="Within Clothing").get_by_role("link", name="Women").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Women"
    page.evaluate("window.__marker = 1")  # gone if the page reloads
    colour = first_colour_checkbox(page)
    colour_value, colour_id = colour.get_attribute("value"), colour.get_attribute("id")

    colour.check()
    page.wait_for_url(lambda url: "colour=" in url)
    expect(page.locator("#listing-status")).to_contain_text("product")  # read out to screen readers

    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.activeElement.id") == colour_id  # focus stays on the box just ticked
    assert page.get_by_role("link", name=f"Remove filter: Colour: {colour_value}").is_visible()
    page.screenshot(path=artifacts_dir / "listing-filtered-desktop.png", full_page=True)

    page.locator("#listing .product-card__link").first.click()
    page.wait_for_url(lambda url: "/products/" in url)
    page.go_back()
    page.wait_for_url(lambda url: "colour=" in url)

    assert page.get_by_role("heading", level=1).inner_text() == "Women"
    assert page.locator(f"#{colour_id}").is_checked()
    assert page.console_errors == []


def test_sorting_and_paging_swap_the_results_and_move_focus_to_them(page, shop_url):
    page.goto(shop_url + "/search/?q=lasts")  # every demo product is "chosen because it lasts"
    page.evaluate("window.__marker = 1")

    page.get_by_label("Sort by").select_option("price-low")
    page.wait_for_url(lambda url: "sort=price-low" in url)
    page.get_by_role("link", name="Next").click()
    page.wait_for_url(lambda url: "page=2" in url)
    expect(page.locator("#listing-status")).to_contain_text("Showing 25–48")

    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.activeElement.id") == "listing-summary"
    assert page.get_by_label("Sort by").input_value() == "price-low"
    page.go_back()
    page.wait_for_url(lambda url: "page=2" not in url)
    assert page.locator("#listing-summary").inner_text().startswith("Showing 1–24")
    assert page.console_errors == []


@pytest.mark.parametrize("path", [
    "/category/clothing/?in_stock=1&material=Linen&min_price=cheap",  # filtered, with a price to correct
    "/category/clothing/?colour=Navy&min_price=900",  # nothing matches: links to remove each filter
    "/search/?q=shirt&sort=price-low",
    "/search/?q=zzzz",  # no hits: suggestions and popular categories
])
def test_listings_pass_automated_accessibility_checks(page, shop_url, path):
    page.goto(shop_url + path)

    assert axe_violations(page) == []
    assert page.console_errors == []


def test_without_javascript_the_filters_apply_with_the_button(browser, shop_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(shop_url + "/category/clothing/")

    first_colour_checkbox(page).check()
    page.get_by_role("button", name="Apply filters").click()

    assert "colour=" in page.url
    assert first_colour_checkbox(page).is_checked()
    context.close()


def test_ticking_a_filter_while_scrolled_changes_only_the_results(page, shop_url):
    page.goto(shop_url + "/category/clothing/")
    before = scroll_to(page, 671)  # where the shopper was: the colours in view, the cards beside them
    colour = first_colour_checkbox(page)
    assert colour.is_visible()

    colour.check()
    page.wait_for_url(lambda url: "colour=" in url)
    expect(page.locator("#listing-status")).to_contain_text("product")

    assert abs(page.evaluate("window.scrollY") - before) <= 4
    assert page.get_by_role("link", name=re.compile("Remove filter: Colour")).count() == 1
    assert page.console_errors == []


def test_ticking_a_filter_in_the_phone_drawer_leaves_the_page_behind_where_it_was(phone_page, shop_url):
    phone_page.goto(shop_url + "/category/clothing/")
    drawer = open_drawer_by_keyboard(phone_page)
    before = phone_page.evaluate("window.scrollY")

    drawer.locator(".facet--size input").first.check()
    phone_page.wait_for_url(lambda url: "size=" in url)
    expect(phone_page.locator("#listing-status")).to_contain_text("product")

    assert phone_page.evaluate("window.scrollY") == before
    assert drawer.is_visible()  # still open for the next choice
    assert phone_page.console_errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_adding_to_cart_from_a_card_leaves_the_address_as_it_was(browser, shop_url, viewport):
    context, page = open_page(browser, viewport)
    page.goto(shop_url + "/category/electronics/?in_stock=1")
    address = page.url

    page.locator("#listing .product-card__add button").first.click()
    page.get_by_role("dialog", name="Your cart").wait_for()

    assert page.url == address
    assert page.reload().status == 200
    assert page.console_errors == []
    context.close()


def test_a_vote_on_the_reviews_page_leaves_the_address_as_it_was(page, shop_url):
    product = Review.objects.filter(status=Review.Status.PUBLISHED).first().product
    page.goto(f"{shop_url}/products/{product.slug}/reviews/")
    address = page.url

    page.get_by_role("button", name="Yes, this review helped").first.click()
    expect(page.locator(".review__voted").first).to_contain_text("Thank you for your vote.")

    assert page.url == address
    assert page.console_errors == []


def test_the_phone_filter_drawer_works_by_keyboard_with_live_counts(phone_page, shop_url, artifacts_dir):
    phone_page.goto(shop_url + "/category/clothing/")
    assert phone_page.locator(".product-card").first.bounding_box()["y"] < PHONE["height"]  # results first
    assert not first_colour_checkbox(phone_page).is_visible()  # the filters wait in the drawer
    opener = phone_page.locator("#listing-filter-open")

    drawer = open_drawer_by_keyboard(phone_page)
    assert focus_is_in_drawer(phone_page)
    for _ in range(60):  # more stops than the drawer has: Tab never leaves it
        phone_page.keyboard.press("Tab")
        assert focus_is_in_drawer(phone_page)
    assert axe_violations(phone_page) == []
    phone_page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(opener).to_be_focused()

    drawer = open_drawer_by_keyboard(phone_page)
    colours_before = facet_counts(phone_page, "colour")
    drawer.locator(".facet--size input").first.focus()
    phone_page.keyboard.press("Space")
    phone_page.wait_for_url(lambda url: "size=" in url)
    expect(phone_page.locator("#listing-status")).to_contain_text("product")
    shown = phone_page.locator("#listing-summary").inner_text().split()[0]

    colours_after = facet_counts(phone_page, "colour")
    assert colours_after != colours_before and colours_after.keys() == colours_before.keys()
    show = drawer.get_by_role("button", name=re.compile(r"^Show \d+ results?$"))
    expect(show).to_have_accessible_name(re.compile(rf"^Show {shown} results?$"))
    assert axe_violations(phone_page) == []
    phone_page.screenshot(path=artifacts_dir / "listing-drawer-phone.png")
    show.click()

    expect(drawer).to_be_hidden()
    expect(opener).to_be_focused()
    expect(opener).to_contain_text("(1)")
    assert phone_page.locator("#listing .product-card").count() == int(shown)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone_page.console_errors == []


def test_on_the_desktop_sidebar_the_counts_follow_the_other_filters(page, shop_url):
    page.goto(shop_url + "/category/clothing/")
    colours_before = facet_counts(page, "colour")

    page.locator(".facet--size input").first.check()
    page.wait_for_url(lambda url: "size=" in url)
    expect(page.locator("#listing-status")).to_contain_text("product")

    colours_after = facet_counts(page, "colour")
    assert colours_after != colours_before and colours_after.keys() == colours_before.keys()
    shown = int(page.locator("#listing-summary").inner_text().split()[0])
    assert sum(int(count) for count in colours_after.values()) == shown  # every product has one colour
    assert axe_violations(page) == []
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_listing_does_not_move_after_it_loads_on_a_slow_device(browser, shop_url, viewport):
    context, page = open_page(browser, viewport)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})

    page.goto(shop_url + "/category/clothing/", wait_until="load")

    assert listing_layout_shift(page) < 0.05
    assert page.console_errors == []
    context.close()


def test_without_javascript_a_phone_shows_products_first_and_the_filters_after_them(browser, shop_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(shop_url + "/category/clothing/")

    filters = page.get_by_role("form", name="Filter and sort")
    assert page.locator(".product-card").last.bounding_box()["y"] < filters.bounding_box()["y"]
    page.get_by_role("link", name="Filter and sort").click()
    expect(filters).to_be_in_viewport()  # the link took the shopper down to them
    first_colour_checkbox(page).check()
    page.get_by_role("button", name="Apply filters").click()

    assert "colour=" in page.url
    assert page.get_by_role("link", name=re.compile("Remove filter: Colour")).is_visible()
    context.close()
