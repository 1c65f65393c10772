import factory

from doorstep.partners.models import Agency, AgencyContact, AgencyKind


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.CHARITY
    phone = "+441922650000"
    secure_email = factory.Sequence(lambda n: f"referrals{n}@agency.gov.uk")
    address = "Civic Centre, Darwall Street, Walsall WS1 1TP"
    active = True


class AgencyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyContact

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = "Duty social worker"
    phone = "+441922650001"
    email = factory.Sequence(lambda n: f"contact{n}@agency.gov.uk")
