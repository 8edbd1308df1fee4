"""Template helpers for the questions on product pages, loaded by the page's include rather than its
view (templates/shop/_questions.html), so showing them needs no change to the product view."""

from django import template
from django.utils.translation import gettext

from support.questions.forms import QuestionForm
from support.questions.selectors import ProductQuestions, product_questions

register = template.Library()


@register.simple_tag
def questions_about(product) -> ProductQuestions:
    """`{% questions_about product as questions %}`: one query, however many questions there are."""
    return product_questions(product=product)


@register.simple_tag(takes_context=True)
def question_form(context) -> QuestionForm:
    """`{% question_form as form %}`: the empty form; a signed-in customer is not asked for an e-mail."""
    user = context["request"].user
    return QuestionForm(customer=user if user.is_authenticated else None)


@register.filter
def shown_name(name: str) -> str:
    """The first name only, from what the asker typed; "A shopper" when they gave none."""
    words = name.split()
    return words[0] if words else gettext("A shopper")
