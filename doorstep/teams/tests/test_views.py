import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.tests.factories import CaseFactory
from doorstep.contacts.tests.factories import CallBackFactory
from doorstep.teams.models import CheckIn, Priority, Reassignment
from doorstep.teams.services import reassignment_apply

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("board", []),
        ("check_in", []),
        ("caseload", []),
        ("move", []),
        ("move_list", []),
        ("move_detail", [1]),
        ("priorities", [1]),
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, name, args):
    response = client.get(reverse(f"teams:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


# --- board and check-in ----------------------------------------------------------------------


def test_everyone_signed_in_sees_the_board_including_the_dpo(client, officer, dpo, team):
    for user in (officer, dpo):
        client.force_login(user)
        response = client.get(reverse("teams:board"), {"office": team.office_id})
        assert response.status_code == 200
        assert "Team check-in" in response.content.decode()


def test_the_board_takes_a_chosen_date(client, officer, team):
    client.force_login(officer)
    response = client.get(reverse("teams:board"), {"office": team.office_id, "date": "2030-01-07"})
    assert "Monday 7 January 2030" in response.content.decode()


def test_a_malformed_board_date_shows_an_error(client, officer, team):
    client.force_login(officer)
    response = client.get(reverse("teams:board"), {"office": team.office_id, "date": "soon"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_officers_set_their_own_check_in(client, officer):
    client.force_login(officer)
    assert client.get(reverse("teams:check_in")).status_code == 200
    response = client.post(
        reverse("teams:check_in"), {"whereabouts": "on_visits", "where": "Goscote"}
    )
    assert response.status_code == 302
    check_in = CheckIn.objects.get(user=officer, date=timezone.localdate())
    assert check_in.where == "Goscote"


def test_check_in_bad_input_is_shown_against_the_field(client, officer):
    client.force_login(officer)
    response = client.post(reverse("teams:check_in"), {"whereabouts": "on_visits", "where": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["where"] == [
        "Enter where they are visiting, like Beechdale."
    ]
    response = client.post(reverse("teams:check_in"), {})
    assert response.context["form"].errors["whereabouts"] == ["Select where they are working."]


def test_team_leaders_set_a_members_check_in_but_colleagues_cannot(
    client, team_leader, officer, colleague
):
    url = reverse("teams:check_in_for", args=[officer.pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    client.force_login(team_leader)
    response = client.post(url, {"whereabouts": "absent", "absence_reason": "training"})
    assert response.status_code == 302
    assert CheckIn.objects.get(user=officer).absence_reason == "training"


def test_the_dpo_cannot_check_in(client, dpo):
    client.force_login(dpo)
    assert client.get(reverse("teams:check_in")).status_code == 403


def test_priorities_for_the_team_leader_only(client, team_leader, officer, team):
    url = reverse("teams:priorities", args=[team.pk])
    client.force_login(officer)
    assert client.get(url).status_code == 403
    client.force_login(team_leader)
    assert client.get(url).status_code == 200
    response = client.post(url, {"priorities": "Ring shielding residents\nGoscote fly-tipping"})
    assert response.status_code == 302
    assert Priority.objects.filter(team=team).count() == 2
    response = client.post(url, {"priorities": "\n".join(["x"] * 7)})
    assert response.status_code == 200
    assert "priorities" in response.context["form"].errors


# --- caseload --------------------------------------------------------------------------------


def test_caseload_for_team_leaders_and_managers_only(client, team_leader, manager, officer):
    CaseFactory(lead_officer=officer)
    for user in (team_leader, manager):
        client.force_login(user)
        response = client.get(reverse("teams:caseload"))
        assert response.status_code == 200
        assert "Jan Kennedy" in response.content.decode()
    client.force_login(officer)
    assert client.get(reverse("teams:caseload")).status_code == 403


# --- move a colleague ------------------------------------------------------------------------


def test_officers_and_the_dpo_cannot_move_work(client, officer, dpo):
    for user in (officer, dpo):
        client.force_login(user)
        assert client.get(reverse("teams:move")).status_code == 403


def test_preview_then_apply_moves_the_work(client, team_leader, officer, colleague):
    case = CaseFactory(lead_officer=officer)
    callback = CallBackFactory(for_officer=officer)
    client.force_login(team_leader)
    form = {"from_user": officer.pk, "receivers": [colleague.pk], "rule": "all_to_one"}
    response = client.post(reverse("teams:move"), {**form, "preview": "1"})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.total == 2
    html = response.content.decode()
    assert case.reference in html
    assert "Move the work" in html
    case.refresh_from_db()
    assert case.lead_officer == officer  # nothing moved by the preview

    response = client.post(
        reverse("teams:move"),
        {**form, "apply": "1", "fingerprint": preview.plan.fingerprint()},
    )
    move = Reassignment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("teams:move_detail", args=[move.pk])
    case.refresh_from_db()
    callback.refresh_from_db()
    assert case.lead_officer == colleague
    assert callback.for_officer == colleague


def test_move_form_errors_name_the_field(client, team_leader, officer):
    client.force_login(team_leader)
    response = client.post(reverse("teams:move"), {"from_user": officer.pk, "preview": "1"})
    errors = response.context["form"].errors
    assert errors["receivers"] == ["Choose at least one colleague to take the work."]
    assert errors["rule"] == ["Select how to share the work out."]


def test_move_of_someone_in_another_team_is_refused(client, team_leader, other_officer, colleague):
    client.force_login(team_leader)
    response = client.post(
        reverse("teams:move"),
        {
            "from_user": other_officer.pk,
            "receivers": [colleague.pk],
            "rule": "all_to_one",
            "preview": "1",
        },
    )
    # Not one of the staff they may choose.
    assert response.status_code == 200
    assert "from_user" in response.context["form"].errors


def test_the_log_and_undo(client, team_leader, officer, colleague, other_officer):
    CaseFactory(lead_officer=officer)
    move = reassignment_apply(
        actor=team_leader, from_user=officer, receivers=[colleague], rule="all_to_one"
    )
    client.force_login(other_officer)
    assert client.get(reverse("teams:move_detail", args=[move.pk])).status_code == 404
    assert client.post(reverse("teams:move_undo", args=[move.pk])).status_code == 404
    client.force_login(team_leader)
    response = client.get(reverse("teams:move_list"))
    assert response.status_code == 200
    assert "Jan Kennedy" in response.content.decode()
    response = client.get(reverse("teams:move_detail", args=[move.pk]))
    assert "Undo this move" in response.content.decode()
    response = client.post(reverse("teams:move_undo", args=[move.pk]), follow=True)
    assert "1 item moved back." in response.content.decode()
    move.refresh_from_db()
    assert move.undone_at is not None


def test_the_dpo_reads_the_log_but_cannot_undo(client, team_leader, officer, colleague, dpo):
    move = reassignment_apply(
        actor=team_leader, from_user=officer, receivers=[colleague], rule="all_to_one"
    )
    client.force_login(dpo)
    response = client.get(reverse("teams:move_detail", args=[move.pk]))
    assert response.status_code == 200
    assert "Undo this move" not in response.content.decode()
    assert client.post(reverse("teams:move_undo", args=[move.pk])).status_code == 403


def test_the_log_is_paginated_in_a_fixed_number_of_queries(
    client, team_leader, officer, colleague, django_assert_max_num_queries
):
    for _ in range(30):
        CaseFactory(lead_officer=officer)
        reassignment_apply(
            actor=team_leader, from_user=officer, receivers=[colleague], rule="all_to_one"
        )
        officer, colleague = colleague, officer
    client.force_login(team_leader)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("teams:move_list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 30


def test_navigation_offers_check_in_and_community_to_all_and_recruitment_to_managers(
    officer, manager, dpo
):
    from doorstep.core.navigation import nav_items_for

    def labels(user):
        return [item.label for item in nav_items_for(user=user, path="/")]

    for user in (officer, manager, dpo):
        assert {"Team check-in", "Community"} <= set(labels(user))
    assert "Recruitment" in labels(manager)
    assert "Recruitment" not in labels(officer)
    assert "Recruitment" not in labels(dpo)
