"""Questions on product pages (practices P20, P58): a shopper asks, staff answer in the back office,
the answer shows on the page in the shop's name and is e-mailed to the asker.

Asking: the form under the product's details (templates/shop/_questions.html) posts here. With htmx
the form is replaced by a thank-you in place; without JavaScript the shopper is sent back to the
product page with the same thank-you as a message, or, when something needs fixing, to a page of
its own with the form, the errors and everything typed.

Telling: staff hear of each question at once, and the asker of the first answer, by e-mail written to
the outbox with the change that causes it.
"""

from dataclasses import dataclass
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.forms import EMAIL_MESSAGES
from outbox.services import email_write
from shop.models import Product
from storefront.ratelimit import rate_limited

from .contact import filled_by_robot
from .models import ProductQuestion

ANSWERED_WITHIN = "usually within a working day"


# --- The form -----------------------------------------------------------------------------------------


class QuestionForm(forms.Form):
    """A question, where to send the answer and an optional name; signed-in customers are not asked
    for their e-mail address again."""

    question = forms.CharField(
        label="Your question", max_length=1000,
        help_text="About size, fit, materials, care or anything else. Please do not include personal details.",
        error_messages={"required": "Type your question about this product.",
                        "max_length": "Shorten your question to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."},
        widget=forms.Textarea(attrs={"rows": 4}))
    email = forms.EmailField(
        label="E-mail address for the answer", max_length=254, help_text="Never shown on the page.",
        error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    name = forms.CharField(
        label="Your name, to show with the question", required=False, max_length=60,
        help_text="Only your first name is shown. Leave it empty to ask anonymously.",
        error_messages={"max_length": "Shorten the name to at most %(limit_value)d characters."},
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


# --- Asking, answering and telling ------------------------------------------------------------------


@dataclass
class ProductQuestions:
    """What the product page shows: answered questions first, then those waiting for an answer."""

    answered: list[ProductQuestion]
    waiting: list[ProductQuestion]


def product_questions(*, product: Product) -> ProductQuestions:
    """The product's published questions in one query, however many there are."""
    questions = list(product.questions.filter(is_published=True).select_related("answered_by")
                     .order_by("-answered_at", "-created_at"))
    return ProductQuestions(answered=[question for question in questions if question.answer],
                            waiting=[question for question in questions if not question.answer])


def question_ask(*, product: Product, question: str, email: str, asker_name: str = "",
                 customer=None) -> ProductQuestion:
    """Keep the question, on the page at once, and staff's e-mail about it in the outbox."""
    with transaction.atomic():
        asked = ProductQuestion.objects.create(product=product, question=question, email=email,
                                               asker_name=asker_name, customer=customer)
        email_write(key=f"question:{asked.pk}:staff", template="question_staff", context=_email_context(asked),
                    to=settings.SHOP["email"], staff=True)
    return asked


def question_answer(*, question: ProductQuestion, by) -> ProductQuestion:
    """Save staff's changes to a question. The first time it has an answer, who answered and when are
    recorded and the asker's e-mail written; later edits correct the page without a second e-mail."""
    with transaction.atomic():
        first_answer = bool(question.answer.strip()) and question.answered_at is None
        if first_answer:
            question.answered_by, question.answered_at = by, timezone.now()
        question.save()
        if first_answer:
            email_write(key=f"question:{question.pk}:answered", template="question_answered",
                        context=_email_context(question), to=question.email)
    return question


def _email_context(question: ProductQuestion) -> dict:
    site_url = settings.SHOP["site_url"].rstrip("/")
    return {"question": question, "product": question.product, "shop": settings.SHOP,
            "product_url": f"{site_url}{question.product.get_absolute_url()}#questions",
            "answer_url": site_url + reverse("admin:support_productquestion_change", args=[question.pk])}


# --- The view -----------------------------------------------------------------------------------------


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
    thanks = f"Thank you for your question. We'll e-mail the answer to {email}, {ANSWERED_WITHIN}."
    if request.htmx:
        return render(request, "shop/_questions.html#question-thanks", {"product": product, "thanks": thanks})
    messages.success(request, thanks)
    return redirect(product)
