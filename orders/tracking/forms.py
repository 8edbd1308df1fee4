"""The guest's lookup: an order number and the e-mail address it was placed with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_MESSAGES


class TrackingLookupForm(forms.Form):
    number = forms.CharField(
        label=_("Order number"), max_length=20,
        help_text=_("It is in your order confirmation e-mail, for example FG-7KX2MQ."),
        error_messages={"required": _("Enter your order number: it starts with FG- and is in your confirmation "
                                      "e-mail."),
                        "max_length": _("Enter the order number as it is in your e-mail, for example FG-7KX2MQ.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, help_text=_("The one you gave when you ordered."),
        error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))

    def clean_number(self) -> str:
        """Read out over the phone or copied from an e-mail, a number may come with spaces or in lower case."""
        return "".join(self.cleaned_data["number"].split()).upper()
