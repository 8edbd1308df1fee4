"""The deployment the README describes, run for real on loopback and used as a customer and staff would.

nginx (Debian's package) with deploy/nginx.conf.template and a certificate made here, in front of two gunicorn
instances, a Celery worker and beat, each started with the command in its deploy/systemd unit, on PostgreSQL
(the test database), a Redis server of the test's own, an SMTP server counting what it receives and an
S3-compatible server (moto's server mode) holding the media. The README's production `manage.py` commands run
first, as written. Everything after that is HTTPS through nginx.
"""

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import boto3
import pytest
import requests
from aiosmtpd.controller import Controller
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from PIL import Image
from requests.adapters import HTTPAdapter

from orders.models import Order, Shipment
from outbox.models import Message
from outbox.sending import message_id_header
from shop.models import ReviewPhoto
from tests.conftest import database_url_for_the_worker, require
from tests.deploy.deploy_files import BASE_DIR, nginx_site, readme_production_commands, unit_command
from tests.factories import ProductFactory, UserFactory
from tests.servers import CountingMailServer, RedisServer, free_port

pytestmark = [
    pytest.mark.topology,
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the app servers share the test database only on PostgreSQL (the PostgreSQL pass)"),
    pytest.mark.timeout(300),
]

PASSWORD = "correct horse battery staple"  # the factories' password
BUCKET = "fernhill-media"


# --- The topology -----------------------------------------------------------------------------------------------

def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


