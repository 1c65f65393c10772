"""Hostile input against every form of the app (Doorstep issue 9).

Three layers, kept fast (the module runs in well under a minute on SQLite):

1. Every Form/ModelForm class in every app's `forms.py` (found by walking the apps, so a new
   form the table below does not cover fails `test_every_form_is_in_the_table`) is bound with
   one field at a time set to each hostile value for its kind: NUL bytes, 100,000 characters,
   script tags, SQL, emoji, right-to-left overrides, letters in number and date fields,
   impossible dates, negative and enormous numbers, unknown choices and ids of rows that do not
   exist. The form must not raise; a value it cannot accept is an error on *that* field; text it
   accepts is kept verbatim (escaping is the template's job, checked in layer 2).
2. Real posts through the views, at least one per app, with the standing cast: no 500, nothing
   written (row counts before and after), the message names the field; and the text that is
   accepted comes back escaped on the page.
3. GET list pages with hostile filter and page parameters: never a 500, never unescaped.

CSV imports and spreadsheet exports are covered in `test_hostile_files.py`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import QueryDict

from doorstep.core.concurrency import VersionedFormMixin

pytestmark = pytest.mark.django_db

# -- hostile values --------------------------------------------------------------------------

SCRIPT = '<script>alert("doorstep")</script>'
SQL = "Robert'); DROP TABLE people_person;--"
EMOJI = "Flat 3 \U0001f3e0 \U0001f469\u200d\U0001f469\u200d\U0001f467 \u2705"
RTL = "\u202egnp.exe \u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd"
FORMULA = '=HYPERLINK("http://evil.example","click")'
NUL = "Loud\x00music"
LONG = "x" * 100_000

# Text a free-text field must keep exactly as typed.
VERBATIM = (SCRIPT, SQL, EMOJI, RTL, FORMULA)
# Values every field must refuse, whatever its kind (text fields have a max_length).
ALWAYS_BAD = (NUL, LONG)
NOT_A_NUMBER = ("abc", "1e999", "NaN", "-1", "9" * 30, "12abc")
# Out of reach too (core.forms.bound_dates): before 1900 or more than 20 years ahead.
FAR_DATES = ("9999-12-31", "0001-01-01", "1899-12-31")
NOT_A_DATE = ("abc", "31/02/2026", "2026-02-31", "2026-13-01", "-1", "99999-01-01", *FAR_DATES)
NOT_A_DATETIME = (
    "abc",
    "2026-02-31T10:00",
    "2026-01-01T25:61",
    "31/02/2026 10:00",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
)
NOT_A_TIME = ("abc", "25:61", "-1")
NOT_A_CHOICE = ("no-such-choice" + SCRIPT, "999999999", "-1", SQL)

# Fields whose text is never stored, only compared or parsed, so neither their length nor
# keeping them verbatim matters (NUL is still refused by every one of them).
NEVER_STORED = {
    "accounts.SignInForm.password",  # compared with the hash
    "reports.YearForm.year",  # parsed as a reporting year
    "resident_reports.ReportForm.started",  # a signed time; anything else is refused as spam
}


def _never_stored(form_class: type[forms.BaseForm], label: str, name: str) -> bool:
    # The hidden edit version of every versioned form: anything but the record's version is
    # an edit conflict (doorstep.core.concurrency), so its text is only ever compared.
    if name == "version" and issubclass(form_class, VersionedFormMixin):
        return True
    return label in NEVER_STORED


# Hidden ids the view reads itself (a missing or foreign one is a 404 or is ignored), checked
# through the views below rather than on the form.
READ_BY_THE_VIEW = {
    "letters.SendForm.block",
    "letters.SendForm.estate",
}
# Numbers whose upper limit depends on the record, refused by the service on the same field
# (its message says how much is left); each has a view test with an enormous value.
CHECKED_BY_THE_SERVICE = {
    "complaints.ExtendForm.working_days",  # complaints/tests/test_views.py
}


# -- the table of every form -----------------------------------------------------------------


class Cast:
    """The fixtures a form's constructor may need, made only when asked for."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def __getattr__(self, name: str) -> Any:
        return self._request.getfixturevalue(name)

    def users(self) -> Any:
        from doorstep.accounts.models import User

        return User.objects.all()

    def flag(self) -> Any:
        from doorstep.people.tests.factories import FlagFactory

        return FlagFactory(person=self.person)

    def tenancy(self) -> Any:
        from doorstep.tenancies.tests.factories import TenancyFactory

        return TenancyFactory(home=self.home)


