"""The contact form and the feedback form, and the honeypot both of them carry."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_MESSAGES
from orders.models import Order
from support.models import Ticket

HONEYPOT = "website"  # a name robots like to fill

ORDER_NOT_FOUND = _("We can't find that order number. Check it in your confirmation e-mail, or leave it empty.")


def filled_by_robot(data) -> bool:
    """People never see the honeypot field (templates/support/_spam_trap.html); robots fill every field."""
    return bool(data.get(HONEYPOT))


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=100,
        error_messages={"required": _("Enter your name, so we know who we are answering."),
                        "max_length": _("Use at most 100 characters for your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}))
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, help_text=_("We send our answer here."),
        error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    topic = forms.ChoiceField(
        label=_("What is it about?"), choices=[("", _("Choose a topic")), *Ticket.Topic.choices],
        error_messages={"required": _("Choose what your message is about, so it reaches the right person."),
                        "invalid_choice": _("Choose one of the topics in the list.")})
    order_number = forms.CharField(
        label=_("Order number"), required=False, max_length=40,
        help_text=_("If it is about an order: the number is in your confirmation e-mail, for example FG-7KX2MQ."),
        error_messages={"max_length": ORDER_NOT_FOUND},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))
    message = forms.CharField(
        label=_("Your message"), max_length=5000,
        help_text=_("What happened, and what you would like us to do."),
        error_messages={"required": _("Write your message: what happened, and what you would like us to do."),
                        "max_length": _("Shorten your message to at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.customer = customer

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())  # one line: it goes into the staff e-mail's subject

    def clean_order_number(self) -> str:
        """Read out over the phone or copied from an e-mail, a number may come with spaces or in lower case."""
        return "".join(self.cleaned_data["order_number"].split()).upper()

    def clean(self):
        cleaned = super().clean()
        number, email = cleaned.get("order_number"), cleaned.get("email")
        if number and (email or self.customer):  # without a usable e-mail address, that message comes first
            cleaned["order"] = _order_for(number, customer=self.customer, email=email or "")
            if cleaned["order"] is None:
                self.add_error("order_number", ORDER_NOT_FOUND)
        return cleaned


def _order_for(number: str, *, customer, email: str) -> Order | None:
    """The order, if the person writing may name it: a signed-in customer's own (placed signed in, or as a
    guest with the account's address); for a guest, one placed with the e-mail address they give. Anyone
    else's order is "not found", exactly like a made-up number, so the form reveals no one's orders."""
    orders = Order.objects.filter(number=number)
    if customer is not None:
        return orders.filter(Q(customer=customer) | Q(customer=None, email__iexact=customer.email)).first()
    return orders.filter(email__iexact=email).first()


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Your feedback"), max_length=2000,
        error_messages={"required": _("Write your feedback: what works, what doesn't, or what is missing."),
                        "max_length": _("Shorten your feedback to at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")})
    email = forms.EmailField(label=_("Your e-mail"), required=False, max_length=254, error_messages=EMAIL_MESSAGES)

    def __init__(self, *args, **kwargs):
        # Names and ids as written in templates/support/_feedback.html ("feedback-message"): apart from the
        # fields of the page's own forms.
        super().__init__(*args, prefix="feedback", auto_id="%s", **kwargs)
