# ruff: noqa: E501  (a table: one URL per line reads best)
"""Who may use each URL: the permission matrix's table (docs/security.md, "Permission matrix").

One line per URL name. `page(kind, own=..., other=..., restricted=...)` says which roles may
GET it for each variant of the record (`objects.py` chooses them: `own` on the demo officer's
patch, `other` in another office, `restricted` a restricted case the officer is not on, `any`
for records on no patch); everyone else is refused, and a POST from them is refused too and
writes nothing. `post(...)` is the same for a URL that only takes POST. The rules are the
code's (`doorstep/*/permissions.py`, selectors) as DOMAIN.md §1 sets them; the demo's manager
manages every office, so "other" is open to them.

"Allowed" is a 200, or a redirect anywhere but the sign-in page (a form already done, a
finished import); "refused" is 403 or 404 (401 on the API), or the sign-in page for anonymous.
A restricted case refused is its stub: it exists, whom to ask, never its content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from doorstep.accounts.roles import Role

from .harness import ANONYMOUS

NO = Role.NEIGHBOURHOOD_OFFICER.value
ASB = Role.ASB_OFFICER.value
EST = Role.ESTATES_OFFICER.value
TSO = Role.TENANCY_SUSTAINMENT_OFFICER.value
TL = Role.TEAM_LEADER.value
HSM = Role.HOUSING_SERVICES_MANAGER.value
SGL = Role.SAFEGUARDING_LEAD.value
DPO = Role.DATA_PROTECTION_OFFICER.value

STAFF = frozenset({NO, ASB, EST, TSO, TL, HSM, SGL, DPO})
NOT_DPO = STAFF - {DPO}  # everyone who may take a call or edit (DPO only reads)
PUBLIC = STAFF | {ANONYMOUS}
LEADERS = frozenset({TL, HSM})
NOBODY: frozenset[str] = frozenset()

# Who may see the restricted case's content: its team leader (the case is in their team),
# the manager of its office and the safeguarding lead (DOMAIN.md §1). The safeguarding
# referrals' account of what was seen carries the same sentinel.
SEES_RESTRICTED = frozenset({TL, HSM, SGL})

# Who may change an (ASB) case on the officer's patch: the patch officer, the office's ASB
# officer, the team leader and the manager (cases/permissions.py: can_edit_case).
CASE_EDITORS = frozenset({NO, ASB, TL, HSM})

# The admin site is for superusers (no role is staff): every page of it sends everyone to
# its own sign-in, which (with its sign-out) is the only part open.
ADMIN_SITE = "admin:"
ADMIN_SIGN_IN = frozenset({"admin:login", "admin:logout"})


@dataclass(frozen=True)
class Rule:
    kind: str
    allowed: dict[str, frozenset[str]]
    post_only: bool = False
    # POST as a refused role is tried too, unless the URL signs the client out or in.
    post_check: bool = True
    # A service that refuses with a message and sends the user back (nothing written).
    refuses_by_redirect: bool = False


def _rule(kind: str, post_only: bool, options: dict[str, object], roles: dict[str, object]) -> Rule:
    allowed = {variant: frozenset(who) for variant, who in roles.items()}  # type: ignore[call-overload]
    return Rule(kind, allowed, post_only, **options)  # type: ignore[arg-type]


def page(
    kind: str = "none",
    *,
    post_check: bool = True,
    refuses_by_redirect: bool = False,
    **roles: frozenset[str] | set[str],
) -> Rule:
    options = {"post_check": post_check, "refuses_by_redirect": refuses_by_redirect}
    return _rule(kind, False, options, roles)


def post(
    kind: str = "none", *, refuses_by_redirect: bool = False, **roles: frozenset[str] | set[str]
) -> Rule:
    return _rule(kind, True, {"refuses_by_redirect": refuses_by_redirect}, roles)


# The most sensitive forms: POSTed as every role refused them, not only anonymous and the
# data protection officer (the rest of the forms' POSTs are refused by the check their GET is).
# Their POST-only neighbours (case restriction, the SAR export, submitting scores, undoing a
# move) are POSTed by every refused role already, as every `post` row is.
POSTED_BY_EVERY_REFUSED = frozenset(
    {
        "safeguarding:referral_create",
        "safeguarding:referral_outcome",
        "domestic_abuse:assessment_add",
        "domestic_abuse:marac_add",
        "domestic_abuse:marac_edit",
        "dataprotection:request_create",
        "teams:move",
        "recruitment:score",
        "recruitment:decision",
    }
)

# PDFs of restricted records: their text is extracted (pypdf) and must carry the sentinel for
# those allowed, and not for anyone else, so the check is known to see it. (Other PDFs are
# only searched as bytes: extracting every PDF's text would slow the matrix by a tenth.)
PDFS_WITH_SENTINEL: dict[str, frozenset[str]] = {
    "safeguarding:referral_pdf": frozenset({"own", "other"}),
    "hazards:summary_letter": frozenset({"restricted"}),
    "meetings:minutes_pdf": frozenset({"restricted"}),
}

# fmt: off
PAGES: dict[str, Rule] = {
    "myday:my_day": page(any=STAFF),
    "healthz": page(any=PUBLIC),
    "readyz": page(any=PUBLIC),
    # Signed in, the sign-in page sends you on to My day; two-factor to set-up or My day.
    "accounts:login": page(any=PUBLIC, post_check=False),
    "accounts:logout": post(any=STAFF),
    "accounts:profile": page(any=STAFF),
    "accounts:issue_token": post(any=STAFF),
    "accounts:two_factor_verify": page(any=STAFF),
    "accounts:two_factor_setup": page(any=STAFF),
    "accounts:recovery_codes_new": post(any=STAFF),
    "accounts:two_factor_off": post(any=STAFF),
    "places:estate_list": page(any=STAFF),
    "places:estate_create": page(any=LEADERS),
    "places:estate_detail": page("estate", own=STAFF, other=STAFF),
    "places:estate_edit": page("estate", own=LEADERS, other={HSM}),
    "places:block_create": page("estate_pk", own=LEADERS, other={HSM}),
    "places:block_detail": page("block", own=STAFF, other=STAFF),
    "places:block_edit": page("block", own=LEADERS, other={HSM}),
    "places:home_list": page(any=STAFF),
    "places:home_create": page(any={NO, TL, HSM}),
    "places:home_detail": page("home", own=STAFF, other=STAFF),
    "places:home_edit": page("home", own={NO, TL, HSM}, other={HSM}),
    "people:person_list": page(any=STAFF),
    "people:person_create": page(any=NOT_DPO),
    "people:person_detail": page("person", own=STAFF, other=STAFF),
    "people:person_edit": page("person", own={NO, TL, HSM}, other={HSM}),
    "people:flag_add": page("person", own={NO, TL, HSM}, other={HSM}),
    "people:flag_review": page("flag", own={NO, TL, HSM}, other={HSM}),
    "people:flag_reviewed": post("flag", own={NO, TL, HSM}, other={HSM}),
    "people:flag_end": page("flag", own={NO, TL, HSM}, other={HSM}),
    "people:emergency_contact_add": page("person", own={NO, TL, HSM}, other={HSM}),
    "people:emergency_contact_edit": page("emergency_contact", own={NO, TL, HSM}, other={HSM}),
    "people:emergency_contact_remove": post("emergency_contact", own={NO, TL, HSM}, other={HSM}),
    "people:consent_add": page("person", own={NO, TL, HSM}, other={HSM}),
    "people:consent_withdraw": post("consent", own={NO, TL, HSM}, other={HSM}),
    "people:equality": page("person", own={NO, TSO, TL, HSM, SGL}, other={NO, TSO, TL, HSM, SGL}),
    "tenancies:tenancy_create": page("home_pk", own={NO, TL, HSM}, other={HSM}),
    "tenancies:tenancy_detail": page("tenancy", own=STAFF, other=STAFF),
    "tenancies:tenancy_end": page("tenancy", own={NO, TL, HSM}, other={HSM}),
    "contacts:contact_create": page(any=NOT_DPO),
    "contacts:contact_follow_up_done": post("contact", own=LEADERS, other={HSM}),
    "contacts:duty_desk": page(any=STAFF),
    "contacts:duty_rota": page(any=STAFF),
    "contacts:team_board": page(any=LEADERS),
    "contacts:callback_list": page(any=STAFF),
    "contacts:callback_create": page(any=NOT_DPO),
    "contacts:callback_detail": page("callback", own=STAFF, other=STAFF),
    "contacts:callback_attempt": page("callback", own={NO, TSO, TL, HSM}, other={HSM}),
    "contacts:callback_complete": page("callback", own={NO, TSO, TL, HSM}, other={HSM}),
    "contacts:callback_reassign": page("callback", own={NO, TSO, TL, HSM}, other={HSM}),
    "cases:case_list": page(any=STAFF),
    "cases:case_export": page(any=STAFF),
    "cases:case_create": page(any=NOT_DPO),
    "cases:case_detail": page("case", own=STAFF, other=STAFF, restricted=SEES_RESTRICTED),
    "cases:case_edit": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_transition": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_note": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_party_add": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_party_remove": post("case_party", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_action_add": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:action_done": post("case_action", own={NO, TL, HSM}),
    "cases:case_review": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_cost_add": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_attachment_add": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_attachment": page("case_attachment", own=STAFF, restricted=SEES_RESTRICTED),
    "cases:case_link": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_unlink": post("case_link", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_satisfaction": page("case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "cases:case_restrict": post("case", own=LEADERS, other={HSM}, restricted=LEADERS),
    "partners:agency_list": page(any=STAFF),
    "partners:agency_create": page(any={TL, HSM, SGL}),
    "partners:agency_detail": page("agency", any=STAFF),
    "partners:agency_edit": page("agency", any={TL, HSM, SGL}),
    "partners:contact_add": page("agency", any={TL, HSM, SGL}),
    "partners:contact_remove": post("agency_contact", any={TL, HSM, SGL}),
    "safeguarding:referral_list": page(any={HSM, SGL}),
    "safeguarding:referral_create": page("for_person", own=NOT_DPO, other=NOT_DPO),
    # The referral form's draft (saved as the officer types) and "start again": its author only.
    "safeguarding:referral_draft": post("for_person", own=NOT_DPO, other=NOT_DPO),
    "safeguarding:referral_draft_discard": post("for_person", own=NOT_DPO, other=NOT_DPO),
    "safeguarding:referral_detail": page("sg_referral", own={HSM, SGL}, other={HSM, SGL}),
    "safeguarding:referral_clock": page("sg_referral", own={HSM, SGL}, other={HSM, SGL}),
    "safeguarding:referral_mark_sent": post("sg_referral", own={HSM, SGL}, other={HSM, SGL}),
    "safeguarding:referral_outcome": page("sg_referral", own={HSM, SGL}, other={HSM, SGL}),
    "safeguarding:referral_pdf": page("sg_referral", own={HSM, SGL}, other={HSM, SGL}),
    "hoarding:rating_add": page("hoarding_case", own={NO, TL, HSM}),
    "hoarding:assessment_add": page("self_neglect_case", own={NO, TL, HSM}, other={HSM}),
    "complaints:complaint_list": page(any=STAFF),
    "complaints:complaint_create": page(any=NOT_DPO),
    "complaints:acknowledge": page("complaint_stage", other={HSM}, own=LEADERS),
    "complaints:extend": page("complaint_stage", other={HSM}, own=LEADERS),
    "complaints:respond": page("complaint_stage", other={HSM}, own=LEADERS),
    "complaints:escalate": page("complaint", other={HSM}, own=NOBODY),
    "asb:community_triggers": page(any={ASB, TL, HSM}),
    "asb:catch_up": page(any={NO, ASB, TL, HSM}),
    "asb:details_edit": page("asb_case", own={NO, ASB, TL, HSM}, other={HSM}),
    "asb:incident_add": page("asb_case", own={NO, ASB, TL, HSM}, other={HSM}),
    "asb:tool_add": page("asb_case", own={NO, ASB, TL, HSM}, other={HSM}),
    "asb:risk_assessment": page("asb_case", own={NO, ASB, TL, HSM}, other={HSM}),
    "asb:mediation": page("dispute_case", own=CASE_EDITORS, other={HSM}, restricted=SEES_RESTRICTED),
    "asb:mediation_outcome": page("mediation", own={NO, ASB, TL, HSM}, other={HSM}),
    "flytipping:details_edit": page("flytipping_case", own={NO, EST, TL, HSM}, other={HSM}),
    "flytipping:inspection_request": page("flytipping_case", own={NO, EST, TL, HSM}, other={HSM}),
    "flytipping:perpetrator": page("flytipping_case", own={NO, EST, TL, HSM}, other={HSM}),
    "flytipping:removal": page("flytipping_case", own={NO, EST, TL, HSM}, other={HSM}),
    "flytipping:recharge": page("flytipping_case", own={NO, EST, TL, HSM}, other={HSM}),
    "flytipping:signage": page("flytipping_case", own={NO, EST, TL, HSM}, other={HSM}),
    "domestic_abuse:assessment_add": page("da_case", other={HSM, SGL}),
    "domestic_abuse:assessment_detail": page("da_assessment", other={HSM, SGL}),
    "domestic_abuse:marac_add": page("da_case", other={HSM, SGL}),
    "domestic_abuse:marac_edit": page("marac", other={HSM, SGL}),
    "domestic_abuse:move_from_asb": page("asb_case", own={NO, ASB, TL, HSM}, other={HSM}),
    "sustainment:referral_list": page(any=STAFF),
    "sustainment:referral_create": page("for_person", own={NO, TSO, TL, HSM}, other={HSM}),
    "sustainment:job_list": page(any=STAFF),
    "sustainment:jobs_reoffer": post(any={NO, TSO, TL, HSM}),
    "sustainment:job_detail": page("partner_job", own=STAFF),
    "sustainment:job_rebook": page("partner_job", own={NO, TSO, TL, HSM}),
    "sustainment:job_hold": page("partner_job", own={NO, TSO, TL, HSM}),
    "sustainment:job_outcome": page("partner_job", own={NO, TSO, TL, HSM}),
    "sustainment:job_send": post("partner_job", own={NO, TSO, TL, HSM}),
    "sustainment:job_sheet": page("partner_job", own=STAFF),
    "sustainment:referral_detail": page("support_referral", own=STAFF),
    "sustainment:referral_close": post("support_referral", own={NO, TSO, TL, HSM}),
    "sustainment:job_create": page("support_referral", own={NO, TSO, TL, HSM}),
    "meetings:meeting_list": page(any=STAFF),
    "meetings:meeting_create": page(any=NOT_DPO),
    "meetings:meeting_detail": page("meeting", any=STAFF, restricted=SEES_RESTRICTED),
    "meetings:meeting_minutes": page("meeting", any={NO, TL, HSM}),
    "meetings:minutes_pdf": page("meeting", any=STAFF, restricted=SEES_RESTRICTED),
    "meetings:agenda_add": post("meeting", any={NO, TL, HSM}),
    "meetings:attendee_add": page("meeting", any={NO, TL, HSM}),
    "meetings:attendance": post("attendee", any={NO, TL, HSM}),
    "meetings:action_add": page("meeting", any={NO, TL, HSM}),
    "meetings:action_done": post("meeting_action", any={NO, TL, HSM}),
    "meetings:meeting_follow_up": page("meeting", any={NO, TL, HSM}),
    "inspections:schedule_list": page(any=STAFF),
    "inspections:schedule_create": page(any=LEADERS),
    "inspections:schedule_edit": page("schedule", own=LEADERS, other={HSM}),
    "inspections:schedule_stop": post("schedule", own=LEADERS, other={HSM}),
    "inspections:schedule_start": post("schedule", own={NO, EST, TL, HSM}, other={HSM}),
    # Whoever may inspect some estate (inspections/permissions.py: can_inspect). The place
    # comes in the POST body, so the matrix's empty POST names none: refused for everyone else.
    "inspections:inspection_start": post(any={NO, EST, TL, HSM}),
    "inspections:checklist": page(any=STAFF),
    "inspections:checklist_item_edit": page("checklist_item", any={HSM}),
    "inspections:checklist_item_move": post("checklist_item", any={HSM}),
    "inspections:checklist_item_retire": post("checklist_item", any={HSM}),
    "inspections:estate_history": page("estate", own=STAFF, other=STAFF),
    "inspections:block_history": page("block", own=STAFF, other=STAFF),
    "inspections:inspection_detail": page("inspection", own=STAFF, other=STAFF),
    "inspections:inspection_pdf": page("inspection", own=STAFF, other=STAFF),
    "inspections:answer_save": post("answer", own={NO, EST, TL, HSM}, other={HSM}),
    "inspections:answer_photo": page("answer_photo", own=STAFF, other=STAFF),
    "inspections:answer_raise_case": post("answer", own={NO, EST, TL, HSM}, other={HSM}),
    # Who may inspect the fly-tipping's estate (can_inspect), once the case asked for it.
    "inspections:fly_tipping_start": post("flytipping_case", own={NO, EST, TL, HSM}, other={HSM}),
    "inspections:answer_raise_repair": post("answer", own={NO, EST, TL, HSM}, other={HSM}),
    "welfare:programme_list": page(any=STAFF),
    "welfare:programme_create": page(any={TSO, TL, HSM}),
    "welfare:programme_detail": page("programme", own=STAFF),
    "welfare:programme_edit": page("programme", own={TSO, TL, HSM}),
    "welfare:coverage": page("programme", own=STAFF),
    "welfare:coverage_csv": page("programme", own=STAFF),
    "welfare:call": page("welfare_person", own=STAFF),
    "welfare:call_detail": page("welfare_call", own=STAFF),
    "welfare:call_open_case": page("welfare_call", own={NO, TSO, TL, HSM}),
    "ta_reviews:placement_list": page(any=STAFF),
    "ta_reviews:placement_reviews": page("ta_placement", own=STAFF, other=STAFF),
    "ta_reviews:review_create": page("ta_placement", own={NO, TL, HSM}, other={HSM}),
    "teams:board": page(any=STAFF),
    "teams:check_in": page(any=NOT_DPO),
    "teams:check_in_for": page("member", own=LEADERS, other={HSM}),
    "teams:priorities": page("team", own=LEADERS, other={HSM}),
    "teams:caseload": page(any=LEADERS),
    "teams:move": page(any=LEADERS),
    "teams:move_list": page(any=STAFF),
    "teams:move_detail": page("move", any={TL, HSM, DPO}),
    "teams:move_undo": post("move", any=LEADERS),
    "recruitment:vacancy_list": page(any=STAFF),
    "recruitment:vacancy_create": page(any={HSM}),
    "recruitment:vacancy_detail": page("vacancy", any={TL, HSM, DPO}),
    "recruitment:criterion_add": page("vacancy", any={HSM}),
    "recruitment:candidate_add": page("vacancy", any={HSM}),
    "recruitment:slot_add": page("vacancy", any={HSM}),
    "recruitment:score": page("candidate", any={HSM}),
    "recruitment:scores_submit": post("vacancy", any=LEADERS),
    "recruitment:decision": page("candidate", any={HSM}),
    "recruitment:hr_notify": post("vacancy", any={HSM}),
    "imports:run_list": page(any={HSM}),
    "imports:run_detail": page("import_run", any={HSM}),
    "imports:run_progress": page("import_run", any={HSM}),
    "imports:run_confirm": post("import_run", any={HSM}),
    "community:event_list": page(any=STAFF),
    "community:calendar": page(any=STAFF),
    "community:event_create": page(any=NOT_DPO),
    "community:event_detail": page("event", own=STAFF),
    "community:event_edit": page("event", own=NOT_DPO),
    "community:event_outcome": page("event", own=NOT_DPO),
    "community:task_add": page("event", own=NOT_DPO),
    "community:task_done": post("event_task", any=NOT_DPO),
    "community:sign_up_add": page("event", own=NOT_DPO),
    "community:sign_up_remove": post("sign_up", any=NOT_DPO),
    "community:photo_add": page("event", own=NOT_DPO),
    "community:photo": page("event_photo", any=STAFF),
    "community:champion_list": page(any=STAFF),
    "community:champion_add": page(any=NOT_DPO),
    "repairs:repair_list": page(any=STAFF),
    "repairs:overdue_list": page(any={EST, TL, HSM}),
    "repairs:repair_create": page(any=STAFF),
    "repairs:contractor_list": page(any=STAFF),
    "repairs:contractor_create": page(any={HSM}),
    "repairs:contractor_edit": page("contractor", any={HSM}),
    "repairs:repair_detail": page("repair", own=STAFF, other=STAFF),
    "repairs:repair_status": page("repair", own={NO, EST, TL, HSM}, other={HSM}),
    "repairs:repair_complete": page("repair", own={NO, EST, TL, HSM}, other={HSM}),
    "hazards:breach_list": page(any=LEADERS),
    "hazards:hazard_create": page("for_home", own=NOT_DPO, other=NOT_DPO),  # anyone taking a call
    "hazards:hazard_details": page("hazard_new", own={NO, TL, HSM}, other={HSM}),
    "hazards:summary_letter": page("hazard_case", own=STAFF, other=STAFF, restricted=SEES_RESTRICTED),
    "hazards:milestone": page("hazard_step", own={NO, TL, HSM}, other={HSM}),
    "reports:tsm_report": page(any=LEADERS),
    "reports:tsm_download": page("tsm_year", any=LEADERS),
    "reports:tsm_records": page("tsm_code", any=LEADERS),
    "reports:dashboard": page(any=LEADERS),
    "reports:dashboard_csv": page("dashboard_key", any=LEADERS),
    "dataprotection:request_list": page(any={DPO}),
    "dataprotection:request_create": page(any={DPO}),
    "dataprotection:request_detail": page("sar_request", any={DPO}),
    "dataprotection:request_export": post("sar_request", any={DPO}),
    "dataprotection:request_download": page("sar_export", any={DPO}),
    "duplicates:candidate_list": page(any=LEADERS),
    "duplicates:candidate_refresh": post(any=LEADERS),
    "duplicates:candidate_review": page("duplicate", any=LEADERS),
    "duplicates:merge_list": page(any=LEADERS),
    "duplicates:merge_detail": page("merge", any=LEADERS),
    "duplicates:merge_undo": post("merge", any=LEADERS),
    "letters:run_list": page(any=NOT_DPO),
    "letters:send": page("for_person", own={NO, TL, HSM}, other={HSM}),
    "letters:run_detail": page("letter_run", any={NO, TL, HSM}),
    "letters:run_progress": page("letter_run", any={NO, TL, HSM}),
    "letters:run_pdf": page("letter_run", any={NO, TL, HSM}),
    "letters:run_resume": post("letter_run", any={NO, TL, HSM}),
    "letters:template_list": page(any=NOT_DPO),
    "letters:template_create": page(any={HSM}),
    "letters:template_detail": page("letter_template", any=NOT_DPO),
    "letters:template_edit": page("letter_template", any={HSM}),
    "letters:template_archive": post("letter_template", any={HSM}),
    "letters:template_preview_pdf": page("letter_preview", any=NOT_DPO),
    "letters:sign": page(any=NOT_DPO),
    "letters:sign_download": page("sign_choice", any=NOT_DPO),
    "resident_reports:report": page(any=PUBLIC),
    "resident_reports:report_thanks": page(any=PUBLIC),
    "resident_reports:report_place": page("place_code", any=PUBLIC),
    "resident_reports:report_list": page(any=STAFF),
    "resident_reports:report_detail": page("resident_report", own=STAFF),
    "resident_reports:report_reporter": page("resident_report", own={NO, TL, HSM, SGL}),
    "resident_reports:report_photo": page("resident_report_photo", own=STAFF),
    "resident_reports:report_open_case": post("resident_report", own=NOT_DPO),
    "resident_reports:report_dealt_with": post("resident_report", own=NOT_DPO),
    "search:search": page("search", any=STAFF, restricted=STAFF),
    "core:audit_log": page(any={DPO}),
    "core:accessibility": page(any=PUBLIC),
    "core:all_services": page(any=STAFF),
    # The API's own pages (the resources are in API below).
    "api-root": page(any=STAFF),
    "api-schema": page(any=STAFF),
    "api-docs": page(any=STAFF),
}
# fmt: on


# --- the REST API (/api/v1/) ---------------------------------------------------------------


@dataclass(frozen=True)
class Api:
    """One resource with a token per role. `list_other`: whose list includes the record in
    another office. `create` / `update`: who gets past the permission check (an empty body is
    then a 400; everyone else gets 403 and nothing is written). Contacts and call-backs are
    sent a real change (`objects.api_changes`), since their services, not the resource, decide
    who may make it: those in `update` get a 200 (rolled back), everyone else 403 or 404 and
    nothing written."""

    list: frozenset[str]
    list_other: frozenset[str]
    detail: dict[str, frozenset[str]]
    create: frozenset[str]
    update: dict[str, frozenset[str]] = field(default_factory=dict)


def _each(**variants: frozenset[str]) -> dict[str, frozenset[str]]:
    return dict(variants)


# A restricted case's detail is its stub (200, no content) for everyone signed in.
API: dict[str, Api] = {
    "home": Api(
        STAFF,
        STAFF,
        _each(own=STAFF, other=STAFF),
        frozenset({NO, TL, HSM}),
        _each(own=frozenset({NO, TL, HSM}), other=frozenset({HSM})),
    ),
    "person": Api(
        STAFF,
        STAFF,
        _each(own=STAFF, other=STAFF),
        NOT_DPO,
        _each(own=frozenset({NO, TL, HSM}), other=frozenset({HSM})),
    ),
    "tenancy": Api(
        STAFF,
        STAFF,
        _each(own=STAFF, other=STAFF),
        NOT_DPO,
        _each(own=frozenset({NO, TL, HSM}), other=frozenset({HSM})),
    ),
    # Put on a case's timeline (objects.api_changes): who may change the contact (who logged
    # it, their team leader, the manager) and the case (contacts/permissions.py).
    "contact": Api(
        STAFF,
        STAFF,
        _each(own=STAFF, other=STAFF, restricted=SEES_RESTRICTED),
        NOT_DPO,
        _each(own=LEADERS, other=frozenset({HSM}), restricted=LEADERS),
    ),
    # Marked done: the call-back's team (it is for a Walsall team), its leader and managers.
    "callback": Api(
        STAFF,
        STAFF,
        _each(own=STAFF, other=STAFF),
        NOT_DPO,
        _each(own=frozenset({NO, TSO, TL, HSM}), other=frozenset({HSM})),
    ),
    "case": Api(
        STAFF,
        STAFF,
        _each(own=STAFF, other=STAFF, restricted=STAFF),
        NOT_DPO,
        _each(
            own=frozenset({NO, ASB, TL, HSM}), other=frozenset({HSM}), restricted=SEES_RESTRICTED
        ),
    ),
    "repair": Api(
        STAFF,
        STAFF,
        _each(own=STAFF, other=STAFF),
        frozenset({NO, EST, TL, HSM}),
        _each(own=frozenset({NO, EST, TL, HSM}), other=frozenset({HSM})),
    ),
    # Complaints and inspections change through their actions only (no PATCH: 405).
    "complaint": Api(STAFF, STAFF, _each(own=STAFF, other=STAFF), NOT_DPO),
    "inspection": Api(STAFF, STAFF, _each(own=STAFF, other=STAFF), NOT_DPO),
    # Safeguarding referrals: the safeguarding lead and managers (the demo's manages every
    # office), never the officers, whatever the office.
    "referral": Api(
        frozenset({HSM, SGL}),
        frozenset({HSM, SGL}),
        _each(own=frozenset({HSM, SGL}), other=frozenset({HSM, SGL})),
        NOT_DPO,
        _each(own=frozenset({HSM, SGL}), other=frozenset({HSM, SGL})),
    ),
}

# The resources' actions: (resource, the kind whose record the URL names). Refused, and
# nothing written, for anonymous and for the read-only data protection officer.
API_ACTIONS: dict[str, tuple[str, str]] = {
    "callback-attempts": ("callback", "callback"),
    "case-notes": ("case", "case"),
    "complaint-acknowledge": ("complaint", "complaint"),
    "complaint-escalate": ("complaint", "complaint"),
    "complaint-extend": ("complaint", "complaint"),
    "complaint-respond": ("complaint", "complaint"),
    "inspection-answers": ("inspection", "answer"),
    "inspection-complete": ("inspection", "inspection"),
}

API_ENDPOINTS: frozenset[str] = frozenset(
    {f"{name}-list" for name in API} | {f"{name}-detail" for name in API} | set(API_ACTIONS)
)
