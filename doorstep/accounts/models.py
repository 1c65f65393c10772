"""Staff who sign in. Sign-in is by email; roles are Django groups (see roles.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from doorstep.accounts.roles import Role


class StaffManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("Staff need an email address to sign in.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    team = models.ForeignKey(
        "places.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("admin site access", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = StaffManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = "staff member"

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Roles are read many times per request; cache the set on the instance.
    @property
    def roles(self) -> frozenset[str]:
        cached: frozenset[str] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = frozenset(self.groups.values_list("name", flat=True))
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def is_verified(self) -> bool:
        """Whether this sign-in gave a second factor. django_otp's OTPMiddleware replaces this
        on each request's user; outside a request nobody is verified."""
        return False

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in sorted(self.roles) if role in Role.values]
