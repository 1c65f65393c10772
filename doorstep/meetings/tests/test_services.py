import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doorstep.core.models import AuditEvent
from doorstep.meetings import services
from doorstep.meetings.models import Attendance, Meeting, MeetingAction, MeetingKind
from doorstep.meetings.tests.factories import AttendeeFactory, MeetingActionFactory

pytestmark = pytest.mark.django_db
NEXT_WEEK = timezone.now() + dt.timedelta(days=7)


def _arrange(actor, **kwargs):
    arguments = {
        "title": "Homelessness strategy",
        "kind": MeetingKind.HOMELESSNESS_STRATEGY,
        "starts_at": NEXT_WEEK,
        "chair": actor,
        "venue": "Town hall",
        **kwargs,
    }
    return services.meeting_arrange(actor=actor, **arguments)


def test_a_partnership_meeting_has_no_person_and_the_chair_attends(manager):
    meeting = _arrange(manager, agenda=["Draft strategy", "Rough sleeping count"])
    assert meeting.person is None and meeting.case is None
    assert [a.staff for a in meeting.attendees.all()] == [manager]
    assert [i.title for i in meeting.agenda.all()] == ["Draft strategy", "Rough sleeping count"]
    assert AuditEvent.objects.filter(object_type="meetings.meeting", action="create").exists()


def test_a_case_meeting_takes_the_case_subject_as_the_person(officer, self_neglect_case, person):
    meeting = _arrange(officer, kind=MeetingKind.SELF_NEGLECT, case=self_neglect_case)
    assert meeting.person == person


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": " "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"kind": "picnic"}, "kind"),
        ({"starts_at": None}, "starts_at"),
        ({"venue": "", "online_link": ""}, "venue"),
        ({"venue": "", "online_link": "http://insecure.example"}, "online_link"),
        ({"chair": None}, "chair"),
    ],
)
def test_bad_meeting_input_names_the_field(officer, kwargs, field):
    with pytest.raises(ValidationError) as error:
        _arrange(officer, **kwargs)
    assert field in error.value.message_dict


def test_the_dpo_cannot_arrange(dpo):
    with pytest.raises(PermissionDenied):
        _arrange(dpo, chair=dpo)


def test_a_restricted_case_meeting_needs_a_chair_who_can_see_the_case(
    safeguarding_lead, officer, restricted_case
):
    with pytest.raises(ValidationError) as error:
        _arrange(safeguarding_lead, case=restricted_case, chair=officer)
    assert "cannot see restricted case" in error.value.message_dict["chair"][0]
    with pytest.raises(ValidationError) as error:
        _arrange(officer, case=restricted_case)
    assert "case" in error.value.message_dict


def test_attendees_are_staff_or_agency_contacts_once_each(
    officer, case_meeting, fire_officer, team_leader
):
    services.attendee_add(actor=officer, meeting=case_meeting, agency_contact=fire_officer)
    services.attendee_add(actor=officer, meeting=case_meeting, staff=team_leader)
    with pytest.raises(ValidationError) as error:
        services.attendee_add(actor=officer, meeting=case_meeting, agency_contact=fire_officer)
    assert "already invited" in error.value.message_dict["agency_contact"][0]
    with pytest.raises(ValidationError) as error:
        services.attendee_add(actor=officer, meeting=case_meeting)
    assert "staff" in error.value.message_dict


def test_minutes_stay_draft_until_finalised_then_lock(officer, case_meeting):
    draft = services.minutes_save(
        actor=officer, meeting=case_meeting, minutes="Half written", decisions=""
    )
    assert draft.minutes_saved_at and not draft.minutes_are_final
    with pytest.raises(ValidationError) as error:
        services.minutes_save(
            actor=officer, meeting=case_meeting, minutes="", decisions="", finalise=True
        )
    assert "minutes" in error.value.message_dict
    final = services.minutes_save(
        actor=officer,
        meeting=case_meeting,
        minutes="Agreed a deep clean.",
        decisions="Refer to adult social care.",
        finalise=True,
    )
    assert final.minutes_are_final and final.minutes_finalised_by == officer
    with pytest.raises(ValidationError):
        services.minutes_save(actor=officer, meeting=case_meeting, minutes="Changed", decisions="")


