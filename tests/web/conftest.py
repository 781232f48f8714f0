# The Chromium fixture of the browser journeys, for the shell's own browser checks.
from tests.browser.conftest import browser  # noqa: F401
