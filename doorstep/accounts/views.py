from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from rest_framework.authtoken.models import Token

from doorstep.accounts import two_factor
from doorstep.accounts.forms import SignInForm, TwoFactorCodeForm, TwoFactorSetupForm
from doorstep.accounts.middleware import forget_state
from doorstep.accounts.services import api_token_issue
from doorstep.core.http import AuthedHttpRequest, safe_next_url


@method_decorator(login_not_required, name="dispatch")
class SignInView(LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


def profile(request: AuthedHttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile_context(request))


def _profile_context(request: AuthedHttpRequest) -> dict[str, object]:
    return {
        "has_token": Token.objects.filter(user=request.user).exists(),
        "has_two_factor": two_factor.has_two_factor(request.user),
        "two_factor_required": two_factor.required_for(request.user),
        "recovery_codes_left": two_factor.recovery_codes_left(request.user),
    }


@require_POST
def issue_token(request: AuthedHttpRequest) -> HttpResponse:
    key = api_token_issue(actor=request.user)
    # Shown once, never stored in plain sight again.
    return render(request, "accounts/profile.html", {**_profile_context(request), "new_token": key})


# Two-factor ----------------------------------------------------------------------------------


def two_factor_verify(request: AuthedHttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    next_url = safe_next_url(request, reverse("myday:my_day"))
    if request.user.is_verified():
        return redirect(next_url)
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts:two_factor_setup")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"You used a recovery code; {left} left. Make new ones from your profile.",
                )
            return redirect(next_url)
        form.add_error(
            "code",
            "That code is not right, or it has expired. Enter the code your app shows now. "
            "After several wrong codes you must wait longer before trying again.",
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


def two_factor_setup(request: AuthedHttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the key), then confirm a code."""
    if two_factor.has_two_factor(request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = two_factor.app_device(request.user, confirmed=False)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        codes = two_factor.confirm_setup(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            otp_login(request, device)
            forget_state(request)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "new": True})
        form.add_error(
            "code",
            "That code does not match. Check the app shows the account you just added, "
            "and enter the code it shows now.",
        )
    if device is None:
        device = two_factor.start_setup(user=request.user)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": mark_safe(two_factor.qr_code_svg(device)),  # noqa: S308 - segno's own SVG
            "secret": two_factor.secret_for_display(device),
            "required": two_factor.required_for(request.user),
        },
    )


@require_POST
def recovery_codes_new(request: AuthedHttpRequest) -> HttpResponse:
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts:two_factor_setup")
    codes = two_factor.new_recovery_codes(user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "new": False})


@require_POST
def two_factor_off(request: AuthedHttpRequest) -> HttpResponse:
    try:
        two_factor.turn_off(user=request.user)
    except PermissionError as error:
        messages.error(request, str(error))
    else:
        forget_state(request)
        messages.success(request, "Two-factor authentication is off.")
    return redirect("accounts:profile")