Kwargs = Callable[[Cast], dict[str, Any]]
FLAG_CHOICES = [("older_person", "Older person"), ("hearing", "Hearing impairment")]


def _all(model_label: str) -> Any:
    return apps.get_model(model_label).objects.all()


def _dashboard(c: Cast) -> dict[str, Any]:
    from doorstep.reports.dashboard import scope_for

    return {"scope": scope_for(c.manager), "today": dt.date(2026, 3, 2)}


# Every form class: None when it needs no constructor arguments, else what it needs.
FORMS: dict[str, Kwargs | None] = {
    "core.AuditSearchForm": None,
    "core.GovukForm": None,
    "accounts.SignInForm": None,
    "accounts.TwoFactorCodeForm": None,
    "accounts.TwoFactorSetupForm": None,
    "places.HomeForm": None,
    "places.HomeFilterForm": lambda c: {
        "choices": {
            "estates": _all("places.Estate"),
            "blocks": _all("places.Block"),
            "patches": _all("places.Patch"),
        }
    },
    "places.EstateFilterForm": None,
    "places.EstateForm": lambda c: {"office_ids": frozenset({c.office.pk})},
    "places.BlockForm": lambda c: {"estate": c.estate},
    "people.PersonFilterForm": lambda c: {"flag_choices": FLAG_CHOICES},
    "people.PersonForm": None,
    "people.FlagForm": lambda c: {"person": c.person, "choices": FLAG_CHOICES},
    "people.FlagReviewForm": None,
    "people.FlagEndForm": lambda c: {"flag": c.flag()},
    "people.EmergencyContactForm": None,
    "people.ConsentForm": None,
    "people.EqualityForm": None,
    "tenancies.TenancyForm": lambda c: {"home": c.home},
    "tenancies.TenancyEndForm": lambda c: {"tenancy": c.tenancy()},
    "contacts.SubjectMixin": None,
    "contacts.ContactForm": None,
    "contacts.AssigneeMixin": None,
    "contacts.CallBackForm": None,
    "contacts.AttemptForm": None,
    "contacts.CompleteForm": None,
    "contacts.ReassignForm": None,
    "contacts.DutyForm": lambda c: {"team": c.team},
    "contacts.CallBackFilterForm": None,
    "imports.UploadForm": None,
    "cases.CaseOpenForm": None,
    "cases.CaseEditForm": None,
    "cases.TransitionForm": lambda c: {"transitions": [("closed", "Closed")]},
    "cases.NoteForm": None,
    "cases.PartyForm": None,
    "cases.ActionForm": None,
    "cases.ReviewForm": None,
    "cases.CostForm": None,
    "cases.AttachmentForm": None,
    "cases.LinkForm": None,
    "cases.SatisfactionForm": None,
    "asb.AsbDetailsForm": None,
    "asb.IncidentReportForm": None,
    "asb.ToolUseForm": None,
    "asb.RiskAssessmentForm": None,
    "asb.MediationReferralForm": None,
    "asb.MediationOutcomeForm": None,
    "asb.TriggerDateForm": None,
    "complaints.StyledForm": None,
    "complaints.ComplaintForm": None,
    "complaints.AcknowledgeForm": None,
    "complaints.ExtendForm": None,
    "complaints.RespondForm": None,
    "complaints.EscalateForm": None,
    "complaints.ComplaintFilterForm": None,
    "partners.AgencySearchForm": None,
    "partners.AgencyForm": None,
    "partners.AgencyContactForm": None,
    "safeguarding.ReferralForm": None,
    "safeguarding.OutcomeForm": None,
    "hoarding.ClutterRatingForm": None,
    "hoarding.SelfNeglectAssessmentForm": None,
    "flytipping.DetailsForm": None,
    "flytipping.InspectionForm": None,
    "flytipping.PerpetratorForm": None,
    "flytipping.RemovalForm": None,
    "flytipping.RechargeForm": None,
    "flytipping.SignageForm": None,
    "domestic_abuse.RiskAssessmentForm": None,
    "domestic_abuse.MaracReferralForm": None,
    "domestic_abuse.MaracUpdateForm": None,
    "domestic_abuse.MoveForm": None,
    "sustainment.StyledForm": None,
    "sustainment.ReferralForm": lambda c: {"cases": []},
    "sustainment.SlotForm": None,
    "sustainment.JobForm": None,
    "sustainment.HoldForm": None,
    "sustainment.OutcomeForm": None,
    "sustainment.CloseForm": None,
    "sustainment.ReferralFilterForm": None,
    "meetings.StyledForm": None,
    "meetings.MeetingForm": None,
    "meetings.AgendaItemForm": None,
    "meetings.AttendeeForm": None,
    "meetings.AttendanceForm": None,
    "meetings.MinutesForm": None,
    "meetings.ActionForm": None,
    "meetings.FollowUpForm": None,
    "meetings.MeetingFilterForm": None,
    "inspections.ScheduleForm": lambda c: {
        "places": [(f"estate:{c.estate.pk}", c.estate.name)],
        "inspectors": c.users(),
    },
    "inspections.ChecklistItemForm": None,
    "inspections.RaiseCaseForm": None,
    "inspections.RaiseRepairForm": None,
    "welfare.ProgrammeForm": lambda c: {"flag_choices": FLAG_CHOICES},
    "welfare.CallForm": None,
    "welfare.CaseFromCallForm": None,
    "welfare.CoverageForm": None,
    "ta_reviews.ReviewForm": None,
    "ta_reviews.PlacementFilterForm": None,
    "teams.BoardForm": None,
    "teams.CheckInForm": None,
    "teams.PrioritiesForm": None,
    "teams.TeamChoiceForm": lambda c: {"teams": _all("places.Team")},
    "teams.MoveForm": lambda c: {"staff": c.users(), "teams": _all("places.Team")},
    "recruitment.VacancyForm": lambda c: {"offices": _all("places.Office")},
    "recruitment.CriterionForm": None,
    "recruitment.CandidateForm": None,
    "recruitment.SlotForm": lambda c: {
        "candidates": _all("recruitment.Candidate"),
        "staff": c.users(),
    },
    "recruitment.ScoreForm": lambda c: {"criteria": []},
    "recruitment.DecisionForm": None,
    "community.EventForm": lambda c: {
        "staff": c.users(),
        "champions": _all("community.Champion"),
    },
    "community.OutcomeForm": None,
    "community.TaskForm": lambda c: {"staff": c.users()},
    "community.SignUpForm": None,
    "community.ChampionForm": None,
    "community.PhotoForm": None,
    "repairs.RepairForm": None,
    "repairs.StatusForm": None,
    "repairs.CompleteForm": None,
    "repairs.RepairFilterForm": None,
    "repairs.OverdueFilterForm": None,
    "repairs.ContractorForm": None,
    "hazards.HazardDetailsForm": None,
    "hazards.HazardReportForm": None,
    "hazards.InvestigatedForm": None,
    "hazards.SummarySentForm": None,
    "hazards.SafetyWorkForm": None,
    "hazards.PreventativeForm": None,
    "hazards.AlternativeForm": None,
    "hazards.BreachFilterForm": None,
    "reports.YearForm": lambda c: {"today": dt.date(2026, 3, 2)},
    "reports.DashboardFilterForm": _dashboard,
    "dataprotection.RequestForm": None,
    "dataprotection.RequestUpdateForm": None,
    "dataprotection.RequestFilterForm": None,
    "duplicates.ReviewForm": lambda c: {"people": (c.person, c.other_person)},
    "resident_reports.ReportForm": None,
    "resident_reports.DealtWithForm": None,
    "letters.StyledForm": None,
    "letters.TemplateForm": None,
    "letters.WhoForm": None,
    "letters.SendForm": None,
    "letters.SignForm": None,
}


