"""Where to go back to after a form: the `next` a page sends along, if it is safe to follow."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_path(value: str) -> str:
    """`value` if it is a path on this shop ("/help/?q=x"), else "".

    Following another site's address would make this shop an open redirect: a link that looks like ours
    and lands on a phishing page. So only a path is accepted: one slash, then no second one that browsers
    would read as the start of a host ("//evil.example", "/\\evil.example"), no control characters, and
    Django's check for a scheme or a host on top.
    """
    if not value.startswith("/") or value.startswith(("//", "/\\")) or not value.isprintable():
        return ""
    return value if url_has_allowed_host_and_scheme(value, allowed_hosts=None) else ""
