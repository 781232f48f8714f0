"""Codes an authenticator app would show, for the tests of two-factor sign-in."""

from __future__ import annotations

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_code(device: TOTPDevice) -> str:
    """The code for the next time step the device has not seen (a phone's next code), so a
    test can sign in twice within 30 seconds without a replay."""
    device.refresh_from_db()
    step = max(int(time.time()) // device.step + device.drift, device.last_t + 1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = step * device.step
    return f"{totp.token():0{device.digits}d}"
