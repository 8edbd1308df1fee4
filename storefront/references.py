"""References customers read out over the phone: no 0/O or 1/I/L to mishear."""

import secrets

SPOKEN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def spoken_reference(prefix: str, length: int = 6) -> str:
    return prefix + "".join(secrets.choice(SPOKEN_ALPHABET) for _ in range(length))