def discover_forms() -> dict[str, type[forms.BaseForm]]:
    """Every form class defined in an app's `forms.py`, as "app_label.ClassName"."""
    found: dict[str, type[forms.BaseForm]] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("doorstep."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
            ):
                found[f"{config.label}.{name}"] = obj
    return found


def test_every_form_is_in_the_table():
    """A new form must be added to FORMS, so it is checked with hostile values too."""
    found = set(discover_forms())
    assert sorted(found - set(FORMS)) == [], "add these forms to FORMS"
    assert sorted(set(FORMS) - found) == [], "these forms no longer exist"


# -- one field at a time -------------------------------------------------------------------


def _values_for(field: forms.Field) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(values the field must refuse, text it must keep verbatim if it accepts it)."""
    if isinstance(field, forms.FileField | forms.BooleanField):
        return (), ()
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return NOT_A_CHOICE, ()
    if isinstance(field, forms.ModelChoiceField | forms.ChoiceField):
        return (*ALWAYS_BAD, *NOT_A_CHOICE), ()
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return (*ALWAYS_BAD, *NOT_A_NUMBER), ()
    if isinstance(field, forms.DateTimeField):
        return (*ALWAYS_BAD, *NOT_A_DATETIME), ()
    if isinstance(field, forms.DateField):
        return (*ALWAYS_BAD, *NOT_A_DATE), ()
    if isinstance(field, forms.TimeField):
        return (*ALWAYS_BAD, *NOT_A_TIME), ()
    if isinstance(field, forms.CharField):
        return ALWAYS_BAD, VERBATIM
    raise AssertionError(f"no hostile values for {type(field).__name__}: add them")


def _bind(form_class: type[forms.BaseForm], kwargs: dict[str, Any], name: str, value: str) -> Any:
    data = QueryDict(mutable=True)
    probe = form_class(**kwargs)
    data.setlist(probe.add_prefix(name), [value])
    return form_class(data=data, **kwargs)


@pytest.mark.parametrize("key", sorted(FORMS))
def test_form_refuses_hostile_values_by_field(key, request):
    form_class = discover_forms()[key]
    builder = FORMS[key]
    kwargs = builder(Cast(request)) if builder else {}
    problems: list[str] = []
    for name, field in form_class(**kwargs).fields.items():
        bad, verbatim = _values_for(field)
        label = f"{key}.{name}"
        if label in READ_BY_THE_VIEW:
            continue
        if _never_stored(form_class, label, name):
            bad, verbatim = tuple(v for v in bad if v != LONG), ()
        # A hidden field's error has no field to sit by: it is shown in the error summary.
        keys = {name, NON_FIELD_ERRORS} if field.widget.is_hidden else {name}
        for value in bad:
            form = _bind(form_class, kwargs, name, value)
            try:
                form.is_valid()
            except Exception as exc:
                problems.append(f"{label} {value[:30]!r}: raised {exc!r}"[:300])
                continue
            if not keys & set(form.errors):
                if label in CHECKED_BY_THE_SERVICE and value == "9" * 30:
                    continue
                problems.append(f"{label} {value[:30]!r}: accepted")
        for value in verbatim:
            form = _bind(form_class, kwargs, name, value)
            try:
                form.is_valid()
            except Exception as exc:
                problems.append(f"{label} {value[:30]!r}: raised {exc!r}"[:300])
                continue
            if name in form.errors:
                continue  # refused with a message on the field: fine
            kept = form.cleaned_data.get(name)
            if isinstance(kept, str) and kept != value:
                problems.append(f"{label} {value[:30]!r}: changed to {kept[:30]!r}")
    assert not problems, "\n".join(problems)


# -- every page without arguments, through the real views --------------------------------------

# Pages whose POST is a button that does something by itself (no typed input to refuse), or
# that sign the user out: not posted here, each has its own tests in its app.
ACTION_POSTS = {
    "accounts:logout",
    "accounts:issue_token",
    "accounts:two_factor_off",
    "accounts:recovery_codes_new",
    "duplicates:candidate_refresh",
    "sustainment:jobs_reoffer",
}
# Tables a page may write to on any request: the audit of views, sessions, sign-in attempts.
VOLATILE_TABLES = {"core_auditevent", "django_session"}


def _plain_pages() -> list[str]:
    """URL names of every page that takes no arguments (the API has its own tests)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    names: list[str] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(("api/", "admin")):
                    continue
                inner = pattern.namespace or ""
                walk(pattern.url_patterns, f"{namespace}{inner}:" if inner else namespace)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name
                and not pattern.pattern.converters
                and "(?P" not in str(pattern.pattern)
            ):
                names.append(namespace + pattern.name)

    walk(get_resolver().url_patterns, "")
    return sorted(set(names))


