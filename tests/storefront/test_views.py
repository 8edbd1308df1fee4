"""The project's own pages: media files as the demo serves them."""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["a" * 300, "shop/" + "b" * 300 + ".jpg", "x/" * 3000 + "y.png"])
def test_a_media_address_with_a_name_too_long_for_any_file_answers_not_found(client, name):
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)  # as in the demo: the folder is there
    assert settings.SERVE_MEDIA  # the demo serves media itself; production leaves that to nginx or S3

    response = client.get(f"/media/{name}")

    assert response.status_code == 404


def test_a_media_file_that_exists_is_served(client):
    picture = Path(settings.MEDIA_ROOT) / "served.txt"
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_text("a picture")

    response = client.get("/media/served.txt")

    assert response.status_code == 200 and b"".join(response.streaming_content) == b"a picture"
