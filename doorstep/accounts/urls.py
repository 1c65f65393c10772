from django.urls import path

from doorstep.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.sign_out, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/token/", views.issue_token, name="issue_token"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/recovery-codes/", views.recovery_codes_new, name="recovery_codes_new"),
    path("two-factor/turn-off/", views.two_factor_off, name="two_factor_off"),
]
