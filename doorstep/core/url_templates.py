"""Reverse a URL once, fill it in many times.

`reverse()` walks the resolver on every call (about 0.1 ms, more under load). A list that
builds a link per row — My day for a busy officer has hundreds of items — spends most of
its time there. `UrlTemplate` reverses once with placeholder arguments and then substitutes
the real ones, giving exactly what `reverse()` would for references and ids (which never
need escaping: letters, digits and hyphens).
"""

from __future__ import annotations

from django.urls import reverse

# Placeholders that every converter accepts (str, slug and int) and no real value contains.
_PLACEHOLDERS = ("918273645501", "918273645502", "918273645503")


class UrlTemplate:
    def __init__(self, name: str, arguments: int = 1) -> None:
        if not 0 <= arguments <= len(_PLACEHOLDERS):
            raise ValueError(f"UrlTemplate takes 0 to {len(_PLACEHOLDERS)} arguments.")
        self.name = name
        self.arguments = arguments
        self._pattern: str | None = None

    def _reversed(self) -> str:
        if self._pattern is None:
            self._pattern = reverse(self.name, args=list(_PLACEHOLDERS[: self.arguments]))
        return self._pattern

    def __call__(self, *args: object) -> str:
        if len(args) != self.arguments:
            raise TypeError(f"{self.name} takes {self.arguments} arguments, not {len(args)}.")
        url = self._reversed()
        for placeholder, value in zip(_PLACEHOLDERS, args, strict=False):
            url = url.replace(placeholder, str(value), 1)
        return url
