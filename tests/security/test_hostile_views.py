"""Hostile input through the real views of every page that takes URL arguments (issue 9).

`test_hostile_input.py` binds every form field by field and posts every page *without* URL
arguments; this module does the rest: every URL pattern with arguments is listed either in
`POSTS` (it takes a post) or in `GET_ONLY`, so a new one fails `test_every_page_with_arguments_
is_in_a_table`. For each post the form is read off the real page (its fields, hidden values,
the options of its selects), filled in to a valid base payload that is checked to be accepted,
then sent again with ONE field replaced by each hostile value for its kind: NUL, a script,
100,000 characters, an impossible date, 9999-12-31 and 0001-01-01, an unknown choice, the id
of a row that does not exist or that the user may not see. Every send is rolled back, so each
starts from the same records. The answer must be: no 500; no script echoed unescaped; a
refused value named on its field (or a clean 400/403/404); no table gaining or losing a row
on a refusal; and a hostile value that is not plain text never accepted.

The records are built once for the module (the `world` fixture of tests/security/conftest.py),
with the apps' factories and the same standing cast as the root conftest.
"""

from __future__ import annotations

import datetime as dt
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib import messages as msg
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.forms import BaseForm
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from doorstep.resident_reports.spam import form_token
from tests.security.records import World
from tests.security.test_hostile_input import EMOJI, LONG, NUL, RTL, SCRIPT, SQL, _row_counts

pytestmark = pytest.mark.django_db

# Text a free-text field may accept: it must then be kept and shown escaped.
MIXED = f"{SCRIPT} {SQL} {EMOJI} {RTL}"
NO_SUCH_ID = "999999999"
FAR_FUTURE, FAR_PAST = "9999-12-31", "0001-01-01"


# -- the records, built once -------------------------------------------------------------------


# -- the table of every page with arguments ----------------------------------------------------

Args = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Post:
    """A page that takes a post: who sends it, its URL arguments, where its form is shown
    (None: on the page itself), and values the base payload needs beyond what the page fills."""

    args: Args
    who: str = "officer"
    page: tuple[str, Args] | None = None
    base: dict[str, Any] = field(default_factory=dict)
    # A button that acts by itself: posted with its base values (`base`), then with junk and
    # each base value replaced, rather than read off a page.
    button: bool = False
    # Refused to this user or in this state whatever is posted: only a clean refusal is checked.
    refused: bool = False
    # Base values that depend on the records, e.g. the field names of an inspection card.
    base_for: Callable[[World], dict[str, Any]] | None = None
    # Fields whose refusal deliberately does not say why (the public form's spam traps).
    unnamed: frozenset[str] = frozenset()


def _ref(key: str) -> Args:
    return lambda w: {"reference": w[key].reference}


def _pk(key: str, name: str = "pk") -> Args:
    return lambda w: {name: w[key].pk}


def _case_and(key: str, sub: str, name: str = "pk") -> Args:
    return lambda w: {"reference": w[key].reference, name: w[sub].pk}


def _person_and(sub: str) -> Args:
    return lambda w: {"reference": w.person.reference, "pk": w[sub].pk}


CASE = _ref("case")
CASE_PAGE = ("cases:case_detail", CASE)

