"""Two-factor sign-in: a time-based code from an authenticator app (TOTP, RFC 6238), with
one-time recovery codes for a lost phone. Built on django-otp, whose devices throttle wrong
codes (each failure doubles the wait), so a code cannot be guessed.

Managers, safeguarding leads and data protection officers must use it (`TWO_FACTOR_REQUIRED`);
everyone else may turn it on from their profile. `TwoFactorMiddleware` sends a signed-in user
who has not given a code yet to the code page, or to set-up when their role needs it and they
have no app yet.
"""

from __future__ import annotations

import secrets
from typing import Any

import segno
from django.db import transaction
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstep.accounts.roles import TWO_FACTOR_REQUIRED
from doorstep.core.models import AuditAction, AuditEvent

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def required_for(user: Any) -> bool:
    return bool(user.is_superuser or user.has_role(*TWO_FACTOR_REQUIRED))


def app_device(user: Any, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("id").first()


def has_two_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start_setup(*, user: Any) -> TOTPDevice:
    """An unconfirmed app device with a fresh secret; a set-up started again gets a new one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no external service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#0b0c0c", light="#ffffff"
    )


def _audit(user: Any, before: str, after: str) -> None:
    # Never the secret or the codes: only that two-factor was turned on or off.
    AuditEvent.objects.create(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="accounts.user",
        object_id=str(user.pk),
        object_label=user.email,
        changes={"two_factor": [before, after]},
        source="web",
    )


def _clean(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def confirm_setup(*, user: Any, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code from it; returns new recovery codes, or None if wrong."""
    if device.user_id != user.pk or not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    codes = new_recovery_codes(user=user)
    _audit(user, "off", "on")
    return codes


@transaction.atomic
def new_recovery_codes(*, user: Any) -> list[str]:
    """Replace the user's recovery codes with ten new ones, shown once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def verify(*, user: Any, code: str) -> Any | None:
    """The device that accepts `code` (an app code, or a recovery code used up by this), or
    None. Wrong codes count towards the device's throttling."""
    token = _clean(code)
    if not token:
        return None
    for device in devices_for_user(user):
        kind_matches = isinstance(device, TOTPDevice) == token.isdigit()
        if kind_matches:
            verified = verify_token(user, device.persistent_id, token)
            if verified is not None:
                return verified
    return None


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def turn_off(*, user: Any) -> None:
    """Remove the app and recovery codes; refused for roles that must use two-factor."""
    if required_for(user):
        raise PermissionError("Your role must sign in with two-factor authentication.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user, "on", "off")
