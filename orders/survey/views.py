"""The survey page: the questions, or the thanks once answered (with help offered when it went badly)."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from orders.models import SurveyAnswer
from storefront.ratelimit import rate_limited
from storefront.signed_links import LinkNotValid

from .forms import SurveyForm
from .links import LINK_VALID_FOR, survey_order
from .services import survey_answer_record


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
