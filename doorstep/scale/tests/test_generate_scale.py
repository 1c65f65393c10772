"""generate_scale: proportions, valid data, determinism, resuming, refusal, and pages that
render and search that finds on what it generates."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max
from django.urls import reverse

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.asb.models import AsbDetails, IncidentReport
from doorstep.cases.models import Case, CaseParty, CaseSequence
from doorstep.complaints.models import ComplaintStage
from doorstep.contacts.models import Contact
from doorstep.core.validators import normalise_phone, normalise_postcode
from doorstep.people.models import Person
from doorstep.places.models import Home
from doorstep.repairs.models import Repair, RepairSequence
from doorstep.scale import chunk, run
from doorstep.scale.organisation import SCALE_PASSWORD
from doorstep.tenancies.models import Tenancy

TODAY = dt.date(2026, 3, 2)
HOMES = 50
pytestmark = pytest.mark.django_db


def _generate(**kwargs: object) -> run.Result:
    options = {"seed": 7, "homes": HOMES, "today": TODAY, **kwargs}
    return run.generate(**options)  # type: ignore[arg-type]


def _content() -> str:
    """A digest of what is stored, read back from the database."""
    digest = hashlib.sha256()
    for model, fields in (
        (Home, ("id", "uprn", "address_line_1", "postcode", "estate_id", "tenure")),
        (Person, ("id", "reference", "first_name", "last_name", "date_of_birth", "phone")),
        (Case, ("id", "reference", "case_type", "status", "opened_on", "lead_officer_id")),
        (Contact, ("id", "person_id", "home_id", "happened_at", "logged_by_id")),
        (Repair, ("id", "reference", "priority", "reported_at", "target_at", "within_target")),
    ):
        rows = list(model.objects.order_by("id").values_list(*fields))
        digest.update(repr(rows).encode())
    return digest.hexdigest()


@pytest.fixture
def generated() -> run.Result:
    return _generate()


def test_counts_follow_the_proportions_per_home(generated: run.Result) -> None:
    assert Home.objects.count() == HOMES
    # 2.4 on average; a small sample varies (2.42 at 4,000 homes).
    assert 2.0 * HOMES <= Person.objects.count() <= 2.8 * HOMES
    assert 1.0 * HOMES <= Tenancy.objects.count() <= 1.2 * HOMES
    assert Contact.objects.count() == 40 * HOMES
    assert Repair.objects.count() == 20 * HOMES
    assert Case.objects.filter(case_type="asb").count() == HOMES
    assert Case.objects.filter(case_type="complaint").count() == HOMES
    others = Case.objects.exclude(case_type="complaint").count()
    assert 8 * HOMES - 4 <= others <= 8 * HOMES + 4
    # Over the five years up to the day given.
    first = TODAY - dt.timedelta(days=365 * 5)
    assert Case.objects.filter(opened_on__lt=first).count() == 0
    assert Case.objects.filter(opened_on__gt=TODAY).count() == 0
    assert generated.counts["contacts_contact"] == 40 * HOMES


def test_every_home_has_a_current_tenancy_with_a_tenant(generated: run.Result) -> None:
    current = Tenancy.objects.filter(end_date__isnull=True)
    assert current.count() == HOMES
    assert not current.annotate(tenants=Count("members")).filter(tenants=0).exists()


def test_work_is_uneven_as_in_a_real_landlord(generated: run.Result) -> None:
    """A long tail: the busiest person has many times the median person's contacts."""
    per_person = sorted(
        Contact.objects.values("person").annotate(n=Count("id")).values_list("n", flat=True)
    )
    assert per_person[-1] >= 5 * per_person[len(per_person) // 2]


def test_the_data_is_valid(generated: run.Result) -> None:
    for home in Home.objects.all():
        assert normalise_postcode(home.postcode) == home.postcode
        assert re.fullmatch(r"[0-9]{1,12}", home.uprn)
        assert home.postcode.lower() in home.search_text
        home.full_clean()
    for person in Person.objects.all():
        if person.phone:
            assert normalise_phone(person.phone) == person.phone
        assert person.last_name.lower() in person.search_text
        assert person.name_key
        person.full_clean()
    for case in Case.objects.all()[:100]:
        assert re.fullmatch(r"[A-Z]{2,3}-20[0-9]{2}-[0-9]{6}", case.reference)
        case.full_clean()
    for repair in Repair.objects.all()[:100]:
        assert re.fullmatch(r"REP-20[0-9]{2}-[0-9]{6}", repair.reference)
        repair.full_clean()
    assert CaseParty.objects.filter(case__case_type="asb", role="reporter").count() == HOMES
    assert AsbDetails.objects.count() == HOMES
    assert IncidentReport.objects.count() >= HOMES
    assert ComplaintStage.objects.filter(stage=1).count() == HOMES


def test_sequences_are_advanced_past_the_references_used(generated: run.Result) -> None:
    for sequence in CaseSequence.objects.all():
        top = Case.objects.filter(
            reference__startswith=f"{sequence.prefix}-{sequence.year}-"
        ).aggregate(top=Max("reference"))["top"]
        assert top == f"{sequence.prefix}-{sequence.year}-{sequence.last_number:06d}"
    for sequence in RepairSequence.objects.all():
        top = Repair.objects.filter(reference__startswith=f"REP-{sequence.year}-").aggregate(
            top=Max("reference")
        )["top"]
        assert top == f"REP-{sequence.year}-{sequence.last_number:06d}"
    # A case opened by an officer afterwards takes the next number, no clash.
    from doorstep.cases.services import _next_reference

    with transaction.atomic():
        reference = _next_reference(case_type="asb", year=TODAY.year)
    assert not Case.objects.filter(reference=reference).exists()


def test_the_same_seed_gives_the_same_landlord() -> None:
    def once(seed: int) -> tuple[str, str]:
        point = transaction.savepoint_create()
        try:
            result = _generate(seed=seed)
            return result.checksum, _content()
        finally:
            transaction.savepoint_rollback(point)

    first, again, other = once(7), once(7), once(8)
    assert first == again
    assert first[0] != other[0]
    assert first[1] != other[1]


def test_an_interrupted_run_resumes_where_it_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunk, "CHUNK_HOMES", 20)
    monkeypatch.setattr(run, "CHUNK_HOMES", 20)
    point = transaction.savepoint_create()
    whole = _generate()
    whole_content = _content()
    transaction.savepoint_rollback(point)

    original = run._load_chunk

    def fail_on_second(landlord: object, index: int) -> object:
        if index == 1:
            raise RuntimeError("the machine went down")
        return original(landlord, index)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "_load_chunk", fail_on_second)
    with pytest.raises(RuntimeError):
        _generate()
    assert Home.objects.count() == 20
    monkeypatch.setattr(run, "_load_chunk", original)
    resumed = _generate()
    assert (resumed.chunks_loaded, resumed.chunks_skipped) == (2, 1)
    assert resumed.checksum == whole.checksum
    assert _content() == whole_content
    # Once everything is loaded, running again changes nothing.
    again = _generate()
    assert (again.chunks_loaded, again.chunks_skipped) == (0, 3)
    assert Home.objects.count() == HOMES


