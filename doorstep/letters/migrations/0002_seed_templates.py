"""A few templates every landlord starts with: letters to a block about fly-tipping and
communal areas, a general letter with a message, a home visit, and two signs. Managers can
change them or take them out of use."""

from django.db import migrations

FLY_TIPPING = """Dear {{ person.salutation }},

We have had reports of rubbish being dumped around {{ place.name }}. We are dealing with it: our estates team will clear it, and we are looking into who left it.

Fly-tipping is a crime. It blocks escape routes, brings rats and costs every resident money, because clearing it is paid for from rents and service charges.

If you see anyone dumping rubbish, or know who is responsible, please tell us in confidence at {{ report_link }}. You do not have to give your name, and we never tell anyone who made a report.

If you have large items to get rid of, ask us or the council about a bulky waste collection.

If you would like to talk to someone, call {{ officer.name }}, your neighbourhood officer, on {{ officer.phone }}.

Yours sincerely,

{{ officer.name }}
{{ officer.job_title }}"""

COMMUNAL_AREAS = """Dear {{ person.salutation }},

During a recent inspection of {{ place.name }} we found items left in the shared hallways, landings and stairs.

Shared areas are escape routes. In a fire, anything left there can block the way out or help the fire spread, so the law requires us to keep them clear. Please move anything of yours from the shared areas within 7 days of this letter. After that we will remove what is left, and we may charge for doing so.

Mobility scooters and prams must not be stored in shared areas. If you need somewhere to keep one, please talk to us.

If you see something that worries you, tell us at {{ report_link }}.

Yours sincerely,

{{ officer.name }}
{{ officer.job_title }}, {{ officer.phone }}"""

GENERAL = """Dear {{ person.salutation }},

{{ message }}

If you have any questions, please contact me on {{ officer.phone }} or at {{ officer.email }}.

Yours sincerely,

{{ officer.name }}
{{ officer.job_title }}"""

VISIT = """Dear {{ person.salutation }},

I would like to visit you at {{ home.address }} to see how you are getting on in your home and whether there is anything we can help with.

{{ message }}

If this time is not convenient, or you would like someone with you when I visit, please call me on {{ officer.phone }}. I will always show my identity card; please ask to see it.

Yours sincerely,

{{ officer.name }}
{{ officer.job_title }}"""

SIGN_FLY_TIPPING = """Dumping rubbish here is illegal. It blocks escape routes, brings rats and costs every resident money.

We remove what is left and investigate who left it. Anyone caught fly-tipping can be fined or prosecuted, and tenants put their tenancy at risk.

Seen someone dumping rubbish? Tell us in confidence. You do not have to give your name."""

SIGN_KEEP_CLEAR = """This is an escape route. In a fire, anything left here can block the way out.

Do not leave bikes, prams, mobility scooters, rubbish or furniture in this area. Items left here will be removed.

If something is blocking this area, tell us."""

TEMPLATES = [
    ("Fly-tipping: please report it in confidence", "letter",
     "We are dealing with fly-tipping at {{ place.name }}", FLY_TIPPING),
    ("Keep shared areas clear (fire safety)", "letter",
     "Please keep the shared areas of {{ place.name }} clear", COMMUNAL_AREAS),
    ("General letter", "letter", "A letter from {{ landlord.name }}", GENERAL),
    ("Home visit", "letter", "A visit from your neighbourhood officer", VISIT),
    ("Fly-tipping is a crime: report it in confidence", "sign",
     "Fly-tipping is a crime", SIGN_FLY_TIPPING),
    ("Keep this area clear: escape route", "sign",
     "Keep this area clear", SIGN_KEEP_CLEAR),
]  # fmt: skip


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for name, kind, subject, body in TEMPLATES:
        LetterTemplate.objects.get_or_create(
            name=name, defaults={"kind": kind, "subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