POSTS: dict[str, Post] = {
    # places
    "places:estate_edit": Post(_pk("estate"), who="manager"),
    "places:block_create": Post(lambda w: {"estate_pk": w.estate.pk}, who="manager"),
    "places:block_edit": Post(_pk("block"), who="manager"),
    "places:home_edit": Post(_pk("home"), who="manager"),
    # people
    "people:person_edit": Post(_ref("person")),
    "people:flag_add": Post(_ref("person"), base={"code": "hearing_impairment"}),
    "people:flag_review": Post(_person_and("flag")),
    "people:flag_reviewed": Post(_person_and("flag"), button=True),
    "people:flag_end": Post(_person_and("flag")),
    "people:emergency_contact_add": Post(_ref("person")),
    "people:emergency_contact_edit": Post(
        _person_and("emergency_contact"), base={"phone": "0121 496 0000"}
    ),
    "people:emergency_contact_remove": Post(
        _person_and("emergency_contact"), page=("people:person_detail", _ref("person"))
    ),
    "people:consent_add": Post(_ref("person")),
    "people:consent_withdraw": Post(
        _person_and("consent"), page=("people:person_detail", _ref("person"))
    ),
    "people:equality": Post(_ref("person"), who="manager"),
    # tenancies
    "tenancies:tenancy_create": Post(
        lambda w: {"home_pk": w.empty_home.pk},
        base={"tenants": "P000002", "members": "", "end_date": ""},
    ),
    "tenancies:tenancy_end": Post(_ref("tenancy")),
    # contacts
    "contacts:contact_follow_up_done": Post(_pk("contact"), button=True),
    "contacts:callback_attempt": Post(_pk("callback")),
    "contacts:callback_complete": Post(_pk("callback")),
    "contacts:callback_reassign": Post(_pk("callback"), base={"for_team": ""}),
    # cases
    "cases:case_edit": Post(CASE),
    "cases:case_transition": Post(CASE),
    "cases:case_note": Post(CASE),
    "cases:case_party_add": Post(CASE),
    "cases:case_party_remove": Post(_case_and("case", "party"), page=CASE_PAGE),
    "cases:case_action_add": Post(CASE),
    "cases:action_done": Post(_case_and("case", "action"), page=CASE_PAGE),
    "cases:case_review": Post(CASE),
    "cases:case_cost_add": Post(CASE),
    "cases:case_attachment_add": Post(CASE, base={"file": lambda w: _photo()}),
    "cases:case_link": Post(CASE, base={"reference": lambda w: w.linked.reference}),
    "cases:case_unlink": Post(
        lambda w: {"reference": w.case.reference, "other": w.linked.reference}, refused=True
    ),
    "cases:case_satisfaction": Post(_ref("closed_case")),
    "cases:case_restrict": Post(CASE, who="team_leader", button=True),
    # partners
    "partners:agency_edit": Post(_pk("agency"), who="manager"),
    "partners:contact_add": Post(_pk("agency"), who="manager"),
    "partners:contact_remove": Post(
        lambda w: {"pk": w.agency.pk, "contact_pk": w.agency_contact.pk},
        who="manager",
        page=("partners:agency_detail", _pk("agency")),
    ),
    # safeguarding
    "safeguarding:referral_mark_sent": Post(
        _ref("referral"), page=("safeguarding:referral_detail", _ref("referral"))
    ),
    "safeguarding:referral_outcome": Post(_ref("sent_referral")),
    # case types
    "hoarding:rating_add": Post(_ref("hoarding")),
    "hoarding:assessment_add": Post(_ref("self_neglect")),
    "complaints:acknowledge": Post(lambda w: {"reference": w.complaint.reference, "stage": 1}),
    "complaints:extend": Post(lambda w: {"reference": w.complaint.reference, "stage": 1}),
    "complaints:respond": Post(
        lambda w: {"reference": w.acknowledged_complaint.reference, "stage": 1}
    ),
    "complaints:escalate": Post(_ref("answered_complaint")),
    "asb:details_edit": Post(CASE),
    "asb:incident_add": Post(CASE),
    "asb:tool_add": Post(CASE),
    "asb:risk_assessment": Post(CASE),
    "asb:mediation": Post(_ref("linked")),
    "asb:mediation_outcome": Post(_case_and("linked", "mediation")),
    "flytipping:details_edit": Post(_ref("flytipping")),
    "flytipping:inspection_request": Post(_ref("flytipping")),
    "flytipping:perpetrator": Post(_ref("flytipping")),
    "flytipping:removal": Post(_ref("flytipping")),
    "flytipping:recharge": Post(_ref("flytipping")),
    "flytipping:signage": Post(_ref("flytipping")),
    "domestic_abuse:assessment_add": Post(_ref("da_case"), base={"judgement_level": ""}),
    "domestic_abuse:marac_add": Post(_ref("da_case")),
    "domestic_abuse:marac_edit": Post(_case_and("da_case", "marac")),
    "domestic_abuse:move_from_asb": Post(CASE),
    "hazards:hazard_details": Post(_ref("bare_damp")),
    "hazards:milestone": Post(lambda w: {"reference": w.hazard.reference, "step": "investigated"}),
    # sustainment
    "sustainment:job_rebook": Post(_pk("job"), base={"end_time": "12:00"}),
    "sustainment:job_hold": Post(_pk("job")),
    "sustainment:job_outcome": Post(_pk("job")),
    "sustainment:job_send": Post(_pk("job"), page=("sustainment:job_detail", _pk("job"))),
    "sustainment:referral_close": Post(
        _ref("support"), page=("sustainment:referral_detail", _ref("support"))
    ),
    "sustainment:job_create": Post(_ref("support"), base={"end_time": "12:00"}),
    # meetings
    "meetings:meeting_minutes": Post(_pk("meeting")),
    "meetings:agenda_add": Post(_pk("meeting"), page=("meetings:meeting_detail", _pk("meeting"))),
    "meetings:attendee_add": Post(
        _pk("meeting"),
        base={"agency_contact": ""},
        base_for=lambda w: {"staff": str(w.other_officer.pk)},
    ),
    "meetings:attendance": Post(
        lambda w: {"pk": w.meeting.pk, "attendee_pk": w.attendee.pk},
        page=("meetings:meeting_detail", _pk("meeting")),
    ),
    "meetings:action_add": Post(
        _pk("meeting"), base_for=lambda w: {"owner": f"staff:{w.officer.pk}"}
    ),
    "meetings:action_done": Post(
        lambda w: {"pk": w.meeting.pk, "action_pk": w.meeting_action.pk},
        page=("meetings:meeting_detail", _pk("meeting")),
    ),
    "meetings:meeting_follow_up": Post(_pk("meeting")),
    # inspections
    "inspections:schedule_edit": Post(_pk("schedule"), who="manager"),
    "inspections:schedule_stop": Post(_pk("schedule"), who="manager", button=True),
    "inspections:schedule_start": Post(_pk("schedule"), who="manager", button=True),
    "inspections:checklist_item_edit": Post(_pk("checklist_item"), who="manager"),
    "inspections:checklist_item_move": Post(_pk("checklist_item"), who="manager", button=True),
    "inspections:checklist_item_retire": Post(_pk("checklist_item"), who="manager", button=True),
    "inspections:inspection_detail": Post(_pk("inspection")),
    "inspections:answer_save": Post(
        lambda w: {"pk": w.inspection.pk, "answer_pk": w.answer.pk},
        button=True,
        base_for=lambda w: {
            f"{w.answer.prefix}-result": "pass",
            f"{w.answer.prefix}-note": "Clear",
        },
    ),
    # Raising from an answer is for a completed inspection's failed item: refused here.
    "inspections:answer_raise_case": Post(
        lambda w: {"pk": w.inspection.pk, "answer_pk": w.answer.pk}, refused=True
    ),
    "inspections:answer_raise_repair": Post(
        lambda w: {"pk": w.inspection.pk, "answer_pk": w.answer.pk}, refused=True
    ),
    "inspections:fly_tipping_start": Post(_ref("flytipping"), who="estates_officer", button=True),
    # welfare and temporary accommodation
    "welfare:programme_edit": Post(_pk("programme"), who="manager"),
    "welfare:call": Post(lambda w: {"pk": w.programme.pk, "reference": w.person.reference}),
    "welfare:call_open_case": Post(lambda w: {"pk": w.programme.pk, "call_pk": w.call.pk}),
    "ta_reviews:review_create": Post(_ref("ta_tenancy")),
    # teams
    "teams:check_in_for": Post(lambda w: {"member_pk": w.officer.pk}, who="team_leader"),
    "teams:priorities": Post(lambda w: {"team_pk": w.team.pk}, who="team_leader"),
    "teams:move_undo": Post(lambda w: {"pk": NO_SUCH_ID}, who="team_leader"),
    # recruitment
    "recruitment:criterion_add": Post(_pk("vacancy"), who="manager"),
    "recruitment:candidate_add": Post(_pk("vacancy"), who="manager"),
    "recruitment:slot_add": Post(_pk("vacancy"), who="manager"),
    # Only the candidate's interview panel scores: refused to anyone else.
    "recruitment:score": Post(
        lambda w: {"pk": w.vacancy.pk, "candidate_pk": w.candidate.pk},
        who="manager",
        refused=True,
    ),
    # Only a panel member submits scores: refused to anyone else.
    "recruitment:scores_submit": Post(_pk("vacancy"), who="manager", refused=True),
    "recruitment:decision": Post(
        lambda w: {"pk": w.vacancy.pk, "candidate_pk": w.candidate.pk}, who="manager"
    ),
    "recruitment:hr_notify": Post(_pk("vacancy"), who="manager", button=True),
    # community
    "community:event_edit": Post(_pk("event"), base={"ends_at": ""}),
    "community:event_outcome": Post(_pk("past_event")),
    "community:task_add": Post(_pk("event")),
    "community:task_done": Post(
        lambda w: {"pk": w.event.pk, "task_pk": w.task.pk},
        page=("community:event_detail", _pk("event")),
    ),
    "community:sign_up_add": Post(_pk("event")),
    "community:sign_up_remove": Post(
        lambda w: {"pk": w.event.pk, "sign_up_pk": w.sign_up.pk},
        page=("community:event_detail", _pk("event")),
    ),
    "community:photo_add": Post(_pk("event"), base={"file": lambda w: _photo()}),
    # repairs
    "repairs:contractor_edit": Post(_pk("contractor"), who="manager"),
    "repairs:repair_status": Post(_ref("repair")),
    "repairs:repair_complete": Post(_ref("repair")),
    # records kept by managers and the data protection officer
    "dataprotection:request_detail": Post(lambda w: {"pk": NO_SUCH_ID}, who="dpo"),
    "dataprotection:request_export": Post(lambda w: {"pk": NO_SUCH_ID}, who="dpo"),
    "duplicates:candidate_review": Post(lambda w: {"pk": NO_SUCH_ID}, who="manager"),
    "duplicates:merge_undo": Post(lambda w: {"pk": NO_SUCH_ID}, who="manager"),
    "imports:run_confirm": Post(lambda w: {"pk": NO_SUCH_ID}, who="manager"),
    "letters:run_resume": Post(lambda w: {"pk": NO_SUCH_ID}, who="manager"),
    "letters:template_edit": Post(lambda w: {"pk": NO_SUCH_ID}, who="manager"),
    "letters:template_archive": Post(lambda w: {"pk": NO_SUCH_ID}, who="manager"),
    # resident reports
    "resident_reports:report_place": Post(
        lambda w: {"code": "no-such-place"},
        base_for=lambda w: {"started": form_token(time.time() - 60), "website": ""},
        unnamed=frozenset({"started", "website"}),
    ),
    "resident_reports:report_open_case": Post(
        _ref("resident_report"), page=("resident_reports:report_detail", _ref("resident_report"))
    ),
    "resident_reports:report_dealt_with": Post(
        _ref("resident_report"), page=("resident_reports:report_detail", _ref("resident_report"))
    ),
}