# Pages that write a row just by being shown (GET, or a refused POST shown again): not a
# stored hostile value. The two-factor set-up page makes the pending authenticator device
# whose QR code it shows, once per user, whichever request comes first.
SHOWING_WRITES = {"accounts:two_factor_setup": frozenset({"otp_totp_totpdevice"})}


def _row_counts() -> dict[str, int]:
    """Rows in every table of the project, in one query."""
    from django.db import connection

    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table not in VOLATILE_TABLES
        and not model._meta.db_table.startswith("axes_")
    )
    quote = connection.ops.quote_name
    # Table names from the models, quoted: no input reaches this SQL.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _all_field_names() -> list[str]:
    names: set[str] = set()
    for form_class in discover_forms().values():
        names.update(form_class.base_fields)
    return sorted(names)


HOSTILE_QUERY = {
    "page": "abc",
    "q": SCRIPT,
    "mine": NUL,
    "status": SCRIPT,
    "show": SQL,
    "sort": "'; DROP TABLE cases_case;--",
    "kind": "\u202e" + SCRIPT,
    "date_from": "31/02/2026",
    "date_to": "2026-02-31",
    "on": "abc",
    "year": "-1",
    "office": "999999999",
    "estate": "-1",
    "patch": "abc",
    "format": SCRIPT,
    "next": "https://evil.example/",
}


