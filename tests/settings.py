"""The real settings, with the test run's own cache and media folders so it never touches the demo's."""

import os
import tempfile

_scratch = tempfile.mkdtemp(prefix="storefront-tests-")
# pytest-xdist's workers (scripts/test runs the browser tests in two) inherit the environment of the process
# that started them, these folders included: each worker takes its own, or they would write the same pictures.
_worker = "PYTEST_XDIST_WORKER" in os.environ
for _name, _folder in (("CACHE_DIR", "cache"), ("MEDIA_ROOT", "media")):
    if _worker or _name not in os.environ:
        os.environ[_name] = os.path.join(_scratch, _folder)

from storefront.settings import *  # noqa: E402, F403

STATIC_ROOT = os.path.join(_scratch, "static")
os.makedirs(STATIC_ROOT)

# Hashing passwords at full strength makes each sign-in take a quarter of a second.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