# Pages with arguments that only show something: they take no post.
GET_ONLY = {
    "places:estate_detail", "places:block_detail", "places:home_detail",
    "people:person_detail", "tenancies:tenancy_detail", "contacts:callback_detail",
    "cases:case_detail", "cases:case_attachment", "partners:agency_detail",
    "safeguarding:referral_detail", "safeguarding:referral_clock", "safeguarding:referral_pdf",
    "domestic_abuse:assessment_detail", "sustainment:job_detail", "sustainment:job_sheet",
    "sustainment:referral_detail", "meetings:meeting_detail", "meetings:minutes_pdf",
    "inspections:estate_history", "inspections:block_history", "inspections:inspection_pdf",
    "inspections:answer_photo", "welfare:programme_detail", "welfare:coverage",
    "welfare:coverage_csv", "welfare:call_detail", "ta_reviews:placement_reviews",
    "teams:move_detail", "recruitment:vacancy_detail", "imports:run_detail",
    "imports:run_progress", "community:event_detail", "community:photo",
    "repairs:repair_detail", "hazards:summary_letter", "reports:tsm_download",
    "reports:tsm_records", "reports:dashboard_csv", "dataprotection:request_download",
    "duplicates:merge_detail", "letters:run_detail", "letters:run_progress", "letters:run_pdf",
    "letters:template_detail", "letters:template_preview_pdf", "resident_reports:report_detail",
    "resident_reports:report_reporter", "resident_reports:report_photo",
}  # fmt: skip


