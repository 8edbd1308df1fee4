"""The practice catalogue: every customer-experience practice this shop teaches, and how it does each.

The catalogue is text in `workshop/catalogue/*.toml`, read once per process into frozen dataclasses.
It lives beside the code rather than in the database because it describes the code: a change to a
page and to what the catalogue says about it belong in the same commit, and a badge on a page never
costs a query. `catalogue_problems` checks it (a test runs it, and so does `manage.py check`).

An entry reads:

    [[practice]]
    id = "P27"
    title = "The path to every page is shown"
    why = "What it does for the customer."
    how = "How this shop does it, naming the files."
    status = "demonstrated"          # or "partly", "not-yet", "not-applicable"
    reason = ""                      # required unless demonstrated: what is missing, or why it does not apply
    see = [{ place = "product", label = "Product page → the breadcrumbs above the name" }]

Each `place` names a page in workshop/places.py; a demonstrated practice's badge is on every place it lists.

Each language of the shop has its own copy, in a folder named after its locale: workshop/catalogue/ko/,
zh_Hant/, zh_Hans/, with the English file names, the same entries, ids, statuses and places, and the words
(title, why, how, reason, each label) translated; code names and file paths in `how` stay as they are.
`practices()` and `practice_or_none()` answer in the active language, each language read once; a language
without a folder reads the English, so a fork adding a language translates the shop first, the catalogue
when it can. `catalogue_problems` holds every copy to the English one.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
_PROJECT_DIR = Path(__file__).resolve().parent.parent

# The five groups of the "elements of web user experience" (P01–P76), then the service practices.
GROUPS = {
    "sensory": _("Sensory"),
    "interaction": _("Interaction"),
    "browsing": _("Browsing"),
    "emotional": _("Emotional"),
    "trust": _("Trust"),
    "service": _("Service through the sale"),
}
_P_GROUP_STARTS = [(1, "sensory"), (13, "interaction"), (28, "browsing"), (50, "emotional"), (62, "trust")]
EXPECTED_IDS = [f"P{number:02}" for number in range(1, 77)] + [f"S{number:02}" for number in range(1, 20)]

STATUSES = {
    "demonstrated": _("Demonstrated"),
    "partly": _("Partly"),
    "not-yet": _("Not built yet"),
    "not-applicable": _("Not applicable here"),
}
_ID_PATTERN = re.compile(r"^[PS]\d{2}$")


@dataclass(frozen=True)
class SeeIt:
    """A live place in the shop that shows the practice."""

    place: str
    label: str


@dataclass(frozen=True)
class Practice:
    id: str
    title: str
    why: str
    how: str
    status: str
    reason: str
    see: tuple[SeeIt, ...]

    @property
    def group(self) -> str:
        return group_of(self.id)

    @property
    def group_name(self) -> str:
        return GROUPS[self.group]

    @property
    def status_name(self) -> str:
        return STATUSES[self.status]

    @property
    def is_demonstrated(self) -> bool:
        return self.status == "demonstrated"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (0 if self.id.startswith("P") else 1, int(self.id[1:]))

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(item.place for item in self.see)


def group_of(practice_id: str) -> str:
    if practice_id.startswith("S"):
        return "service"
    number = int(practice_id[1:])
    return [group for start, group in _P_GROUP_STARTS if number >= start][-1]


def _practice_from(entry: dict) -> Practice:
    return Practice(
        id=str(entry.get("id", "")), title=str(entry.get("title", "")).strip(), why=str(entry.get("why", "")).strip(),
        how=str(entry.get("how", "")).strip(), status=str(entry.get("status", "")),
        reason=str(entry.get("reason", "")).strip(),
        see=tuple(SeeIt(place=str(item.get("place", "")), label=str(item.get("label", "")).strip())
                  for item in entry.get("see", [])))


# --- Which copy: the active language's ------------------------------------------------------------------


def language_folder(language: str | None = None) -> Path:
    """The catalogue's folder for a language (the active one unless given): its own copy, else the English."""
    return _folder_for(CATALOGUE_DIR, language or get_language() or settings.LANGUAGE_CODE)


@cache
def _folder_for(english: Path, language: str) -> Path:
    """Asked once per language: a badge asks on every page."""
    translated = english / to_locale(language)
    return translated if language != settings.LANGUAGE_CODE and translated.is_dir() else english


@cache
def _read(folder: Path) -> tuple[Practice, ...]:
    entries = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            entries.extend(_practice_from(entry) for entry in tomllib.load(file).get("practice", []))
    return tuple(sorted(entries, key=lambda practice: practice.sort_key if _ID_PATTERN.match(practice.id)
                        else (2, 0)))


