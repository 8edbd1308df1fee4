"""The form under a product's details for asking a question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_MESSAGES


class QuestionForm(forms.Form):
    """A question, where to send the answer and an optional name; signed-in customers are not asked
    for their e-mail address again."""

    question = forms.CharField(
        label=_("Your question"), max_length=1000,
        help_text=_("About size, fit, materials, care or anything else. Please do not include personal details."),
        error_messages={"required": _("Type your question about this product."),
                        "max_length": _("Shorten your question to at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 4}))
    email = forms.EmailField(
        label=_("E-mail address for the answer"), max_length=254, help_text=_("Never shown on the page."),
        error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    name = forms.CharField(
        label=_("Your name, to show with the question"), required=False, max_length=60,
        help_text=_("Only your first name is shown. Leave it empty to ask anonymously."),
        error_messages={"max_length": _("Shorten the name to at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}))

    def __init__(self, *args, customer=None, **kwargs):
        # Ids of their own: the product page has other forms, and these must not collide with them.
        super().__init__(*args, auto_id="ask-%s", **kwargs)
        self.customer = customer
        if customer is not None:
            del self.fields["email"]
            self.fields["name"].initial = customer.first_name

    def answer_to(self) -> str:
        return self.customer.email if self.customer else self.cleaned_data["email"]