def test_refuses_a_database_that_holds_a_landlord(home: Home) -> None:
    with pytest.raises(CommandError, match="holds 1 home"):
        call_command("generate_scale", "--homes", "10", stdout=StringIO())
    assert Home.objects.count() == 1


def test_force_adds_beside_a_landlord_without_clashes(home: Home, person: Person) -> None:
    call_command("generate_scale", "--homes", "10", "--force", stdout=StringIO())
    assert Home.objects.count() == 11
    assert Home.objects.filter(pk=home.pk, uprn=home.uprn).exists()
    assert Person.objects.filter(pk=person.pk, reference=person.reference).exists()


def test_refuses_a_second_landlord_with_other_settings(generated: run.Result) -> None:
    with pytest.raises(run.ScaleError, match="already holds a synthetic landlord"):
        _generate(seed=9)


def test_command_prints_counts_checksum_and_sign_in() -> None:
    out = StringIO()
    call_command(
        "generate_scale", "--homes", "5", "--seed", "3", "--today", "2026-03-02", stdout=out
    )
    text = out.getvalue()
    assert "places_home: 5" in text
    assert re.search(r"checksum [0-9a-f]{64}", text)
    assert SCALE_PASSWORD in text


def test_command_rejects_a_bad_day() -> None:
    with pytest.raises(CommandError, match="--today"):
        call_command("generate_scale", "--homes", "5", "--today", "2026-02-30")


def test_generated_officers_sign_in_with_the_known_password(generated: run.Result) -> None:
    officer = User.objects.filter(groups__name=Role.NEIGHBOURHOOD_OFFICER).first()
    assert officer is not None
    assert officer.check_password(SCALE_PASSWORD)


def test_pages_render_on_the_generated_landlord(client, generated: run.Result) -> None:
    officer = (
        User.objects.filter(groups__name=Role.NEIGHBOURHOOD_OFFICER)
        .annotate(cases=Count("cases_led"))
        .order_by("-cases")
        .first()
    )
    client.force_login(officer)
    person = Person.objects.annotate(n=Count("contacts")).order_by("-n").first()
    home = Home.objects.first()
    case = Case.objects.filter(case_type="asb", lead_officer__isnull=False).first()
    assert person and home and case
    pages = [
        reverse("myday:my_day"),
        reverse("people:person_detail", args=[person.reference]),
        reverse("places:home_detail", args=[home.pk]),
        reverse("cases:case_list") + "?show=all&status=open&overdue=on",
        reverse("cases:case_list") + "?show=all&status=any&page=3",
        reverse("cases:case_detail", args=[case.reference]),
        reverse("search:search") + f"?q={home.postcode}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    client.force_login(User.objects.filter(groups__name=Role.ASB_OFFICER).first())
    assert client.get(reverse("asb:community_triggers")).status_code == 200


def test_search_finds_generated_people_and_homes(client, generated: run.Result) -> None:
    officer = User.objects.filter(groups__name=Role.NEIGHBOURHOOD_OFFICER).first()
    client.force_login(officer)
    person = Person.objects.exclude(phone="").first()
    assert person is not None
    response = client.get(reverse("search:search"), {"q": person.reference})
    assert person.reference in response.content.decode()
    home = Home.objects.first()
    assert home is not None
    response = client.get(reverse("search:search"), {"q": home.uprn})
    assert home.address_line_1 in response.content.decode()
