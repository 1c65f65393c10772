import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token

from doorstep.accounts.tests.factories import PASSWORD
from doorstep.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_and_password_lands_on_my_day(client, officer):
    response = client.post(
        reverse("accounts:login"), {"username": "Officer@Doorstep.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("myday:my_day")
    assert client.get(reverse("myday:my_day")).status_code == 200


def test_wrong_password_is_refused_with_a_clear_message(client, officer):
    response = client.post(
        reverse("accounts:login"), {"username": officer.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("myday:my_day"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_lock_out_after_five_failures_even_with_the_right_password(client, officer):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": officer.email, "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": officer.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()


def test_sign_out_needs_post_and_ends_the_session(client, officer):
    client.force_login(officer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("myday:my_day")).status_code == 302


def test_sessions_expire_after_180_minutes_and_renew_on_activity(settings):
    assert settings.SESSION_COOKIE_AGE == 180 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2(officer):
    officer.set_password("a long passphrase for argon")
    assert identify_hasher(officer.password).algorithm == "argon2"


def test_production_settings_hash_with_argon2_first():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_profile_issues_a_token_shown_once_and_audited(client, officer):
    client.force_login(officer)
    page = client.get(reverse("accounts:profile"))
    assert "Issue an API token" in page.content.decode()
    response = client.post(reverse("accounts:issue_token"))
    token = Token.objects.get(user=officer)
    assert token.key in response.content.decode()
    assert AuditEvent.objects.filter(actor=officer, action="token").count() == 1
    again = client.get(reverse("accounts:profile")).content.decode()
    assert token.key not in again
    assert "Replace my API token" in again


def test_issuing_a_new_token_cancels_the_old_one(client, officer):
    client.force_login(officer)
    client.post(reverse("accounts:issue_token"))
    first = Token.objects.get(user=officer).key
    client.post(reverse("accounts:issue_token"))
    assert Token.objects.get(user=officer).key != first
    assert Token.objects.filter(user=officer).count() == 1


def test_token_issue_refuses_get(client, officer):
    client.force_login(officer)
    assert client.get(reverse("accounts:issue_token")).status_code == 405


def test_profile_needs_sign_in(client):
    assert client.get(reverse("accounts:profile")).status_code == 302
