from io import BytesIO

import pytest
from PIL import Image, ImageChops, ImageStat

from demo.images import DRAWINGS, SIZE, draw_product_image, draw_scene_image, product_cutout
from demo.management.commands.load_demo import CATALOGUE, COLOURS

NAVY, RUST = COLOURS["Navy"], COLOURS["Rust"]


def silhouette(noun: str, material: str = "Organic cotton") -> Image.Image:
    return product_cutout(noun, NAVY, material)[1].point(lambda value: 255 if value > 127 else 0)


def overlap(first: Image.Image, second: Image.Image) -> float:
    """How much two silhouettes cover the same pixels: 1 when identical, 0 when apart."""
    shared = ImageStat.Stat(ImageChops.multiply(first, second)).sum[0]
    either = ImageStat.Stat(ImageChops.lighter(first, second)).sum[0]
    return shared / either


def test_every_kind_of_product_in_the_demo_catalogue_has_a_drawing_of_its_own():
    nouns = {noun for sections in CATALOGUE.values() for leaves in sections.values() for leaf in leaves
             for noun in leaf.nouns}

    assert nouns <= DRAWINGS.keys()


@pytest.mark.parametrize(("one", "other"), [
    ("chinos", "striped T-shirt"), ("wrap dress", "striped T-shirt"), ("rain jacket", "linen top"),
    ("wrap dress", "blouse"),
    ("stockpot", "stoneware mug"), ("fountain pen", "dot-grid notebook"), ("vegetable cookbook", "bath towel"),
    ("bath towel", "pillowcase pair"), ("over-ear headphones", "commuter helmet"),
])
def test_different_kinds_of_product_are_drawn_with_different_silhouettes(one, other):
    assert overlap(silhouette(one), silhouette(other)) < 0.7


def test_trousers_stand_taller_than_they_are_wide_and_a_frying_pan_lies_wider_than_it_is_tall():
    left, top, right, bottom = silhouette("chinos").getbbox()
    assert bottom - top > 1.8 * (right - left)

    left, top, right, bottom = silhouette("frying pan").getbbox()
    assert right - left > 1.8 * (bottom - top)


def test_a_product_is_drawn_in_its_own_colour():
    navy_picture, mask = product_cutout("chinos", NAVY, "Cotton twill")
    rust_picture, _ = product_cutout("chinos", RUST, "Cotton twill")

    navy_red, _, navy_blue = ImageStat.Stat(navy_picture, mask).mean
    rust_red, _, rust_blue = ImageStat.Stat(rust_picture, mask).mean
    assert navy_blue > navy_red and rust_red > rust_blue


def test_corduroy_shows_its_ribs_where_plain_cotton_is_smooth():
    corduroy, mask = product_cutout("cord trousers", NAVY, "Corduroy")
    cotton, _ = product_cutout("cord trousers", NAVY, "Organic cotton")

    ribs, smooth = (ImageStat.Stat(picture.convert("L"), mask).stddev[0] for picture in (corduroy, cotton))
    assert ribs > 1.3 * smooth


@pytest.mark.parametrize("draw", [draw_product_image, draw_scene_image])
def test_pictures_are_square_like_the_frames_that_show_them_and_the_product_fills_a_good_part(draw):
    picture = Image.open(BytesIO(draw(noun="side plate", colour=RUST, material="Stoneware")))
    _, mask = product_cutout("side plate", RUST, "Stoneware")

    assert picture.size == (SIZE, SIZE)
    left, top, right, bottom = mask.getbbox()
    assert right - left > SIZE / 2  # a small plate is drawn large, not lost in the frame
