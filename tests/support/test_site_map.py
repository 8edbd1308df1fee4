import pytest
from django.conf import settings

from tests.html import internal_links, read_page

pytestmark = pytest.mark.django_db


def test_every_page_in_the_site_map_answers_with_a_title_naming_it_and_the_shop(client, demo_shop):
    site_map = client.get("/site-map/")
    links = internal_links(site_map, within_id="site-map")
    shop_name = settings.SHOP["name"]

    assert len(links) > 40  # pages plus every category at three levels
    for href, text in links:
        response = client.get(href)
        assert response.status_code == 200, href
        title = read_page(response).title
        assert shop_name in title, href
        assert text in title or href == "/", f"{href}: {title!r} does not name {text!r}"


def test_no_link_on_the_home_page_is_dead(client, demo_shop):
    home = client.get("/")

    for href, _ in internal_links(home):
        assert client.get(href).status_code == 200, href


def test_search_engines_find_a_sitemap_listing_products_and_categories(client, demo_shop):
    robots = client.get("/robots.txt").content.decode()
    index = client.get("/sitemap.xml").content.decode()
    products = client.get("/sitemap-products.xml").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "sitemap-categories.xml" in index and "sitemap-products.xml" in index
    assert products.count("<url>") == 120 * 4  # each product in English, both Chinese scripts and Korean


def test_the_site_map_leads_to_help_faq_contact_and_tracking_as_well_as_the_policies(client):
    links = internal_links(client.get("/site-map/"), within_id="site-map")

    for link in [("/help/", "Help centre"), ("/faq/", "Frequently asked questions"), ("/contact/", "Contact us"),
                 ("/track/", "Track your order"), ("/delivery/", "Delivery"), ("/returns-policy/", "Returns policy"),
                 ("/guarantees/", "Our guarantees"), ("/cookies/", "Cookies")]:
        assert link in links
