"""Accessibility crawl (WCAG 2.2 AA) in real Chromium over the demo landlord, once per role.

Signed in as each role's demo login, it visits every page in the main navigation (the bar, and
every area on its "More" index page) and, from the
data, a detail page and a form of each kind (people, flags, equality information, homes,
estates, blocks, tenancies, call-backs, the duty desk and rota, the team board, search, the
profile, the audit log, the 403 and 404 pages), runs axe on each and fails on any violation or
browser console error (a CSP violation shows up there). It submits forms empty to check the
error summary, and works the "Log a contact" modal with the keyboard: focus moves into the
dialog, Escape closes it and focus goes back to the link that opened it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.cases.models import CaseStatus
from doorstep.cases.permissions import can_edit_case, is_team_leader_or_manager
from doorstep.contacts.models import CallBack, CallBackStatus
from doorstep.contacts.permissions import can_reassign_callback, can_work_callback
from doorstep.core.navigation import nav_items_for
from doorstep.core.permissions import (
    can_edit_home,
    can_edit_person,
    can_manage_team,
    can_read_special_category,
    can_take_calls,
    editable_patch_ids,
)
from doorstep.demo.builder import demo_logins
from doorstep.hazards.models import HazardReport
from doorstep.inspections.models import ChecklistItem, Inspection, InspectionStatus
from doorstep.inspections.permissions import can_edit_checklist, can_manage_schedules
from doorstep.letters.models import LetterRun, LetterTemplate, TemplateKind
from doorstep.letters.permissions import (
    can_manage_templates,
    can_see_run,
    can_send_to_place,
    can_use_letters,
)
from doorstep.people.models import Vulnerability, VulnerabilityFlag
from doorstep.places.models import Home, Team
from doorstep.places.permissions import can_add_estates, can_add_homes, can_edit_estate
from doorstep.repairs.models import OPEN_STATUSES, Repair
from doorstep.repairs.permissions import (
    can_edit_repair,
    can_manage_contractors,
    can_raise_for,
    can_see_overdue_list,
)
from doorstep.resident_reports.models import ResidentReport
from doorstep.resident_reports.permissions import can_read_reports, can_see_reporter
from doorstep.ta_reviews.models import TAReview
from doorstep.ta_reviews.permissions import can_record_review
from doorstep.tenancies.models import Tenancy
from doorstep.welfare.models import WelfareCall
from doorstep.welfare.permissions import (
    can_create_programme,
    can_edit_programme,
    can_record_call,
)
from tests.browser.conftest import AXE_JS, check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LOGINS = demo_logins()

# Beyond the WCAG rules check_axe runs, these best-practice rules catch what screen reader
# users would trip over here (two "Special arrangements" regions with the same name, a page
# with no <h1> or with headings out of order).
STRUCTURE_RULES = [
    "landmark-unique",
    "landmark-one-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "page-has-heading-one",
    "heading-order",
]


@dataclass
class Crawl:
    """Visits pages and keeps every problem, so one run reports them all."""

    page: Any
    problems: list[str] = field(default_factory=list)
    checked: int = 0
    refusal_checked: bool = False
    _errors_seen: int = 0

    def new_console_errors(self, expected_status: int) -> list[str]:
        errors = self.page.console_errors[self._errors_seen :]
        self._errors_seen = len(self.page.console_errors)
        # Chromium logs a refused or missing page's own status as an error; that is expected.
        expected = f"status of {expected_status} "
        return [e for e in errors if expected_status == 200 or expected not in e]

    def check(self, where: str, *, expected_status: int = 200) -> None:
        """axe and the console on the page as it is now."""
        self.checked += 1
        try:
            check_axe(self.page, STRUCTURE_RULES)
        except AssertionError as exc:
            self.problems.append(f"{where}: {exc}")
        errors = self.new_console_errors(expected_status)
        if errors:
            self.problems.append(f"{where}: console errors: {errors}")

    def visit(self, url: str, *, status: int = 200) -> None:
        if status == 403 and self.refusal_checked:
            # Every refusal renders the same 403 page, checked once per role; after that, only
            # the refusal itself is checked.
            got = self.page.request.get(url).status
        else:
            response = self.page.goto(url)
            got = response.status if response else None
            self.refusal_checked |= status == 403
            self.check(url, expected_status=status)
        if got != status:
            self.problems.append(f"{url}: expected HTTP {status}, got {got}")

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            self.problems.append(f"{self.page.url}: {message}")


def _editable_or_any(query: Any, user: User, patch_field: str) -> Any:
    """The first row on one of the user's patches, or the first row anywhere."""
    patches = editable_patch_ids(user)
    return query.filter(**{f"{patch_field}__in": patches}).first() or query.first()


