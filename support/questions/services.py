"""Asking, answering and telling: each e-mail written to the outbox with the change that causes it."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from outbox.services import email_write
from shop.models import Product
from support.models import ProductQuestion


def question_ask(*, product: Product, question: str, email: str, asker_name: str = "",
                 customer=None) -> ProductQuestion:
    """Keep the question, on the page at once, and staff's e-mail about it in the outbox."""
    with transaction.atomic():
        asked = ProductQuestion.objects.create(product=product, question=question, email=email,
                                               asker_name=asker_name, customer=customer,
                                               language=translation.get_language() or settings.LANGUAGE_CODE)
        email_write(key=f"question:{asked.pk}:staff", template="question_staff",
                    context=lambda: _email_context(asked), to=settings.SHOP["email"], staff=True)
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
            # Answered by staff, in English: the asker reads it in their account's language, a guest in the
            # language of the page they asked on.
            email_write(key=f"question:{question.pk}:answered", template="question_answered",
                        context=lambda: _email_context(question), to=question.email,
                        language=(question.customer.language if question.customer else "") or question.language)
    return question


def _email_context(question: ProductQuestion) -> dict:
    site_url = settings.SHOP["site_url"].rstrip("/")
    return {"question": question, "product": question.product, "shop": settings.SHOP,
            "product_url": f"{site_url}{question.product.get_absolute_url()}#questions",
            "answer_url": site_url + reverse("admin:support_productquestion_change", args=[question.pk])}
