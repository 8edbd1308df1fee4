# The Chromium fixtures of tests/browser, for the account pages' browser tests kept beside their other tests.
from tests.browser.conftest import browser, page, phone_page  # noqa: F401
