"""Where is my order? (practices S02, S09): the tracking page and the guest lookup that opens it.

A signed-in customer sees their own orders; a guest proves an order is theirs with its number and the
e-mail address it was placed with, and this browser may then see it for the rest of the session. An
unknown number and a known number with the wrong e-mail get the same answer, so the page cannot be
used to find out which orders exist. The timeline is a named partial that htmx fetches again every
minute (and when the customer comes back to the tab, static/js/tracking.js) until the order is
delivered or cancelled.

The parts, as in an app: selectors.py (finding the order, and what its tracking page shows), forms.py (the
lookup), views.py.
"""
