"""Product pictures for the demo catalogue, drawn with Pillow: the demo runs offline and owns its images."""

import unicodedata
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFont

FULL_SIZE = 800
DETAIL_SIZE = (960, 640)


def _tint(rgb: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    """Mix a colour with white: the backdrop is a pale version of the product's colour."""
    return tuple(round(channel + (255 - channel) * amount) for channel in rgb)


def _draw_shape(draw: ImageDraw.ImageDraw, shape: str, colour: tuple[int, int, int]) -> None:
    outline = tuple(round(channel * 0.7) for channel in colour)
    box = (200, 170, 600, 570)
    if shape == "garment":
        draw.polygon([(280, 170), (350, 200), (450, 200), (520, 170), (640, 260), (580, 340), (540, 310),
                      (540, 620), (260, 620), (260, 310), (220, 340), (160, 260)], fill=colour, outline=outline)
    elif shape == "vessel":
        draw.rounded_rectangle((230, 260, 530, 600), radius=40, fill=colour, outline=outline, width=4)
        draw.arc((490, 330, 620, 500), start=270, end=90, fill=colour, width=28)
    elif shape == "peak":
        draw.polygon([(150, 600), (400, 190), (650, 600)], fill=colour, outline=outline)
        draw.polygon([(340, 600), (400, 430), (460, 600)], fill=_tint(colour, 0.6))
    elif shape == "device":
        draw.rounded_rectangle((250, 180, 550, 620), radius=36, fill=colour, outline=outline, width=4)
        draw.ellipse((310, 330, 490, 510), fill=_tint(colour, 0.55))
        draw.ellipse((370, 220, 430, 280), fill=_tint(colour, 0.55))
    elif shape == "stack":
        for step, lighten in enumerate((0.0, 0.25, 0.45)):
            top = 470 - step * 130
            draw.rounded_rectangle((220 + step * 20, top, 580 - step * 20, top + 110), radius=10,
                                   fill=_tint(colour, lighten), outline=outline, width=3)
    else:  # "disc": plates, helmets, headphones, toys
        draw.ellipse(box, fill=colour, outline=outline, width=4)
        draw.ellipse((330, 300, 470, 440), fill=_tint(colour, 0.6))


def draw_product_image(*, label: str, shape: str, colour: tuple[int, int, int]) -> bytes:
    """A square JPEG picture: a simple drawing of the kind of product, in its colour."""
    image = Image.new("RGB", (FULL_SIZE, FULL_SIZE), _tint(colour, 0.85))
    draw = ImageDraw.Draw(image)
    _draw_shape(draw, shape, colour)
    _draw_label(draw, label, width=FULL_SIZE, top=680)
    return _jpeg(image)


def draw_detail_image(*, shape: str, colour: tuple[int, int, int]) -> bytes:
    """A landscape close-up (3:2) of the same drawing with a woven texture: a second picture for the
    gallery, and a non-square one, so the demo shows pictures kept in proportion."""
    whole = Image.new("RGB", (FULL_SIZE, FULL_SIZE), _tint(colour, 0.85))
    _draw_shape(ImageDraw.Draw(whole), shape, colour)
    image = whole.crop((220, 240, 580, 480)).resize(DETAIL_SIZE, Image.Resampling.BICUBIC)
    woven = image.copy()
    weave = ImageDraw.Draw(woven)
    thread = tuple(round(channel * 0.85) for channel in colour)
    for offset in range(-DETAIL_SIZE[1], DETAIL_SIZE[0], 24):
        weave.line([(offset, 0), (offset + DETAIL_SIZE[1], DETAIL_SIZE[1])], fill=thread, width=2)
    # The texture goes on the product only, not on the backdrop around it.
    product_only = ImageChops.difference(image, Image.new("RGB", DETAIL_SIZE, colour)).convert("L").point(
        lambda distance: 255 if distance < 12 else 0)
    image.paste(woven, mask=product_only)
    _draw_label(ImageDraw.Draw(image), "Close-up", width=DETAIL_SIZE[0], top=DETAIL_SIZE[1] - 90, backdrop=True)
    return _jpeg(image)


def draw_packaging_image(*, colour: tuple[int, int, int]) -> bytes:
    """A square picture of the plastic-free box the product comes in, with a band in its colour."""
    image = Image.new("RGB", (FULL_SIZE, FULL_SIZE), (238, 232, 220))
    draw = ImageDraw.Draw(image)
    draw.polygon([(200, 300), (400, 220), (600, 300), (400, 380)], fill=(214, 186, 140), outline=(150, 120, 80))
    draw.polygon([(200, 300), (400, 380), (400, 620), (200, 540)], fill=(196, 166, 120), outline=(150, 120, 80))
    draw.polygon([(400, 380), (600, 300), (600, 540), (400, 620)], fill=(176, 146, 102), outline=(150, 120, 80))
    draw.polygon([(200, 400), (400, 480), (400, 520), (200, 440)], fill=colour)
    draw.polygon([(400, 480), (600, 400), (600, 440), (400, 520)], fill=colour)
    _draw_label(draw, "Packed without plastic", width=FULL_SIZE, top=680)
    return _jpeg(image)


def _draw_label(draw: ImageDraw.ImageDraw, label: str, *, width: int, top: int, backdrop: bool = False) -> None:
    font = ImageFont.load_default(size=54)
    # Pillow's built-in font has no accented letters; "Saute pan" reads better than a missing glyph.
    label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    text_width = draw.textlength(label, font=font)
    left = (width - text_width) / 2
    if backdrop:  # on a busy picture the text needs a plain ground to stay readable
        draw.rounded_rectangle((left - 24, top - 12, left + text_width + 24, top + 72), radius=12, fill=(255, 255, 255))
    draw.text((left, top), label, font=font, fill=(29, 35, 39))


def _jpeg(image: Image.Image) -> bytes:
    picture = BytesIO()
    image.save(picture, "JPEG", quality=82, optimize=True, progressive=True)
    return picture.getvalue()
