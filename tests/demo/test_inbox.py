import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail

from demo.models import DemoMessage
from outbox.sms import sms_send
from tests.html import read_page

pytestmark = pytest.mark.django_db

HTML_BODY = ('<!doctype html><html><head><title>Order FH-1</title></head>'
             '<body style="color: #1f5f4a"><p>Your order is on its way. '
             '<a href="http://127.0.0.1:8000/orders/track/">Track it</a></p></body></html>')


@pytest.fixture(autouse=True)
def demo_inbox(settings):
    """The demo's set-up: pytest-django would otherwise swap in its own in-memory e-mail backend."""
    settings.EMAIL_BACKEND = "demo.inbox.DemoInboxEmailBackend"
    settings.SMS_BACKEND = "demo.inbox.DemoInboxSmsBackend"


def send_order_email(to="ada@example.com", subject="Your order FH-1 is on its way"):
    email = EmailMultiAlternatives(subject, "Your order is on its way. Track it: http://127.0.0.1:8000/orders/track/",
                                   to=[to])
    email.attach_alternative(HTML_BODY, "text/html")
    email.send()
    return DemoMessage.objects.get(to=to, subject=subject)


def test_an_email_sent_through_django_appears_in_the_inbox_with_subject_and_recipient(client):
    message = send_order_email()

    response = client.get("/demo/inbox/")

    page = read_page(response)
    assert page.title.startswith("Demo inbox")
    assert (f"/demo/inbox/{message.pk}/", "Your order FH-1 is on its way") in page.links
    assert "ada@example.com" in response.content.decode()


def test_the_inbox_reads_in_the_language_of_its_address(client):
    message = send_order_email()

    page = read_page(client.get("/ko/demo/inbox/"))

    assert page.title.startswith("데모 받은편지함")
    assert (f"/ko/demo/inbox/{message.pk}/", "Your order FH-1 is on its way") in page.links  # the message as sent


def test_the_inbox_lists_the_newest_message_first(client):
    send_mail("First", "one", None, ["ada@example.com"])
    send_mail("Second", "two", None, ["ada@example.com"])

    content = client.get("/demo/inbox/").content.decode()

    assert content.index("Second") < content.index("First")


def test_an_email_shows_its_html_in_a_sandboxed_frame_and_its_plain_text_with_clickable_links(client):
    message = send_order_email()

    response = client.get(f"/demo/inbox/{message.pk}/")

    content = response.content.decode()
    assert read_page(response).title.startswith("Your order FH-1 is on its way · Demo inbox")
    assert f'src="/demo/inbox/{message.pk}/html/" sandbox="allow-popups allow-popups-to-escape-sandbox"' in content
    assert '<a href="http://127.0.0.1:8000/orders/track/"' in content
    assert "srcdoc" not in content


def test_the_html_part_may_style_itself_inline_and_be_framed_by_our_pages_only(client):
    message = send_order_email()

    response = client.get(f"/demo/inbox/{message.pk}/html/")

    policy = response["Content-Security-Policy"]
    assert '<base target="_blank"><title>Order FH-1</title>' in response.content.decode()
    assert "style-src 'unsafe-inline'" in policy
    assert "script-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "sandbox allow-popups allow-popups-to-escape-sandbox" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "'unsafe-inline'" not in client.get(f"/demo/inbox/{message.pk}/")["Content-Security-Policy"]


def test_an_email_sent_as_html_only_still_shows(client):
    email = EmailMessage("Reset your password", "<p>Choose a new password</p>", to=["ada@example.com"])
    email.content_subtype = "html"
    email.send()
    message = DemoMessage.objects.get()

    response = client.get(f"/demo/inbox/{message.pk}/html/")

    assert "Choose a new password" in response.content.decode()


def test_an_email_to_several_people_lands_in_each_of_their_inboxes():
    sent = send_mail("Team update", "Hello", None, ["ada@example.com", "grace@example.com"])

    assert sent == 1
    assert sorted(DemoMessage.objects.values_list("to", flat=True)) == ["ada@example.com", "grace@example.com"]


def test_a_text_message_sent_through_sms_send_appears_in_the_inbox(client):
    sms_send(to="+447700900123", text="Fernhill Goods: your order FH-1 is out for delivery today.")
    message = DemoMessage.objects.get(kind=DemoMessage.Kind.SMS)

    inbox = client.get("/demo/inbox/").content.decode()
    detail = client.get(f"/demo/inbox/{message.pk}/")

    assert "Fernhill Goods: your order FH-1 is out for delivery today." in inbox
    assert "Text message" in inbox
    assert read_page(detail).title.startswith("Text message to +447700900123")
    assert client.get(f"/demo/inbox/{message.pk}/html/").status_code == 404


def test_each_message_sent_is_noted_in_the_terminal(capsys):
    send_order_email()
    sms_send(to="+447700900123", text="Your order\nis out for delivery.")

    lines = capsys.readouterr().out.splitlines()

    assert lines[0].startswith("E-mail to ada@example.com: Your order FH-1 is on its way (demo inbox: http")
    assert lines[1].startswith("Text message to +447700900123: Your order is out for delivery. (demo inbox: http")


def test_filtering_by_recipient_shows_only_their_messages(client):
    send_order_email(to="ada@example.com", subject="For Ada")
    send_order_email(to="grace@example.com", subject="For Grace")

    content = client.get("/demo/inbox/", {"to": "grace@example.com"}).content.decode()

    assert "For Grace" in content
    assert "For Ada" not in content
    assert '<option value="grace@example.com" selected>' in content
    assert '<option value="ada@example.com">' in content  # the other recipient is still there to choose


def test_filtering_by_someone_who_has_no_messages_says_so(client):
    send_order_email()

    content = client.get("/demo/inbox/", {"to": "nobody@example.com"}).content.decode()

    assert "No messages to nobody@example.com yet." in content

