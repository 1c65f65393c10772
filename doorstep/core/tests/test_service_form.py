"""core.http.service_form: the one answer to a form that calls a service, as a page or in
the htmx modal."""

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from doorstep.core import http
from doorstep.core.concurrency import EditConflict


class NoteForm(forms.Form):
    text = forms.CharField(label="Note")


class Shown:
    """What service_form rendered: the template and its context."""

    template = ""
    context: dict[str, Any] = {}


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> type[Shown]:
    def render(request: Any, template: str, context: dict[str, Any]) -> HttpResponse:
        Shown.template, Shown.context = template, context
        return HttpResponse("form")

    monkeypatch.setattr(http, "render", render)
    return Shown


def _request(*, post: dict[str, str] | None = None, htmx: bool = False) -> Any:
    factory = RequestFactory()
    request = factory.post("/x", post) if post is not None else factory.get("/x")
    request.htmx = htmx
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _answer(request: Any, save: Any, **kwargs: Any) -> HttpResponse:
    form = NoteForm(request.POST if request.method == "POST" else None)
    return http.service_form(
        request,
        form=form,
        save=save,
        message=lambda saved: f"Saved {saved}.",
        redirect_to="/done",
        page="page.html",
        title="Add a note",
        **kwargs,
    )


def test_saved_in_the_modal_closes_it_and_reloads(shown: type[Shown]) -> None:
    response = _answer(_request(post={"text": "hi"}, htmx=True), lambda d: d["text"], partial="p")
    assert response.status_code == 204
    assert response["HX-Trigger"] == "ds-modal-close"
    assert response["HX-Refresh"] == "true"


def test_saved_as_a_page_redirects_even_when_htmx_asked(shown: type[Shown]) -> None:
    response = _answer(_request(post={"text": "hi"}, htmx=True), lambda d: d["text"])
    assert (response.status_code, response["Location"]) == (302, "/done")


def test_the_modal_gets_the_partial_alone_and_a_page_the_page(shown: type[Shown]) -> None:
    _answer(_request(htmx=True), lambda d: None, partial="p.html", context={"case": 1})
    assert shown.template == "p.html"
    assert shown.context["modal"] is True and shown.context["case"] == 1
    _answer(_request(), lambda d: None, partial="p.html")
    assert (shown.template, shown.context["modal"]) == ("page.html", False)
    _answer(_request(), lambda d: None)
    assert "partial" not in shown.context and shown.context["title"] == "Add a note"


def test_a_service_error_goes_on_the_field_it_names(shown: type[Shown]) -> None:
    def refuse(data: dict[str, Any]) -> None:
        raise ValidationError({"text": "Too rude."})

    response = _answer(_request(post={"text": "hi"}), refuse, partial="p.html")
    assert response.status_code == 200
    assert shown.context["form"].errors == {"text": ["Too rude."]}


def test_a_conflict_saves_nothing_and_shows_both_versions(shown: type[Shown]) -> None:
    class Saved:
        text = "theirs"
        updated_at = dt.datetime(2026, 1, 1, 9, 0)

    def conflict(data: dict[str, Any]) -> None:
        raise EditConflict(Saved())  # type: ignore[arg-type]

    _answer(_request(post={"text": "mine"}), conflict, partial="p.html")
    rows = shown.context["conflict_rows"]
    assert [(r.label, r.theirs, r.yours) for r in rows] == [("Note", "theirs", "mine")]
    assert shown.context["form"].non_field_errors()


def test_context_as_a_function_is_not_read_when_saved(shown: type[Shown]) -> None:
    read: list[int] = []
    _answer(_request(post={"text": "hi"}), lambda d: 1, context=lambda: read.append(1) or {})
    assert read == []
