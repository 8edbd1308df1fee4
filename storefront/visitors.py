"""Who is voting or writing: a random id kept in the visitor's session, so each person votes once without
signing in. Clearing cookies makes a new visitor; for a poll and "Was this helpful?" that is good enough."""

import secrets

VISITOR_ID_LENGTH = 32  # hex characters; the vote tables keep ids this long

SESSION_KEY = "visitor_id"


def visitor_id(request) -> str:
    """This visitor's id, made (and the session started) the first time they vote or write."""
    if not request.session.get(SESSION_KEY):
        request.session[SESSION_KEY] = secrets.token_hex(VISITOR_ID_LENGTH // 2)
    return request.session[SESSION_KEY]


def known_visitor_id(request) -> str:
    """The id if this visitor has one, else "". Pages only read it: looking around starts no session."""
    return request.session.get(SESSION_KEY, "")