def case_type_pages(user: User) -> list[tuple[str, int]]:
    """Fly-tipping and domestic abuse: a case page, its forms and the audited answers, and the
    way from an ASB case to a domestic abuse case."""
    from doorstep.cases.models import Case, CaseStatus, CaseType
    from doorstep.cases.permissions import can_edit_case, can_see_case
    from doorstep.domestic_abuse.models import RiskAssessment
    from doorstep.flytipping.models import FlyTipping

    def ok(allowed: bool) -> int:
        return 200 if allowed else 403

    pages: list[tuple[str, int]] = []
    details = (
        FlyTipping.objects.select_related("case")
        .filter(case__status=CaseStatus.OPEN)
        .order_by("pk")
        .first()
    )
    if details is not None:
        case = details.case
        edit = can_edit_case(user, case)
        pages += [
            (case.get_absolute_url(), 200),
            (reverse("flytipping:details_edit", args=[case.reference]), ok(edit)),
            (reverse("flytipping:recharge", args=[case.reference]), ok(edit)),
        ]
    assessment = (
        RiskAssessment.objects.select_related("case")
        .filter(case__status=CaseStatus.OPEN)
        .order_by("pk")
        .first()
    )
    if assessment is not None:
        case = assessment.case
        see = can_see_case(user, case)
        ref = case.reference
        pages += [
            (case.get_absolute_url(), ok(see)),
            (
                reverse("domestic_abuse:assessment_add", args=[ref]),
                ok(see and can_edit_case(user, case)),
            ),
            (reverse("domestic_abuse:assessment_detail", args=[ref, assessment.pk]), ok(see)),
        ]
    asb = (
        Case.objects.filter(case_type=CaseType.ASB, status=CaseStatus.OPEN, restricted=False)
        .order_by("pk")
        .first()
    )
    if asb is not None:
        pages.append(
            (
                reverse("domestic_abuse:move_from_asb", args=[asb.reference]),
                ok(can_edit_case(user, asb)),
            )
        )
    return pages


def support_pages(user: User) -> list[tuple[str, int]]:
    """Tenancy sustainment and meetings: a referral, a paused job and its forms, the list of
    jobs on hold, the homelessness strategy meeting and its minutes form."""
    from doorstep.meetings.models import Meeting, MeetingKind
    from doorstep.meetings.permissions import can_arrange_meeting, can_run_meeting
    from doorstep.sustainment.models import JobStatus, PartnerJob
    from doorstep.sustainment.permissions import can_work_support

    job = PartnerJob.objects.filter(status=JobStatus.ON_HOLD).order_by("pk").first()
    meeting = Meeting.objects.get(kind=MeetingKind.HOMELESSNESS_STRATEGY)
    assert job is not None
    work = 200 if can_work_support(user, job.referral.person) else 403
    return [
        (reverse("sustainment:referral_list"), 200),
        (job.referral.get_absolute_url(), 200),
        (reverse("sustainment:job_list") + "?status=on_hold", 200),
        (job.get_absolute_url(), 200),
        (reverse("sustainment:job_rebook", args=[job.pk]), work),
        (reverse("sustainment:job_create", args=[job.referral.reference]), work),
        (meeting.get_absolute_url(), 200),
        (reverse("meetings:meeting_create"), 200 if can_arrange_meeting(user) else 403),
        (
            reverse("meetings:meeting_minutes", args=[meeting.pk]),
            200 if can_run_meeting(user, meeting) else 403,
        ),
    ]


