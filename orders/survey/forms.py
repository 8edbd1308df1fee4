"""The survey's three questions on scales (NPS 0–10, CSAT 1–5, CES 1–7), and a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _


def _scale(low: int, high: int, *, question: str, ends: str, message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=question, help_text=ends, coerce=int, choices=[(n, str(n)) for n in range(low, high + 1)],
        widget=forms.RadioSelect, error_messages={"required": message, "invalid_choice": message})


class SurveyForm(forms.Form):
    nps = _scale(0, 10, question=_("How likely are you to recommend us to a friend?"),
                 ends=_("0 = not at all likely, 10 = extremely likely"),
                 message=_("Choose a number from 0 to 10: how likely you are to recommend us."))
    csat = _scale(1, 5, question=_("How satisfied are you with your order?"),
                  ends=_("1 = very dissatisfied, 5 = very satisfied"),
                  message=_("Choose a number from 1 to 5: how satisfied you are."))
    ces = _scale(1, 7, question=_("How easy was it to order from us and get your delivery?"),
                 ends=_("1 = very easy, 7 = very difficult"),
                 message=_("Choose a number from 1 to 7: how easy it was."))
    comment = forms.CharField(
        label=_("Anything you would like to tell us?"), required=False, max_length=2000,
        help_text=_("What went well, what we could do better. This survey is not answered: if you need help, "
                    "contact us instead."),
        error_messages={"max_length": _("Shorten your comment to at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 4}))
