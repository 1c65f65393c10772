"""The subject access sections of the apps that existed when the export was written.

Later apps register their own `SarSection` in their `AppConfig.ready()` (see `sar.py`).
`NOT_EXPORTED` names the models with a foreign key to Person that are deliberately left out,
with the reason; a test fails when a model with such a key is in neither a section's `covers`
nor this list.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from doorstep.dataprotection.sar import (
    OTHER_PERSON,
    Redactor,
    SarSection,
    owned_children,
    person_fields,
    record,
    register_section,
    reverse_relations,
    staff_names,
)

NOT_EXPORTED: dict[str, str] = {
    "duplicates.duplicatecandidate": (
        "a machine suggestion that two records may be the same person, recomputed nightly"
    ),
    "duplicates.notduplicate": (
        "a reviewer's note that two records are different people (data-quality bookkeeping)"
    ),
}


def _rows(
    queryset: models.QuerySet[Any],
    person: Any,
    *,
    children: bool = True,
    skip_children: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    redactor = Redactor(subject_id=person.pk)
    staff = staff_names()
    out = []
    for instance in queryset:
        row = record(instance, redactor=redactor, staff=staff)
        if children:
            kids = owned_children(instance, redactor=redactor, staff=staff, skip=skip_children)
            if kids:
                row["records"] = kids
        out.append(row)
    if out and redactor.withheld:
        out[0]["_withheld"] = dict(redactor.withheld)
    return out


# --- people ----------------------------------------------------------------------------------


def person_details(person: Any) -> list[dict[str, Any]]:
    redactor = Redactor(subject_id=person.pk)
    return [record(person, redactor=redactor, staff=staff_names())]


def flags(person: Any) -> list[dict[str, Any]]:
    return _rows(person.flags.all(), person)


def emergency_contacts(person: Any) -> list[dict[str, Any]]:
    return _rows(person.emergency_contacts.all(), person)


def consents(person: Any) -> list[dict[str, Any]]:
    return _rows(person.consents.all(), person)


def equality(person: Any) -> list[dict[str, Any]]:
    from doorstep.people.models import EqualityInformation

    return _rows(EqualityInformation.objects.filter(person=person), person)


# --- tenancies and household -----------------------------------------------------------------


def tenancies(person: Any) -> list[dict[str, Any]]:
    from doorstep.tenancies.models import Tenancy, TenancyMember

    staff = staff_names()
    memberships = TenancyMember.objects.filter(person=person).select_related("tenancy__home")
    out = []
    for membership in memberships:
        tenancy: Tenancy = membership.tenancy
        others = list(
            TenancyMember.objects.filter(tenancy=tenancy)
            .exclude(person=person)
            .select_related("person")
        )
        redactor = Redactor(subject_id=person.pk)
        redactor.add_people(m.person for m in others)
        row = record(tenancy, redactor=redactor, staff=staff)
        row["home"] = str(tenancy.home)
        row["your_role"] = membership.get_role_display()
        row["your_relationship"] = membership.relationship
        row["household"] = [{"person": OTHER_PERSON, "role": m.get_role_display()} for m in others]
        kids = owned_children(
            tenancy, redactor=redactor, staff=staff, skip=("tenancies.tenancymember",)
        )
        if kids:
            row["records"] = kids
        out.append(row)
    return out


# --- contacts --------------------------------------------------------------------------------


def contacts(person: Any) -> list[dict[str, Any]]:
    from doorstep.contacts.models import Contact

    return _rows(Contact.objects.filter(person=person).order_by("-created_at"), person)


def letters(person: Any) -> list[dict[str, Any]]:
    """Every letter addressed to the person (the text as sent, printed or emailed)."""
    from doorstep.letters.models import LetterRunItem

    return _rows(LetterRunItem.objects.filter(person=person).order_by("-id"), person)


def callbacks(person: Any) -> list[dict[str, Any]]:
    from doorstep.contacts.models import CallBack

    return _rows(CallBack.objects.filter(person=person).order_by("-due_at"), person)


# --- cases (every case type, found generically) ---------------------------------------------


def _case_person_links() -> list[tuple[type[models.Model], str, str]]:
    """(model, case field, person field) for each model hanging off a case that names a person:
    parties, incident reporters, victims, perpetrators, and later apps' additions."""
    from doorstep.cases.models import Case

    links = []
    for rel in reverse_relations(Case):
        if not (rel.one_to_many or rel.one_to_one):
            continue
        model = rel.related_model
        for f in person_fields(model):
            links.append((model, rel.field.name, f.name))
    return links


