"""Demo data for the trust pages: each gets its SitePage row, so staff can edit it in the admin."""

from support.models import SitePage
from support.pages import INFO_PAGES, site_page_built_in


def load_site_pages_demo() -> str:
    """Copy each trust page's built-in text into the database, once: a page already there, perhaps edited
    by staff, is left as it is. Returns a line for load_demo to print."""
    added = []
    for page in INFO_PAGES:
        if page.staff_edited:
            text = site_page_built_in(page)
            _, created = SitePage.objects.get_or_create(
                slug=page.name, defaults={"title": text.title, "lead": text.lead, "body": text.body})
            if created:
                added.append(page.title)
    return f"Trust pages: {', '.join(added) if added else 'none'} added; {SitePage.objects.count()} in all"