def test_a_future_meeting_cannot_have_final_minutes(officer):
    meeting = _arrange(officer)
    with pytest.raises(ValidationError):
        services.minutes_save(
            actor=officer, meeting=meeting, minutes="Too soon", decisions="", finalise=True
        )


def test_actions_need_one_owner_and_a_due_date_not_past(officer, case_meeting, fire_officer):
    with pytest.raises(ValidationError) as error:
        services.action_add(
            actor=officer, meeting=case_meeting, title="Clean", due_on=timezone.localdate()
        )
    assert "owner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.action_add(
            actor=officer,
            meeting=case_meeting,
            title="Clean",
            owner=officer,
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "due_on" in error.value.message_dict
    action = services.action_add(
        actor=officer,
        meeting=case_meeting,
        title="Home fire safety visit",
        agency_contact=fire_officer,
        due_on=timezone.localdate(),
    )
    assert action.owner_name == "Watch Manager Dean Hart (West Midlands Fire Service)"


def test_next_meeting_carries_forward_open_actions_only_and_the_attendees(
    officer, case_meeting, fire_officer, team_leader
):
    AttendeeFactory(meeting=case_meeting, staff=officer, attendance=Attendance.ATTENDED)
    AttendeeFactory(
        meeting=case_meeting, agency_contact=fire_officer, attendance=Attendance.APOLOGIES
    )
    open_staff = MeetingActionFactory(meeting=case_meeting, owner=team_leader, title="Deep clean")
    open_agency = MeetingActionFactory(
        meeting=case_meeting, agency_contact=fire_officer, title="Fire safety visit"
    )
    done = MeetingActionFactory(
        meeting=case_meeting, owner=officer, title="Ring the GP", done_at=timezone.now()
    )
    follow_up = services.meeting_follow_up(actor=officer, meeting=case_meeting, starts_at=NEXT_WEEK)
    assert follow_up.previous == case_meeting and follow_up.case == case_meeting.case
    assert follow_up.person == case_meeting.person and follow_up.venue == case_meeting.venue
    assert sorted(a.title for a in follow_up.actions.all()) == ["Deep clean", "Fire safety visit"]
    assert {(a.staff_id, a.agency_contact_id, a.attendance) for a in follow_up.attendees.all()} == {
        (officer.pk, None, Attendance.INVITED),
        (None, fire_officer.pk, Attendance.INVITED),
    }
    for action in (open_staff, open_agency):
        action.refresh_from_db()
        assert action.carried_to == follow_up and not action.is_open
    done.refresh_from_db()
    assert done.carried_to is None
    with pytest.raises(ValidationError):
        services.meeting_follow_up(actor=officer, meeting=case_meeting, starts_at=NEXT_WEEK)
    assert Meeting.objects.filter(previous=case_meeting).count() == 1


def test_next_meeting_must_be_after_this_one(officer, case_meeting):
    with pytest.raises(ValidationError) as error:
        services.meeting_follow_up(
            actor=officer,
            meeting=case_meeting,
            starts_at=case_meeting.starts_at - dt.timedelta(hours=1),
        )
    assert "starts_at" in error.value.message_dict


def test_an_owner_marks_their_action_done_once(team_leader, case_meeting):
    action = MeetingActionFactory(meeting=case_meeting, owner=team_leader)
    first = services.action_done(actor=team_leader, meeting=case_meeting, action=action)
    again = services.action_done(actor=team_leader, meeting=case_meeting, action=action)
    assert first.done_at == again.done_at and first.done_by == team_leader
    assert MeetingAction.objects.get().done_at is not None


def test_others_cannot_run_the_meeting(other_officer, dpo, case_meeting):
    for outsider in (other_officer, dpo):
        with pytest.raises(PermissionDenied):
            services.agenda_item_add(actor=outsider, meeting=case_meeting, title="Any other")