def pages_with_arguments() -> dict[str, Callable[..., Any]]:
    """Every page that takes URL arguments, by URL name, with its view (the API and the admin
    have their own tests)."""
    views: dict[str, Callable[..., Any]] = {}

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(("api/", "admin")):
                    continue
                inner = pattern.namespace or ""
                walk(pattern.url_patterns, f"{namespace}{inner}:" if inner else namespace)
            elif isinstance(pattern, URLPattern) and pattern.pattern.converters:
                views[namespace + str(pattern.name)] = pattern.callback

    walk(get_resolver().url_patterns, "")
    return views


def test_every_page_with_arguments_is_in_a_table():
    """A new page with arguments must go into POSTS (and is then posted with hostile values)
    or GET_ONLY; a GET_ONLY view whose code reads a post must move to POSTS."""
    views = pages_with_arguments()
    assert sorted(set(views) - set(POSTS) - GET_ONLY) == [], "add these to POSTS or GET_ONLY"
    assert sorted((set(POSTS) | GET_ONLY) - set(views)) == [], "these pages no longer exist"
    assert not set(POSTS) & GET_ONLY
    reads_a_post = [
        name
        for name in sorted(GET_ONLY)
        if any(
            word in inspect.getsource(inspect.unwrap(views[name]))
            for word in ("request.POST", "require_POST", '"POST"')
        )
    ]
    assert reads_a_post == [], "these views read a post: move them to POSTS"


