"""Two-factor sign-in: mandatory for managers, safeguarding leads and DPOs; optional for others."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstep.accounts import two_factor
from doorstep.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.no_second_factor]

MY_DAY = "/"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:06d}"


def seconds_later(seconds: int):
    """Wrong codes throttle the device for 1 s, then 2, 4, …: step past the wait."""
    return time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds), tick=True)


def sign_in(client, user, password):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": password})


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True)


@pytest.mark.parametrize("who", ["manager", "safeguarding_lead", "dpo"])
def test_roles_that_must_use_it_are_sent_to_set_up_and_cannot_reach_any_page(
    client, request, who, password
):
    user = request.getfixturevalue(who)
    sign_in(client, user, password)
    response = client.get(MY_DAY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert client.get("/people/").status_code == 302
    api = client.get("/api/v1/")
    assert api.status_code == 403


def test_an_officer_without_it_signs_in_with_a_password_only(client, officer, password):
    sign_in(client, officer, password)
    assert client.get(MY_DAY).status_code == 200


def test_setting_up_the_app_shows_a_qr_code_and_key_then_recovery_codes(client, manager, password):
    sign_in(client, manager, password)
    page = client.get(reverse("accounts:two_factor_setup"))
    html = page.content.decode()
    assert "<svg" in html and 'id="two-factor-key"' in html
    device = TOTPDevice.objects.get(user=manager, confirmed=False)

    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert "That code does not match" in wrong.content.decode()
    assert not two_factor.has_two_factor(manager)

    with seconds_later(2):
        done = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    html = done.content.decode()
    assert "Two-factor authentication is on" in html
    assert html.count("<li><code>") == two_factor.RECOVERY_CODES
    assert two_factor.has_two_factor(manager)
    assert client.get(MY_DAY).status_code == 200  # verified in this session
    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(manager.pk))
    assert event.changes == {"two_factor": ["off", "on"]}
    assert device.key not in str(event.changes)


def test_signing_in_with_an_app_asks_for_the_code(client, officer, password):
    device = confirmed_device(officer)
    sign_in(client, officer, password)
    response = client.get("/people/")
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert "next=%2Fpeople%2F" in response["Location"]

    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get(MY_DAY).status_code == 302

    with seconds_later(2):
        right = client.post(
            reverse("accounts:two_factor_verify") + "?next=/people/", {"code": code_for(device)}
        )
        assert right.status_code == 302 and right["Location"] == "/people/"
        assert client.get("/people/").status_code == 200


def test_a_code_cannot_be_used_twice(client, officer, password):
    device = confirmed_device(officer)
    code = code_for(device)
    sign_in(client, officer, password)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": code}).status_code == 302
    client.logout()
    sign_in(client, officer, password)
    again = client.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert again.status_code == 200  # refused: replaying a seen code


def test_wrong_codes_are_throttled(client, officer, password):
    device = confirmed_device(officer)
    sign_in(client, officer, password)
    client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    # Even the right code is refused while the device waits out a wrong one.
    response = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert response.status_code == 200
    with seconds_later(2):
        client.post(reverse("accounts:two_factor_verify"), {"code": "111111"})
    device.refresh_from_db()
    assert device.throttling_failure_count == 2  # the wait doubles with each wrong code
    with seconds_later(3):
        refused = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert refused.status_code == 200
    with seconds_later(5):
        allowed = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert allowed.status_code == 302


def test_a_recovery_code_works_once(client, officer, password):
    confirmed_device(officer)
    codes = two_factor.new_recovery_codes(user=officer)
    sign_in(client, officer, password)
    response = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=officer).count() == 9
    client.logout()
    sign_in(client, officer, password)
    again = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 200


def test_new_recovery_codes_replace_the_old(officer):
    old = two_factor.new_recovery_codes(user=officer)
    new = two_factor.new_recovery_codes(user=officer)
    assert set(old).isdisjoint(new)
    assert two_factor.recovery_codes_left(officer) == 10


def test_an_officer_may_turn_it_off_a_manager_may_not(client, officer, manager, password):
    device = confirmed_device(officer)
    sign_in(client, officer, password)
    client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    client.post(reverse("accounts:two_factor_off"))
    assert not two_factor.has_two_factor(officer)
    assert client.get(MY_DAY).status_code == 200

    with pytest.raises(PermissionError):
        two_factor.turn_off(user=manager)


def test_verify_page_without_sign_in_goes_to_sign_in(client):
    response = client.get(reverse("accounts:two_factor_verify"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_code_page_keeps_drift_of_one_step(client, officer, password):
    device = confirmed_device(officer)
    sign_in(client, officer, password)
    previous = code_for(device, offset=-1)  # the previous 30-second step: clock drift
    assert client.post(reverse("accounts:two_factor_verify"), {"code": previous}).status_code == 302
