import factory

from doorstep.places.models import Block, Estate, Home, Office, Patch, Team, Tenure


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Office {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Neighbourhood team {n}")
    office = factory.SubFactory(OfficeFactory)


class PatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patch

    name = factory.Sequence(lambda n: f"Patch {n}")
    team = factory.SubFactory(TeamFactory)


class EstateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estate

    name = factory.Sequence(lambda n: f"Estate {n}")
    office = factory.SelfAttribute("patch.team.office")
    patch = factory.SubFactory(PatchFactory)


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    name = factory.Sequence(lambda n: f"Block {n}")
    estate = factory.SubFactory(EstateFactory)


class HomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Home

    uprn = factory.Sequence(lambda n: str(100000000 + n))
    address_line_1 = factory.Sequence(lambda n: f"{n + 1} Beechdale Road")
    town = "Walsall"
    postcode = "WS2 7AB"
    estate = factory.SubFactory(EstateFactory)
    patch = factory.SelfAttribute("estate.patch")
    tenure = Tenure.GENERAL_NEEDS
    bedrooms = 2
    # Built as the services build it, so searches behave as they do on real data.
    search_text = factory.LazyAttribute(
        lambda o: Home(
            address_line_1=o.address_line_1,
            address_line_2=getattr(o, "address_line_2", ""),
            town=o.town,
            postcode=o.postcode,
            uprn=o.uprn,
        ).build_search_text()
    )
