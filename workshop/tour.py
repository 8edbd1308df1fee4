"""The guided tour: an ordered walk through the shop for a workshop, with a facilitator's note per stop.

The stops are text in workshop/tour.toml, each naming a place (workshop/places.py) and the practices
to point out there.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .catalogue import Practice, practice_or_none
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


@cache
def tour_stops() -> tuple[Stop, ...]:
    with TOUR_FILE.open("rb") as file:
        stops = tomllib.load(file)["stop"]
    return tuple(Stop(title=stop["title"], place=PLACES[stop["place"]], practice_ids=tuple(stop["practices"]),
                      try_this=stop["try_this"].strip(), facilitator_note=stop["note"].strip()) for stop in stops)