def _photo() -> Any:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile("bins.png", buffer.getvalue(), content_type="image/png")


# -- reading the form off the page -------------------------------------------------------------

SKIPPED_INPUTS = {"submit", "button", "reset", "image"}
NOT_POSTED = {"csrfmiddlewaretoken", "submission_key"}


@dataclass
class Field:
    name: str
    kind: str  # the input type, "select", "radio", "checkbox" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    maxlength: int = 0


@dataclass
class PageForm:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    checked: dict[str, list[str]] = field(default_factory=dict)


class FormReader(HTMLParser):
    """The post forms of a page: their action, fields, current values and options."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").lower()
            action = a.get("hx-post") or a.get("action") or self.url
            self._form = (
                PageForm(action.split("?")[0]) if method == "post" or "hx-post" in a else None
            )
            if self._form:
                self.forms.append(self._form)
            return
        if tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a:
                self._select.value = value
            return
        form, name = self._form, a.get("name", "")
        if form is None or not name or name in NOT_POSTED:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in SKIPPED_INPUTS:
                return
            if kind == "text" and (name.endswith(("_on", "date")) or "date" in name):
                kind = "date"
            elif kind == "text" and name.endswith("_at"):
                kind = "datetime-local"
            known = form.fields.setdefault(name, Field(name, kind))
            known.maxlength = int(a.get("maxlength") or 0)
            if kind in ("radio", "checkbox"):
                known.options.append(a.get("value", "on"))
                if "checked" in a:
                    form.checked.setdefault(name, []).append(a.get("value", "on"))
            else:
                known.value = a.get("value", "")
        elif tag == "select":
            self._select = form.fields.setdefault(name, Field(name, "select"))
        elif tag == "textarea":
            self._textarea = form.fields.setdefault(name, Field(name, "textarea"))
            self._textarea.maxlength = int(a.get("maxlength") or 0)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            # The template puts a newline after <textarea>, which the browser drops.
            self._textarea.value = self._textarea.value.removeprefix("\n")
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _form_for(client: Client, page_url: str, action: str) -> PageForm | None:
    response = client.get(page_url)
    assert response.status_code == 200, f"GET {page_url}: {response.status_code}"
    reader = FormReader(page_url)
    reader.feed(response.content.decode())
    for form in reader.forms:
        if form.action == action:
            return form
    return None


FILLER = {
    "email": "someone@example.com",
    "tel": "01922 123456",
    "number": "1",
    "time": "10:00",
    "url": "https://example.com/",
}


# Empty fields that need a real record, by name.
BY_NAME = {
    "person": "P000002",
    "victim": "P000001",
    "reporter": "P000001",
    "email": "someone@example.com",
    "phone": "0121 496 0000",
    "postcode": "WS2 7AB",
}


def _base_payload(form: PageForm) -> dict[str, Any]:
    """The page's own values, with every empty field filled in as an officer would."""
    today = timezone.localdate()
    data: dict[str, Any] = {}
    for name, f in form.fields.items():
        if f.kind == "checkbox":
            if name in form.checked:
                data[name] = form.checked[name]
        elif f.kind == "radio":
            data[name] = (form.checked.get(name) or f.options)[0]
        elif f.kind == "select":
            data[name] = f.value or next((o for o in f.options if o), "")
        elif f.kind == "file":
            continue
        elif f.value or f.kind == "hidden":
            data[name] = f.value
        elif f.kind == "date":
            data[name] = today.isoformat()
        elif f.kind == "datetime-local":
            data[name] = f"{today.isoformat()} 10:00"
        elif name in BY_NAME:
            data[name] = BY_NAME[name]
        else:
            filler = FILLER.get(f.kind, "Hostile test")
            data[name] = filler[: f.maxlength] if f.maxlength else filler
    return data