def test_no_page_fails_or_writes_on_hostile_input(client, person, home, other_person, request):
    """GET every page with hostile filters and page numbers, and POST every page that takes
    typed input with every known field set to NUL, a script or 5,000 characters: never a 500,
    never a script echoed unescaped, nothing written. As the officer first, then as the
    manager and the data protection officer for the pages refused to those before them."""
    from django.urls import reverse

    # Every known field at once: NUL, a script, or longer than almost any field allows (100,000
    # characters in each of ~250 fields would be refused whole by Django's request size limit,
    # so the 100,000-character value is checked field by field on the forms above).
    payloads = {"nul": NUL, "script": SCRIPT, "long": "x" * 5000}
    fields = _all_field_names()
    problems: list[str] = []
    pages = [name for name in _plain_pages() if name != "accounts:logout"]
    for who in ("officer", "manager", "dpo"):
        client.force_login(request.getfixturevalue(who))
        refused: list[str] = []
        for name in pages:
            url = reverse(name)
            for query in (HOSTILE_QUERY, {"page": "999999", "q": NUL}):
                response = client.get(url, query)
                if response.status_code >= 500:
                    problems.append(f"{who} GET {name} {list(query)[:3]}: {response.status_code}")
                elif SCRIPT.encode() in response.content:
                    problems.append(f"{who} GET {name}: the script is echoed unescaped")
            if response.status_code == 403:
                refused.append(name)
                continue
            if name in ACTION_POSTS:
                continue
            for kind, value in payloads.items():
                before = _row_counts()
                response = client.post(url, {field: value for field in fields})
                if response.status_code >= 500:
                    problems.append(f"{who} POST {name} {kind}: {response.status_code}")
                after = _row_counts()
                changed = {
                    t: (before[t], n)
                    for t, n in after.items()
                    if n != before[t] and t not in SHOWING_WRITES.get(name, ())
                }
                if changed:
                    problems.append(f"{who} POST {name} {kind}: wrote {changed}")
                if SCRIPT.encode() in response.content:
                    problems.append(f"{who} POST {name} {kind}: the script is echoed unescaped")
        pages = refused
    assert not problems, "\n".join(problems)


# -- the defects this module found, each pinned by name ------------------------------------------


def test_a_negative_recharge_is_refused_whatever_the_status():
    from doorstep.flytipping.forms import RechargeForm

    form = RechargeForm(data={"status": "not_applicable", "amount": "-150.00"})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Enter the amount recharged as 0 or more, like 150.00."]
