"""Smaller copies ("renditions") of product pictures, so a phone never downloads a desktop-sized photo.

Each picture gets a copy at a few widths, in JPEG (every browser) and WebP (smaller, most browsers).
The names follow from the original's name and width alone (`products/pan.jpg` at 640 pixels is
`products/pan.jpg.640w.webp`), so a page computes every URL without asking the database or the disk.
The original's extension stays in the name so that `pan.jpg` and `pan.png` never share renditions.
"""

from collections.abc import Callable
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

RENDITION_WIDTHS = (320, 640, 960)
# File extension → how Pillow writes it. WebP's `method` 2 makes files about 6% larger than the default
# 4 in under half the time, which matters when a catalogue is imported; `optimize` shrinks JPEGs by a
# quarter for almost nothing.
RENDITION_FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 2}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True}),
}


def rendition_widths(original_width: int) -> list[int]:
    """The widths made for a picture this wide: never wider than the original, since upscaling only blurs."""
    return sorted({min(width, original_width) for width in RENDITION_WIDTHS if original_width > 0})


def rendition_suffix(width: int, extension: str) -> str:
    """What a rendition adds to its original's name (and URL: the suffix needs no quoting)."""
    return f".{width}w.{extension}"


def rendition_name(name: str, width: int, extension: str) -> str:
    return name + rendition_suffix(width, extension)


def rendition_urls(name: str) -> Callable[[int, str], str]:
    """A function from (width, extension) to the URL of that rendition of the picture `name`.

    Storage is asked for each rendition's own URL only when it must be: a URL with a query string may be
    signed for one name (S3's presigned URLs), so a suffix added to it would land in the signature. A plain
    URL is the storage's address plus the name (files on disk, public object storage), so one call gives
    every rendition's URL: a listing of 24 pictures asks storage 24 times, not 144.
    """
    original = default_storage.url(name)
    if "?" not in original:
        return lambda width, extension: original + rendition_suffix(width, extension)
    return lambda width, extension: default_storage.url(rendition_name(name, width, extension))


def largest_rendition_url(name: str, width: int) -> str:
    """The biggest JPEG made of a picture (the original when none are): for sharing and zooming in."""
    return _one_rendition_url(name, width, largest=True)


def smallest_rendition_url(name: str, width: int) -> str:
    """The smallest JPEG made of a picture (the original when none are): for a thumbnail in an e-mail."""
    return _one_rendition_url(name, width, largest=False)


def _one_rendition_url(name: str, width: int, *, largest: bool) -> str:
    widths = rendition_widths(width)
    return rendition_urls(name)(widths[-1 if largest else 0], "jpg") if widths else default_storage.url(name)


def renditions_make(name: str) -> list[str]:
    """Write the missing renditions of the stored picture `name`; returns the names written.

    Files that already exist are left alone, so calling this again (a re-run of the demo loader,
    a merchant re-saving a product) costs a few file checks. The aspect ratio is kept exactly:
    a picture is scaled, never cropped or stretched.
    """
    with default_storage.open(name) as file, Image.open(file) as original:  # only the header is read so far
        missing = {width: [extension for extension in RENDITION_FORMATS
                           if not default_storage.exists(rendition_name(name, width, extension))]
                   for width in rendition_widths(original.width)}
        if not any(missing.values()):
            return []
        # Phone photos are often stored sideways with a "rotate me" note, which renditions do not carry.
        picture = _flatten(ImageOps.exif_transpose(original))
    written = []
    for width, extensions in missing.items():
        if not extensions:
            continue
        # Widths are named after the stored width, as pages compute them; never stretch past the real one.
        scaled_width = min(width, picture.width)
        scaled = picture.resize((scaled_width, max(1, round(picture.height * scaled_width / picture.width))),
                                Image.Resampling.LANCZOS)
        for extension in extensions:
            pillow_format, options = RENDITION_FORMATS[extension]
            encoded = BytesIO()
            scaled.save(encoded, pillow_format, **options)
            written.append(default_storage.save(rendition_name(name, width, extension),
                                                ContentFile(encoded.getvalue())))
    return written


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and a transparent PNG would otherwise turn black."""
    if picture.mode == "RGB":
        return picture
    rgba = picture.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
