from django import template

from shop.search import highlight as highlight_words

register = template.Library()


@register.filter
def highlight(text, query):
    """`{{ product.name|highlight:query }}`: the text, escaped, with the searched words in <mark>."""
    return highlight_words(text, query or "")
