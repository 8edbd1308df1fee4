"""Links e-mailed to customers that open a page without signing in: the survey, a review invitation, the
link that proves an address before an account is opened for it.

A link carries a row's id (or a few values), signed with a salt of its own purpose and the time it was made, so it
cannot be edited into another row's link, reused for another purpose, or used once it has expired.
"""

from datetime import timedelta

from django.core import signing


class LinkNotValid(Exception):
    """The link was changed, cut short or has expired, or what it points at no longer qualifies."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "not valid")
        self.expired = expired


def id_token(pk: int, *, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(str(pk))


def id_from_token(token: str, *, salt: str, valid_for: timedelta) -> int:
    """The id `id_token` signed, or LinkNotValid."""
    try:
        value = signing.TimestampSigner(salt=salt).unsign(token, max_age=valid_for)
    except signing.SignatureExpired as error:
        raise LinkNotValid(expired=True) from error
    except signing.BadSignature as error:
        raise LinkNotValid from error
    return int(value)  # signed by us, so a number


def data_token(data: dict, *, salt: str) -> str:
    """A few values (an e-mail address, an order number) signed like `id_token`, for a link about no row yet."""
    return signing.dumps(data, salt=salt)


def data_from_token(token: str, *, salt: str, valid_for: timedelta) -> dict:
    """The values `data_token` signed, or LinkNotValid."""
    try:
        return signing.loads(token, salt=salt, max_age=valid_for)
    except signing.SignatureExpired as error:
        raise LinkNotValid(expired=True) from error
    except signing.BadSignature as error:
        raise LinkNotValid from error