@cache
def _by_id(folder: Path) -> dict[str, Practice]:
    return {practice.id: practice for practice in _read(folder)}


def practices() -> tuple[Practice, ...]:
    """Every practice, P01…P76 then S01…S19, in the active language."""
    return _read(language_folder())


def practice_or_none(practice_id: str) -> Practice | None:
    return _by_id(language_folder()).get(practice_id)


# --- Checks ------------------------------------------------------------------------------------------------


def shown(path: Path) -> str:
    """A path as a problem names it: from the project's folder when it is inside it."""
    return str(path.relative_to(_PROJECT_DIR)) if path.is_relative_to(_PROJECT_DIR) else str(path)


def translated_folders() -> dict[str, Path]:
    """Each language with its own copy of the catalogue, by language code: {"ko": …/catalogue/ko}."""
    folders = {}
    for code, _name in settings.LANGUAGES:
        folder = CATALOGUE_DIR / to_locale(code)
        if code != settings.LANGUAGE_CODE and folder.is_dir():
            folders[code] = folder
    return folders


def _entry_problems(catalogue: tuple[Practice, ...], where: str) -> list[str]:
    """What is wrong with each entry of one copy, whatever the others say. `where` names the copy ("" for English)."""
    from .places import PLACES  # places import models; the catalogue itself does not need them

    problems = []
    seen = set()
    for practice in catalogue:
        name = (practice.id or "An entry without an id") + where
        if not _ID_PATTERN.match(practice.id):
            problems.append(f"{name}: the id must look like P07 or S12.")
            continue
        if practice.id in seen:
            problems.append(f"{name} appears twice.")
        seen.add(practice.id)
        if not (practice.title and practice.why and practice.how):
            problems.append(f"{name} needs a title, a why and a how.")
        if practice.status not in STATUSES:
            problems.append(f"{name}: status {practice.status!r} is not one of {', '.join(STATUSES)}.")
        if practice.is_demonstrated and not practice.see:
            problems.append(f"{name} is demonstrated, so it must name at least one place that shows it.")
        if not practice.is_demonstrated and not practice.reason:
            problems.append(f"{name} is not fully demonstrated, so it needs a reason.")
        problems.extend(f"{name}: unknown place {item.place!r}." for item in practice.see if item.place not in PLACES)
        problems.extend(f"{name}: a place needs a label." for item in practice.see if not item.label)
    return problems


def _translation_problems(english: tuple[Practice, ...], folder: Path) -> list[str]:
    """A copy beside the English: the same files, the same practices, each with the same status and places."""
    where = f" in {shown(folder)}/"
    translated = _read(folder)
    problems = _entry_problems(translated, where)
    english_files = {path.name for path in CATALOGUE_DIR.glob("*.toml")}
    problems.extend(f"{shown(path)} has no English file of that name in {shown(CATALOGUE_DIR)}/."
                    for path in sorted(folder.glob("*.toml")) if path.name not in english_files)
    by_id = {practice.id: practice for practice in translated}
    for original in english:
        copy = by_id.get(original.id)
        if copy is None:
            problems.append(f"{original.id} is missing{where}.")
            continue
        if copy.status != original.status:
            problems.append(f"{original.id}{where} is {copy.status!r}, in English {original.status!r}.")
        if copy.places != original.places:
            problems.append(f"{original.id}{where} lists the places {', '.join(copy.places) or 'none'}, "
                            f"in English {', '.join(original.places) or 'none'}.")
    known = {practice.id for practice in english}
    problems.extend(f"{practice.id}{where} is not in the English catalogue." for practice in translated
                    if _ID_PATTERN.match(practice.id) and practice.id not in known)
    return problems


def catalogue_problems() -> list[str]:
    """What is wrong with the catalogue's and the tour's text, in every language, one sentence each; empty
    when all is sound."""
    from .tour import tour_problems  # the tour reads the catalogue

    english = _read(CATALOGUE_DIR)
    problems = _entry_problems(english, "")
    seen = {practice.id for practice in english}
    problems.extend(f"{missing} is missing." for missing in EXPECTED_IDS if missing not in seen)
    folders = translated_folders()
    for folder in folders.values():
        problems.extend(_translation_problems(english, folder))
    of_a_language = {CATALOGUE_DIR / to_locale(code) for code, _name in settings.LANGUAGES}
    problems.extend(f"{shown(folder)}/ is the catalogue of no language in settings.LANGUAGES (a folder is named "
                    f"as Django's to_locale() names the language: ko, zh_Hant)."
                    for folder in sorted(CATALOGUE_DIR.iterdir()) if folder.is_dir() and folder not in of_a_language)
    problems.extend(tour_problems(practice_ids=seen, languages_with_a_catalogue=set(folders)))
    return problems
