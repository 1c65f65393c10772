"""The real URLs plus two views that fail, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from config.urls import handler500, urlpatterns


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test-database-down/", database_down),
    path("test-broken/", broken),
    *urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
