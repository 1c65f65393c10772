from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Email and password. Field is still called `username` for django-axes."""

    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(
            attrs={
                "autocomplete": "email",
                "autofocus": True,
                "class": "govuk-input govuk-!-width-two-thirds",
                "spellcheck": "false",
            }
        ),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(
            attrs={
                "autocomplete": "current-password",
                "class": "govuk-input govuk-!-width-two-thirds",
            }
        ),
    )
    error_messages = {
        "invalid_login": (
            "Enter a correct email address and password. After 5 wrong tries your account is"
            " locked for 30 minutes."
        ),
        "inactive": "This account has been switched off. Ask your team leader.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text=(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        help_text="After adding the account, enter the 6-digit code the app shows.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-5",
            }
        ),
    )