@dataclass
class Topology:
    tmp: Path
    environment: dict
    https_port: int
    app_ports: list[int]
    certificate: Path
    mail: CountingMailServer
    s3: object
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def start(self, name: str, command: list[str], port: int | None = None) -> None:
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 - kept open for the process's life
        self.processes[name] = subprocess.Popen(command, cwd=BASE_DIR, env=self.environment, stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)
        if port:
            self.wait_until_listening(name, port)

    def wait_until_listening(self, name: str, port: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not listening(port):
            if self.processes[name].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} is not listening on {port}:\n{self.log_of(name)[-3000:]}")
            time.sleep(0.1)

    def log_of(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text()

    def kill(self, name: str) -> None:
        process = self.processes[name]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill(name)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "shop.crt", folder / "shop.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True)
    return certificate, key


def nginx_main_config(tmp: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf provides around a site, with every path inside `tmp`."""
    user = "user root root;" if os.geteuid() == 0 else ""  # workers read the test's private folders
    return f"""{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    include {site};
}}
"""


@pytest.fixture(scope="module")
def topology(django_db_setup, django_db_blocker, tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    require(Path(nginx).exists(), "nginx (Debian package 'nginx')")
    require(shutil.which("redis-server") is not None, "redis-server")
    require(shutil.which("openssl") is not None, "openssl")
    moto_server = Path(sys.executable).parent / "moto_server"
    require(moto_server.exists(), "moto_server (moto[server] in requirements-dev.txt)")

    tmp = tmp_path_factory.mktemp("topology")
    certificate, key = self_signed_certificate(tmp)
    https_port, http_port, s3_port = free_port(), free_port(), free_port()
    app_ports = [free_port(), free_port()]
    redis_server = RedisServer(free_port())
    redis_server.start()
    mail = CountingMailServer()
    smtp = Controller(mail, hostname="127.0.0.1", port=free_port())
    smtp.start()
    s3_endpoint = f"http://127.0.0.1:{s3_port}"
    keys = {"AWS_ACCESS_KEY_ID": "topology", "AWS_SECRET_ACCESS_KEY": "topology-secret"}
    environment = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "storefront.settings",
        # What /etc/fernhill/env holds on the merchant's machine (the README's production section):
        "DEBUG": "false", "SECRET_KEY": "topology-" + "k7#Qz!2pR9vL" * 5, "ALLOWED_HOSTS": "127.0.0.1",
        "SHOP_SITE_URL": f"https://127.0.0.1:{https_port}",
        "DATABASE_URL": database_url_for_the_worker(tmp_path_factory), "REDIS_URL": redis_server.url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}", "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(tmp / "static"), "MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint, "AWS_S3_REGION_NAME": "us-east-1", **keys,
        "AWS_QUERYSTRING_AUTH": "false", "AWS_DEFAULT_ACL": "public-read",
        # For the test only: reviews show at once, messages are swept often, one web worker per instance.
        "SHOP_REVIEWS_NEED_MODERATION": "false", "OUTBOX_SWEEP_SECONDS": "2", "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "INFO",
    }
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id=keys[
        "AWS_ACCESS_KEY_ID"], aws_secret_access_key=keys["AWS_SECRET_ACCESS_KEY"])
    shop = Topology(tmp=tmp, environment=environment, https_port=https_port, app_ports=app_ports,
                    certificate=certificate, mail=mail, s3=s3)
    try:
        shop.start("s3", [str(moto_server), "-H", "127.0.0.1", "-p", str(s3_port)], port=s3_port)
        s3.create_bucket(Bucket=BUCKET)
        for command in readme_production_commands():
            arguments = shlex.split(command)[1:]  # after .venv/bin/python
            result = subprocess.run([sys.executable, *arguments], cwd=BASE_DIR, env=environment,
                                    capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        for number, port in enumerate(app_ports, start=1):
            shop.start(f"gunicorn-{number}", unit_command("fernhill-gunicorn@.service", str(port)))
        shop.start("worker", unit_command("fernhill-celery-worker.service"))
        shop.start("beat", unit_command("fernhill-celery-beat.service", state_dir=tmp))
        site = tmp / "fernhill.conf"
        site.write_text(nginx_site({
            "SHOP_HOST": "127.0.0.1", "HTTPS_PORT": str(https_port), "HTTP_PORT": str(http_port),
            "TLS_CERTIFICATE": str(certificate), "TLS_CERTIFICATE_KEY": str(key),
            "APP_SERVER_1": f"127.0.0.1:{app_ports[0]}", "APP_SERVER_2": f"127.0.0.1:{app_ports[1]}",
            "STATIC_ROOT": str(tmp / "static"), "MEDIA_ROOT": str(tmp / "media")}))
        (tmp / "nginx.conf").write_text(nginx_main_config(tmp, site))
        shop.start("nginx", [nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], port=https_port)
        for number, port in enumerate(app_ports, start=1):
            shop.wait_until_listening(f"gunicorn-{number}", port)
        yield shop
    finally:
        shop.stop_all()
        smtp.stop()
        redis_server.stop()


class FromAddress(HTTPAdapter):
    """Connections from one loopback address (Linux answers all of 127.0.0.0/8): one client of nginx's."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, source_address=(self.address, 0), **kwargs)


class Visitor:
    """A browser of its own (cookies), on HTTPS through nginx from one client address."""

    def __init__(self, shop: Topology, address: str = "127.0.0.1"):
        self.base = shop.base_url
        self.session = requests.Session()
        self.session.trust_env = False  # this machine's CA bundle and proxy settings are not the visitor's
        self.session.verify = str(shop.certificate)
        self.session.mount("https://", FromAddress(address))

    def get(self, path: str, **options) -> requests.Response:
        return self.session.get(self.base + path, allow_redirects=False, timeout=30, **options)

    def submit(self, path: str, data: dict, files=None, form_page: str | None = None) -> requests.Response:
        """Open the page with the form (for its CSRF cookie), then send it, as a browser does."""
        self.get(form_page or path)
        token = self.session.cookies.get("csrftoken")
        return self.session.post(self.base + path, data={**data, "csrfmiddlewaretoken": token}, files=files,
                                 headers={"Referer": self.base + (form_page or path)}, allow_redirects=False,
                                 timeout=30)

    def sign_in(self, email: str, password: str = PASSWORD, path: str = "/account/sign-in/") -> requests.Response:
        return self.submit(path, {"username": email, "password": password})


def customer(**fields):
    """An account whose password the production settings can check (the tests' own hasher is not among theirs)."""
    user = UserFactory(**fields)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


def jpeg_photo() -> bytes:
    encoded = BytesIO()
    Image.new("RGB", (800, 600), "teal").save(encoded, "JPEG")
    return encoded.getvalue()


DETAILS = {"email": "ada@example.com", "full_name": "Ada Lovelace", "line1": "12 Mill Lane", "line2": "",
           "city": "Bristol", "region": "", "postcode": "bs1 4xe", "country": "GB", "phone": "07400 123456"}


def check_out_as_a_guest(guest: Visitor) -> str:
    """Details, delivery, cash on delivery, place: the thank-you page's address."""
    assert guest.submit("/checkout/details/", DETAILS).status_code == 302
    assert guest.submit("/checkout/delivery/", {"method": "standard"}).status_code == 302
    assert guest.submit("/checkout/payment/", {"method": "cod"}).headers["Location"] == "/checkout/review/"
    review = guest.get("/checkout/review/").text
    placed = guest.submit("/checkout/review/", {
        "placement_key": re.search(r'name="placement_key" value="([^"]+)"', review).group(1),
        "expected_total": re.search(r'name="expected_total" value="([^"]+)"', review).group(1)})
    assert placed.status_code == 302 and "/checkout/thank-you/" in placed.headers["Location"], placed.text[:500]
    return placed.headers["Location"]


def test_the_shop_behind_nginx_sells_delivers_and_loses_no_request_when_an_app_server_dies(topology):
    shirt = ProductFactory(name="Linen shirt", variants=[("M", 50)])
    reviewer = customer()
    customer(email="staff@example.com", is_staff=True, is_superuser=True)
    guest = Visitor(topology, "127.0.0.4")

    # Browsing: compressed pages from the app, static files from nginx itself with a year's cache.
    home = guest.get("/", headers={"X-Request-ID": "topology-home-1"})
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    static = guest.get(stylesheet)
    category, product = guest.get(shirt.category.get_absolute_url()), guest.get(shirt.get_absolute_url())

    assert home.status_code == 200 and home.headers["Content-Encoding"] == "gzip"
    assert home.headers["X-Request-ID"] == "topology-home-1"
    assert static.status_code == 200 and "immutable" in static.headers["Cache-Control"]
    assert "X-Request-ID" not in static.headers  # nginx answered; the app never saw it
    assert category.status_code == 200 and product.status_code == 200 and "Linen shirt" in product.text

    # A body over nginx's cap never reaches an app server.
    too_big = guest.session.post(guest.base + "/contact/", data=b"x" * (17 * 1024 * 1024), timeout=30)

    assert too_big.status_code == 413

    # Buying as a guest, cash on delivery.
    added = guest.submit("/cart/add/", {"variant": shirt.variants.get().pk, "quantity": 2},
                         form_page=shirt.get_absolute_url())
    thank_you = guest.get(check_out_as_a_guest(guest))

    order = Order.objects.get()
    assert added.status_code in {200, 302} and thank_you.status_code == 200 and order.number in thank_you.text

    # A review with a photo: kept in the bucket, and its address on the page serves it.
    reviewer_browser = Visitor(topology, "127.0.0.5")
    assert reviewer_browser.sign_in(reviewer.email).status_code == 302
    written = reviewer_browser.submit(
        f"/products/{shirt.slug}/reviews/write/",
        {"rating": "5", "title": "Cool in the heat", "text": "Worn all summer; washes well.", "display_name": "Ada"},
        files={"photos": ("shirt.jpg", jpeg_photo(), "image/jpeg")})
    photo = ReviewPhoto.objects.get()
    stored = topology.s3.get_object(Bucket=BUCKET, Key=photo.image.name)
    reviews_page = guest.get(f"/products/{shirt.slug}/reviews/").text
    photo_urls = re.findall(rf'(http://127\.0\.0\.1:\d+/{BUCKET}/{re.escape(photo.image.name)}[^"\s]*)', reviews_page)

    assert written.status_code == 302, written.text[:1000]
    assert stored["ContentType"] == "image/jpeg"
    assert photo_urls and all(requests.get(url.replace("&amp;", "&"), timeout=10).status_code == 200
                              for url in photo_urls)

    # Staff move the order through its stages in the back office, typing in the parcel's carrier once packed.
    staff = Visitor(topology, "127.0.0.6")
    assert staff.sign_in("staff@example.com", path="/admin/login/").status_code == 302
    for _ in range(5):
        Shipment.objects.filter(order=order, carrier="").update(carrier="DPD", tracking_number="15501234567890")
        moved = staff.submit("/admin/orders/order/", {"action": "advance", "_selected_action": order.pk, "index": 0})
        assert moved.status_code == 302, moved.text[:500]

    order.refresh_from_db()
    done = [Message.Status.SENT, Message.Status.SKIPPED]  # skipped: a text message the guest did not ask for
    deadline = time.monotonic() + 60
    while Message.objects.exclude(status__in=done).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    emails = list(Message.objects.filter(channel=Message.Channel.EMAIL))
    assert order.status == Order.Status.DELIVERED
    assert not Message.objects.exclude(status__in=done).exists()
    assert len(emails) >= 6 and {message.status for message in emails} == {Message.Status.SENT}
    assert [topology.mail.received[message_id_header(message)] for message in emails] == [1] * len(emails)

    # Each gunicorn logs its requests one line each, with the id nginx passed on.
    access_logs = topology.log_of("gunicorn-1") + topology.log_of("gunicorn-2")
    assert re.search(r"logger=gunicorn\.access request_id=topology-home-1 .*path=/ status=200", access_logs)

    # One app server killed while customers browse: nginx retries each read on the other; nothing is lost.
    statuses, stop = [], threading.Event()

    def browse():
        browser = Visitor(topology, "127.0.0.7")
        while not stop.is_set():
            statuses.append(browser.get(shirt.get_absolute_url()).status_code)

    browsers = [threading.Thread(target=browse) for _ in range(2)]
    for thread in browsers:
        thread.start()
    time.sleep(2)
    topology.kill("gunicorn-1")
    time.sleep(4)
    stop.set()
    for thread in browsers:
        thread.join()
    after = Visitor(topology, "127.0.0.8")
    added_after = after.submit("/cart/add/", {"variant": shirt.variants.get().pk, "quantity": 1},
                               form_page=shirt.get_absolute_url())
    check_out_as_a_guest(after)

    assert len(statuses) > 20 and set(statuses) == {200}
    assert added_after.status_code in {200, 302}
    assert Order.objects.count() == 2 and ReviewPhoto.objects.count() == 1


def test_behind_nginx_ten_wrong_passwords_from_one_client_leave_another_clients_sign_in_working(topology):
    ann, bob = customer(), customer()
    guesser, other = Visitor(topology, "127.0.0.2"), Visitor(topology, "127.0.0.3")

    wrong = [guesser.sign_in(ann.email, "not her password").status_code for _ in range(10)]
    signed_in = other.sign_in(bob.email)
    eleventh = guesser.sign_in(ann.email, "not her password either")

    assert wrong == [200] * 10
    assert signed_in.status_code == 302
    assert eleventh.status_code == 429  # guessing Ann's password is stopped
