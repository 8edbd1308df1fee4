"""Reviewers' photos: checked and re-encoded by Pillow before they are kept, and their files deleted with them."""

import uuid
import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError

from shop.images import RENDITION_FORMATS, rendition_name, rendition_widths, renditions_make
from shop.models import ReviewPhoto

PHOTO_LIMIT = 3
PHOTO_MAX_MEGABYTES = 5
PHOTO_MAX_SIDE = 1600  # pixels on the long side: sharp on any screen, a fraction of a phone photo's size
# A phone's photo is 12 to 24 megapixels. Decoding one costs about 4 bytes a pixel and most of a second,
# so a bigger one (which a 200 KB PNG can claim to be) is refused from its header, before it is decoded.
PHOTO_MAX_PIXELS = 24_000_000
Image.MAX_IMAGE_PIXELS = PHOTO_MAX_PIXELS * 2  # Pillow's own guard, for any picture opened anywhere else
# Pillow's name for each accepted type → extension and how it is written again.
PHOTO_FORMATS = {
    "JPEG": ("jpg", {"quality": 85, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 85}),
}
# The messages below and the review form's name these types ("JPEG, PNG or WebP"): change them together.
# Many phones write their JPEGs as MPO (a JPEG with more pictures inside, such as a depth map): taken as the
# JPEG it starts with.
READ_AS = {"MPO": "JPEG"}


def photo_prepare(upload) -> ContentFile:
    """The uploaded file as a photo ready to keep, or a ValidationError saying what to do instead.

    Its content decides what it is, never its name. It is turned upright (phones store photos sideways
    with a note to rotate them), made at most PHOTO_MAX_SIDE pixels on its long side, and written again
    without its metadata: a phone photo's EXIF data can tell where it was taken. Only the colour profile
    is kept, so colours look the same.
    """
    name = upload.name
    if upload.size > PHOTO_MAX_MEGABYTES * 1024 * 1024:
        raise ValidationError(gettext(
            "“%(name)s” is %(megabytes)s MB, and a photo can be at most %(limit)s MB. Choose a smaller photo, or "
            "save a smaller copy first.") % {"name": name, "megabytes": f"{upload.size / (1024 * 1024):.1f}",
                                             "limit": PHOTO_MAX_MEGABYTES})
    limit = {"name": name, "megapixels": PHOTO_MAX_PIXELS // 1_000_000}
    try:
        with warnings.catch_warnings():  # Pillow's warning about a large picture: our own check below says it
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(upload)  # only the header is read so far
        with picture:
            kind = READ_AS.get(picture.format, picture.format)
            if kind not in PHOTO_FORMATS:
                raise ValidationError(gettext("“%(name)s” is a %(kind)s file. Choose a JPEG, PNG or WebP picture "
                                              "instead.") % {"name": name, "kind": kind})
            if picture.width * picture.height > PHOTO_MAX_PIXELS:
                raise ValidationError(gettext(
                    "“%(name)s” is %(width)s × %(height)s pixels, too large to take. Choose a photo of at most "
                    "%(megapixels)s megapixels.") % {**limit, "width": picture.width, "height": picture.height})
            upright = ImageOps.exif_transpose(picture)  # decodes the whole file: a damaged one fails here
    except Image.DecompressionBombError:  # so large that Pillow refuses even to read its header
        raise ValidationError(gettext("“%(name)s” is too large to take. Choose a photo of at most %(megapixels)s "
                                      "megapixels.") % limit) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(gettext("“%(name)s” is not a photo we can read. Choose a JPEG, PNG or WebP "
                                      "picture.") % {"name": name}) from None
    extension, options = PHOTO_FORMATS[kind]
    upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)  # shrinks, never enlarges
    if extension == "jpg" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")  # CMYK and the like, which browsers show badly
    colour_profile = upright.info.get("icc_profile")
    upright.info = {}  # EXIF, XMP and text notes stay behind
    encoded = BytesIO()
    upright.save(encoded, kind, **options, **({"icc_profile": colour_profile} if colour_profile else {}))
    # A name of our own: the shopper's file name can say more about them than the photo does.
    return ContentFile(encoded.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def photo_files_delete(photo: ReviewPhoto) -> None:
    """The photo's file and its smaller copies (shop/images.py)."""
    name = photo.image.name
    for width in rendition_widths(photo.width):
        for extension in RENDITION_FORMATS:
            default_storage.delete(rendition_name(name, width, extension))
    default_storage.delete(name)


def review_photo_renditions_make(*, photo_id: int) -> bool:
    """Make a review photo's smaller copies, once; True when this call made them."""
    photo = ReviewPhoto.objects.filter(pk=photo_id, renditions_made=False).first()
    if photo is None:
        return False  # deleted meanwhile, or made already by an earlier run of the task
    renditions_make(photo.image.name)  # leaves alone any copy an interrupted run already wrote
    ReviewPhoto.objects.filter(pk=photo_id).update(renditions_made=True)
    return True
