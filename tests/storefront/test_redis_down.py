"""Redis stopped under a running shop: pages are served without the cache, sessions are read from the database,
the health checks say what is down, and all of it comes back when Redis does. A real redis-server of the test's
own, stopped with SIGKILL and started again on the same port."""

import shutil
import time

import pytest
from django.core.cache import cache

from tests.conftest import require
from tests.factories import ProductFactory, UserFactory
from tests.servers import RedisServer, free_port

pytestmark = [pytest.mark.services, pytest.mark.django_db]

RETRY_AFTER_SECONDS = 0.3


@pytest.fixture
def redis_cache(settings):
    """The shop's cache and cached sessions on a Redis server of the test's own."""
    require(shutil.which("redis-server") is not None, "redis-server")
    server = RedisServer(free_port())
    server.start()
    settings.CACHES = {"default": {"BACKEND": "storefront.cache.DegradingRedisCache", "LOCATION": server.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5,
                                               "retry_after_seconds": RETRY_AFTER_SECONDS}}}
    yield server
    if server.process.poll() is None:
        server.stop()


def sign_in(client, user):
    response = client.post("/account/sign-in/", {"username": user.email, "password": "correct horse battery staple"})
    assert response.status_code == 302, response.content.decode()[:500]


def browse(client, product) -> list[tuple[str, int]]:
    """A shopper's round: home, a product, add it to the cart, the cart. Each address with its status."""
    answers = [("/", client.get("/").status_code),
               (product.get_absolute_url(), client.get(product.get_absolute_url()).status_code)]
    added = client.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": 1})
    answers += [("/cart/add/", added.status_code), ("/cart/", client.get("/cart/").status_code)]
    return answers


def test_with_redis_stopped_pages_answer_sessions_survive_and_health_says_degraded_until_it_returns(
        client, redis_cache, django_user_model):
    product = ProductFactory(name="Linen shirt", variants=[("M", 50)])
    customer, other = UserFactory(), UserFactory()
    sign_in(client, customer)
    browse(client, product)

    redis_cache.stop()
    answers_while_down = browse(client, product)
    account_while_down = client.get("/account/")
    newcomer = client.__class__()
    sign_in(newcomer, other)  # a sign-in (rate limiter, a new session) works with the cache down
    health, ready = client.get("/healthz"), client.get("/readyz")

    assert [answer for answer in answers_while_down if answer[1] >= 500] == []
    assert account_while_down.status_code == 200 and customer.email in account_while_down.content.decode()
    assert newcomer.get("/account/").status_code == 200
    assert "Linen shirt" in client.get("/cart/").content.decode()
    assert health.status_code == 200 and health.json()["status"] == "degraded" and health.json()["down"] == ["cache"]
    assert ready.status_code == 200 and ready.json()["cache"] == "down" and ready.json()["database"] == "ok"

    redis_cache.start()
    time.sleep(RETRY_AFTER_SECONDS * 2)
    answers_after = browse(client, product)

    assert client.get("/healthz").json()["status"] == "ok"
    assert [answer for answer in answers_after if answer[1] >= 500] == []
    assert customer.email in client.get("/account/").content.decode()
    assert newcomer.get("/account/").status_code == 200


def test_while_redis_is_down_the_cache_misses_and_drops_writes_without_raising_and_warns_once(redis_cache, caplog):
    cache.set("kept", "before")
    redis_cache.stop()

    assert cache.get("kept", "missing") == "missing"
    assert cache.add("counter", 0) is True and cache.set("other", 1) is None
    assert cache.get_or_set("tree", lambda: "worked out") == "worked out"
    with pytest.raises(ValueError, match="Key not found"):
        cache.incr("counter")
    time.sleep(RETRY_AFTER_SECONDS * 2)
    assert cache.get("kept") is None  # asked Redis again, and failed again
    assert [record.levelname for record in caplog.records if record.name == "storefront.cache"] == ["WARNING"]

    redis_cache.start()
    time.sleep(RETRY_AFTER_SECONDS * 2)
    cache.set("kept", "after")

    assert cache.get("kept") == "after"
