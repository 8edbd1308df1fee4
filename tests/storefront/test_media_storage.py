"""Media on S3-compatible object storage, configured from the environment alone: a picture saved by the shop is
in the bucket and its address serves it, signed or plain. A real S3 server: moto's server mode, on loopback."""

import urllib.request

import boto3
import pytest

from tests.conftest import require
from tests.servers import free_port
from tests.storefront.test_settings import run_with_environment

SAVE_AND_SAY_WHERE = ("import django; django.setup(); from django.core.files.base import ContentFile; "
                      "from django.core.files.storage import default_storage as s; "
                      "name = s.save('reviews/photo.jpg', ContentFile(b'a photo')); print(name); print(s.url(name))")


@pytest.fixture(scope="module")
def s3_server():
    require(_moto_importable(), "moto[server] (requirements-dev.txt)")
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _moto_importable() -> bool:
    try:
        import moto.server  # noqa: F401
    except ImportError:
        return False
    return True


KEYS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_S3_REGION_NAME": "us-east-1"}


@pytest.mark.parametrize("signed", [True, False])
def test_a_picture_saved_with_media_on_s3_is_in_the_bucket_and_served_from_its_address(s3_server, signed):
    bucket = f"media-{'signed' if signed else 'public'}"
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", aws_access_key_id="test-key",
                      aws_secret_access_key="test-secret")
    s3.create_bucket(Bucket=bucket)

    result = run_with_environment({**KEYS, "MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": bucket,
                                   "AWS_S3_ENDPOINT_URL": s3_server, "AWS_QUERYSTRING_AUTH": str(signed).lower(),
                                   "AWS_DEFAULT_ACL": "private" if signed else "public-read"},
                                  "-c", SAVE_AND_SAY_WHERE)
    name, url = result.stdout.split()

    assert result.returncode == 0, result.stderr
    assert s3.get_object(Bucket=bucket, Key=name)["Body"].read() == b"a photo"
    assert ("X-Amz-Signature=" in url) is signed
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - our own loopback server
        assert answer.read() == b"a photo"