def pages_for(user: User) -> list[tuple[str, int]]:
    """(url, expected status) for the detail and form pages of each kind, from the data."""
    today = timezone.localdate()
    current = (Q(end_date__isnull=True) | Q(end_date__gte=today)) & Q(start_date__lte=today)
    tenancy = _editable_or_any(
        Tenancy.objects.filter(current)
        .annotate(size=Count("members"))
        .filter(size__gte=2)
        .order_by("pk"),
        user,
        "home__patch_id",
    )
    home = tenancy.home
    # Two people in one household with special arrangements: the home and tenancy pages then
    # show two banners, which must be told apart.
    members = [m.person for m in tenancy.members.select_related("person")[:2]]
    for member in members:
        VulnerabilityFlag.objects.get_or_create(
            person=member, code=Vulnerability.RISK_TO_STAFF, end_date=None
        )
    person = members[0]
    flag = person.flags.get(code=Vulnerability.RISK_TO_STAFF, end_date=None)
    block_home = _editable_or_any(
        Home.objects.filter(block__isnull=False).order_by("pk"), user, "patch_id"
    )
    block = block_home.block
    estate = block.estate
    callbacks = CallBack.objects.filter(status=CallBackStatus.OPEN, person__isnull=False)
    callback = (
        callbacks.filter(for_officer=user).order_by("pk").first()
        or callbacks.order_by("pk").first()
    )
    work = can_work_callback(user, callback)
    team = Team.objects.filter(pk=user.team_id).first() or Team.objects.order_by("pk").first()

    def ok(allowed: bool) -> int:
        return 200 if allowed else 403

    repair = Repair.objects.filter(status__in=OPEN_STATUSES, home__isnull=False).order_by("pk")[0]
    edit_repair = can_edit_repair(user, repair)
    hazard = (
        HazardReport.objects.filter(investigated_at__isnull=True)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case")
        .order_by("pk")[0]
    )
    letter = LetterTemplate.objects.filter(kind=TemplateKind.LETTER).order_by("pk").first()
    sign = LetterTemplate.objects.filter(kind=TemplateKind.SIGN).order_by("pk").first()
    run = LetterRun.objects.order_by("pk").first()
    report = ResidentReport.objects.filter(anonymous=False).order_by("pk").first()
    letters = can_use_letters(user)
    edit_person = can_edit_person(user, person)
    edit_home = can_edit_home(user, home)
    edit_estate = can_edit_estate(user, estate)
    ref = person.reference
    concern = (
        WelfareCall.objects.filter(outcome="concern", case__isnull=True)
        .select_related("programme", "person")
        .order_by("pk")
        .first()
    )
    programme = concern.programme
    placement = TAReview.objects.select_related("tenancy__home").order_by("pk").first().tenancy
    welfare_pages = [
        (programme.get_absolute_url(), 200),
        (reverse("welfare:programme_create"), ok(can_create_programme(user))),
        (
            reverse("welfare:programme_edit", args=[programme.pk]),
            ok(can_edit_programme(user, programme)),
        ),
        (reverse("welfare:coverage", args=[programme.pk]), 200),
        (reverse("welfare:call", args=[programme.pk, concern.person.reference]), 200),
        (reverse("welfare:call_detail", args=[programme.pk, concern.pk]), 200),
        (
            reverse("welfare:call_open_case", args=[programme.pk, concern.pk]),
            ok(can_record_call(user, programme, concern.person)),
        ),
        (placement.get_absolute_url(), 200),
        (reverse("ta_reviews:placement_reviews", args=[placement.reference]), 200),
        (
            reverse("ta_reviews:review_create", args=[placement.reference]),
            ok(can_record_review(user, placement)),
        ),
    ]
    return [
        (person.get_absolute_url(), 200),
        (reverse("people:person_list") + "?page=2", 200),
        (reverse("people:person_create"), ok(can_take_calls(user))),
        (reverse("people:person_edit", args=[ref]), ok(edit_person)),
        (reverse("people:flag_add", args=[ref]), ok(edit_person)),
        (reverse("people:flag_review", args=[ref, flag.pk]), ok(edit_person)),
        (reverse("people:flag_end", args=[ref, flag.pk]), ok(edit_person)),
        (reverse("people:emergency_contact_add", args=[ref]), ok(edit_person)),
        (reverse("people:consent_add", args=[ref]), ok(edit_person)),
        (reverse("people:equality", args=[ref]), ok(can_read_special_category(user))),
        (reverse("places:home_detail", args=[home.pk]), 200),
        (reverse("places:home_create"), ok(can_add_homes(user))),
        (reverse("places:home_edit", args=[home.pk]), ok(edit_home)),
        (reverse("places:estate_detail", args=[estate.pk]), 200),
        (reverse("places:estate_create"), ok(can_add_estates(user))),
        (reverse("places:estate_edit", args=[estate.pk]), ok(edit_estate)),
        (reverse("places:block_detail", args=[block.pk]), 200),
        (reverse("places:block_create", args=[estate.pk]), ok(edit_estate)),
        (reverse("places:block_edit", args=[block.pk]), ok(edit_estate)),
        (tenancy.get_absolute_url(), 200),
        (reverse("tenancies:tenancy_create", args=[home.pk]), ok(edit_home)),
        (reverse("tenancies:tenancy_end", args=[tenancy.reference]), ok(edit_home)),
        (reverse("contacts:callback_detail", args=[callback.pk]), 200),
        (reverse("contacts:callback_attempt", args=[callback.pk]), ok(work)),
        (reverse("contacts:callback_complete", args=[callback.pk]), ok(work)),
        (
            reverse("contacts:callback_reassign", args=[callback.pk]),
            ok(can_reassign_callback(user, callback)),
        ),
        (reverse("contacts:callback_list") + "?show=all&status=done", 200),
        (reverse("contacts:callback_create"), ok(can_take_calls(user))),
        (reverse("contacts:duty_rota") + f"?team={team.pk}", 200),
        (reverse("contacts:team_board"), ok(can_manage_team(user, team))),
        (reverse("search:search") + f"?q={person.last_name}", 200),
        (reverse("search:search") + f"?q={home.postcode}", 200),
        (reverse("accounts:profile"), 200),
        (
            reverse("core:audit_log") + "?action=view",
            ok(user.has_role(Role.DATA_PROTECTION_OFFICER)),
        ),
        (reverse("core:accessibility"), 200),
        *support_pages(user),
        (repair.get_absolute_url(), 200),
        (reverse("repairs:repair_status", args=[repair.reference]), ok(edit_repair)),
        (reverse("repairs:repair_complete", args=[repair.reference]), ok(edit_repair)),
        (
            reverse("repairs:repair_create") + f"?home={home.pk}",
            ok(can_raise_for(user, home=home)),
        ),
        (reverse("repairs:repair_list") + "?status=&page=2", 200),
        (reverse("repairs:overdue_list"), ok(can_see_overdue_list(user))),
        (reverse("repairs:contractor_list"), 200),
        (reverse("repairs:contractor_create"), ok(can_manage_contractors(user))),
        (hazard.case.get_absolute_url(), 200),
        (
            reverse("hazards:milestone", args=[hazard.case.reference, "investigated"]),
            ok(can_edit_case(user, hazard.case)),
        ),
        (reverse("hazards:hazard_create") + f"?home={home.pk}", ok(can_take_calls(user))),
        (reverse("hazards:breach_list"), ok(is_team_leader_or_manager(user))),
        ("/people/NO-SUCH-PERSON/", 404),
        *_inspection_pages(user, estate, block, ok),
        *welfare_pages,
        *manager_pages_for(user),
        *report_pages_for(user),
        *data_protection_pages(user),
        (reverse("letters:template_detail", args=[letter.pk]) + f"?who={ref}", ok(letters)),
        (reverse("letters:template_create"), ok(can_manage_templates(user))),
        (reverse("letters:send") + f"?block={block.pk}", ok(can_send_to_place(user, estate))),
        (run.get_absolute_url(), ok(can_see_run(user, run))),
        (reverse("letters:sign") + f"?block={block.pk}&template={sign.pk}", ok(letters)),
        (report.get_absolute_url(), ok(can_read_reports(user))),
        (
            reverse("resident_reports:report_reporter", args=[report.reference]),
            ok(can_see_reporter(user, report)),
        ),
        (reverse("resident_reports:report"), 200),
    ]


