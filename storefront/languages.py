"""The shop's languages in the address: English unprefixed, every other language under its own prefix.

Pages live under `i18n_patterns` (storefront/urls.py), so "/cart/" is English and "/ko/cart/" the same page in
Korean. An English address follows the visitor's chosen language (the cookie the header's switch sets,
accounts.views.language_switch), or before they choose, their browser's Accept-Language.
"""

import re

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Search engines and link previews must see the address they asked for: a redirect would hide the English
# page from them (it is the x-default every other language points back to).
CRAWLER = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly", re.I)


def language_tag(code: str) -> str:
    """The BCP 47 tag of a Django language code, as `lang` and `hreflang` write it: "zh-hant" -> "zh-Hant"."""
    return translation.to_locale(code).replace("_", "-")


def _prefixed(code: str) -> bool:
    return code != settings.LANGUAGE_CODE


def path_without_language(path: str) -> str:
    """"/ko/cart/?page=2" -> "/cart/?page=2"; an English path is already without one.

    Always a path on this site: "/ko//evil.example/" gives "/evil.example/", never "//evil.example/", which a
    browser would read as another host.
    """
    address, question_mark, query = path.partition("?")
    for code, _ in settings.LANGUAGES:
        if _prefixed(code) and (address == f"/{code}" or address.startswith(f"/{code}/")):
            address = address.removeprefix(f"/{code}")
            break
    return "/" + address.lstrip("/\\") + question_mark + query


def path_in_language(path: str, code: str) -> str:
    """The same page (and the same query string: a listing's filters) in another language."""
    bare = path_without_language(path)
    return f"/{code}{bare}" if _prefixed(code) else bare


def language_versions(request) -> list[dict]:
    """The page the request is for, in each language: for the switcher and the hreflang alternates."""
    current = translation.get_language()
    script_prefix = get_script_prefix().rstrip("/")
    full_path = request.get_full_path_info()
    return [{"code": code, "name": name, "tag": language_tag(code), "is_current": code == current,
             "url": request.build_absolute_uri(script_prefix + path_in_language(full_path, code))}
            for code, name in settings.LANGUAGES]


def remember_language(response, code: str) -> None:
    """The visitor's choice, in the cookie Django's LocaleMiddleware and the first-visit redirect read."""
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=settings.LANGUAGE_COOKIE_SECURE,
                        httponly=settings.LANGUAGE_COOKIE_HTTPONLY)


class FirstVisitLanguageMiddleware:
    """A visitor opening an English address is sent to the same page in their language: the one they chose
    (the cookie, also set when a customer signs in), else the first of their browser's languages the shop
    speaks (zh-TW -> /zh-hant/...). Having chosen English, or being a crawler, they never are. So a Korean
    customer following an e-mail's link, which is written unprefixed, reads the page in Korean.

    The English answer to an unprefixed address now depends on the Accept-Language and Cookie headers, so
    the response says so (Vary), and no shared cache hands one visitor's redirect to another.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        on_english_address = translation.get_language_from_path(request.path_info) is None
        target = self._their_language_version(request) if on_english_address else None
        response = HttpResponseRedirect(target) if target else self.get_response(request)
        if on_english_address:
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    @staticmethod
    def _their_language_version(request) -> str | None:
        if (request.method not in ("GET", "HEAD") or "HX-Request" in request.headers
                or CRAWLER.search(request.headers.get("User-Agent", ""))):
            return None
        code = translation.get_language_from_request(request)  # the cookie's choice, else Accept-Language
        if not _prefixed(code):
            return None
        with translation.override(code):  # only pages (inside i18n_patterns) resolve with the prefix
            if not is_valid_path(path_in_language(request.path_info, code)):
                return None
        return get_script_prefix().rstrip("/") + path_in_language(request.get_full_path_info(), code)
