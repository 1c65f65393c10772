"""Leaving an inspection part-way loses nothing: every answer given is there on return."""

import uuid

import pytest
from django.urls import reverse

from doorstep.inspections.models import Result

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _save_url(answer):
    return reverse("inspections:answer_save", args=[answer.inspection_id, answer.pk])


def test_answers_autosaved_before_leaving_are_shown_on_return(client, inspection, estates_officer):
    first, second, third = list(inspection.answers.order_by("order"))[:3]
    client.force_login(estates_officer)
    client.post(_save_url(first), {f"{first.prefix}-result": "pass"}, **HTMX)
    client.post(
        _save_url(second),
        {f"{second.prefix}-result": "fail", f"{second.prefix}-note": "Fire door wedged open."},
        **HTMX,
    )
    client.post(_save_url(third), {f"{third.prefix}-result": "not_applicable"}, **HTMX)
    # Called away mid-way: to My day and back, in a new page load.
    assert client.get(reverse("myday:my_day")).status_code == 200
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "3 of 9 answered" in page
    for answer, value in ((first, "pass"), (second, "fail"), (third, "not_applicable")):
        radio = f'name="{answer.prefix}-result" type="radio" value="{value}" checked'
        assert radio in page, answer.item_text
    assert "Fire door wedged open.</textarea>" in page
    fourth = inspection.answers.order_by("order")[3]
    assert f'name="{fourth.prefix}-result" type="radio" value="pass" checked' not in page


def test_save_and_finish_later_without_javascript_keeps_answers_once(
    client, inspection, estates_officer
):
    first = inspection.answers.order_by("order").first()
    client.force_login(estates_officer)
    data = {
        f"{first.prefix}-result": "fail",
        f"{first.prefix}-note": "Litter by the bins.",
        "action": "save",
        "submission_key": str(uuid.uuid4()),
    }
    url = reverse("inspections:inspection_detail", args=[inspection.pk])
    answers = [client.post(url, data) for _ in "ab"]  # a double tap on a slow phone
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    first.refresh_from_db()
    assert (first.result, first.note) == (Result.FAIL, "Litter by the bins.")
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "Litter by the bins.</textarea>" in page and "1 of 9 answered" in page
