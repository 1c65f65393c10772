"""Letter and sign templates: managers write them; merge fields are checked and edits kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.core.models import AuditEvent
from doorstep.letters import services
from doorstep.letters.models import LetterTemplate, TemplateKind

pytestmark = pytest.mark.django_db


def _create(actor, **overrides):
    values = {
        "name": "Bin store moved",
        "kind": TemplateKind.LETTER,
        "subject": "The bin store at {{ place.name }} is moving",
        "body": "Dear {{ person.salutation }},\n\nFrom Monday the bins are by the garages.\n\n"
        "{{ officer.name }}",
    }
    values.update(overrides)
    return services.template_create(actor=actor, **values)


def test_the_seeded_templates_are_there_and_pass_every_check(manager):
    names = set(LetterTemplate.objects.values_list("name", flat=True))
    assert {
        "Fly-tipping: please report it in confidence",
        "General letter",
        "Fly-tipping is a crime: report it in confidence",
    } <= names
    for template in LetterTemplate.objects.all():
        # Saving each unchanged re-runs the merge-field and one-page checks.
        services.template_update(
            actor=manager,
            template=template,
            name=template.name,
            subject=template.subject,
            body=template.body,
        )


def test_a_manager_adds_a_template_and_it_is_audited(manager):
    template = _create(manager)
    assert template.version == 1 and template.updated_by == manager
    assert AuditEvent.objects.filter(
        object_type="letters.lettertemplate", object_id=str(template.pk), action="create"
    ).exists()


@pytest.mark.parametrize("who", ["officer", "team_leader", "dpo"])
def test_only_managers_write_templates(request, who):
    with pytest.raises(PermissionDenied):
        _create(request.getfixturevalue(who))


def test_an_unknown_merge_field_is_named(manager):
    with pytest.raises(ValidationError) as caught:
        _create(manager, body="Dear {{ person.firstname }}, love {{ officer.nam }}")
    assert caught.value.message_dict == {
        "body": [
            "Unknown merge field {{ person.firstname }}.",
            "Unknown merge field {{ officer.nam }}.",
        ]
    }
    assert not LetterTemplate.objects.filter(name="Bin store moved").exists()


def test_a_sign_may_not_name_a_household(manager):
    with pytest.raises(ValidationError) as caught:
        _create(manager, kind=TemplateKind.SIGN, body="Hello {{ person.full_name }}")
    assert caught.value.message_dict == {"body": ["Unknown merge field {{ person.full_name }}."]}


def test_a_letter_too_long_for_one_page_is_refused(manager):
    with pytest.raises(ValidationError) as caught:
        _create(manager, body="A paragraph.\n\n" * 60)
    assert caught.value.message_dict == {"body": [services.TOO_LONG]}


def test_bad_input_is_explained(manager):
    with pytest.raises(ValidationError) as caught:
        _create(manager, name="", subject="", body="")
    assert set(caught.value.message_dict) == {"name"}
    _create(manager)
    with pytest.raises(ValidationError) as caught:
        _create(manager, name="bin store MOVED")
    assert caught.value.message_dict == {"name": ["A template with this name already exists."]}


def test_an_edit_is_a_new_version_and_the_old_words_stay_in_the_audit_log(manager):
    template = _create(manager)
    old_body = template.body
    updated = services.template_update(
        actor=manager,
        template=template,
        name=template.name,
        subject=template.subject,
        body="Dear {{ person.salutation }},\n\nThe bins have moved.",
    )
    assert updated.version == 2
    row = AuditEvent.objects.filter(
        object_type="letters.lettertemplate", object_id=str(template.pk), action="update"
    ).get()
    assert row.changes["body"] == [
        old_body,
        "Dear {{ person.salutation }},\n\nThe bins have moved.",
    ]
    assert row.changes["version"] == [1, 2]
    # Saving it unchanged makes no new version.
    again = services.template_update(
        actor=manager,
        template=updated,
        name=updated.name,
        subject=updated.subject,
        body=updated.body,
    )
    assert again.version == 2


def test_a_template_is_taken_out_of_use_not_deleted(manager, officer):
    template = _create(manager)
    services.template_archive(actor=manager, template=template, archived=True)
    template.refresh_from_db()
    assert template.archived
    with pytest.raises(PermissionDenied):
        services.template_archive(actor=officer, template=template, archived=False)
