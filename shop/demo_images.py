"""Product pictures for the demo catalogue, drawn with Pillow: the demo runs offline and owns its images."""

import unicodedata
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

FULL_SIZE = 800


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
    font = ImageFont.load_default(size=54)
    # Pillow's built-in font has no accented letters; "Saute pan" reads better than a missing glyph.
    label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    text_width = draw.textlength(label, font=font)
    draw.text(((FULL_SIZE - text_width) / 2, 680), label, font=font, fill=(29, 35, 39))

    picture = BytesIO()
    image.save(picture, "JPEG", quality=82, optimize=True, progressive=True)
    return picture.getvalue()