def report_pages_for(user: User) -> list[tuple[str, int]]:
    """Tenant Satisfaction Measures, a drill-down (ASB cases, restricted ones as stubs) and the
    dashboard: team leaders and managers only."""
    from django.utils import timezone

    from doorstep.reports.permissions import can_read_reports
    from doorstep.reports.tsm import year_containing

    status = 200 if can_read_reports(user) else 403
    year = year_containing(timezone.localdate()).year
    return [
        (reverse("reports:tsm_report"), status),
        (reverse("reports:tsm_records", args=[year, "NM01_1"]), status),
        (reverse("reports:tsm_records", args=[year, "CH02_1"]), status),
        (reverse("reports:dashboard"), status),
    ]


def data_protection_pages(user: User) -> list[tuple[str, int]]:
    """The subject access register (the DPO's) and possible duplicates (leads and managers)."""
    from doorstep.dataprotection.models import SubjectAccessRequest
    from doorstep.duplicates.models import DuplicateCandidate

    dpo = 200 if user.has_role(Role.DATA_PROTECTION_OFFICER) else 403
    reviews = 200 if user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER) else 403
    sar = SubjectAccessRequest.objects.order_by("pk").first()
    candidate = DuplicateCandidate.objects.order_by("pk").first()
    assert sar is not None and candidate is not None
    return [
        (reverse("dataprotection:request_list") + "?status=", dpo),
        (reverse("dataprotection:request_create"), dpo),
        (sar.get_absolute_url(), dpo),
        (reverse("duplicates:candidate_list"), reviews),
        (reverse("duplicates:candidate_review", args=[candidate.pk]), reviews),
        (reverse("duplicates:merge_list"), reviews),
    ]


