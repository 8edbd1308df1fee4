"""The survey's three questions on scales (NPS 0–10, CSAT 1–5, CES 1–7), and a comment."""

from django import forms


def _scale(low: int, high: int, *, question: str, ends: str, choose: str) -> forms.TypedChoiceField:
    message = f"Choose a number from {low} to {high}: {choose}"
    return forms.TypedChoiceField(
        label=question, help_text=ends, coerce=int, choices=[(n, str(n)) for n in range(low, high + 1)],
        widget=forms.RadioSelect, error_messages={"required": message, "invalid_choice": message})


class SurveyForm(forms.Form):
    nps = _scale(0, 10, question="How likely are you to recommend us to a friend?",
                 ends="0 = not at all likely, 10 = extremely likely",
                 choose="how likely you are to recommend us.")
    csat = _scale(1, 5, question="How satisfied are you with your order?",
                  ends="1 = very dissatisfied, 5 = very satisfied",
                  choose="how satisfied you are.")
    ces = _scale(1, 7, question="How easy was it to order from us and get your delivery?",
                 ends="1 = very easy, 7 = very difficult",
                 choose="how easy it was.")
    comment = forms.CharField(
        label="Anything you would like to tell us?", required=False, max_length=2000,
        help_text="What went well, what we could do better. This survey is not answered: if you need help, "
                  "contact us instead.",
        error_messages={"max_length": "Shorten your comment to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."},
        widget=forms.Textarea(attrs={"rows": 4}))