def _hostile_values(f: Field, w: World) -> list[tuple[str, bool]]:
    """(value, whether the field may accept it) for the field's kind."""
    if f.kind in ("file", "checkbox"):
        return []
    if f.kind in ("select", "radio"):
        return [("no-such-choice" + SCRIPT, False), (NO_SUCH_ID, False), (NUL, False)]
    if f.kind == "date":
        return [("2026-02-31", False), (FAR_FUTURE, False), (FAR_PAST, False), (NUL, False)]
    if f.kind == "datetime-local":
        return [("2026-02-31T10:00", False), (f"{FAR_FUTURE}T23:59", False), (NUL, False)]
    if f.kind == "time":
        return [("25:61", False), (NUL, False)]
    if f.kind == "number":
        return [("abc", False), ("9" * 30, False), (NUL, False)]
    if f.kind == "hidden":
        return [(NUL, False), (NO_SUCH_ID, True), (SCRIPT, True), (w.hidden_case.reference, True)]
    return [(NUL, False), (LONG, False), (MIXED, True)]


def _forms_in(response: Any) -> list[BaseForm]:
    found: list[BaseForm] = []
    for context in response.context or []:
        values = context.flatten() if hasattr(context, "flatten") else context
        for value in values.values():
            if isinstance(value, BaseForm) and value not in found:
                found.append(value)
    return found


def _named(response: Any, name: str) -> bool:
    """Whether a form on the answer has an error on the field posted as `name` (a hidden
    field's error may be in the summary instead)."""
    for form in _forms_in(response):
        for bound in form:
            if bound.html_name == name and (
                bound.errors or (bound.is_hidden and form.errors.get(NON_FIELD_ERRORS))
            ):
                return True
        if name.split("-")[-1] in form.errors:
            return True
    # A page that lists its errors itself (the inspection form): by the field's anchor.
    listed = (response.context or {}).get("errors") if response.context else None
    return bool(listed) and name.split("-")[-1] in str(listed)


@pytest.fixture
def as_who(client: Client, world: World) -> Callable[[str], Client]:
    def login(who: str) -> Client:
        client.force_login(world[who])
        return client

    return login


# -- posting -----------------------------------------------------------------------------------

SAVED = (301, 302, 303, 204)
REFUSED = (400, 403, 404, 405, 409)


@dataclass
class Answer:
    status: int
    response: Any = None
    wrote: dict[str, tuple[int, int]] = field(default_factory=dict)
    error: str = ""
    shown: bytes = b""
    flashed: list[str] = field(default_factory=list)


def _send(client: Client, url: str, data: dict[str, Any]) -> Answer:
    """Post, look at what was written and at the page it leads to, and roll it all back."""
    answer = Answer(0)
    data = {k: v(None) if callable(v) else v for k, v in data.items()}
    cache.clear()  # the public report form's rate limit counts every send
    try:
        with transaction.atomic():
            before = _row_counts()
            response = client.post(url, data)
            after = _row_counts()
            answer = Answer(response.status_code, response)
            answer.wrote = {t: (before[t], n) for t, n in after.items() if n != before[t]}
            answer.flashed = [
                str(m) for m in get_messages(response.wsgi_request) if m.level == msg.ERROR
            ]
            if response.status_code in (301, 302, 303) and response.url.startswith("/"):
                answer.shown = client.get(response.url).content
            transaction.set_rollback(True)
    except Exception as exc:  # a 500 in production
        answer = Answer(500, error=repr(exc)[:200])
    return answer


def _check(name: str, what: str, answer: Answer, *, accept: bool, field_name: str) -> list[str]:
    label = f"{name} {what}"
    if answer.status >= 500 or answer.error:
        return [f"{label}: {answer.status} {answer.error}"]
    problems = []
    if answer.response is not None and SCRIPT.encode() in answer.response.content:
        problems.append(f"{label}: the script is echoed unescaped")
    if SCRIPT.encode() in answer.shown:
        problems.append(f"{label}: the script is shown unescaped on the next page")
    if answer.status in SAVED and not answer.flashed:
        if not accept:
            problems.append(f"{label}: accepted")
        return problems
    if answer.wrote:
        problems.append(f"{label}: refused ({answer.status}) but wrote {answer.wrote}")
    if answer.status == 200 and field_name and not _named(answer.response, field_name):
        errors = [dict(f.errors) for f in _forms_in(answer.response) if f.errors]
        problems.append(f"{label}: refused without naming the field: {errors}"[:400])
    elif answer.status not in (200, *REFUSED, *SAVED):
        problems.append(f"{label}: answered {answer.status}")
    return problems


