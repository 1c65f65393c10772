"""A referral being written is kept as a draft: saved as the officer types, put back when they
return, deleted when the referral is made, seen by nobody else, purged after 30 days."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from doorstep.dataprotection.retention import retention_run
from doorstep.safeguarding.models import ReferralDraft, SafeguardingReferral

pytestmark = pytest.mark.django_db

SEEN = "Bruising to both arms; she says she fell on the stairs."


def _form_url(person):
    return f"{reverse('safeguarding:referral_create')}?person={person.reference}"


def _draft_url(person):
    return f"{reverse('safeguarding:referral_draft')}?person={person.reference}"


def test_each_change_is_saved_by_htmx_and_put_back_when_the_officer_returns(
    client, officer, person
):
    client.force_login(officer)
    page = client.get(_form_url(person)).content.decode()
    assert f'hx-post="{_draft_url(person)}"' in page and 'hx-trigger="change"' in page
    response = client.post(
        _draft_url(person),
        {"category": "physical", "what_was_seen": SEEN, "consent_given": "no"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    # Called away; later they open the form again.
    page = client.get(_form_url(person)).content.decode()
    assert "Your draft" in page and SEEN in page
    assert 'value="physical" selected' in page
    assert 'name="consent_given" type="radio" value="no" checked' in page


def test_save_as_draft_works_without_javascript_even_half_filled(client, officer, person):
    client.force_login(officer)
    key = str(uuid.uuid4())
    data = {"what_was_seen": SEEN, "action": "draft", "submission_key": key}
    response = client.post(_form_url(person), data)
    assert response.status_code == 302 and response["Location"] == _form_url(person)
    assert not SafeguardingReferral.objects.exists()  # nothing was checked or made
    assert ReferralDraft.objects.get(author=officer, person=person).answers == {
        "what_was_seen": SEEN
    }
    page = client.get(response["Location"]).content.decode()
    assert "Draft saved. Only you can see it" in page and SEEN in page


def test_making_the_referral_deletes_the_draft(client, officer, person, adult_care):
    client.force_login(officer)
    client.post(_draft_url(person), {"what_was_seen": SEEN}, headers={"HX-Request": "true"})
    response = client.post(
        _form_url(person),
        {
            "concern_recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "adult_or_child": "adult",
            "category": "physical",
            "what_was_seen": SEEN,
            "immediate_danger": "no",
            "consent_given": "yes",
            "agency": adult_care.pk,
        },
    )
    assert response.status_code == 302
    assert SafeguardingReferral.objects.get().what_was_seen == SEEN
    assert not ReferralDraft.objects.exists()
    assert "Your draft" not in client.get(_form_url(person)).content.decode()


def test_only_the_author_sees_a_draft(client, officer, colleague, person):
    client.force_login(officer)
    client.post(_draft_url(person), {"what_was_seen": SEEN}, headers={"HX-Request": "true"})
    client.force_login(colleague)
    page = client.get(_form_url(person)).content.decode()
    assert SEEN not in page and "Your draft" not in page
    # The colleague's own typing is their own draft; the officer's is untouched.
    client.post(_draft_url(person), {"what_was_seen": "Other"}, headers={"HX-Request": "true"})
    assert ReferralDraft.objects.get(author=officer).answers["what_was_seen"] == SEEN
    assert ReferralDraft.objects.get(author=colleague).answers["what_was_seen"] == "Other"


def test_the_dpo_cannot_keep_a_draft(client, dpo, person):
    client.force_login(dpo)
    response = client.post(_draft_url(person), {"what_was_seen": SEEN})
    assert response.status_code == 403
    assert not ReferralDraft.objects.exists()


def test_a_draft_keeps_only_the_forms_fields_and_no_more_than_the_form_allows(
    client, officer, person
):
    client.force_login(officer)
    client.post(
        _draft_url(person),
        {"what_was_seen": "x" * 20000, "csrfmiddlewaretoken": "t", "surprise": "y"},
        headers={"HX-Request": "true"},
    )
    answers = ReferralDraft.objects.get().answers
    assert set(answers) == {"what_was_seen"} and len(answers["what_was_seen"]) == 10000


def test_starting_again_deletes_the_draft(client, officer, person):
    client.force_login(officer)
    client.post(_draft_url(person), {"what_was_seen": SEEN}, headers={"HX-Request": "true"})
    response = client.post(
        reverse("safeguarding:referral_draft_discard") + f"?person={person.reference}"
    )
    assert response.status_code == 302
    assert not ReferralDraft.objects.exists()
    assert SEEN not in client.get(_form_url(person)).content.decode()


def test_drafts_untouched_for_30_days_are_purged_by_the_retention_run(officer, colleague, person):
    with time_machine.travel(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        ReferralDraft.objects.create(author=officer, person=person, answers={"category": "x"})
    with time_machine.travel(dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC), tick=False):
        ReferralDraft.objects.create(author=colleague, person=person, answers={"category": "y"})
    with time_machine.travel(dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        dry = retention_run(dry_run=True)
        assert dry.referral_drafts == 1 and ReferralDraft.objects.count() == 2
        assert "would delete 1 draft safeguarding referral(s)" in "\n".join(dry.lines())
        assert retention_run(dry_run=False).referral_drafts == 1
        assert retention_run(dry_run=False).referral_drafts == 0  # idempotent
    assert list(ReferralDraft.objects.values_list("author", flat=True)) == [colleague.pk]