def manager_pages_for(user: User) -> list[tuple[str, int]]:
    """The check-in board, caseload and moves; recruitment; community (DOMAIN.md §9, §10)."""
    from doorstep.community.models import Event
    from doorstep.imports.models import ImportRun
    from doorstep.imports.permissions import can_import
    from doorstep.recruitment.models import Vacancy
    from doorstep.recruitment.permissions import can_view_vacancy
    from doorstep.teams.permissions import managed_team_ids

    runs_team = bool(managed_team_ids(user)) and not user.has_role(Role.DATA_PROTECTION_OFFICER)
    writes = can_take_calls(user)
    event = Event.objects.order_by("starts_at").first()
    vacancy = Vacancy.objects.order_by("pk").first()
    import_run = ImportRun.objects.order_by("pk").first()
    assert event is not None and vacancy is not None and import_run is not None
    return [
        (reverse("teams:board") + "?date=2030-01-07", 200),
        (reverse("teams:check_in"), 200 if writes else 403),
        (reverse("teams:caseload"), 200 if runs_team else 403),
        (
            reverse("teams:move") + (f"?from={user.pk}" if runs_team else ""),
            200 if runs_team else 403,
        ),
        (reverse("teams:move_list"), 200),
        (reverse("recruitment:vacancy_list"), 200),
        (vacancy.get_absolute_url(), 200 if can_view_vacancy(user, vacancy) else 404),
        (reverse("imports:run_list"), 200 if can_import(user) else 403),
        (import_run.get_absolute_url(), 200 if can_import(user) else 403),
        (reverse("community:calendar"), 200),
        (reverse("community:champion_list"), 200),
        (event.get_absolute_url(), 200),
        (reverse("community:event_create"), 200 if writes else 403),
        (reverse("community:sign_up_add", args=[event.pk]), 200 if writes else 403),
    ]


def _inspection_pages(user: User, estate: Any, block: Any, ok: Any) -> list[tuple[str, int]]:
    """Estate inspections: the schedule, a history with its chart, the checklist, a completed
    inspection (with its failed items) and the one in progress (the phone form for those who
    may inspect, the record for others)."""
    done = Inspection.objects.filter(status=InspectionStatus.COMPLETED, fails__gt=0).first()
    ongoing = Inspection.objects.filter(status=InspectionStatus.IN_PROGRESS).first()
    item = ChecklistItem.objects.order_by("order").first()
    pages = [
        (reverse("inspections:schedule_list") + "?show=due", 200),
        (reverse("inspections:estate_history", args=[estate.pk]), 200),
        (reverse("inspections:block_history", args=[block.pk]), 200),
        (reverse("inspections:checklist"), 200),
        (reverse("inspections:schedule_create"), ok(can_manage_schedules(user))),
    ]
    if item is not None:
        pages.append(
            (
                reverse("inspections:checklist_item_edit", args=[item.pk]),
                ok(can_edit_checklist(user)),
            )
        )
    pages += [(i.get_absolute_url(), 200) for i in (done, ongoing) if i is not None]
    return pages


