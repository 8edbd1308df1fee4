"""Questions on product pages (practices P20, P58): a shopper asks, staff answer in the back office,
the answer shows on the page in the shop's name and is e-mailed to the asker.

Asking: the form under the product's details (templates/shop/_questions.html) posts here. With htmx
the form is replaced by a thank-you in place; without JavaScript the shopper is sent back to the
product page with the same thank-you as a message, or, when something needs fixing, to a page of
its own with the form, the errors and everything typed.

Telling: staff hear of each question at once, and the asker of the first answer, by e-mail written to
the outbox with the change that causes it.

The parts, as in an app: forms.py (the question form), selectors.py (what the product page shows),
services.py (asking, answering and telling), views.py (asking).
"""