JUNK = {"text": SCRIPT, "version": NUL, "next": "https://evil.example/", "pk": SQL}


@pytest.mark.parametrize("name", sorted(POSTS))
def test_hostile_post_through_the_view(name, world, as_who):
    spec = POSTS[name]
    client = as_who(spec.who)
    url = reverse(name, kwargs=spec.args(world))
    problems: list[str] = []
    if spec.refused:
        answer = _send(client, url, {**JUNK, **spec.base})
        problems += _check(name, "(refused)", answer, accept=False, field_name="")
        assert answer.status in (400, 403, 404, 405) or answer.flashed, f"{name}: {answer.status}"
        assert not problems, "\n".join(problems)
        return
    if NO_SUCH_ID in url:
        # A record that does not exist: refused whatever is posted, nothing written.
        answer = _send(client, url, JUNK)
        problems += _check(name, "(no such record)", answer, accept=False, field_name="")
        # 400: a NUL in what was posted is refused before the view looks for the record.
        assert answer.status in (400, 403, 404), f"{name}: {answer.status}"
        assert not problems, "\n".join(problems)
        return
    if spec.button:
        given = {**spec.base, **(spec.base_for(world) if spec.base_for else {})}
        form = PageForm(url, {k: Field(k, "text", str(v)) for k, v in given.items()})
    else:
        page_url = reverse(spec.page[0], kwargs=spec.page[1](world)) if spec.page else url
        found = _form_for(client, page_url, url)
        assert found is not None, f"{name}: no form posting to {url} on {page_url}"
        form = found
    base = {
        **_base_payload(form),
        **(spec.base_for(world) if spec.base_for else {}),
        **{k: (lambda _, v=v: v(world)) if callable(v) else v for k, v in spec.base.items()},
    }
    answer = _send(client, url, base)
    errors = [dict(f.errors) for f in _forms_in(answer.response)] if answer.response else []
    assert answer.status in SAVED, f"{name}: base payload refused ({answer.status}): {errors}"
    problems += _check(
        name, "junk fields", _send(client, url, {**base, **JUNK}), accept=True, field_name=""
    )
    for field_name, f in form.fields.items():
        for value, accept in _hostile_values(f, world):
            answer = _send(client, url, {**base, field_name: value})
            what = f"{field_name}={value[:24]!r}"
            named = "" if field_name in spec.unnamed else field_name
            problems += _check(name, what, answer, accept=accept, field_name=named)
    assert not problems, "\n".join(problems)


# -- the defects this module found, each pinned by name ------------------------------------------


def test_an_inspection_note_with_a_nul_byte_is_refused_on_the_note(world):
    """The inspection form saves each card through the service, without a Django form: a NUL
    in the note was stored (SQLite keeps it; PostgreSQL would fail the whole save)."""
    from django.core.exceptions import ValidationError

    from doorstep.inspections import services

    with pytest.raises(ValidationError) as refused:
        services.answer_record(actor=world.officer, answer=world.answer, note=NUL)
    assert refused.value.message_dict == {"note": ["The note contains a NUL character."]}
    world.answer.refresh_from_db()
    assert "\x00" not in world.answer.note


@pytest.mark.parametrize(
    ("form_name", "name", "day", "label"),
    [
        ("ActionForm", "due_on", FAR_FUTURE, "due date"),
        ("ActionForm", "due_on", "2047-01-01", "due date"),
        ("CostForm", "incurred_on", FAR_PAST, "date of the cost"),
        ("CostForm", "incurred_on", "1899-12-31", "date of the cost"),
    ],
)
def test_a_date_out_of_reach_is_refused_on_its_field(form_name, name, day, label):
    """Every date field of a form (core.forms.bound_dates, through govuk_style) takes a date
    from 1900 to 31 December twenty years ahead, and says so on the field; the field's own
    rule ("today or in the future") is checked first."""
    import time_machine

    from doorstep.cases import forms

    form_class = getattr(forms, form_name)
    message = [f"Enter the {label} between 1900 and 31 December 2046."]
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)):
        form = form_class(data={name: day})
        assert not form.is_valid()
        assert form.errors[name] == message
        assert form_class(data={name: "2026-03-02"}).errors.get(name) is None
