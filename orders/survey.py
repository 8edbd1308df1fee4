"""How did it go? A short survey a few days after delivery (practice S18: NPS, CSAT and CES).

The e-mail carries a signed link (no sign-in needed: most customers check out as guests); the page
records one answer per order. A beat task calls `surveys_send_due` (orders/services.py) to write the
e-mails to the outbox, once per order, not to customers who turned e-mails off.

Scores as the practice reads them: NPS is % promoters (9–10) minus % detractors (0–6), CSAT is
% answering 4 or 5, CES is the mean effort (lower is better).
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from storefront.ratelimit import rate_limited
from storefront.signed_links import LinkNotValid, id_from_token, id_token

from .models import Order, SurveyAnswer

SIGNING_SALT = "orders.survey"
LINK_VALID_FOR = timedelta(days=60)


# --- The link ---------------------------------------------------------------------------------------


def survey_link(order: Order) -> str:
    """The absolute address of this order's survey, valid for LINK_VALID_FOR from now."""
    token = id_token(order.pk, salt=SIGNING_SALT)
    return settings.SHOP["site_url"].rstrip("/") + reverse("orders:survey", args=[token])


def survey_order(token: str) -> Order:
    order = Order.objects.filter(pk=id_from_token(token, salt=SIGNING_SALT, valid_for=LINK_VALID_FOR)).first()
    if order is None:
        raise LinkNotValid
    return order


# --- Answering ----------------------------------------------------------------------------------------


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


def survey_answer_record(*, order: Order, nps: int, csat: int, ces: int,
                         comment: str = "") -> tuple[SurveyAnswer, bool]:
    """Keep the customer's answer; a second submit (a double click, the Back button) finds the first.

    get_or_create relies on the one-answer-per-order unique key, so two submits at once still make one row.
    """
    return SurveyAnswer.objects.get_or_create(order=order, defaults={"nps": nps, "csat": csat, "ces": ces,
                                                                     "comment": comment})


def _went_badly(answer: SurveyAnswer) -> bool:
    """A detractor, an unhappy customer or a hard time: offer help there and then, not only a thank-you."""
    return answer.nps <= 6 or answer.csat <= 2 or answer.ces >= 5


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(scope="survey", limit=20, per_seconds=15 * 60)
def survey(request, token):
    try:
        order = survey_order(token)
    except LinkNotValid as problem:
        return render(request, "orders/survey_invalid.html", {"expired": problem.expired,
                                                             "valid_days": LINK_VALID_FOR.days}, status=404)
    answer = SurveyAnswer.objects.filter(order=order).first()
    just_answered = False
    if answer is None:
        form = SurveyForm(request.POST if request.method == "POST" else None)
        if not form.is_valid():  # also the first visit: an unbound form is never valid
            return render(request, "orders/survey.html", {"form": form, "order": order})
        answer, just_answered = survey_answer_record(order=order, **form.cleaned_data)
    return render(request, "orders/survey_thanks.html", {"order": order, "answer": answer,
                                                         "just_answered": just_answered,
                                                         "offer_help": _went_badly(answer)})
