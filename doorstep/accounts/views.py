from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from doorstep.accounts.forms import SignInForm
from doorstep.accounts.services import api_token_issue
from doorstep.core.http import AuthedHttpRequest


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
    has_token = Token.objects.filter(user=request.user).exists()
    return render(request, "accounts/profile.html", {"has_token": has_token})


@require_POST
def issue_token(request: AuthedHttpRequest) -> HttpResponse:
    key = api_token_issue(actor=request.user)
    # Shown once, never stored in plain sight again.
    return render(request, "accounts/profile.html", {"has_token": True, "new_token": key})
