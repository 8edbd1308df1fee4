"""One way to build the shop's e-mails: each message is three template files,
templates/emails/<name>_subject.txt, <name>_body.txt and <name>_body.html (practice P59)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def templated_email(name: str, context: dict, *, to: list[str], reply_to: list[str] | None = None
                    ) -> EmailMultiAlternatives:
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(subject, render_to_string(f"emails/{name}_body.txt", context), to=to,
                                     reply_to=reply_to)
    message.attach_alternative(render_to_string(f"emails/{name}_body.html", context), "text/html")
    return message
