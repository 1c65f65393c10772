"""Staff pages for reports from residents: My day, the list, a report, the reporter's
identity (narrow and audited), opening a case in one click."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.models import Case, CaseAttachment, CaseType
from doorstep.core.models import AuditEvent
from doorstep.myday.selectors import my_day
from doorstep.resident_reports.models import ReportKind, ReportStatus
from doorstep.resident_reports.tests.conftest import png_bytes
from doorstep.resident_reports.tests.factories import make_report

pytestmark = pytest.mark.django_db


def _reporter_views(report):
    return AuditEvent.objects.filter(
        action="view", object_type="resident_reports.residentreport", object_id=str(report.pk)
    )


@pytest.fixture
def estates_officer(team):
    return UserFactory(full_name="Lee Grant", team=team, roles=[Role.ESTATES_OFFICER])


@pytest.fixture
def report(estate, block):
    return make_report(estate=estate, block=block, anonymous=False)


# --- My day ----------------------------------------------------------------------------------


def test_a_report_lands_on_the_patch_officers_my_day_with_one_click_to_a_case(
    officer, other_officer, report
):
    items = [
        i for i in my_day(user=officer, now=timezone.now()).items if i.kind == "resident_report"
    ]
    assert len(items) == 1
    item = items[0]
    assert item.title == "Fly-tipping (rubbish dumped) at Beech House, Beechdale Estate"
    assert item.url == f"/resident-reports/{report.reference}/"
    assert item.action_url == f"/resident-reports/{report.reference}/open-case/"
    assert item.action_label == "Open a case"
    assert "Sam" not in item.detail  # the reporter is not named on My day
    others = my_day(user=other_officer, now=timezone.now()).items
    assert not [i for i in others if i.kind == "resident_report"]


def test_a_patch_with_no_officer_puts_reports_on_the_team_leaders_my_day(
    officer, team_leader, patch, report
):
    assert not [
        i for i in my_day(user=team_leader, now=timezone.now()).items if i.kind == "resident_report"
    ]
    patch.officer = None
    patch.save()
    items = my_day(user=team_leader, now=timezone.now()).items
    assert [i.kind for i in items if i.kind == "resident_report"] == ["resident_report"]


def test_a_communal_repair_has_no_case_button_on_my_day(officer, estate):
    make_report(estate=estate, kind=ReportKind.COMMUNAL_REPAIR)
    item = next(
        i for i in my_day(user=officer, now=timezone.now()).items if i.kind == "resident_report"
    )
    assert item.action_url == ""


def test_my_day_reports_are_one_query_however_many(officer, estate, django_assert_max_num_queries):
    from doorstep.resident_reports.myday import reports_to_look_at

    for _ in range(12):
        make_report(estate=estate)
    with django_assert_max_num_queries(2):
        items = reports_to_look_at(user=officer, today=timezone.localdate(), now=timezone.now())
    assert len(items) == 12


# --- list and page ---------------------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_sign_in(client, report):
    for url in [
        reverse("resident_reports:report_list"),
        report.get_absolute_url(),
        reverse("resident_reports:report_reporter", args=[report.reference]),
        reverse("resident_reports:report_photo", args=[report.reference]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/sign-in/")


def test_the_list_shows_the_officers_new_reports(client, officer, report):
    client.force_login(officer)
    html = client.get(reverse("resident_reports:report_list")).content.decode()
    assert report.reference in html
    assert "Beech House, Beechdale Estate" in html
    assert "Sam Reporter" not in html


def test_the_list_is_a_fixed_number_of_queries(
    client, officer, estate, django_assert_max_num_queries
):
    for _ in range(30):
        make_report(estate=estate)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("resident_reports:report_list") + "?show=all")
    assert response.content.decode().count("RPT-") >= 25


def test_the_report_page_hides_the_reporter_until_asked(client, officer, report):
    client.force_login(officer)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "A sofa and a mattress dumped" in html
    assert "Show the reporter's details" in html
    assert "Sam Reporter" not in html
    assert not _reporter_views(report).exists()


@pytest.mark.parametrize("who", ["officer", "team_leader", "manager", "safeguarding_lead"])
def test_those_who_need_it_see_the_reporter_and_each_look_is_audited(client, request, who, report):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(reverse("resident_reports:report_reporter", args=[report.reference]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sam Reporter" in html
    assert "07911 123456" in html
    views = _reporter_views(report)
    assert views.count() == 1
    assert views.get().actor == user
    assert views.get().changes == {"viewed": "reporter's name and contact details"}


@pytest.mark.parametrize("who", ["other_officer", "estates_officer", "dpo"])
def test_others_never_see_the_reporter(client, request, who, report):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert "Sam Reporter" not in page.content.decode()
    assert "Only the patch officer, team leaders, managers and safeguarding leads" in (
        page.content.decode()
    )
    response = client.get(reverse("resident_reports:report_reporter", args=[report.reference]))
    assert response.status_code == 403
    assert "Sam Reporter" not in response.content.decode()
    assert not _reporter_views(report).exists()


def test_an_anonymous_report_says_so(client, officer, estate):
    made = make_report(estate=estate)
    client.force_login(officer)
    assert "Reported anonymously." in client.get(made.get_absolute_url()).content.decode()


def test_the_photo_is_served_to_staff_only(client, officer, estate):
    photo = SimpleUploadedFile("x.png", png_bytes())
    made = make_report(estate=estate, photo=photo)
    url = reverse("resident_reports:report_photo", args=[made.reference])
    assert client.get(url).status_code == 302
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"


# --- acting on a report ----------------------------------------------------------------------


def test_one_click_opens_a_prefilled_case_with_the_report_on_its_timeline(
    client, officer, estate, block
):
    photo = SimpleUploadedFile("x.png", png_bytes())
    made = make_report(estate=estate, block=block, photo=photo)
    client.force_login(officer)
    response = client.post(reverse("resident_reports:report_open_case", args=[made.reference]))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    assert case.case_type == CaseType.FLY_TIPPING
    assert (case.estate, case.block, case.lead_officer) == (estate, block, officer)
    assert made.reference in case.summary
    made.refresh_from_db()
    assert made.status == ReportStatus.CASE_OPENED
    assert made.case == case
    assert made.contact.case == case  # the report is the first line of the case's timeline
    assert CaseAttachment.objects.filter(case=case, content_type="image/png").count() == 1
    # Gone from My day, and a second click does not open a second case.
    assert not [
        i for i in my_day(user=officer, now=timezone.now()).items if i.kind == "resident_report"
    ]
    again = client.post(reverse("resident_reports:report_open_case", args=[made.reference]))
    assert again.status_code == 302
    assert Case.objects.count() == 1


def test_an_asb_report_opens_an_asb_case(client, officer, estate):
    made = make_report(estate=estate, kind=ReportKind.ASB)
    client.force_login(officer)
    client.post(reverse("resident_reports:report_open_case", args=[made.reference]))
    assert Case.objects.get().case_type == CaseType.ASB


def test_the_dpo_cannot_open_a_case_or_close_a_report(client, dpo, report):
    client.force_login(dpo)
    assert (
        client.post(
            reverse("resident_reports:report_open_case", args=[report.reference])
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("resident_reports:report_dealt_with", args=[report.reference])
        ).status_code
        == 403
    )
    assert not Case.objects.exists()


def test_a_communal_repair_is_marked_dealt_with(client, officer, estate):
    made = make_report(estate=estate, kind=ReportKind.COMMUNAL_REPAIR)
    client.force_login(officer)
    refused = client.post(
        reverse("resident_reports:report_open_case", args=[made.reference]), follow=True
    )
    assert "not a case" in refused.content.decode()
    response = client.post(
        reverse("resident_reports:report_dealt_with", args=[made.reference]),
        {"outcome": "Repair raised for the broken door entry."},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == ReportStatus.DEALT_WITH
    assert made.outcome == "Repair raised for the broken door entry."
    assert made.handled_by == officer
