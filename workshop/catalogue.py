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
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"

# The five groups of the "elements of web user experience" (P01–P76), then the service practices.
GROUPS = {
    "sensory": "Sensory",
    "interaction": "Interaction",
    "browsing": "Browsing",
    "emotional": "Emotional",
    "trust": "Trust",
    "service": "Service through the sale",
}
_P_GROUP_STARTS = [(1, "sensory"), (13, "interaction"), (28, "browsing"), (50, "emotional"), (62, "trust")]
EXPECTED_IDS = [f"P{number:02}" for number in range(1, 77)] + [f"S{number:02}" for number in range(1, 20)]

STATUSES = {
    "demonstrated": "Demonstrated",
    "partly": "Partly",
    "not-yet": "Not built yet",
    "not-applicable": "Not applicable here",
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


@cache
def _read() -> tuple[Practice, ...]:
    entries = []
    for path in sorted(CATALOGUE_DIR.glob("*.toml")):
        with path.open("rb") as file:
            entries.extend(_practice_from(entry) for entry in tomllib.load(file).get("practice", []))
    return tuple(sorted(entries, key=lambda practice: practice.sort_key if _ID_PATTERN.match(practice.id)
                        else (2, 0)))


def practices() -> tuple[Practice, ...]:
    """Every practice, P01…P76 then S01…S19."""
    return _read()


@cache
def _by_id() -> dict[str, Practice]:
    return {practice.id: practice for practice in practices()}


def practice_or_none(practice_id: str) -> Practice | None:
    return _by_id().get(practice_id)


def catalogue_problems() -> list[str]:
    """What is wrong with the catalogue's text, one sentence each; empty when it is sound."""
    from .places import PLACES  # places import models; the catalogue itself does not need them

    problems = []
    seen = set()
    for practice in practices():
        name = practice.id or "An entry without an id"
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
    problems.extend(f"{missing} is missing." for missing in EXPECTED_IDS if missing not in seen)
    return problems
