"""The real settings, with the test run's own cache and media folders so it never touches the demo's."""

import os
import tempfile

_scratch = tempfile.mkdtemp(prefix="storefront-tests-")
os.environ.setdefault("CACHE_DIR", os.path.join(_scratch, "cache"))
os.environ.setdefault("MEDIA_ROOT", os.path.join(_scratch, "media"))

from storefront.settings import *  # noqa: E402, F403

STATIC_ROOT = os.path.join(_scratch, "static")
os.makedirs(STATIC_ROOT)

# Hashing passwords at full strength makes each sign-in take a quarter of a second.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
