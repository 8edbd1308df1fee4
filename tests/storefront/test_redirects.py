"""`safe_next_path` follows a path on this shop and nothing else, whatever a link or a form sends."""

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storefront.redirects import safe_next_path


@pytest.mark.parametrize("path", ["/", "/help/", "/search/?q=wrap+dress&page=2", "/products/x/#review-1"])
def test_a_path_on_this_shop_is_followed(path):
    assert safe_next_path(path) == path


@pytest.mark.parametrize("value", [
    "", "help/", "0", "https://evil.example/", "http:/evil.example", "//evil.example/", "///evil.example",
    "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "/help/\n", "/\x00/", " /help/",
    "/" + "a" * 5000,
])
def test_another_sites_address_or_anything_odd_gives_nothing(value):
    assert safe_next_path(value) == ""


@given(st.text(max_size=3000))
def test_any_text_gives_a_local_path_or_nothing(value):
    result = safe_next_path(value)

    assert result in ("", value)
    if result:
        parts = urlsplit(result.replace("\\", "/"))
        assert result.startswith("/") and not parts.scheme and not parts.netloc
        assert result.isprintable()


@given(st.sampled_from(["//", "/\\", "\\/", "https://", "http:", "javascript:"]), st.text(max_size=200))
def test_a_host_or_scheme_in_front_is_never_followed(prefix, rest):
    assert safe_next_path(prefix + rest) == ""
