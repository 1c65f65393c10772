"""The API's router: DRF's, with its views answering for themselves about sign-in.

Every page needs a session (LoginRequiredMiddleware); API views authenticate with a token
instead, and answer 401 in JSON when there is none, so they are exempt from the redirect to
the sign-in page.
"""

from __future__ import annotations

from typing import Any

from rest_framework.routers import DefaultRouter


class ApiRouter(DefaultRouter):
    include_format_suffixes = False

    def get_urls(self) -> list[Any]:
        urls = super().get_urls()
        for url in urls:
            setattr(url.callback, "login_required", False)  # noqa: B010
        return urls
