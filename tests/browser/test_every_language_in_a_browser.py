"""Every page type (tests/browser/every_page.py) in Traditional Chinese, Simplified Chinese and Korean: the page
says its language, its hreflang alternates point at each other, and no English is left in what the shop itself
writes. The main pages also fit a 320 px phone in each language with nothing cut, and pass axe.

"What the shop itself writes" is every text and every label a person meets (aria-label, alt, title,
placeholder, a button's value, the page's title and description), less the shop's content, which is the next
issue's to translate: whatever stands in the database (product and category names, reviews, help articles),
the trust pages' text (templates/support/pages/) and the merchant's own details (settings.SHOP).
"""

import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from tests.browser.conftest import SMALLEST_PHONE, axe_violations
from tests.browser.every_page import DETAILS, PAGE_TYPES, WIDEST_ELEMENTS, by_name, console_errors

pytestmark = pytest.mark.browser

LANGUAGES = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "ko": "ko"}  # prefix: <html lang>
LOOKED_AT_CLOSELY = ["home", "product with sizes", "cart, full", "checkout: details", "checkout: delivery",
                     "checkout: payment", "checkout: review"]
# Names that are the same in every language: payment brands, and the abbreviations people read as they are.
SAME_IN_EVERY_LANGUAGE = {"English",  # the language switch names each language in itself
                          # laws cited by their official names, beside the translation (the returns policy)
                          "Consumer Rights Directive", "Consumer Contracts Regulations",
                          "Visa", "Mastercard", "American Express", "Maestro", "Apple Pay", "Google Pay", "PayPal"}
ABBREVIATION = re.compile(r"^[A-Z0-9][A-Z0-9+&-]{0,5}$")  # CVC, SMS, VAT, EU, XL, 3D, A+
# Latin words in a row, up to a punctuation mark: what an English phrase left in a Korean page looks like. A list
# of names ("Dresses, Knitwear, Tops") is several runs, each of them looked up in the content on its own.
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*")
ADDRESS = re.compile(r"\S+://\S+|\S+@\S+")  # a link or an e-mail address written out is not a phrase

TEXTS_A_PERSON_MEETS = """() => {
  const texts = [document.title, document.querySelector('meta[name=description]')?.content || ''];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('script, style, noscript')) texts.push(node.nodeValue);
  }
  for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt], '
                                                        + 'input[type=submit], input[type=button]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(name) || '');
    if (element.type === 'submit' || element.type === 'button') texts.push(element.value);
  }
  return texts.map(text => text.trim()).filter(Boolean);
}"""

# Text that does not fit its box and is clipped rather than wrapped (a button's label cut at its edge), with the
# text, for the test to leave out content that is shortened on purpose (a long product name in the sticky bar).
CUT_TEXT = """() => [...document.body.querySelectorAll('*')]
  .filter(element => [...element.childNodes].some(node => node.nodeType === 3 && node.nodeValue.trim()))
  .filter(element => {
    const style = getComputedStyle(element);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    const forScreenReaders = style.clip === 'rect(0px, 0px, 0px, 0px)' || element.clientWidth <= 1;  // visually hidden
    return clips && !forScreenReaders && style.webkitLineClamp === 'none' && element.getClientRects().length
           && element.scrollWidth > element.clientWidth + 1;
  })
  .map(element => [`${element.localName}.${element.className}`, element.textContent.trim()])"""


@cache
def content_written_elsewhere() -> str:
    """Every text the shop's content holds, as one string to look words up in."""
    texts = [str(value) for value in [*settings.SHOP.values(), *DETAILS.values()]]  # the merchant's, the shopper's
    texts += [path.read_text() for path in (Path(settings.BASE_DIR) / "templates" / "support" / "pages").glob("*")]
    for model in apps.get_models():
        fields = [field.name for field in model._meta.concrete_fields
                  if isinstance(field, (models.CharField, models.TextField))]
        if fields:
            texts += [str(value) for row in model.objects.values_list(*fields) for value in row if value]
    return words_of("\n".join(texts))


def words_of(text: str) -> str:
    """The words alone, in lower case: a help article's snippet in search results keeps its words but not
    its Markdown (a link's address, a list's numbers), line breaks or every full stop."""
    text = re.sub(r"\]\([^)]*\)", " ", text.lower())
    return " ".join(re.findall(r"[a-z]+(?:['’-][a-z0-9]+)*", text))


def english_left(texts: list[str]) -> list[str]:
    content = content_written_elsewhere()
    left = []
    for text in texts:
        for run in LATIN_RUN.findall(ADDRESS.sub(" ", text)):
            if (len(run) > 1 and run not in SAME_IN_EVERY_LANGUAGE and not ABBREVIATION.match(run)
                    and words_of(run) not in content):
                left.append(run)
    return sorted(set(left))


def alternates(page) -> dict[str, str]:
    return dict(page.evaluate("""() => [...document.querySelectorAll('link[rel=alternate][hreflang]')]
                                       .map(link => [link.hreflang, link.href])"""))


@pytest.mark.parametrize("page_type", by_name(PAGE_TYPES))
def test_every_page_type_speaks_each_language_with_no_english_left(smallest_phone_page, shop_url, page_type):
    page = smallest_phone_page
    content_written_elsewhere.cache_clear()  # this test's database
    problems = {}

    for path in page_type.reach(page, shop_url)[:2]:  # two help articles say what all of them do
        for prefix, lang in LANGUAGES.items():
            address = f"/{prefix}{path}"
            response = page.goto(shop_url + address)
            page.wait_for_load_state("networkidle")
            found = []
            if response.status != page_type.status:
                found.append(f"status {response.status}")
            if (page_lang := page.locator("html").get_attribute("lang")) != lang:
                found.append(f'lang="{page_lang}"')
            if page_type.status == 200 and alternates(page).get(lang) != page.url:
                found.append(f"its own hreflang alternate is {alternates(page).get(lang)}")
            if page_type.status == 200 and set(alternates(page)) != {"en-GB", *LANGUAGES.values(), "x-default"}:
                found.append(f"alternates for {sorted(alternates(page))}")
            if english := english_left(page.evaluate(TEXTS_A_PERSON_MEETS)):
                found.append(f"English left: {english}")
            if page_type.name in LOOKED_AT_CLOSELY:
                if (width := page.evaluate("document.documentElement.scrollWidth")) > SMALLEST_PHONE["width"]:
                    found.append(f"{width} px wide: " + ", ".join(page.evaluate(WIDEST_ELEMENTS)))
                cut = [f'{where} "{text[:30]}"' for where, text in page.evaluate(CUT_TEXT)
                       if words_of(text) not in content_written_elsewhere()]
                if cut:
                    found.append(f"text cut: {cut[:5]}")
                if violations := axe_violations(page):
                    found.append(f"axe: {violations}")
            if errors := console_errors(page, page_type):
                found.append(f"console: {errors}")
            page.console_errors.clear()
            if found:
                problems[address] = found

    assert not problems, "\n".join(f"{address}: {' | '.join(found)}" for address, found in problems.items())
