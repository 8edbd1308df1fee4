"""Product pictures for the demo catalogue, drawn with Pillow: the demo runs offline and owns its images.

Each kind of product has its own drawing (`DRAWINGS`, one per noun of the catalogue), coloured with the
product's colour and textured after its material, in the same studio light for the whole catalogue: a
soft backdrop, light from the top left, a shadow on the ground. A second view puts the same product in a
room. Every picture is square because the shop shows them in square frames (the cards' and the gallery's
`aspect-ratio: 1`), so nothing is letterboxed.
"""

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SIZE = 800
GROUND = 700  # where products stand, the same in every picture

STEEL = (150, 155, 160)
IRON = (52, 52, 54)
WOOD = (178, 134, 88)
LEAF = (72, 128, 78)
PAPER = (244, 240, 230)
TERRACOTTA = (186, 98, 62)

RGB = tuple[int, int, int]


def _mix(rgb: RGB, other: RGB, amount: float) -> RGB:
    return tuple(round(a + (b - a) * amount) for a, b in zip(rgb, other, strict=True))


# --- Textures: grey images around 128, added to a part's shading where the material shows --------------

def _spread(image: Image.Image, strength: float) -> Image.Image:
    """Scale a texture's distance from mid-grey: 0 is flat, 1 keeps it as drawn."""
    return image.point(lambda value: round(128 + (value - 128) * strength))


@lru_cache
def _texture(kind: str, strength: float = 1.0) -> Image.Image | None:
    drawn = _drawn_texture(kind)
    return drawn if drawn is None or strength == 1 else _spread(drawn, strength)


