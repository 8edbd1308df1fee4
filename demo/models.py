from django.db import models


class DemoMessage(models.Model):
    """Demo only: a copy of every e-mail and text message the shop sends, for the demo inbox page, so a
    workshop can follow the customer's side. Filled only while the demo is installed (never in production)."""

    class Kind(models.TextChoices):
        EMAIL = "email", "E-mail"
        SMS = "sms", "Text message"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    to = models.CharField(max_length=254, db_index=True)
    subject = models.CharField(max_length=300, blank=True)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.to}: {self.subject or self.body_text[:40]}"
