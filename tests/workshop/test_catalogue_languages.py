"""The practice catalogue, the badges and the guided tour in the shop's languages.

The mechanism is tested on a small catalogue of its own (tests/workshop/catalogue_fixture/: three practices
and two stops in English, Korean and Traditional Chinese, no Simplified Chinese), so a test says what a
language's copy must hold whatever the shop's real translations say; the real copies are then held to it.
"""

import re
import shutil
import tomllib
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags

from workshop import catalogue, tour
from workshop.catalogue import catalogue_problems, practice_or_none, practices
from workshop.tour import tour_stops

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "catalogue_fixture"
SHOPS_CATALOGUE = Path(settings.BASE_DIR) / "workshop" / "catalogue"


def text_of(response) -> str:
    return " ".join(unescape(strip_tags(response.content.decode())).split())


def titles_in(folder: Path) -> dict[str, str]:
    """Each practice's title as a copy of the catalogue writes it, read straight from its files."""
    titles = {}
    for path in folder.glob("*.toml"):
        with path.open("rb") as file:
            titles.update({entry["id"]: entry["title"] for entry in tomllib.load(file)["practice"]})
    return titles


@pytest.fixture
def fixture_catalogue(tmp_path, monkeypatch):
    """A copy of the fixture, which a test may break, standing in for the shop's catalogue and tour."""
    copy = tmp_path / "workshop"
    shutil.copytree(FIXTURE, copy)
    monkeypatch.setattr(catalogue, "CATALOGUE_DIR", copy / "catalogue")
    monkeypatch.setattr(catalogue, "EXPECTED_IDS", ["P01", "P02", "S01"])
    monkeypatch.setattr(tour, "TOUR_FILE", copy / "tour.toml")
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


# --- The mechanism, on the fixture ------------------------------------------------------------------------


def test_the_catalogue_follows_the_active_language_and_falls_back_to_english_without_a_copy(fixture_catalogue):
    by_language = {}
    for language in ("en-gb", "ko", "zh-hant", "zh-hans"):
        with translation.override(language):
            by_language[language] = (practices()[0].title, practice_or_none("P02").see[1].label, tour_stops()[0].title)

    assert by_language == {
        "en-gb": ("The fixture's calm look", "Product page → the logo", "Arriving at the fixture"),
        "ko": ("테스트용 차분한 디자인", "상품 페이지 → 로고", "테스트 쇼핑몰에 도착"),
        "zh-hant": ("測試用的沉穩設計", "商品頁 → 標誌", "抵達測試商店"),
        "zh-hans": ("The fixture's calm look", "Product page → the logo", "Arriving at the fixture"),
    }


def test_a_sound_catalogue_in_every_language_has_no_problems(fixture_catalogue):
    assert catalogue_problems() == []


def test_a_practice_missing_from_one_language_is_reported_for_that_language(fixture_catalogue):
    korean = fixture_catalogue / "catalogue" / "ko" / "practices.toml"
    without_p02 = re.sub(r'\[\[practice\]\]\nid = "P02".*?(?=\[\[practice\]\])', "", korean.read_text(), flags=re.S)
    korean.write_text(without_p02)

    problems = catalogue_problems()

    assert problems == [f"P02 is missing in {fixture_catalogue}/catalogue/ko/."]


def test_a_copy_with_another_status_other_places_an_extra_practice_or_an_empty_title_is_reported(fixture_catalogue):
    chinese = fixture_catalogue / "catalogue" / "zh_Hant" / "practices.toml"
    edit(chinese, 'status = "not-yet"', 'status = "partly"')
    edit(chinese, '{ place = "product", label = "商品頁 → 標誌" }', '{ place = "cart", label = "購物車 → 標誌" }')
    edit(chinese, 'title = "測試用的沉穩設計"', 'title = ""')
    chinese.write_text(chinese.read_text() + '\n[[practice]]\nid = "S02"\ntitle = "多的"\nwhy = "多的。"\n'
                       'how = "多的。"\nstatus = "demonstrated"\nsee = [{ place = "home", label = "首頁" }]\n')
    where = f"in {fixture_catalogue}/catalogue/zh_Hant/"

    problems = catalogue_problems()

    assert problems == [
        f"P01 {where} needs a title, a why and a how.",
        f"P02 {where} lists the places home, cart, in English home, product.",
        f"S01 {where} is 'partly', in English 'not-yet'.",
        f"S02 {where} is not in the English catalogue.",
    ]


