"""Asking a question on a product page: with htmx a thank-you (or the form, to fix) in place; without
JavaScript back to the product page, or to a page of the form's own."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from shop.models import Product
from storefront.ratelimit import rate_limited
from support.contact.forms import filled_by_robot

from .forms import QuestionForm
from .services import question_ask

# Translators: how soon a product question is answered, inside a sentence ("Our team answers …").
ANSWERED_WITHIN = gettext_lazy("usually within a working day")


def _pause_shown_in_place(view):
    """htmx leaves an error answer unswapped, so a shopper paused by the rate limit would see nothing
    happen: with htmx the pause is said where the form was; a plain POST gets the 429 page."""

    @wraps(view)
    def view_telling_htmx(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 429 and request.htmx:
            return render(request, "shop/_questions.html#question-paused")
        return response

    return view_telling_htmx


@require_http_methods(["GET", "HEAD", "POST"])
@_pause_shown_in_place
@rate_limited(scope="product-question", limit=10, per_seconds=15 * 60)
def ask(request, slug):
    product = get_object_or_404(Product.objects.active(), slug=slug)
    customer = request.user if request.user.is_authenticated else None
    form = QuestionForm(request.POST if request.method == "POST" else None, customer=customer)
    if request.method == "POST" and filled_by_robot(request.POST):  # thanked like anyone, and nothing is kept
        return _thanked(request, product, email=request.POST.get("email", ""))
    if form.is_valid():
        question_ask(product=product, question=form.cleaned_data["question"], email=form.answer_to(),
                     asker_name=form.cleaned_data["name"], customer=customer)
        return _thanked(request, product, email=form.answer_to())
    if request.htmx:
        # The form replaces itself, so focus would fall back to the top of the page: put it on the first
        # field to fix (htmx focuses an `autofocus` element it swaps in), which reads out its message.
        first_problem = next((name for name in form.errors if name in form.fields), None)
        if first_problem:
            form.fields[first_problem].widget.attrs["autofocus"] = True
        return render(request, "shop/_questions.html#question-form", {"product": product, "form": form})
    return render(request, "support/ask_question.html", {"product": product, "form": form, "trail": [product],
                                                         "answered_within": ANSWERED_WITHIN})


def _thanked(request, product: Product, *, email: str):
    thanks = gettext("Thank you for your question. We'll e-mail the answer to %(email)s, %(answered_within)s.") % {
        "email": email, "answered_within": ANSWERED_WITHIN}
    if request.htmx:
        return render(request, "shop/_questions.html#question-thanks", {"product": product, "thanks": thanks})
    messages.success(request, thanks)
    return redirect(product)
