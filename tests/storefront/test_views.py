"""The project's own pages: media files as the demo serves them, the health checks."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import free_port
from tests.storefront.test_settings import run_with_environment

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


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_a_load_balancer_asking_an_app_server_over_plain_http_gets_the_health_answer_not_a_redirect(
        client, settings, path):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(path)

    assert response.status_code == 200 and response.json()["status"] == "ok"


ASK_BOTH = ("import django, json; django.setup(); from django.test import Client; c = Client(); "
            "print(json.dumps({p: [r.status_code, r.json()] for p in ('/healthz', '/readyz') "
            "for r in [c.get(p, HTTP_HOST='localhost')]}))")


def test_with_the_database_down_healthz_says_so_and_readyz_answers_503():
    result = run_with_environment({"DATABASE_URL": f"postgres://shop@127.0.0.1:{free_port()}/shop"}, "-c", ASK_BOTH)

    answers = json.loads(result.stdout)
    assert answers["/healthz"] == [200, {"status": "down", "down": ["database"], "database": "down", "cache": "ok"}]
    assert answers["/readyz"][0] == 503 and answers["/readyz"][1]["down"] == ["database"]
