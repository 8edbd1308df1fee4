"""The guided tour: an ordered walk through the shop for a workshop, with a facilitator's note per stop.

The stops are text in workshop/tour.toml, each naming a place (workshop/places.py) and the practices
to point out there. Each language of the shop has its copy beside it, tour.<locale>.toml (tour.ko.toml,
tour.zh_Hant.toml): the same stops in the same order, at the same places with the same practices, the
title, what to try and the note translated. `tour_stops()` reads the active language's, or the English
when the language has none; catalogue.py's `catalogue_problems` holds every copy to the English.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, to_locale

from .catalogue import Practice, practice_or_none, shown
from .places import PLACES, Place

TOUR_FILE = Path(__file__).resolve().parent / "tour.toml"


@dataclass(frozen=True)
class Stop:
    title: str
    place: Place
    practice_ids: tuple[str, ...]
    try_this: str
    facilitator_note: str

    @property
    def practices(self) -> list[Practice]:
        return [practice for practice in map(practice_or_none, self.practice_ids) if practice]


def tour_file(language: str) -> Path:
    """The copy of the tour for a language: tour.ko.toml beside tour.toml ("ko" → "ko", "zh-hant" → "zh_Hant")."""
    return TOUR_FILE.with_name(f"{TOUR_FILE.stem}.{to_locale(language)}{TOUR_FILE.suffix}")


def tour_stops() -> tuple[Stop, ...]:
    """The stops in the active language."""
    return _stops(_file_for(TOUR_FILE, get_language() or settings.LANGUAGE_CODE))


@cache
def _file_for(english: Path, language: str) -> Path:
    translated = tour_file(language)
    return translated if language != settings.LANGUAGE_CODE and translated.is_file() else english


@cache
def _entries(path: Path) -> tuple[dict, ...]:
    with path.open("rb") as file:
        return tuple(tomllib.load(file).get("stop", []))


@cache
def _stops(path: Path) -> tuple[Stop, ...]:
    return tuple(Stop(title=stop["title"], place=PLACES[stop["place"]], practice_ids=tuple(stop["practices"]),
                      try_this=stop["try_this"].strip(), facilitator_note=stop["note"].strip())
                 for stop in _entries(path))


def _where(stop: dict) -> str:
    return f"at {stop.get('place', '')!r} with {', '.join(stop.get('practices', [])) or 'no practice'}"


def _stop_problems(entries: tuple[dict, ...], path: Path, known: set[str]) -> list[str]:
    problems = []
    for number, stop in enumerate(entries, start=1):
        name = f"Stop {number} in {shown(path)}"
        if not all(str(stop.get(key, "")).strip() for key in ("title", "try_this", "note")):
            problems.append(f"{name} needs a title, a try_this and a note.")
        if stop.get("place") not in PLACES:
            problems.append(f"{name}: unknown place {stop.get('place')!r}.")
        problems.extend(f"{name}: {practice_id} is not in the catalogue."
                        for practice_id in stop.get("practices", []) if practice_id not in known)
    return problems


def tour_problems(*, practice_ids: set[str], languages_with_a_catalogue: set[str]) -> list[str]:
    """What is wrong with the tour in each language: a copy has each English stop, in order, at its place
    with its practices. A language with its own catalogue needs its own tour, and the other way round."""
    english = _entries(TOUR_FILE)
    problems = _stop_problems(english, TOUR_FILE, practice_ids)
    for code, _name in settings.LANGUAGES:
        path = tour_file(code)
        if code == settings.LANGUAGE_CODE:
            continue
        if not path.is_file():
            if code in languages_with_a_catalogue:
                problems.append(f"{shown(path)} is missing: the catalogue has a copy in this language, the tour not.")
            continue
        if code not in languages_with_a_catalogue:
            problems.append(f"{shown(path)} has no catalogue in its language beside it.")
        translated = _entries(path)
        problems.extend(_stop_problems(translated, path, practice_ids))
        for number, (copy, original) in enumerate(zip(translated, english, strict=False), start=1):
            if (copy.get("place"), copy.get("practices")) != (original.get("place"), original.get("practices")):
                problems.append(f"Stop {number} in {shown(path)} is {_where(copy)}; in English {_where(original)}.")
        problems.extend(f"Stop {number} in {shown(TOUR_FILE)} ({_where(stop)}) is missing from {shown(path)}."
                        for number, stop in enumerate(english[len(translated):], start=len(translated) + 1))
        problems.extend(f"Stop {number} in {shown(path)} ({_where(stop)}) is not in {shown(TOUR_FILE)}."
                        for number, stop in enumerate(translated[len(english):], start=len(english) + 1))
    return problems