@lru_cache
def _drawn_texture(kind: str) -> Image.Image | None:
    rng = random.Random(kind)
    if kind == "linen":  # slubs: short uneven threads running across
        return _spread(Image.effect_noise((SIZE // 10, SIZE), 60).resize((SIZE, SIZE), Image.Resampling.BILINEAR), 0.5)
    if kind in ("twill", "ripstop", "cord", "grain", "knit"):
        image = Image.new("L", (SIZE, SIZE), 128)
        draw = ImageDraw.Draw(image)
        if kind == "twill":  # denim, canvas, chino: fine diagonal ribs
            for offset in range(-SIZE, SIZE, 7):
                draw.line([(offset, SIZE), (offset + SIZE, 0)], fill=104, width=2)
        elif kind == "ripstop":
            for offset in range(0, SIZE, 22):
                draw.line([(offset, 0), (offset, SIZE)], fill=112, width=2)
                draw.line([(0, offset), (SIZE, offset)], fill=112, width=2)
        elif kind == "cord":  # corduroy's wales
            for offset in range(0, SIZE, 11):
                draw.line([(offset, 0), (offset, SIZE)], fill=96, width=3)
        elif kind == "grain":  # wood: wavy lines along the board
            for row in range(0, SIZE, 16):
                phase, depth = rng.uniform(0, 6), rng.uniform(3, 8)
                draw.line([(x, row + depth * math.sin(x / 70 + phase)) for x in range(0, SIZE + 20, 20)],
                          fill=rng.choice((100, 108, 116)), width=2)
        else:  # knit: rows of small Vs
            for row in range(0, SIZE, 12):
                for column in range(0, SIZE, 12):
                    draw.line([(column, row), (column + 6, row + 9), (column + 12, row)], fill=100, width=2)
        return image
    if kind == "brushed":  # steel and aluminium: fine streaks along the metal
        return _spread(Image.effect_noise((SIZE, SIZE // 40), 70).resize((SIZE, SIZE), Image.Resampling.BILINEAR), 0.6)
    if kind == "speckle":  # stoneware, cast iron, terracotta: dark flecks
        return Image.effect_noise((SIZE, SIZE), 90).point(lambda value: 80 if value < 30 else 128)
    if kind in ("terry", "paper"):
        return _spread(Image.effect_noise((SIZE, SIZE), 70), 0.45 if kind == "terry" else 0.15)
    if kind == "mottled":  # waxed cotton's sheen, worn in
        return _spread(Image.effect_noise((24, 24), 80).resize((SIZE, SIZE), Image.Resampling.BICUBIC), 0.3)
    return None


# The first words found in a material's name decide its texture.
TEXTURES = (
    (("corduroy",), "cord"), (("denim", "twill", "canvas", "braided"), "twill"), (("linen",), "linen"),
    (("wool", "merino"), "knit"), (("waxed",), "mottled"), (("nylon", "polycotton", "polyester"), "ripstop"),
    (("steel", "aluminium", "brass"), "brushed"), (("iron", "stoneware", "terracotta"), "speckle"),
    (("ash", "beech", "oak", "larch", "cedar", "birch"), "grain"), (("paper", "card", "back"), "paper"),
)


def texture_for(material: str) -> str:
    words = material.lower()
    return next((texture for keys, texture in TEXTURES if any(key in words for key in keys)), "smooth")


# --- A drawing: a silhouette and its shading, coloured at the end ---------------------------------------

@lru_cache
def _light() -> Image.Image:
    """Light from the top left: brighter there, darker at the bottom right, the same for every product."""
    down = Image.linear_gradient("L").resize((SIZE, SIZE))
    across = down.transpose(Image.Transpose.ROTATE_90).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return ImageChops.add(down, across, scale=2).point(lambda value: round(150 - value * 48 / 255))


@lru_cache
def _gradient(low: int, high: int, across: bool) -> Image.Image:
    ramp = Image.linear_gradient("L").point(lambda value: round(low + (high - low) * value / 255))
    return ramp.transpose(Image.Transpose.ROTATE_90).transpose(Image.Transpose.FLIP_LEFT_RIGHT) if across else ramp


class Part:
    """One material of a drawing: where it is (mask) and how light falls on it (tone, 128 = its own colour)."""

    def __init__(self, colour: RGB, texture: str = "smooth", strength: float = 1.0):
        self.colour, self.texture, self.strength = colour, texture, strength
        self.mask = Image.new("L", (SIZE, SIZE), 0)
        self.tone = Image.new("L", (SIZE, SIZE), 128)
        self._mask, self._tone = ImageDraw.Draw(self.mask), ImageDraw.Draw(self.tone)

    def fill(self, shape: str, xy, *angles: float, tone: int = 128, **options) -> "Part":
        """A filled `polygon`, `ellipse`, `rounded_rectangle`, `pieslice` (with its angles)… of this material."""
        getattr(self._mask, shape)(xy, *angles, fill=255, **options)
        getattr(self._tone, shape)(xy, *angles, fill=tone, **options)
        return self

    def line(self, xy, *, tone: int = 128, width: int = 3, solid: bool = False) -> "Part":
        """A seam, crease or edge: only shading, unless `solid` (a strap, a handle, a cable)."""
        if solid:
            self._mask.line(xy, fill=255, width=width, joint="curve")
        self._tone.line(xy, fill=tone, width=width, joint="curve")
        return self

    def cut(self, shape: str, xy, *angles: float, **options) -> "Part":
        """A hole: a handle's eye, the inside of a coil."""
        getattr(self._mask, shape)(xy, *angles, fill=0, **options)
        return self

    def round(self, box, *, low: int = 96, high: int = 160, across: bool = True) -> "Part":
        """Shade a rounded surface in `box`: dark at one side, light at the other (a cylinder, a dome)."""
        left, top, right, bottom = (round(value) for value in box)
        ramp = _gradient(low, high, across).resize((right - left, bottom - top), Image.Resampling.NEAREST)
        if across:
            ramp = ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT)  # the light comes from the left
        self.tone.paste(ramp, (left, top), self.mask.crop((left, top, right, bottom)))
        return self

    def painted(self) -> tuple[Image.Image, Image.Image, tuple[int, int]] | None:
        """The part in colour, its softened mask, and where they go; worked on the part's own box for speed."""
        found = self.mask.getbbox()
        if found is None:
            return None
        box = (max(found[0] - 4, 0), max(found[1] - 4, 0), min(found[2] + 4, SIZE), min(found[3] + 4, SIZE))
        mask = self.mask.crop(box)
        tone = ImageChops.add(self.tone.crop(box), _light().crop(box), scale=1, offset=-128)
        texture = _texture(self.texture, self.strength)
        if texture is not None:
            tone = ImageChops.add(tone, texture.crop(box), scale=1, offset=-128)
        # A darker rim keeps a pale product clear of the pale backdrop.
        rim = ImageChops.subtract(mask, mask.filter(ImageFilter.BoxBlur(3))).point(lambda v: v // 4)
        tone = ImageChops.subtract(tone, rim)
        dark, light = _mix(self.colour, (0, 0, 0), 0.7), _mix(self.colour, (255, 255, 255), 0.75)
        channels = [tone.point(_ramp(low, mid, high)) for low, mid, high in zip(dark, self.colour, light, strict=True)]
        return Image.merge("RGB", channels), mask.filter(ImageFilter.BoxBlur(1)), box[:2]


def _ramp(low: int, mid: int, high: int) -> list[int]:
    """A channel's look-up table: shading 0 is `low`, 128 the colour itself, 255 `high`."""
    return [round(low + (mid - low) * value / 128) if value < 128 else round(mid + (high - mid) * (value - 128) / 127)
            for value in range(256)]


@dataclass(frozen=True)
class Look:
    """What a drawing knows about the product: its colour and the texture of its material."""

    colour: RGB
    texture: str

    def part(self, strength: float = 1.0) -> Part:
        return Part(self.colour, self.texture, strength)

    def plain(self) -> Part:
        return Part(self.colour)

    def trim(self, amount: float = 0.35) -> Part:
        """A darker part of the same colour: a collar's underside, a rubber strap."""
        return Part(_mix(self.colour, (20, 20, 22), amount))


def _metal() -> Part:
    return Part(STEEL, "brushed")


def _wood() -> Part:
    return Part(WOOD, "grain")


DRAWINGS: dict[str, Callable[[Look], list[Part]]] = {}  # the catalogue's nouns → how to draw one
SETTINGS: dict[str, str] = {}  # the catalogue's nouns → where the second view shows one (a key of SCENES)


def drawing(*nouns: str, setting: str):
    """Register a drawing for these nouns; it is called with the product's look and the noun it draws."""
    def register(draw: Callable[[Look, str], list[Part]]):
        for noun in nouns:
            DRAWINGS[noun] = lambda look, draw=draw, noun=noun: draw(look, noun)
            SETTINGS[noun] = setting
        return draw
    return register


# --- Clothing: laid out front on, as a shop photographs it on a ghost mannequin -------------------------

def _sleeves(part: Part, *, long: bool, top: int = 170, spread: int = 120, hem: int = 610) -> None:
    for side in (-1, 1):
        shoulder, armpit = 400 + side * 140, 400 + side * 132
        if long:
            outer, inner = 400 + side * (140 + spread * 0.7), 400 + side * (140 + spread * 0.3)
            part.fill("polygon", [(shoulder, top + 8), (outer, hem - 20), (inner, hem), (armpit, top + 150)], tone=112)
            part.line([(outer + side * 2, hem - 54), (inner + side * 2, hem - 36)], tone=92, width=4)  # cuff
        else:
            part.fill("polygon", [(shoulder, top + 8), (400 + side * 258, top + 128), (400 + side * 216, top + 172),
                                  (armpit, top + 130)], tone=116)


def _body(part: Part, *, top: int = 150, hem: int = 630, width: int = 140, flare: int = 0, neck: int = 54,
          neck_depth: int = 40) -> None:
    part.fill("polygon", [(400 - neck, top), (400 - width, top + 22), (400 - width + 8, top + 150),
                          (400 - width - flare, hem), (400 + width + flare, hem), (400 + width - 8, top + 150),
                          (400 + width, top + 22), (400 + neck, top)])
    part.fill("pieslice", (400 - neck, top - neck_depth, 400 + neck, top + neck_depth), 0, 180, tone=70)  # inside


def _buttons(part: Part, top: int, bottom: int, step: int = 70) -> None:
    part.line([(400, top), (400, bottom)], tone=108, width=3)
    for y in range(top + 20, bottom, step):
        part.fill("ellipse", (393, y - 7, 407, y + 7), tone=176)


def _collar(part: Part, top: int = 150) -> None:
    part.fill("polygon", [(346, top - 6), (400, top + 50), (372, top + 74), (330, top + 24)], tone=150)
    part.fill("polygon", [(454, top - 6), (400, top + 50), (428, top + 74), (470, top + 24)], tone=150)


@drawing("striped T-shirt", "linen top", "blouse", "crew-neck jumper", "roll-neck", "cardigan", setting="rail")
def _top(look: Look, noun: str) -> list[Part]:
    cloth = look.part()
    long = noun in ("blouse", "crew-neck jumper", "roll-neck", "cardigan")
    _sleeves(cloth, long=long)
    _body(cloth, hem=600 if long else 590, width=132 if noun == "linen top" else 138,
          neck=64 if noun == "linen top" else 50, neck_depth=24 if noun == "linen top" else 40)
    if noun == "striped T-shirt":
        for y in range(200, 590, 44):
            cloth.line([(250, y), (560, y)], tone=212, width=14)
    if noun in ("crew-neck jumper", "roll-neck", "cardigan"):  # ribbed hem
        cloth.fill("rectangle", (262, 566, 538, 600), tone=112)
        for x in range(268, 538, 10):
            cloth.line([(x, 568), (x, 598)], tone=96, width=2)
    if noun == "roll-neck":
        cloth.fill("rounded_rectangle", (344, 90, 456, 176), radius=18, tone=120)
        for y in range(100, 172, 14):
            cloth.line([(348, y), (452, y)], tone=100, width=3)
    if noun == "cardigan":
        cloth.fill("polygon", [(352, 150), (400, 330), (448, 150)], tone=60)
        _buttons(cloth, 330, 600, 60)
    if noun == "blouse":
        _collar(cloth)
        _buttons(cloth, 200, 560, 80)
    return [cloth]


@drawing("oxford shirt", "linen shirt", "flannel shirt", setting="rail")
def _shirt(look: Look, noun: str) -> list[Part]:
    cloth = look.part()
    _sleeves(cloth, long=True)
    _body(cloth, hem=620)
    if noun == "flannel shirt":  # a check: darker bands both ways
        for offset in range(200, 620, 60):
            cloth.line([(250, offset), (560, offset)], tone=96, width=16)
        for offset in range(270, 540, 60):
            cloth.line([(offset, 170), (offset, 620)], tone=100, width=16)
    cloth.fill("polygon", [(400 - 138, 612), (400 + 138, 612), (400 + 138, 640), (400, 624), (400 - 138, 640)])
    _collar(cloth)
    _buttons(cloth, 200, 620)
    cloth.line([(300, 260), (360, 260), (360, 330), (300, 330), (300, 260)], tone=110, width=3)  # pocket
    return [cloth]


@drawing("wrap dress", "shirt dress", "midi dress", setting="rail")
def _dress(look: Look, noun: str) -> list[Part]:
    cloth = look.part()
    if noun == "midi dress":  # sleeveless, thin straps
        for side in (-1, 1):
            cloth.line([(400 + side * 50, 110), (400 + side * 84, 180)], tone=120, width=14, solid=True)
    else:
        _sleeves(cloth, long=False, top=140)
    waist = 360
    cloth.fill("polygon", [(400 - 112, 150), (400 - 118, 250), (400 - 86, waist), (400 - 210, 690), (400 + 210, 690),
                           (400 + 86, waist), (400 + 118, 250), (400 + 112, 150)])
    for x in range(250, 560, 52):  # the skirt's folds
        cloth.line([(400 + (x - 400) * 0.35, waist + 20), (x, 686)], tone=112, width=5)
    cloth.line([(400 - 86, waist), (400 + 86, waist)], tone=96, width=10)
    if noun == "wrap dress":
        cloth.fill("polygon", [(340, 150), (400, 300), (460, 150)], tone=70)
        cloth.line([(340, 150), (470, waist)], tone=104, width=4)
        cloth.line([(470, waist), (500, 470)], tone=100, width=12)  # the tie's ends
        cloth.line([(476, waist), (530, 450)], tone=100, width=12)
    elif noun == "shirt dress":
        _collar(cloth, 148)
        _buttons(cloth, 200, 660)
    else:
        cloth.fill("pieslice", (330, 100, 470, 200), 0, 180, tone=70)
    return [cloth]


@drawing("chinos", "cord trousers", "work trousers", setting="rail")
def _trousers(look: Look, noun: str) -> list[Part]:
    cloth = look.part()
    cloth.fill("polygon", [(282, 110), (518, 110), (534, 300), (546, 690), (422, 690), (400, 330), (378, 690),
                           (254, 690), (266, 300)])
    cloth.fill("rectangle", (282, 110, 518, 146), tone=112)  # waistband
    for x in (300, 360, 440, 500):
        cloth.line([(x, 110), (x, 150)], tone=92, width=6)  # belt loops
    cloth.line([(400, 146), (400, 290)], tone=100, width=3)  # fly
    cloth.line([(292, 150), (330, 230)], tone=100, width=3)
    cloth.line([(508, 150), (470, 230)], tone=100, width=3)
    cloth.line([(318, 330), (316, 680)], tone=112, width=3)  # creases
    cloth.line([(482, 330), (484, 680)], tone=112, width=3)
    if noun == "work trousers":
        for left in (270, 430):
            cloth.line([(left + 12, 430), (left + 90, 430), (left + 92, 530), (left + 14, 530), (left + 12, 430)],
                       tone=100, width=4)
    return [cloth]


@drawing("waxed jacket", "rain jacket", "quilted gilet", setting="rail")
def _jacket(look: Look, noun: str) -> list[Part]:
    cloth = look.part()
    if noun != "quilted gilet":
        _sleeves(cloth, long=True, spread=140, hem=630)
    _body(cloth, top=150, hem=640, width=150, neck=56)
    if noun == "rain jacket":
        cloth.fill("chord", (320, 60, 480, 240), 180, 360, tone=118)
        cloth.fill("ellipse", (350, 100, 450, 200), tone=64)
    elif noun == "waxed jacket":
        cloth.fill("polygon", [(336, 150), (400, 210), (464, 150), (470, 118), (330, 118)], tone=70)  # corduroy collar
    else:
        cloth.fill("rectangle", (346, 122, 454, 160), tone=116)
        for y in range(200, 640, 48):
            cloth.line([(252, y), (548, y)], tone=104, width=3)
    cloth.line([(400, 150), (400, 640)], tone=80, width=5)  # zip
    for left in (276, 428):
        cloth.fill("rectangle", (left, 450, left + 96, 476), tone=108)  # pocket flaps
    return [cloth]


@drawing("sleepsuit", "knitted cardigan", "bib set", setting="rail")
def _baby(look: Look, noun: str) -> list[Part]:
    cloth = look.part()
    if noun == "bib set":
        for index, (x, y) in enumerate(((270, 330), (530, 330), (400, 430))):
            tone = (150, 110, 128)[index]
            cloth.fill("ellipse", (x - 130, y - 120, x + 130, y + 170), tone=tone)
            cloth.cut("ellipse", (x - 50, y - 140, x + 50, y - 40))
        return [cloth]
    if noun == "knitted cardigan":
        cloth.texture = "knit"
        _sleeves(cloth, long=True, top=250, spread=90, hem=590)
        _body(cloth, top=230, hem=600, width=120, neck=44)
        cloth.fill("polygon", [(356, 230), (400, 380), (444, 230)], tone=60)
        _buttons(cloth, 380, 600, 56)
        return [cloth]
    _sleeves(cloth, long=True, top=150, spread=80, hem=430)
    cloth.fill("polygon", [(352, 140), (270, 170), (276, 470), (284, 670), (388, 680), (400, 520), (412, 680),
                           (516, 670), (524, 470), (530, 170), (448, 140)])
    for x in (336, 464):  # the feet
        cloth.fill("ellipse", (x - 60, 640, x + 60, 700), tone=112)
    cloth.fill("pieslice", (352, 110, 448, 170), 0, 180, tone=70)
    for y in range(190, 500, 54):
        cloth.fill("ellipse", (393, y - 6, 407, y + 6), tone=180)
    return [cloth]


# --- Home and kitchen: seen from a little above --------------------------------------------------------

def _vessel(part: Part, left: int, right: int, top: int, bottom: int, *, lip: int = 34) -> None:
    """A cylinder standing on the ground: a body shaded round, an open top."""
    part.fill("rectangle", (left, top, right, bottom - lip))
    part.fill("ellipse", (left, bottom - 2 * lip, right, bottom))
    part.round((left, top, right, bottom), low=88, high=168)
    part.fill("ellipse", (left, top - lip, right, top + lip), tone=150)


def _loop_handles(part: Part, left: int, right: int, y: int) -> None:
    for x, side in ((left, -1), (right, 1)):
        part.line([(x, y - 10), (x + side * 40, y - 8), (x + side * 44, y + 20), (x, y + 24)], width=14, solid=True,
                  tone=100)


@drawing("frying pan", "sauté pan", "crêpe pan", setting="table")
def _pan(look: Look, noun: str) -> list[Part]:
    body, inside = look.part(), Part(IRON, "speckle") if look.texture == "speckle" else _metal()
    depth, half_width = {"frying pan": (46, 230), "sauté pan": (92, 220), "crêpe pan": (18, 250)}[noun]
    centre, half_height = 470, 110
    handle = look.trim(0.5) if look.texture == "speckle" else _metal()
    handle.line([(400 + half_width - 30, centre - 10), (770, centre - 110)], width=40, solid=True, tone=120)
    if noun == "sauté pan":
        handle.line([(400 - half_width + 20, centre - 10), (400 - half_width - 50, centre - 30)], width=24, solid=True)
    body.fill("ellipse", (400 - half_width, centre - half_height + depth,
                          400 + half_width, centre + half_height + depth))
    body.fill("rectangle", (400 - half_width, centre, 400 + half_width, centre + depth))
    body.round((400 - half_width, centre, 400 + half_width, centre + half_height + depth), low=80, high=160)
    body.fill("ellipse", (400 - half_width, centre - half_height, 400 + half_width, centre + half_height), tone=160)
    inside.fill("ellipse", (400 - half_width + 16, centre - half_height + 10, 400 + half_width - 16,
                            centre + half_height - 10), tone=110)
    inside.fill("ellipse", (300, centre - 50, 430, centre + 10), tone=150)  # a gleam
    return [handle, body, inside]


@drawing("stockpot", "casserole", "saucepan", setting="table")
def _pot(look: Look, noun: str) -> list[Part]:
    body = look.part()
    left, right, top = {"stockpot": (190, 610, 250), "casserole": (170, 630, 430), "saucepan": (190, 500, 400)}[noun]
    if noun == "saucepan":
        handle = _metal().line([(right - 10, top + 40), (770, top - 40)], width=36, solid=True, tone=120)
    else:
        handle = body
    _vessel(body, left, right, top, GROUND - 10, lip=40)
    if noun != "saucepan":
        _loop_handles(body, left, right, top + 40)
    lid = look.part() if noun != "saucepan" else _metal()
    lid.fill("chord", (left - 6, top - 70, right + 6, top + 42), 180, 360, tone=150)
    lid.fill("ellipse", (left - 6, top - 22, right + 6, top + 42), tone=120)
    lid.fill("rounded_rectangle", (370, top - 100, 430, top - 56), radius=12, tone=96)  # knob
    return [handle, body, lid] if handle is not body else [body, lid]


@drawing("stoneware mug", "espresso cup", "travel mug", setting="table")
def _mug(look: Look, noun: str) -> list[Part]:
    cup = look.part(0.7)
    if noun == "travel mug":
        cup.fill("polygon", [(290, 200), (510, 200), (490, GROUND - 10), (310, GROUND - 10)])
        cup.round((290, 200, 510, GROUND), low=80, high=170)
        lid = look.trim(0.6)
        lid.fill("rounded_rectangle", (280, 140, 520, 220), radius=20, tone=120)
        lid.fill("rounded_rectangle", (330, 120, 400, 150), radius=8, tone=100)
        return [cup, lid]
    if noun == "espresso cup":
        saucer = look.part(0.7).fill("ellipse", (200, 600, 600, 700), tone=140)
        saucer.fill("ellipse", (290, 620, 510, 670), tone=110)
        cup.fill("ellipse", (476, 470, 566, 580)).cut("ellipse", (496, 492, 544, 556))
        cup.fill("chord", (300, 340, 500, 660), 0, 180)
        cup.round((300, 400, 500, 660), low=90, high=170)
        cup.fill("ellipse", (300, 470, 500, 530), tone=150)
        cup.fill("ellipse", (316, 478, 484, 522), tone=30)  # coffee
        return [saucer, cup]
    cup.fill("ellipse", (460, 380, 620, 590)).cut("ellipse", (500, 420, 580, 550))
    _vessel(cup, 260, 510, 340, GROUND - 10, lip=36)
    cup.fill("ellipse", (276, 312, 494, 366), tone=60)
    return [cup]


@drawing("dinner plate", "side plate", "pasta bowl", setting="table")
def _plate(look: Look, noun: str) -> list[Part]:
    dish = look.part(0.6)
    half = {"dinner plate": 300, "side plate": 220, "pasta bowl": 270}[noun]
    if noun == "pasta bowl":
        dish.fill("chord", (400 - half, 330, 400 + half, 690), 0, 180)
        dish.round((400 - half, 500, 400 + half, 690), low=90, high=160)
    dish.fill("ellipse", (400 - half, 540 - half // 2, 400 + half, 540 + half // 2 + 10), tone=100)
    dish.fill("ellipse", (400 - half, 530 - half // 2, 400 + half, 530 + half // 2), tone=156)
    inner = half * 0.66
    dish.fill("ellipse", (400 - inner, 530 - inner / 2, 400 + inner, 530 + inner / 2),
              tone=104 if noun == "pasta bowl" else 132)
    return [dish]


def _folded(part: Part, left: int, right: int, top: int, height: int, *, tone: int = 128, border: bool = True) -> None:
    """A folded cloth lying flat, its rounded fold towards the viewer."""
    part.fill("rounded_rectangle", (left, top, right, top + height), radius=height // 2, tone=tone)
    part.round((left, top, right, top + height), low=tone - 30, high=tone + 26, across=False)
    part.line([(left + height // 2, top + 6), (right - 10, top + 6)], tone=tone + 34, width=4)
    if border:
        part.line([(right - 70, top + 4), (right - 70, top + height - 4)], tone=tone + 40, width=12)


@drawing("bath towel", "hand towel", "bath sheet", "cellular blanket", "knitted blanket", "muslin squares",
         setting="shelf")
def _cloth_stack(look: Look, noun: str) -> list[Part]:
    textures = {"cellular blanket": "ripstop", "knitted blanket": "knit", "muslin squares": "linen"}
    cloth = Part(look.colour, textures.get(noun, "terry" if look.texture != "linen" else "linen"))
    layers, width, height = {"bath towel": (3, 460, 96), "hand towel": (4, 360, 70), "bath sheet": (2, 540, 130),
                             "cellular blanket": (2, 520, 110), "knitted blanket": (2, 520, 120),
                             "muslin squares": (5, 420, 44)}[noun]
    for layer in range(layers):
        top = GROUND - (layer + 1) * (height - 6)
        shift = (-1) ** layer * 10
        _folded(cloth, 400 - width // 2 + shift, 400 + width // 2 + shift, top, height, tone=128 + 6 * layer,
                border=noun in ("bath towel", "hand towel", "bath sheet"))
    return [cloth]


@drawing("duvet cover", "pillowcase pair", "fitted sheet", setting="shelf")
def _bedding(look: Look, noun: str) -> list[Part]:
    cloth = look.part(0.8)
    if noun == "pillowcase pair":
        for left, top, tone in ((150, 300, 118), (290, 400, 136)):
            cloth.fill("rounded_rectangle", (left, top, left + 380, top + 250), radius=70, tone=tone)
            cloth.round((left, top, left + 380, top + 250), low=tone - 20, high=tone + 30, across=False)
            cloth.line([(left + 30, top + 30), (left + 350, top + 30), (left + 350, top + 220), (left + 30, top + 220),
                        (left + 30, top + 30)], tone=tone - 14, width=3)
        return [cloth]
    layers = 3 if noun == "duvet cover" else 2
    for layer in range(layers):
        _folded(cloth, 200, 600, GROUND - (layer + 1) * 100, 106, tone=124 + 8 * layer, border=False)
    top = GROUND - layers * 100
    cloth.fill("polygon", [(210, top), (590, top), (540, top - 70), (260, top - 70)], tone=150)  # the pile's top
    if noun == "fitted sheet":
        for x in range(220, 590, 18):
            cloth.line([(x, GROUND - 20), (x + 8, GROUND - 6)], tone=100, width=3)  # gathered elastic
    return [cloth]


# --- Outdoors -------------------------------------------------------------------------------------------

@drawing("backpacking tent", "family tent", "bivvy shelter", setting="lawn")
def _tent(look: Look, noun: str) -> list[Part]:
    fly = look.part(0.7)
    half, height = {"backpacking tent": (260, 300), "family tent": (330, 400), "bivvy shelter": (320, 150)}[noun]
    fly.fill("chord", (400 - half, GROUND - 2 * height, 400 + half, GROUND + 4), 180, 360)
    fly.round((400 - half, GROUND - height, 400 + half, GROUND), low=92, high=170)
    if noun == "family tent":
        for offset in (-150, 0, 150):
            fly.line([(400 + offset - 40, GROUND), (400 + offset * 0.6, GROUND - height + 10)], tone=92, width=6)
    door = half * 0.45
    fly.fill("chord", (400 - door, GROUND - 1.4 * height, 400 + door, GROUND + 4), 180, 360, tone=44)
    pegs = Part((60, 60, 62))
    for side in (-1, 1):
        pegs.line([(400 + side * half * 0.6, GROUND - height * 0.75), (400 + side * (half + 60), GROUND)], tone=150,
                  width=3, solid=True)
    return [pegs, fly]


@drawing("three-season bag", "down bag", "summer bag", setting="lawn")
def _sleeping_bag(look: Look, noun: str) -> list[Part]:
    bag = look.part(0.5)
    if noun == "summer bag":
        bag.fill("rounded_rectangle", (250, 110, 550, 690), radius=40)
    else:
        bag.fill("polygon", [(260, 200), (540, 200), (500, 690), (300, 690)])
        bag.fill("ellipse", (250, 90, 550, 330))
    bag.round((250, 90, 550, 690), low=96, high=168)
    step = 44 if noun == "down bag" else 64
    for y in range(280, 690, step):
        bag.line([(270, y), (400, y + 16), (530, y)], tone=92, width=6 if noun == "down bag" else 3)
    bag.line([(530, 220), (500, 680)], tone=80, width=5)  # zip
    if noun != "summer bag":
        bag.fill("ellipse", (320, 140, 480, 270), tone=50)  # the hood's opening
    return [bag]


@drawing("commuter helmet", "road helmet", "kids' helmet", setting="desk")
def _helmet(look: Look, noun: str) -> list[Part]:
    shell = look.plain()
    scale = 0.8 if noun == "kids' helmet" else 1
    half, top = 260 * scale, int(600 - 380 * scale)
    shell.fill("chord", (400 - half, top, 400 + half, top + 2 * (600 - top)), 180, 360)
    shell.round((400 - half, top, 400 + half, 600), low=96, high=176)
    shell.fill("rectangle", (400 - half, 580, 400 + half, 612), tone=70)
    if noun == "road helmet":
        for index in range(5):  # vents
            x = 400 - half + 70 + index * (2 * half - 140) / 4
            shell.fill("rounded_rectangle", (x - 16, top + 80, x + 16, top + 200), radius=12, tone=40)
    else:
        shell.fill("polygon", [(400 - half, 590), (400 - half - 50, 560), (400 - half + 40, 540)], tone=90)  # peak
        shell.fill("ellipse", (380, top + 30, 420, top + 60), tone=60)
    strap = Part((40, 40, 42))
    strap.line([(400 - half * 0.5, 612), (400, GROUND - 10), (400 + half * 0.4, 612)], width=10, solid=True)
    return [strap, shell]


@drawing("front light", "rear light", "light set", setting="desk")
def _bike_light(look: Look, noun: str) -> list[Part]:
    body, lens = look.plain(), Part((246, 236, 200))
    rear = Part((196, 40, 40))
    spots = {"front light": [("front", 400, 1.0)], "rear light": [("rear", 400, 1.0)],
             "light set": [("front", 270, 0.75), ("rear", 560, 0.75)]}[noun]
    for kind, x, scale in spots:
        width, height = (300 * scale, 150 * scale) if kind == "front" else (130 * scale, 300 * scale)
        top = GROUND - 120 - height
        body.fill("rounded_rectangle", (x - width / 2, top, x + width / 2, top + height), radius=int(40 * scale))
        body.round((x - width / 2, top, x + width / 2, top + height), low=90, high=170, across=False)
        body.line([(x, top + height), (x, GROUND - 30)], width=int(30 * scale), solid=True, tone=70)  # bracket
        if kind == "front":
            lens.fill("ellipse", (x - width / 2 - 10, top + 10 * scale, x - width / 2 + 60 * scale,
                                  top + height - 10 * scale))
        else:
            rear.fill("rounded_rectangle", (x - width / 2 + 16 * scale, top + 20 * scale, x + width / 2 - 16 * scale,
                                            top + height - 60 * scale), radius=int(20 * scale))
        body.fill("ellipse", (x - 14, top + height - 44 * scale, x + 14, top + height - 16 * scale), tone=60)
    return [body, lens, rear]


@drawing("hand trowel", "pruning shears", "border fork", setting="lawn")
def _garden_tool(look: Look, noun: str) -> list[Part]:
    handle, steel = look.part(0.6) if look.texture == "grain" else _wood(), _metal()
    if noun == "border fork":
        handle.line([(400, 150), (400, 440)], width=36, solid=True)
        handle.line([(340, 110), (460, 110)], width=26, solid=True)
        handle.line([(350, 110), (390, 170)], width=20, solid=True)
        handle.line([(450, 110), (410, 170)], width=20, solid=True)
        steel.fill("rounded_rectangle", (310, 430, 490, 470), radius=12)
        for x in (322, 374, 426, 478):
            steel.fill("polygon", [(x - 12, 460), (x + 12, 460), (x + 4, GROUND - 10), (x - 4, GROUND - 10)])
        return [handle, steel]
    if noun == "pruning shears":
        handle.line([(260, 660), (420, 380)], width=60, solid=True)
        handle.line([(540, 660), (380, 380)], width=60, solid=True)
        steel.fill("polygon", [(420, 390), (330, 110), (300, 140), (380, 390)])
        steel.fill("polygon", [(380, 390), (470, 110), (500, 140), (420, 390)])
        steel.fill("ellipse", (380, 360, 420, 400), tone=180)
        return [handle, steel]
    handle.fill("rounded_rectangle", (360, 440, 440, 690), radius=36)
    handle.round((360, 440, 440, 690))
    steel.fill("polygon", [(390, 420), (410, 420), (420, 470), (380, 470)])
    steel.fill("polygon", [(300, 400), (500, 400), (480, 200), (400, 90), (320, 200)])
    steel.round((300, 90, 500, 400), low=96, high=180)
    return [handle, steel]


def _plants(part: Part, left: int, right: int, base: int, height: int) -> None:
    rng = random.Random(left * 7 + right)
    for _ in range(14):
        x = rng.uniform(left + 20, right - 20)
        tip = (x + rng.uniform(-90, 90), base - rng.uniform(height * 0.5, height))
        middle = (tip[1] + base) / 2
        part.fill("polygon", [(x - 12, base), (tip[0] - 18, middle), tip, (tip[0] + 18, middle), (x + 12, base)],
                  tone=rng.choice((112, 128, 148)))


@drawing("terracotta pot", "window box", "raised bed", setting="lawn")
def _planter(look: Look, noun: str) -> list[Part]:
    pot, plants = look.part(), Part(LEAF)
    if noun == "terracotta pot":
        pot.colour = _mix(TERRACOTTA, look.colour, 0.35)
        _plants(plants, 290, 510, 380, 280)
        pot.fill("polygon", [(270, 420), (530, 420), (490, GROUND - 4), (310, GROUND - 4)])
        pot.fill("rectangle", (250, 370, 550, 430), tone=146)
    elif noun == "window box":
        _plants(plants, 130, 670, 500, 260)
        pot.fill("polygon", [(120, 480), (680, 480), (650, GROUND - 4), (150, GROUND - 4)])
        pot.fill("rectangle", (110, 470, 690, 500), tone=150)
    else:
        _plants(plants, 150, 650, 430, 220)
        pot.fill("polygon", [(100, 450), (700, 450), (700, GROUND - 4), (100, GROUND - 4)])
        pot.fill("polygon", [(100, 450), (700, 450), (640, 400), (160, 400)], tone=70)
        for y in range(510, GROUND, 62):
            pot.line([(100, y), (700, y)], tone=96, width=4)
    pot.round((100, 400, 700, GROUND), low=100, high=160)
    return [plants, pot]


# --- Electronics ----------------------------------------------------------------------------------------

@drawing("over-ear headphones", "on-ear headphones", "earbuds", setting="desk")
def _headphones(look: Look, noun: str) -> list[Part]:
    shell, cushion = look.part(0.4), look.trim(0.55)
    if noun == "earbuds":
        shell.fill("rounded_rectangle", (230, 430, 570, 680), radius=110)  # the case
        shell.round((230, 430, 570, 680), low=96, high=176, across=False)
        shell.line([(240, 520), (560, 520)], tone=96, width=4)
        for x in (300, 500):
            cushion.fill("ellipse", (x - 60, 220, x + 60, 340), tone=130)
            shell.fill("rounded_rectangle", (x - 24, 300, x + 24, 420), radius=20)
        return [shell, cushion]
    cup = 120 if noun == "over-ear headphones" else 90
    shell.line([(210, 480), (220, 290), (300, 170), (400, 140), (500, 170), (580, 290), (590, 480)], width=34,
               solid=True)  # the headband
    for x in (230, 570):
        shell.fill("rounded_rectangle", (x - cup * 0.55, 520 - cup, x + cup * 0.55, 520 + cup), radius=60)
        shell.round((x - cup * 0.55, 520 - cup, x + cup * 0.55, 520 + cup))
        inward = (x - 400) * 0.12
        cushion.fill("rounded_rectangle", (x - cup * 0.35 + inward, 540 - cup, x + cup * 0.35 + inward, 500 + cup),
                     radius=40, tone=110)
    return [cushion, shell]


@drawing("bookshelf speaker", "portable speaker", "smart speaker", setting="desk")
def _speaker(look: Look, noun: str) -> list[Part]:
    box, grille = look.part(0.5), Part((40, 40, 44), "ripstop", 0.3)
    if noun == "portable speaker":
        box.fill("rounded_rectangle", (130, 410, 670, 660), radius=125)
        box.round((130, 410, 670, 660), low=90, high=170, across=False)
        grille.fill("rounded_rectangle", (200, 430, 600, 640), radius=20, tone=110)
        box.line([(200, 420), (260, 330), (540, 330), (600, 420)], width=18, solid=True)  # strap
        return [box, grille]
    if noun == "smart speaker":
        _vessel(box, 270, 530, 330, GROUND - 6, lip=36)
        box.fill("ellipse", (300, 306, 500, 354), tone=60)
        grille.fill("ellipse", (330, 316, 470, 344), tone=200)
        grille.colour = (140, 200, 230)
        return [box, grille]
    box.fill("rectangle", (270, 200, 530, GROUND - 4))
    box.fill("polygon", [(530, 200), (580, 170), (580, GROUND - 30), (530, GROUND - 4)], tone=90)
    box.fill("polygon", [(270, 200), (320, 170), (580, 170), (530, 200)], tone=160)
    grille.fill("ellipse", (300, 400, 500, 600), tone=100)
    grille.fill("ellipse", (370, 470, 430, 530), tone=150)
    grille.fill("ellipse", (360, 250, 440, 330), tone=110)
    return [box, grille]


@drawing("USB-C charger", "wireless charger", "power bank", setting="desk")
def _charger(look: Look, noun: str) -> list[Part]:
    body, metal = look.plain(), _metal()
    if noun == "wireless charger":
        body.fill("ellipse", (160, 470, 640, 690), tone=100)
        body.fill("ellipse", (160, 450, 640, 670), tone=150)
        body.fill("ellipse", (330, 530, 470, 590), tone=124)
        body.line([(640, 570), (760, 600)], width=16, solid=True, tone=90)
        return [body]
    if noun == "power bank":
        body.fill("rounded_rectangle", (250, 230, 550, GROUND - 4), radius=40)
        body.round((250, 230, 550, GROUND - 4))
        for y in (300, 330, 360, 390):
            body.fill("ellipse", (390, y, 410, y + 18), tone=220)
        body.fill("rounded_rectangle", (360, 250, 440, 266), radius=8, tone=40)
        return [body]
    metal.fill("rectangle", (330, 260, 360, 330)).fill("rectangle", (440, 260, 470, 330))
    metal.fill("rectangle", (385, 200, 415, 280))
    body.fill("rounded_rectangle", (260, 320, 540, GROUND - 4), radius=36)
    body.round((260, 320, 540, GROUND - 4))
    body.fill("rounded_rectangle", (360, 470, 440, 496), radius=12, tone=40)
    return [metal, body]


@drawing("USB-C cable", "Lightning cable", "HDMI cable", setting="desk")
def _cable(look: Look, noun: str) -> list[Part]:
    cord, plug, metal = look.part(0.6), look.trim(0.4), _metal()
    for index, (width, height) in enumerate(((420, 260), (380, 230), (340, 200))):
        centre = 500 + index * 14
        cord.fill("ellipse", (400 - width / 2, centre - height / 2, 400 + width / 2, centre + height / 2), tone=128)
        cord.cut("ellipse", (400 - width / 2 + 20, centre - height / 2 + 20, 400 + width / 2 - 20,
                             centre + height / 2 - 20))
    cord.line([(220, 440), (160, 330), (190, 250)], width=22, solid=True)
    cord.line([(580, 440), (640, 330), (610, 250)], width=22, solid=True)
    for x, y in ((190, 250), (610, 250)):
        plug.fill("rounded_rectangle", (x - 28, y - 120, x + 28, y), radius=12)
        if noun == "HDMI cable":
            metal.fill("polygon", [(x - 34, y - 120), (x + 34, y - 120), (x + 26, y - 190), (x - 26, y - 190)])
        elif noun == "Lightning cable":
            metal.fill("rounded_rectangle", (x - 10, y - 180, x + 10, y - 116), radius=6)
        else:
            metal.fill("rounded_rectangle", (x - 20, y - 170, x + 20, y - 116), radius=12)
    return [cord, plug, metal]


# --- Books and stationery -------------------------------------------------------------------------------

def _book(cover: Part, pages: Part, left: int, right: int, top: int, bottom: int, thickness: int) -> None:
    """A book standing a little turned, its front cover towards us and its pages on the right."""
    pages.fill("polygon", [(right, top + 10), (right + thickness, top - 10), (right + thickness, bottom - 20),
                           (right, bottom)], tone=140)
    for y in range(top + 10, bottom, 9):
        pages.line([(right + 2, y), (right + thickness - 2, y - 18)], tone=116, width=1)
    cover.fill("polygon", [(left, top), (right, top + 10), (right, bottom), (left, bottom - 10)])
    cover.fill("polygon", [(left - 28, top + 8), (left, top), (left, bottom - 10), (left - 28, bottom - 16)], tone=96)
    cover.round((left, top, right, bottom), low=112, high=150)


@drawing("vegetable cookbook", "baking book", "one-pot cookbook", "walking guide", "city guide", "coast guide",
         setting="desk")
def _cover_book(look: Look, noun: str) -> list[Part]:
    cover, pages, art = look.plain(), Part(PAPER), Part(PAPER, "paper")
    guide = "guide" in noun
    left, right, top, bottom = (300, 540, 170, GROUND - 4) if guide else (250, 560, 130, GROUND - 4)
    _book(cover, pages, left, right, top, bottom, 26 if guide else 54)
    art.fill("rectangle", (left + 30, top + 60, right - 30, top + 90), tone=150)  # the title band
    if guide:  # a map line and a peak
        art.fill("polygon", [(left + 30, bottom - 100), (left + 110, top + 200), (left + 170, bottom - 100)], tone=110)
        art.line([(left + 30, top + 160), (left + 100, top + 140), (left + 150, top + 200), (right - 30, top + 170)],
                 tone=96, width=6)
    else:  # a plate on the cover
        art.fill("ellipse", (left + 70, top + 180, right - 70, top + 400), tone=150)
        art.fill("ellipse", (left + 120, top + 230, right - 120, top + 350), tone=130)
    return [pages, cover, art]


@drawing("dot-grid notebook", "lined notebook", "sketchbook", setting="desk")
def _notebook(look: Look, noun: str) -> list[Part]:
    cover, pages, band = look.plain(), Part(PAPER), look.trim(0.6)
    _book(cover, pages, 260, 540, 150, GROUND - 4, 22)
    if noun == "sketchbook":
        wire = _metal()
        for y in range(175, GROUND - 20, 34):
            wire.fill("ellipse", (238, y, 282, y + 18), tone=150).cut("ellipse", (248, y + 5, 272, y + 13))
        return [pages, cover, wire]
    band.fill("rectangle", (486, 158, 502, GROUND - 6), tone=110)  # the elastic
    band.fill("polygon", [(370, GROUND - 8), (392, GROUND - 8), (392, GROUND + 40), (381, GROUND + 28),
                          (370, GROUND + 40)], tone=120)  # the ribbon
    return [pages, cover, band]


@drawing("fountain pen", "rollerball", "pencil set", setting="desk")
def _pen(look: Look, noun: str) -> list[Part]:
    barrel, metal = look.part(0.5), _metal()
    if noun == "pencil set":
        wood, lead = _wood(), Part((50, 50, 52))
        for index in range(5):
            x, tint = 240 + index * 80, (-0.3, -0.15, 0, 0.2, 0.4)[index]
            barrel.fill("rectangle", (x - 22, 250, x + 22, GROUND - 8),
                        tone=round(128 + 90 * tint))
            barrel.line([(x, 250), (x, GROUND - 8)], tone=round(110 + 90 * tint), width=3)
            wood.fill("polygon", [(x - 22, 250), (x + 22, 250), (x, 160)])
            lead.fill("polygon", [(x - 6, 184), (x + 6, 184), (x, 160)])
        return [barrel, wood, lead]
    angle = (160, 640, 640, 160)
    barrel.line([(angle[0] + 80, angle[1] - 80), (angle[2] - 60, angle[3] + 60)], width=74, solid=True)
    barrel.line([(angle[0] + 80, angle[1] - 80), (angle[2] - 60, angle[3] + 60)], width=16, tone=170)  # gleam
    metal.line([(470, 360), (500, 330)], width=80, solid=True, tone=160)  # the cap's band
    metal.line([(520, 250), (600, 170)], width=10, solid=True, tone=170)  # clip
    if noun == "fountain pen":
        metal.fill("polygon", [(205, 560), (255, 610), (150, 680)])
        metal.line([(220, 595), (170, 660)], width=3, tone=60)
    else:
        metal.fill("polygon", [(212, 568), (248, 604), (170, 660)])
    return [barrel, metal]


# --- Toys and kids ---------------------------------------------------------------------------------------

@drawing("stacking rainbow", "push-along dog", "building blocks", setting="floor")
def _wooden_toy(look: Look, noun: str) -> list[Part]:
    wood = look.part(0.4)
    if noun == "stacking rainbow":
        for index, radius in enumerate((300, 250, 200, 150, 100)):
            wood.fill("pieslice", (400 - radius, GROUND - radius, 400 + radius, GROUND + radius), 180, 360,
                      tone=(100, 128, 156, 186, 214)[index])
        wood.cut("pieslice", (350, GROUND - 50, 450, GROUND + 50), 180, 360)
        return [wood]
    if noun == "push-along dog":
        wood.fill("rounded_rectangle", (220, 400, 520, 560), radius=50)
        wood.fill("rounded_rectangle", (470, 290, 620, 430), radius=50)
        wood.fill("polygon", [(580, 300), (640, 280), (620, 400)], tone=96)  # ear
        wood.fill("ellipse", (580, 330, 600, 350), tone=30)
        wood.line([(220, 430), (160, 360)], width=20, solid=True)  # tail
        wheels = _wood()
        for x in (270, 470):
            wheels.fill("ellipse", (x - 60, GROUND - 120, x + 60, GROUND), tone=110)
            wheels.fill("ellipse", (x - 14, GROUND - 74, x + 14, GROUND - 46), tone=70)
        string = Part((200, 60, 60)).line([(620, 400), (760, 300)], width=5, solid=True)
        return [string, wood, wheels]
    for index, (x, y) in enumerate(((170, 520), (350, 520), (530, 520), (260, 340), (440, 340), (350, 160))):
        tone = (104, 128, 150, 116, 140, 128)[index]
        wood.fill("rectangle", (x, y, x + 170, y + 170), tone=tone)
        wood.fill("ellipse", (x + 45, y + 45, x + 125, y + 125), tone=tone + 40)
    return [wood]


@drawing("jigsaw puzzle", "floor puzzle", "shape sorter", setting="floor")
def _puzzle(look: Look, noun: str) -> list[Part]:
    box = look.plain()
    if noun == "shape sorter":
        box.fill("rectangle", (220, 300, 520, GROUND - 4))
        box.fill("polygon", [(220, 300), (300, 240), (600, 240), (520, 300)], tone=160)
        box.fill("polygon", [(520, 300), (600, 240), (600, GROUND - 60), (520, GROUND - 4)], tone=96)
        box.fill("ellipse", (300, 400, 440, 540), tone=40)
        shapes = Part(_mix(look.colour, (250, 200, 80), 0.6))
        shapes.fill("polygon", [(560, GROUND - 4), (700, GROUND - 4), (630, GROUND - 130)])
        shapes.fill("regular_polygon", (150, GROUND - 60, 60), 5, tone=110)
        return [box, shapes]

    def piece(x, y, size, tone):
        knob = size // 4
        box.fill("rectangle", (x, y, x + size, y + size), tone=tone)
        box.fill("ellipse", (x + size, y + size / 2 - knob, x + size + 2 * knob, y + size / 2 + knob), tone=tone)
        box.fill("ellipse", (x + size / 2 - knob, y - 2 * knob, x + size / 2 + knob, y), tone=tone)
        box.cut("ellipse", (x - knob, y + size / 2 - knob, x + knob, y + size / 2 + knob))

    floor = noun == "floor puzzle"  # fewer, bigger pieces
    places = ((180, 490), (400, 410), (230, 250)) if floor else ((180, 460), (400, 380), (230, 220), (460, 160))
    for index, (x, y) in enumerate(places):
        piece(x, y, 200 if floor else 130, (112, 140, 124, 152)[index])
    return [box]


# --- Pictures -------------------------------------------------------------------------------------------

@lru_cache
def _studio() -> Image.Image:
    """The backdrop every product picture shares: a pale sweep, lighter at the top, like a studio's."""
    top, bottom = (247, 245, 241), (226, 222, 214)
    ramp = Image.linear_gradient("L").resize((SIZE, SIZE))
    return Image.composite(Image.new("RGB", (SIZE, SIZE), bottom), Image.new("RGB", (SIZE, SIZE), top), ramp)


def _cast_shadow(image: Image.Image, mask: Image.Image, *, ground: int, strength: float) -> None:
    """A soft shadow on the ground under the product, drawn at a quarter size and blurred, for speed."""
    left, _, right, bottom = mask.getbbox() or (300, 0, 500, ground)
    y = min(bottom, ground)
    band = (max(left - 60, 0) // 4 * 4, y - 60, min(right + 60, SIZE) // 4 * 4, y + 60)
    small = Image.new("L", ((band[2] - band[0]) // 4, 30), 0)
    ImageDraw.Draw(small).ellipse(((left - band[0]) // 4 - 2, 10, (right - band[0]) // 4 + 2, 19),
                                  fill=round(255 * strength))
    shade = small.filter(ImageFilter.GaussianBlur(5)).resize((band[2] - band[0], 120), Image.Resampling.BILINEAR)
    image.paste((50, 44, 36), band[:2], shade)


@lru_cache(maxsize=16)
def product_cutout(noun: str, colour: RGB, material: str) -> tuple[Image.Image, Image.Image]:
    """The product alone, as an RGB picture and its mask; both views share it."""
    look = Look(colour=colour, texture=texture_for(material))
    return _compose(DRAWINGS[noun](look), onto=Image.new("RGB", (SIZE, SIZE), colour))


def _compose(parts: list[Part], *, onto: Image.Image) -> tuple[Image.Image, Image.Image]:
    """Paint the parts onto a picture in order, the later in front; returns it and where the parts are."""
    mask = Image.new("L", onto.size, 0)
    for painted in filter(None, (part.painted() for part in parts)):
        picture, part_mask, (left, top) = painted
        onto.paste(picture, (left, top), part_mask)
        box = (left, top, left + part_mask.width, top + part_mask.height)
        mask.paste(ImageChops.lighter(mask.crop(box), part_mask), box[:2])
    return onto, mask


def draw_product_image(*, noun: str, colour: RGB, material: str) -> bytes:
    """The main picture: the product in the studio's light, standing on its shadow."""
    picture, mask = product_cutout(noun, colour, material)
    image = _studio().copy()
    _cast_shadow(image, mask, ground=GROUND, strength=0.45)
    image.paste(picture, (0, 0), mask)
    return _jpeg(image)




@dataclass(frozen=True)
class Scene:
    """A room for the second view: a wall, and the surface the product stands on."""

    words: str  # "The … {words}", for the picture's description
    wall: RGB
    surface: RGB
    horizon: int  # where the surface meets the wall
    texture: str


SCENES = {
    "rail": Scene("hanging on a peg rail", (232, 226, 214), (196, 160, 118), 700, "grain"),
    "table": Scene("on a kitchen table", (236, 232, 222), (186, 142, 98), 560, "grain"),
    "shelf": Scene("on a linen cupboard's shelf", (226, 230, 228), (240, 238, 232), 590, "paper"),
    "floor": Scene("on a playroom floor", (240, 232, 214), (210, 178, 132), 470, "grain"),
    "lawn": Scene("on the lawn", (200, 222, 236), (104, 150, 84), 430, "terry"),
    "desk": Scene("on a desk", (228, 230, 232), (214, 196, 170), 560, "grain"),
}


def scene_words(noun: str) -> str:
    return SCENES[SETTINGS[noun]].words


@lru_cache
def _room(setting: str) -> Image.Image:
    """A scene's backdrop, with window light falling across the wall from the left."""
    scene = SCENES[setting]
    image = Image.new("RGB", (SIZE, SIZE), scene.wall)
    glow = _gradient(0, 70, across=True).resize((SIZE, SIZE)).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    image.paste((255, 252, 244), (0, 0), glow)
    surface = Part(scene.surface, scene.texture, 0.6).fill("rectangle", (0, scene.horizon, SIZE, SIZE))
    surface.round((0, scene.horizon, SIZE, SIZE), low=150, high=110, across=False)  # nearer is darker
    parts = [surface]
    if setting == "rail":
        rail = Part(WOOD, "grain").fill("rectangle", (0, 92, SIZE, 118))
        rail.fill("rounded_rectangle", (388, 100, 412, 160), radius=10, tone=100)  # the peg
        parts.append(rail)
    return _compose(parts, onto=image)[0]


def draw_scene_image(*, noun: str, colour: RGB, material: str) -> bytes:
    """The second view: the same product smaller, in a room that suits it, as a shopper would use it."""
    picture, mask = product_cutout(noun, colour, material)
    scale = 0.74
    size = round(SIZE * scale)
    picture, mask = (each.resize((size, size), Image.Resampling.BILINEAR, reducing_gap=1.5) for each in (picture, mask))
    setting = SETTINGS[noun]
    image = _room(setting).copy()
    left = (SIZE - size) // 2
    if setting == "rail":  # hung from the peg on a hanger
        top = 190 - round((mask.getbbox() or (0, 0, 0, 0))[1])
        hanger = ImageDraw.Draw(image)
        hanger.line([(400, 150), (400, top + 170 * scale), ], fill=(90, 80, 70), width=5)
        hanger.line([(260, top + 200 * scale), (400, top + 160 * scale), (540, top + 200 * scale)],
                    fill=(120, 96, 70), width=10, joint="curve")
    else:  # standing on the surface, a little in front of the horizon
        top = SCENES[setting].horizon + 120 - round(GROUND * scale)
        ground = Image.new("L", (SIZE, SIZE), 0)
        ground.paste(mask, (left, top))
        _cast_shadow(image, ground, ground=top + round(GROUND * scale), strength=0.5)
    image.paste(picture, (left, top), mask)
    return _jpeg(image)


def draw_packaging_image(*, colour: RGB) -> bytes:
    """The plastic-free box the product comes in, with a band in its colour, in the studio's light."""
    box = Part((206, 174, 128), "paper")
    box.fill("polygon", [(180, 330), (400, 250), (620, 330), (400, 410)], tone=156)
    box.fill("polygon", [(180, 330), (400, 410), (400, GROUND - 10), (180, 610)], tone=128)
    box.fill("polygon", [(400, 410), (620, 330), (620, 610), (400, GROUND - 10)], tone=100)
    box.line([(290, 290), (510, 370)], tone=180, width=18)  # paper tape
    band = Part(colour)
    band.fill("polygon", [(180, 440), (400, 520), (400, 570), (180, 490)], tone=136)
    band.fill("polygon", [(400, 520), (620, 440), (620, 490), (400, 570)], tone=108)
    image = _studio().copy()
    _cast_shadow(image, box.mask, ground=GROUND, strength=0.45)
    return _jpeg(_compose([box, band], onto=image)[0])


def _jpeg(image: Image.Image) -> bytes:
    """The stored original: pages show its renditions (shop/images.py), so it is saved for quality, not size."""
    picture = BytesIO()
    image.save(picture, "JPEG", quality=90)
    return picture.getvalue()