def test_a_tour_stop_missing_or_elsewhere_in_one_language_is_reported(fixture_catalogue):
    korean_tour = fixture_catalogue / "tour.ko.toml"
    edit(korean_tour, 'practices = ["P01", "P02"]', 'practices = ["P01"]')
    korean_tour.write_text(korean_tour.read_text().split("\n[[stop]]\ntitle = \"테스트 쇼핑몰에서 결정하기\"")[0])
    (fixture_catalogue / "tour.zh_Hant.toml").unlink()

    problems = catalogue_problems()

    assert problems == [  # settings.LANGUAGES's order: zh-hant before ko
        f"{fixture_catalogue}/tour.zh_Hant.toml is missing: the catalogue has a copy in this language, the tour not.",
        f"Stop 1 in {korean_tour} is at 'home' with P01; in English at 'home' with P01, P02.",
        f"Stop 2 in {fixture_catalogue}/tour.toml (at 'product' with P02) is missing from {korean_tour}.",
    ]


def test_a_folder_named_for_no_language_is_reported_rather_than_silently_unread(fixture_catalogue):
    (fixture_catalogue / "catalogue" / "zh_hant").mkdir()  # a typo: Django names it zh_Hant

    assert [problem for problem in catalogue_problems() if "no language" in problem] == [
        f"{fixture_catalogue}/catalogue/zh_hant/ is the catalogue of no language in settings.LANGUAGES (a folder is "
        "named as Django's to_locale() names the language: ko, zh_Hant)."]


def test_manage_py_check_reports_a_language_missing_a_practice(fixture_catalogue):
    from workshop.checks import practice_catalogue_sound

    (fixture_catalogue / "catalogue" / "ko" / "practices.toml").write_text("")

    errors = practice_catalogue_sound(None)

    assert {error.id for error in errors} == {"workshop.E001"}
    assert [error.msg for error in errors] == [f"{practice} is missing in {fixture_catalogue}/catalogue/ko/."
                                               for practice in ("P01", "P02", "S01")]


def test_the_practice_list_in_korean_shows_the_fixtures_korean_titles_and_in_simplified_chinese_the_english(
        client, fixture_catalogue):
    korean = text_of(client.get("/ko/practices/"))
    simplified = text_of(client.get("/zh-hans/practices/"))

    assert "테스트용 차분한 디자인" in korean and "테스트용 약속" in korean
    assert "The fixture's calm look" not in korean
    assert "The fixture's calm look" in simplified  # no copy in that language: the English, rather than nothing


# --- The shop's own catalogue in each language --------------------------------------------------------------


def test_the_practice_list_in_korean_shows_the_korean_titles(client):
    korean_titles = titles_in(SHOPS_CATALOGUE / "ko")
    english_titles = titles_in(SHOPS_CATALOGUE)

    page = text_of(client.get("/ko/practices/"))

    assert all(title in page for title in korean_titles.values())
    assert [title for title in english_titles.values() if title in page] == []
    assert "고객 경험 실천 사항" in page and "구현됨" in page  # the page's own words, and each status


def test_a_practice_page_in_traditional_chinese_is_in_traditional_chinese(client):
    title = titles_in(SHOPS_CATALOGUE / "zh_Hant")["P27"]

    page = text_of(client.get("/zh-hant/practices/P27/"))

    assert title in page
    assert "為什麼對顧客重要" in page and "本店的做法" in page and "已示範" in page
    assert "Why it matters" not in page and "See it live" not in page and titles_in(SHOPS_CATALOGUE)["P27"] not in page


def test_a_badge_on_a_korean_page_notes_the_practice_in_korean(client):
    client.cookies["workshop"] = "on"

    page = client.get("/ko/practices/").content.decode()

    badge = re.search(r'<span class="practice-badge" data-practice="P70">.*?</span></span>', page, re.S).group(0)
    assert titles_in(SHOPS_CATALOGUE / "ko")["P70"] in unescape(badge)
    assert "이 쇼핑몰은 이렇게 합니다" in badge and "How this shop does it" not in badge


def test_the_tour_in_korean_has_every_stop_in_korean_with_its_korean_practices(client):
    with (SHOPS_CATALOGUE.parent / "tour.ko.toml").open("rb") as file:
        stops = tomllib.load(file)["stop"]
    korean_titles = titles_in(SHOPS_CATALOGUE / "ko")

    page = text_of(client.get("/ko/practices/tour/"))

    assert all(stop["title"] in page for stop in stops)
    assert all(korean_titles[practice] in page for stop in stops for practice in stop["practices"])
    assert "해 보기:" in page and "Try this" not in page and "Facilitator" not in page


def test_each_language_reads_its_catalogue_once_and_not_another_languages(fixture_catalogue):
    with translation.override("ko"):
        first = practices()
    with translation.override("zh-hant"):
        other = practices()
    with translation.override("ko"):
        again = practices()

    assert again is first and other is not first
