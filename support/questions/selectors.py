"""What a product page shows of its questions."""

from dataclasses import dataclass

from shop.models import Product
from support.models import ProductQuestion


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