# Models with their own section: their rows linked to a case are exported there, not twice.
OWN_SECTION = frozenset(
    {
        "contacts.contact",
        "safeguarding.safeguardingreferral",
        "sustainment.supportreferral",
        "meetings.meeting",
        "welfare.welfarecall",
    }
)


def cases(person: Any) -> list[dict[str, Any]]:
    from doorstep.cases.models import Case, CaseParty
    from doorstep.people.models import Person

    case_ids: set[int] = set()
    links = _case_person_links()
    for model, case_field, person_field in links:
        if model._meta.label_lower in OWN_SECTION:
            continue
        case_ids.update(
            model._default_manager.filter(**{person_field: person.pk}).values_list(
                f"{case_field}_id", flat=True
            )
        )
    case_ids.discard(None)
    staff = staff_names()
    out: list[dict[str, Any]] = []
    withheld: dict[str, int] = {}
    for case in Case.objects.filter(pk__in=case_ids).order_by("opened_on", "pk"):
        other_ids: set[int] = set()
        for model, case_field, person_field in links:
            other_ids.update(
                model._default_manager.filter(**{case_field: case.pk}).values_list(
                    f"{person_field}_id", flat=True
                )
            )
        other_ids.discard(person.pk)
        other_ids.discard(None)
        redactor = Redactor(subject_id=person.pk)
        redactor.add_people(Person.objects.filter(pk__in=other_ids))
        row = record(case, redactor=redactor, staff=staff)
        parties = list(CaseParty.objects.filter(case=case))
        row["your_roles"] = [p.get_role_display() for p in parties if p.person_id == person.pk]
        row["other_parties"] = [
            {"person": OTHER_PERSON, "role": p.get_role_display()}
            for p in parties
            if p.person_id != person.pk
        ]
        kids = owned_children(case, redactor=redactor, staff=staff, skip=("cases.caseparty",))
        # Records in their own right that point at the case (repairs raised from it, ...).
        for rel in reverse_relations(Case):
            model = rel.related_model
            label = model._meta.label_lower
            if not rel.one_to_many or not rel.field.null or label in OWN_SECTION:
                continue
            for linked in model._default_manager.filter(**{rel.field.name: case.pk}):
                kids.setdefault(str(model._meta.verbose_name_plural), []).append(
                    record(linked, redactor=redactor, staff=staff, exclude=[rel.field.name])
                )
        if kids:
            row["records"] = kids
        for label, count in redactor.withheld.items():
            withheld[label] = withheld.get(label, 0) + count
        out.append(row)
    if out and withheld:
        out[0]["_withheld"] = withheld
    return out


def case_link_labels() -> tuple[str, ...]:
    return tuple(sorted({m._meta.label_lower for m, _c, _p in _case_person_links()} - OWN_SECTION))


# --- other apps ------------------------------------------------------------------------------


def safeguarding_referrals(person: Any) -> list[dict[str, Any]]:
    return _rows(person.safeguarding_referrals.all(), person)


def safeguarding_referral_drafts(person: Any) -> list[dict[str, Any]]:
    """Referrals an officer has started writing and not yet made (personal data while held)."""
    return _rows(person.safeguarding_referral_drafts.all(), person)


def welfare_calls(person: Any) -> list[dict[str, Any]]:
    from doorstep.welfare.models import WelfareCall

    return _rows(WelfareCall.objects.filter(person=person), person)


def support(person: Any) -> list[dict[str, Any]]:
    from doorstep.sustainment.models import SupportReferral

    return _rows(SupportReferral.objects.filter(person=person), person)


