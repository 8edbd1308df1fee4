from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One e-mail or text message, written in the same transaction as the change that causes it.

    A rolled-back change leaves no row, so nothing is said about it; a committed one always has its row,
    so the message is sent whatever dies afterwards (the transactional-outbox pattern). The `key` names
    the cause ("order:12:shipped:email"), so a cause repeated makes no second message. The text is
    written when the row is, as the customer will read it: what staff see here is what was sent.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")
        STAFF = "staff", _("E-mail to staff")

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not sent: the customer opted out"

    key = models.CharField(max_length=200, unique=True, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    kind = models.CharField("about", max_length=40, help_text="The event that caused it, such as “shipped”.")
    reference = models.CharField(max_length=40, blank=True, db_index=True,
                                 help_text="The order or ticket it is about, as the customer knows it.")
    to = models.CharField(max_length=254)
    reply_to = models.CharField(max_length=254, blank=True)
    # The customer's, whatever language the worker or staff used (outbox/services.py); staff's are in English.
    language = models.CharField(max_length=16, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
                                help_text="The language it is written in: the customer's.")
    subject = models.CharField(max_length=300, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # A password-reset link opens an account: its text is never shown to staff and is removed once sent.
    holds_secret = models.BooleanField(default=False)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(help_text="When the sweeper sends it again if it is still waiting.")
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # An attempt was cut off after it started talking to the mail server (a killed worker): the server may
    # have accepted that copy too, so the customer may have this message twice.
    interrupted = models.BooleanField("possibly sent twice", default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.kind} ({self.get_channel_display().lower()}) to {self.to}: {self.get_status_display()}"
