"""Size guides: the body measurements behind each kind of garment's sizes, and how to take them.

Shown in a dialog beside a product's size choice and as a page of their own (/size-guides/<slug>/), which
works without JavaScript and can be shared. They are plain data, edited in code like the catalogue's other
rules: a guide names the categories it is for, and a product takes the guide of its own category or of the
nearest category above it that has one.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CM_PER_INCH = 2.54

# Each measurement, by the name guides list it under: its name in the page's language, and how to take it.
MEASUREMENTS = {
    "Bust": (pgettext_lazy("body measurement", "Bust"),
             _("Around the fullest part of your bust, the tape level across your back.")),
    "Chest": (pgettext_lazy("body measurement", "Chest"),
              _("Around the fullest part of your chest, under your arms, the tape level across your back.")),
    "Waist": (pgettext_lazy("body measurement", "Waist"),
              _("Around your natural waist, the narrowest part, keeping one finger between the tape and your body.")),
    "Hips": (pgettext_lazy("body measurement", "Hips"),
             _("Around the fullest part of your hips and bottom, feet together.")),
    "Length": (pgettext_lazy("a garment's measurement", "Length"),
               _("The garment itself, from the highest point of the shoulder to the hem.")),
    "Inside leg": (pgettext_lazy("body measurement", "Inside leg"),
                   _("From the top of your inner thigh to the floor, without shoes.")),
    "Height": (pgettext_lazy("a baby's measurement", "Height"),
               _("Your baby lying flat, from the top of the head to the heel.")),
}


@dataclass(frozen=True)
class Measure:
    """One measurement, given in centimetres and shown in inches too (to the nearest half inch)."""

    cm: int

    @property
    def inches(self) -> str:
        halves = round(self.cm / CM_PER_INCH * 2)
        return f"{halves // 2}½" if halves % 2 else f"{halves // 2}"


@dataclass(frozen=True)
class SizeGuide:
    slug: str
    title: str | Promise  # in the page's language, as every text of a guide
    categories: tuple[str, ...]  # category slugs the guide is for; their subcategories too
    measurements: tuple[str, ...]  # the table's columns, each a key of MEASUREMENTS
    sizes: tuple[tuple[str, tuple[int, ...]], ...]  # each size with its measurements in cm, column by column
    fit: str | Promise  # how the sizes come up, and what to do between two

    @property
    def columns(self) -> list[str]:
        return [MEASUREMENTS[key][0] for key in self.measurements]

    @property
    def rows(self) -> list[tuple[str, list[Measure]]]:
        return [(size, [Measure(cm) for cm in values]) for size, values in self.sizes]

    @property
    def how_to_measure(self) -> list[tuple[str, str]]:
        return [MEASUREMENTS[key] for key in self.measurements]


SIZE_GUIDES = (
    SizeGuide("womens-dresses", _("Women's dresses"), ("clothing-women-dresses",),
              ("Bust", "Waist", "Hips", "Length"),
              (("8", (82, 64, 89, 110)), ("10", (87, 69, 94, 111)), ("12", (92, 74, 99, 112)),
               ("14", (97, 79, 104, 113)), ("16", (102, 84, 109, 114))),
              # Translators: UK sizes are the sizing system the numbers 8 to 16 belong to, not where we deliver.
              _("Our dresses are cut to UK sizes. Between two sizes, choose the one that fits your bust.")),
    SizeGuide("womens-tops-and-knitwear", _("Women's tops and knitwear"),
              ("clothing-women-tops", "clothing-women-knitwear"),
              ("Bust", "Waist", "Hips", "Length"),
              (("XS", (80, 62, 87, 60)), ("S", (85, 67, 92, 62)), ("M", (90, 72, 97, 64)),
               ("L", (96, 78, 103, 66)), ("XL", (103, 85, 110, 68))),
              _("XS is a UK 6, S an 8 to 10, M a 12, L a 14 and XL a 16. Knitwear is roomy: between two sizes, "
                "choose the smaller.")),
    SizeGuide("mens-shirts", _("Men's shirts"), ("clothing-men-shirts",),
              ("Chest", "Waist", "Length"),
              (("S", (94, 80, 76)), ("M", (101, 87, 78)), ("L", (108, 94, 80)), ("XL", (116, 102, 82)),
               ("XXL", (124, 110, 84))),
              _("A regular fit with room to move. Between two sizes, choose the larger if you wear it tucked in.")),
    SizeGuide("mens-trousers", _("Men's trousers"), ("clothing-men-trousers",),
              ("Waist", "Hips", "Inside leg"),
              (("30R", (76, 94, 81)), ("32R", (81, 99, 81)), ("34R", (86, 104, 81)), ("36R", (91, 109, 81)),
               ("38R", (97, 114, 81))),
              _("The number is the waist in inches; R is our regular leg. Between two waists, choose the larger.")),
    SizeGuide("mens-jackets", _("Men's jackets"), ("clothing-men-jackets",),
              ("Chest", "Waist", "Length"),
              (("S", (96, 82, 72)), ("M", (104, 90, 74)), ("L", (112, 98, 76)), ("XL", (120, 106, 78))),
              _("Cut to wear over a jumper. Between two sizes, choose the one that fits your chest.")),
    SizeGuide("baby-clothes", _("Baby clothes"), ("toys-and-kids-baby-baby-clothes",),
              ("Height", "Chest"),
              (("0–3 m", (62, 42)), ("3–6 m", (68, 44)), ("6–12 m", (80, 47))),
              _("Sized by height rather than age: babies grow at their own pace. The height is the most each "
                "size fits.")),
)

_BY_SLUG = {guide.slug: guide for guide in SIZE_GUIDES}
_BY_CATEGORY = {category: guide for guide in SIZE_GUIDES for category in guide.categories}


def size_guide_named(slug: str) -> SizeGuide | None:
    return _BY_SLUG.get(slug)


def size_guide_for(category) -> SizeGuide | None:
    """The guide for a product in `category` (a CategoryNode): its own category's, else the nearest above."""
    for node in (category, *reversed(category.ancestors)):
        if node.slug in _BY_CATEGORY:
            return _BY_CATEGORY[node.slug]
    return None