def meetings(person: Any) -> list[dict[str, Any]]:
    from doorstep.meetings.models import Meeting

    return _rows(Meeting.objects.filter(person=person), person)


def community(person: Any) -> list[dict[str, Any]]:
    from doorstep.community.models import Champion, SignUp

    champion = _rows(Champion.objects.filter(person=person), person, children=False)
    signups = _rows(
        SignUp.objects.filter(person=person).select_related("event"), person, children=False
    )
    for row, signup in zip(
        signups, SignUp.objects.filter(person=person).select_related("event"), strict=True
    ):
        row["event_title"] = str(signup.event)
    return champion + signups


def subject_access_requests(person: Any) -> list[dict[str, Any]]:
    from doorstep.dataprotection.models import SubjectAccessRequest

    return _rows(SubjectAccessRequest.objects.filter(person=person), person, children=False)


def audit(person: Any) -> list[dict[str, Any]]:
    """Who viewed or changed records about the person (the disclosures a SAR must show),
    including under any record merged into this one."""
    from doorstep.core.models import AuditEvent
    from doorstep.duplicates.models import MergeRecord

    ids = {person.pk}
    ids.update(
        MergeRecord.objects.filter(survivor_id=person.pk, undone_at__isnull=True).values_list(
            "merged_person_id", flat=True
        )
    )
    rows = []
    for event in AuditEvent.objects.filter(person_id__in=ids).select_related("actor"):
        rows.append(
            {
                "at": event.at.isoformat(),
                "by": str(event.actor) if event.actor else "system",
                "action": event.get_action_display(),
                "record_type": event.object_type,
                "record": event.object_label,
                "viewed": event.changes.get("viewed", "") if event.action == "view" else "",
                "fields_changed": sorted(event.changes) if event.action != "view" else [],
                "source": event.source,
            }
        )
    return rows


def register_all() -> None:
    for section in (
        SarSection("person", "Personal details", person_details, (), 1),
        SarSection(
            "vulnerability_flags", "Vulnerability flags", flags, ("people.vulnerabilityflag",), 2
        ),
        SarSection(
            "emergency_contacts",
            "Emergency contacts",
            emergency_contacts,
            ("people.emergencycontact",),
            3,
        ),
        SarSection("consents", "Consents to share", consents, ("people.consenttoshare",), 4),
        SarSection(
            "equality", "Equality information", equality, ("people.equalityinformation",), 5
        ),
        SarSection(
            "tenancies",
            "Tenancies and household",
            tenancies,
            ("tenancies.tenancymember", "tenancies.tenancy"),
            10,
        ),
        SarSection("contacts", "Contacts and letters", contacts, ("contacts.contact",), 20),
        SarSection("callbacks", "Call-backs", callbacks, ("contacts.callback",), 21),
        SarSection("letters", "Letters sent to you", letters, ("letters.letterrunitem",), 22),
        SarSection("cases", "Cases", cases, case_link_labels(), 30),
        SarSection(
            "safeguarding_referrals",
            "Safeguarding referrals",
            safeguarding_referrals,
            ("safeguarding.safeguardingreferral",),
            40,
        ),
        SarSection(
            "safeguarding_referral_drafts",
            "Safeguarding referrals being written",
            safeguarding_referral_drafts,
            ("safeguarding.referraldraft",),
            41,
        ),
        SarSection("welfare_calls", "Welfare calls", welfare_calls, ("welfare.welfarecall",), 50),
        SarSection(
            "support",
            "Support referrals and partner jobs",
            support,
            ("sustainment.supportreferral",),
            51,
        ),
        SarSection("meetings", "Meetings about you", meetings, ("meetings.meeting",), 52),
        SarSection(
            "community",
            "Community Champion and event sign-ups",
            community,
            ("community.champion", "community.signup"),
            60,
        ),
        SarSection(
            "subject_access_requests",
            "Subject access requests",
            subject_access_requests,
            ("dataprotection.subjectaccessrequest",),
            90,
        ),
        SarSection("audit", "Who viewed or changed your records", audit, (), 99),
    ):
        register_section(section)
