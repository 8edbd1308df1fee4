"""Text messages, through a backend chosen in settings like Django's e-mail backends: the console backend
prints them; a real shop points SMS_BACKEND at a small class wrapping its SMS provider (Twilio,
MessageBird…) with the same `send` method. Only the outbox calls it."""

from django.conf import settings
from django.utils.module_loading import import_string


def sms_send(*, to: str, text: str) -> None:
    import_string(settings.SMS_BACKEND)().send(to=to, text=text)


class ConsoleSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        print(f"SMS to {to}: {text}")  # noqa: T201 - the console is this backend's whole point
