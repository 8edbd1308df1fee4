"""The help centre (practices P22, P23, P58, P67, P68, P75, P76): topics and articles written by staff, a
search that marks the words it found, "Was this helpful?" under every article, the FAQ, and a one-question
poll with its results.

Votes are told apart by a random visitor id in the session (storefront/visitors.py), one per visitor. Pages
only read that id, so browsing the help centre starts no session and writes nothing.

The parts, as in an app: selectors.py (topics, articles, search, the FAQ, the poll's results), services.py
(the votes), views.py.
"""