def submit_empty(crawl: Crawl, url: str, button: str) -> None:
    """Submit a form with nothing filled in: the error summary shows, takes focus so a screen
    reader reads it, and passes axe."""
    crawl.page.goto(url)
    crawl.page.get_by_role("button", name=button, exact=True).click()
    crawl.page.locator(".govuk-error-summary").wait_for()
    crawl.expect(
        crawl.page.evaluate("document.activeElement.matches('.govuk-error-summary')"),
        "the error summary did not take focus",
    )
    crawl.check(f"{url} (submitted empty)")


def log_a_contact_modal(crawl: Crawl) -> None:
    """Open "Log a contact" from the navigation with the keyboard, submit it empty, close it
    with Escape."""
    page = crawl.page
    page.goto("/")
    page.locator("nav.ds-nav").get_by_role("link", name="Log a contact").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog#modal[open]")
    dialog.get_by_label("Summary").wait_for()
    in_dialog = "document.getElementById('modal').contains(document.activeElement)"
    crawl.expect(page.evaluate(in_dialog), "focus did not move into the Log a contact dialog")
    crawl.check("Log a contact modal")

    dialog.get_by_role("button", name="Log the contact").click()
    dialog.locator(".govuk-error-summary").wait_for()
    crawl.expect(page.evaluate(in_dialog), "focus left the dialog after an empty submit")
    crawl.check("Log a contact modal (submitted empty)")

    page.keyboard.press("Escape")
    page.locator("dialog#modal").wait_for(state="hidden")
    crawl.expect(
        page.evaluate("document.activeElement.matches('nav.ds-nav [data-ds-modal]')"),
        "focus did not return to the Log a contact link after Escape",
    )


@pytest.mark.parametrize("login", LOGINS, ids=[login.role for login in LOGINS])
def test_every_page_passes_axe_for_each_role(page, login):
    # A transactional test empties the tables afterwards, the role groups of the migrations
    # with them; the demo needs them back.
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    call_command("load_demo", homes=150, stdout=StringIO())
    user = User.objects.get(email=login.email)
    urls = pages_for(user) + case_type_pages(user)
    # axe loaded with each page rather than sent over for every check: the crawl is 3s faster.
    page.context.add_init_script(AXE_JS)
    sign_in(page, login.email, login.password)
    crawl = Crawl(page)

    # The skip link is the first thing the keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    crawl.expect(
        page.evaluate("document.activeElement.classList.contains('govuk-skip-link')"),
        "the first Tab does not reach the skip link",
    )
    page.keyboard.press("Enter")
    crawl.expect(
        page.evaluate("document.activeElement.id === 'main-content'"),
        "the skip link does not move focus to the main content",
    )

    nav = page.locator("nav.ds-nav a:not([data-ds-modal])")
    nav_urls = [nav.nth(i).get_attribute("href") for i in range(nav.count())]
    crawl.expect(len(nav_urls) >= 6, f"the main navigation has only {nav_urls}")
    for url in nav_urls:
        crawl.visit(url)
    # "More" on the bar is the index of every other area: visit each of its links too, so
    # every page the navigation reaches is checked (as when they were all on the bar).
    crawl.visit(reverse("core:all_services"))
    services = page.locator("main .ds-services a")
    index_urls = [services.nth(i).get_attribute("href") for i in range(services.count())]
    expected = {item.url for item in nav_items_for(user=user, path="/")}
    crawl.expect(
        expected <= set(nav_urls) | set(index_urls),
        f"the bar and the index miss {sorted(expected - set(nav_urls) - set(index_urls))}",
    )
    for url in index_urls:
        if url not in nav_urls:
            crawl.visit(url)
    for url, status in urls:
        crawl.visit(url, status=status)

    if can_take_calls(user):
        submit_empty(crawl, reverse("people:person_create"), "Add person")
        submit_empty(crawl, reverse("resident_reports:report"), "Send report")
        log_a_contact_modal(crawl)
    if user.has_role(Role.DATA_PROTECTION_OFFICER):
        crawl.visit(reverse("core:audit_log") + "?date_from=not-a-date")

    report = "\n\n".join(crawl.problems)
    assert not crawl.problems, f"{len(crawl.problems)} problems as {login.role}:\n\n{report}"
    assert crawl.checked >= 20
