"""Fixed material for the demo landlord: staff, places, names and what officers write.

Everything here is fictional. Street and estate names are invented, postcodes are made up
(they pass the UK format check but are not meant to match real addresses), and every phone
number comes from the ranges Ofcom keeps for drama and examples, so no real person is rung.
"""

from __future__ import annotations

from dataclasses import dataclass

from doorstep.accounts.roles import Role

LANDLORD = "Forge and Canal Homes"
STAFF_DOMAIN = "forgeandcanal.example.org"
DEMO_PASSWORD = "doorstep-demo-2026"  # noqa: S105 - a demo password, printed on the console

NEIGHBOURHOOD = "Neighbourhood Team"
ESTATES = "Estates and ASB Team"


@dataclass(frozen=True)
class OfficePlan:
    name: str
    address: str
    phone: str


OFFICES: tuple[OfficePlan, ...] = (
    OfficePlan("Walsall", "Forge House, 14 Lockmakers Row, Walsall WS1 1ZA", "+441214960900"),
    OfficePlan("Birmingham", "Canal Wharf, 3 Tenter Street, Birmingham B33 8ZD", "+441214960901"),
    OfficePlan("Nottingham", "Lace Yard, 9 Mill Street, Nottingham NG5 5ZF", "+441164960900"),
)


@dataclass(frozen=True)
class StaffPlan:
    full_name: str
    role: str
    job_title: str
    office: str | None  # None: works across the landlord (manager, safeguarding lead, DPO)
    team: str | None  # NEIGHBOURHOOD or ESTATES
    login: bool = False  # the one sign-in for this role
    leads: bool = False  # Team.leader
    patch: str | None = None  # the patch this officer owns

    @property
    def email(self) -> str:
        local = "".join(ch for ch in self.full_name.lower() if ch.isalpha() or ch == " ")
        return f"{local.replace(' ', '.')}@{STAFF_DOMAIN}"


_NO = Role.NEIGHBOURHOOD_OFFICER
_TL = Role.TEAM_LEADER

# fmt: off
STAFF: tuple[StaffPlan, ...] = (
    # Walsall: the demo's home office. Every sign-in but the landlord-wide roles works here.
    StaffPlan("Sandra Hughes", _TL, "Housing team leader", "Walsall", NEIGHBOURHOOD,
              login=True, leads=True),
    StaffPlan("Kerry Bennett", _NO, "Neighbourhood officer", "Walsall", NEIGHBOURHOOD,
              login=True, patch="Beechdale and Alumwell"),
    StaffPlan("Imran Hussain", _NO, "Neighbourhood officer", "Walsall", NEIGHBOURHOOD,
              patch="Blakenall"),
    StaffPlan("Gareth Price", _NO, "Neighbourhood officer", "Walsall", NEIGHBOURHOOD,
              patch="Goscote and Caldmore"),
    StaffPlan("Aisha Begum", Role.TENANCY_SUSTAINMENT_OFFICER, "Tenancy sustainment officer",
              "Walsall", NEIGHBOURHOOD, login=True),
    StaffPlan("Paul Whitehouse", _TL, "Estates and ASB team leader", "Walsall", ESTATES,
              leads=True),
    StaffPlan("Marcus Grant", Role.ASB_OFFICER, "Anti-social behaviour officer", "Walsall",
              ESTATES, login=True),
    StaffPlan("Dave Lloyd", Role.ESTATES_OFFICER, "Estates officer", "Walsall", ESTATES,
              login=True),
    # Birmingham
    StaffPlan("Joanne Clarke", _TL, "Housing team leader", "Birmingham", NEIGHBOURHOOD,
              leads=True),
    StaffPlan("Tariq Mahmood", _NO, "Neighbourhood officer", "Birmingham", NEIGHBOURHOOD,
              patch="Kitts Green"),
    StaffPlan("Chloe Davies", _NO, "Neighbourhood officer", "Birmingham", NEIGHBOURHOOD,
              patch="Shard End"),
    StaffPlan("Bukola Adeyemi", _NO, "Neighbourhood officer", "Birmingham", NEIGHBOURHOOD,
              patch="Stechford and Lea Hall"),
    StaffPlan("Hannah Mitchell", Role.TENANCY_SUSTAINMENT_OFFICER, "Tenancy sustainment officer",
              "Birmingham", NEIGHBOURHOOD),
    StaffPlan("Steve Holloway", _TL, "Estates and ASB team leader", "Birmingham", ESTATES,
              leads=True),
    StaffPlan("Nadia Rahman", Role.ASB_OFFICER, "Anti-social behaviour officer", "Birmingham",
              ESTATES),
    StaffPlan("Kevin Walsh", Role.ESTATES_OFFICER, "Estates officer", "Birmingham", ESTATES),
    # Nottingham
    StaffPlan("Helen Parkes", _TL, "Housing team leader", "Nottingham", NEIGHBOURHOOD,
              leads=True),
    StaffPlan("Priya Patel", _NO, "Neighbourhood officer", "Nottingham", NEIGHBOURHOOD,
              patch="Bestwood"),
    StaffPlan("Liam O'Connor", _NO, "Neighbourhood officer", "Nottingham", NEIGHBOURHOOD,
              patch="Top Valley and Rise Park"),
    StaffPlan("Grace Mensah", Role.TENANCY_SUSTAINMENT_OFFICER, "Tenancy sustainment officer",
              "Nottingham", NEIGHBOURHOOD),
    StaffPlan("Ranjit Gill", _TL, "Estates and ASB team leader", "Nottingham", ESTATES,
              leads=True),
    StaffPlan("Emma Stokes", Role.ASB_OFFICER, "Anti-social behaviour officer", "Nottingham",
              ESTATES),
    StaffPlan("Tom Brennan", Role.ESTATES_OFFICER, "Estates officer", "Nottingham", ESTATES),
    # Across the landlord
    StaffPlan("Rachel Thornton", Role.HOUSING_SERVICES_MANAGER, "Housing services manager",
              None, None, login=True),
    StaffPlan("Funmilayo Okoro", Role.SAFEGUARDING_LEAD, "Safeguarding lead", None, None,
              login=True),
    StaffPlan("Martin Shaw", Role.DATA_PROTECTION_OFFICER, "Data protection officer", None, None,
              login=True),
)
# fmt: on

DEMO_OFFICER = "Kerry Bennett"
DEMO_MANAGER = "Rachel Thornton"


@dataclass(frozen=True)
class BlockPlan:
    name: str
    street: str


@dataclass(frozen=True)
class EstatePlan:
    name: str
    kind: str  # places.EstateKind value
    office: str
    patch: str
    outward: str  # outward code and sector, e.g. "WS2 7"
    weight: int  # share of the landlord's homes
    minimum: int  # homes even in a small demo
    streets: tuple[str, ...] = ()
    blocks: tuple[BlockPlan, ...] = ()
    flat_share: float = 0.0  # of an estate's homes, how many are flats in its blocks
    temporary_share: float = 0.0  # homes used as temporary accommodation
    shared_ownership_street: str = ""  # a new-build close sold on shared ownership


# fmt: off
ESTATES_PLAN: tuple[EstatePlan, ...] = (
    EstatePlan(
        "Beechdale Estate", "estate", "Walsall", "Beechdale and Alumwell", "WS2 7", 15, 24,
        streets=("Foxglove Road", "Hawthorn Crescent", "Cowslip Close", "Bramble Way",
                 "Teasel Grove"),
        blocks=(BlockPlan("Lapwing House", "Foxglove Road"),
                BlockPlan("Kestrel House", "Bramble Way")),
        flat_share=0.4, temporary_share=0.05,
    ),
    EstatePlan(
        "Alumwell Court", "sheltered", "Walsall", "Beechdale and Alumwell", "WS2 9", 3, 14,
        blocks=(BlockPlan("Alumwell Court", "Primrose Lane"),),
        flat_share=1.0,
    ),
    EstatePlan(
        "Blakenall Heath Estate", "estate", "Walsall", "Blakenall", "WS3 1", 11, 10,
        streets=("Tanners Road", "Nailers Close", "Saddlers Walk", "Buckle Street"),
        blocks=(BlockPlan("Mill House", "Tanners Road"),
                BlockPlan("Harness House", "Saddlers Walk")),
        flat_share=0.35, temporary_share=0.04,
    ),
    EstatePlan(
        "Goscote Fields", "estate", "Walsall", "Goscote and Caldmore", "WS3 2", 8, 8,
        streets=("Wharf Lane", "Towpath Close", "Lock Keepers Rise", "Narrowboat Way"),
        blocks=(BlockPlan("Wharf House", "Wharf Lane"),),
        flat_share=0.25, temporary_share=0.03,
    ),
    EstatePlan(
        "Caldmore Green", "estate", "Walsall", "Goscote and Caldmore", "WS1 4", 5, 6,
        streets=("Orchard Row", "Glebe Terrace", "Paddock Street"),
        temporary_share=0.12,
    ),
    EstatePlan(
        "Kitts Green Estate", "estate", "Birmingham", "Kitts Green", "B33 8", 12, 8,
        streets=("Sedgemere Road", "Thistle Grove", "Clover Lane", "Meadowsweet Avenue"),
        blocks=(BlockPlan("Meadway House", "Sedgemere Road"),
                BlockPlan("Poolway House", "Clover Lane")),
        flat_share=0.45, temporary_share=0.05,
    ),
    EstatePlan(
        "Shard End Estate", "estate", "Birmingham", "Shard End", "B34 7", 11, 8,
        streets=("Ferndown Road", "Heathland Avenue", "Willow Bank", "Packhorse Lane"),
        blocks=(BlockPlan("Brook House", "Ferndown Road"),),
        flat_share=0.3, temporary_share=0.04,
    ),
    EstatePlan(
        "Lea Hall Gardens", "sheltered", "Birmingham", "Stechford and Lea Hall", "B33 9", 3, 8,
        blocks=(BlockPlan("Lea Hall Gardens", "Bluebell Drive"),),
        flat_share=1.0,
    ),
    EstatePlan(
        "Stechford Village", "estate", "Birmingham", "Stechford and Lea Hall", "B33 9", 8, 8,
        streets=("Cottage Lane", "Albion Road", "Mill Race Mews", "Chapel Fold"),
        blocks=(BlockPlan("Albion House", "Albion Road"),),
        flat_share=0.3, temporary_share=0.06, shared_ownership_street="Mill Race Mews",
    ),
    EstatePlan(
        "Bestwood Park Estate", "estate", "Nottingham", "Bestwood", "NG5 5", 13, 8,
        streets=("Ashfield Road", "Larch Close", "Rowan Drive", "Birchwood Way",
                 "Hazel Gardens"),
        blocks=(BlockPlan("Sherwood House", "Ashfield Road"),
                BlockPlan("Oakdale House", "Rowan Drive")),
        flat_share=0.35, temporary_share=0.05,
    ),
    EstatePlan(
        "Top Valley Estate", "estate", "Nottingham", "Top Valley and Rise Park", "NG5 9", 8, 6,
        streets=("Valley Road North", "Kingfisher Walk", "Heron Way", "Sandpiper Close"),
        blocks=(BlockPlan("Heron House", "Heron Way"),),
        flat_share=0.3, temporary_share=0.04,
    ),
    EstatePlan(
        "Rise Park Court", "older_persons", "Nottingham", "Top Valley and Rise Park", "NG5 5",
        3, 6,
        blocks=(BlockPlan("Rise Park Court", "Lambley Walk"),),
        flat_share=1.0,
    ),
)
# fmt: on

# Ofcom's drama and example ranges that phonenumbers accepts as valid UK numbers (the 07700 900
# mobile range and 01632 960 are not, so they are not used). Local ones first for each office.
# fmt: off
PHONE_RANGES: tuple[str, ...] = (
    "01214960", "01164960", "01144960", "01134960", "01174960", "01184960", "01314960",
    "01414960", "01514960", "01614960", "02079460", "01914980", "02896496", "02920180",
    "03069990",
)
# fmt: on
LOCAL_PHONE_RANGES: dict[str, tuple[str, ...]] = {
    "Walsall": ("01214960",),
    "Birmingham": ("01214960",),
    "Nottingham": ("01164960", "01144960"),
}
# The top hundred of the offices' own ranges is kept for offices and staff.
STAFF_PHONE_PREFIX = "01214960"
STAFF_PHONE_PREFIXES = ("01214960", "01164960")
STAFF_PHONE_START = 900


@dataclass(frozen=True)
class NameGroup:
    """Names that go together in a household, and the language some of its elders speak."""

    key: str
    surnames: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    language: str = ""  # "" means English
    interpreter_share: float = 0.0  # of adults, more among older people
    # First names of people now 60 or more, where a generation's names differ.
    older_women: tuple[str, ...] = ()
    older_men: tuple[str, ...] = ()

    def first_names(self, *, female: bool, age: int) -> tuple[str, ...]:
        older = self.older_women if female else self.older_men
        if age >= 60 and older:
            return older
        return self.women if female else self.men


# fmt: off
NAME_GROUPS: tuple[NameGroup, ...] = (
    NameGroup(
        "british",
        ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
         "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
         "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Turner", "Hill", "Cooper",
         "Ward", "Morris", "Harris", "Baker", "Mills", "Bird", "Perry", "Fletcher", "Parkes",
         "Hodgetts", "Bate", "Cartwright", "Partridge", "Foster", "Lowe", "Price", "Shaw",
         "Webb", "Bennett", "Marsh", "Simmonds", "Gough", "Tonks", "Yates", "Willetts"),
        ("Susan", "Linda", "Karen", "Julie", "Tracey", "Lisa", "Donna", "Kelly", "Sarah", "Emma",
         "Gemma", "Amy", "Jade", "Chelsea", "Olivia", "Amelia", "Ruby", "Dawn", "Michelle",
         "Leanne", "Stacey", "Charlotte", "Lily", "Poppy", "Evie"),
        ("David", "Michael", "Paul", "Mark", "Stephen", "Gary", "Darren", "Lee", "Craig",
         "Jamie", "Ryan", "Liam", "Connor", "Jack", "Harry", "Oliver", "George", "Alfie", "Noah",
         "Leo", "Wayne", "Dean", "Shaun", "Kyle", "Callum", "Mason", "Tyler"),
        older_women=("Margaret", "Doreen", "Edna", "Joan", "Pauline", "Brenda", "Sheila",
                     "Maureen", "Jean", "Barbara", "Sandra", "Christine", "Janet", "Patricia",
                     "Valerie", "Irene", "Dorothy", "Betty", "Eileen", "Shirley"),
        older_men=("John", "Kenneth", "Brian", "Ronald", "Derek", "Roy", "Terry", "Keith",
                   "Barry", "Dennis", "Colin", "Trevor", "Frank", "Alan", "Graham", "Raymond",
                   "Bernard", "Geoffrey", "Malcolm", "Stanley"),
    ),
    NameGroup(
        "irish",
        ("Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Connor", "Doyle", "McCarthy",
         "Gallagher", "Quinn", "Brennan", "Flanagan", "Walsh", "Kavanagh", "Duffy"),
        ("Siobhan", "Aoife", "Niamh", "Ciara", "Sinead", "Maeve", "Roisin", "Orla"),
        ("Declan", "Ciaran", "Eoin", "Niall", "Padraig", "Kieran", "Conor", "Cian"),
        older_women=("Mary", "Bridget", "Kathleen", "Eileen", "Noreen", "Philomena"),
        older_men=("Patrick", "Sean", "Brendan", "Michael", "Gerard", "Seamus"),
    ),
    NameGroup(
        "caribbean",
        ("Campbell", "Brown", "Thomas", "Francis", "Grant", "Reid", "Clarke", "Bailey", "Henry",
         "Morgan", "Gordon", "Richards", "Edwards", "Lewis", "Samuels"),
        ("Simone", "Tanisha", "Keisha", "Shanice", "Precious", "Jasmine", "Maya", "Kayla"),
        ("Marcus", "Andre", "Jermaine", "Tyrone", "Kai", "Jaden", "Elijah", "Nathan"),
        older_women=("Beverley", "Marcia", "Joy", "Hyacinth", "Claudette", "Gloria"),
        older_men=("Winston", "Delroy", "Errol", "Clive", "Leroy", "Cecil"),
    ),
    NameGroup(
        "pakistani",
        ("Khan", "Hussain", "Ahmed", "Akhtar", "Iqbal", "Mahmood", "Rashid", "Shah", "Ali",
         "Raza", "Anwar", "Aslam", "Hanif"),
        ("Fatima", "Nasreen", "Shabana", "Parveen", "Zainab", "Ayesha", "Maryam", "Sana", "Hina",
         "Amina", "Khadija", "Noor", "Iqra", "Samina"),
        ("Mohammed", "Tariq", "Imran", "Asif", "Khalid", "Zubair", "Bilal", "Usman", "Hamza",
         "Ibrahim", "Yusuf", "Adam", "Rizwan", "Shahid"),
        language="Urdu", interpreter_share=0.2,
    ),
    NameGroup(
        "punjabi",
        ("Singh", "Kaur", "Gill", "Sandhu", "Dhillon", "Sidhu", "Bains", "Johal", "Sahota",
         "Bassi", "Atwal", "Chahal"),
        ("Harjit", "Manjit", "Gurpreet", "Jasvinder", "Kulwinder", "Rajinder", "Simran", "Amrit",
         "Navneet", "Harpreet"),
        ("Harjinder", "Balwinder", "Sukhdev", "Kuldip", "Jaswant", "Gurdeep", "Arjun",
         "Ravinder", "Manpreet", "Jaspal"),
        language="Punjabi", interpreter_share=0.2,
    ),
    NameGroup(
        "bangladeshi",
        ("Begum", "Miah", "Uddin", "Rahman", "Islam", "Hoque", "Chowdhury", "Ahmed"),
        ("Rahima", "Shirin", "Nazma", "Rokeya", "Sultana", "Jahanara", "Tahmina", "Sumaiya"),
        ("Abdul", "Shahid", "Jamal", "Nurul", "Rafiq", "Sohel", "Ashraf", "Kamal"),
        language="Bengali (Sylheti)", interpreter_share=0.25,
    ),
    NameGroup(
        "polish",
        ("Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski",
         "Szymanski", "Dabrowski", "Kozlowski"),
        ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa", "Anna", "Zofia", "Marta"),
        ("Piotr", "Krzysztof", "Tomasz", "Pawel", "Marek", "Lukasz", "Jakub", "Michal"),
        language="Polish", interpreter_share=0.35,
    ),
    NameGroup(
        "romanian",
        ("Popescu", "Ionescu", "Dumitru", "Stan", "Marin", "Constantin", "Lungu"),
        ("Ioana", "Elena", "Andreea", "Mihaela", "Gabriela", "Alina"),
        ("Andrei", "Mihai", "Ionut", "Florin", "Cristian", "Adrian"),
        language="Romanian", interpreter_share=0.35,
    ),
    NameGroup(
        "west_african",
        ("Okafor", "Adeyemi", "Mensah", "Osei", "Okonkwo", "Boateng", "Adebayo", "Nwosu",
         "Asante", "Oduya"),
        ("Ngozi", "Adaeze", "Abena", "Akosua", "Folake", "Chioma", "Efua", "Temitope"),
        ("Chinedu", "Kwame", "Kofi", "Emeka", "Oluwaseun", "Yaw", "Tunde", "Femi"),
    ),
    NameGroup(
        "east_african",
        ("Mohamed", "Abdi", "Hassan", "Omar", "Ali", "Farah", "Warsame", "Jama"),
        ("Hodan", "Fadumo", "Sahra", "Asha", "Hamdi", "Ifrah", "Ayan", "Nasra"),
        ("Abdirahman", "Mahad", "Abdullahi", "Ahmed", "Liban", "Bashir", "Yusuf", "Said"),
        language="Somali", interpreter_share=0.3,
    ),
    NameGroup(
        "kurdish",
        ("Ahmadi", "Karimi", "Rasul", "Hamid", "Mustafa", "Aziz"),
        ("Shilan", "Rezan", "Dilan", "Nazanin", "Avin"),
        ("Rebwar", "Karwan", "Hemin", "Dara", "Shvan"),
        language="Kurdish (Sorani)", interpreter_share=0.35,
    ),
)
# fmt: on

# Share of households of each background, by office.
# fmt: off
GROUP_WEIGHTS: dict[str, dict[str, int]] = {
    "Walsall": {"british": 60, "irish": 3, "caribbean": 5, "pakistani": 10, "punjabi": 10,
                "bangladeshi": 4, "polish": 4, "romanian": 2, "west_african": 1,
                "east_african": 1, "kurdish": 0},
    "Birmingham": {"british": 38, "irish": 5, "caribbean": 12, "pakistani": 18, "punjabi": 6,
                   "bangladeshi": 6, "polish": 3, "romanian": 3, "west_african": 3,
                   "east_african": 4, "kurdish": 2},
    "Nottingham": {"british": 58, "irish": 3, "caribbean": 10, "pakistani": 7, "punjabi": 3,
                   "bangladeshi": 1, "polish": 7, "romanian": 3, "west_african": 3,
                   "east_african": 3, "kurdish": 2},
}
# fmt: on

RELATIONS_FOR_EMERGENCY = (
    "Daughter",
    "Son",
    "Niece",
    "Nephew",
    "Neighbour",
    "Friend",
    "Sister",
    "Brother",
    "Granddaughter",
    "Grandson",
)
EMERGENCY_NOTES = (
    "",
    "",
    "Has a key",
    "Lives nearby and has a key",
    "Works nights; ring after 2pm",
    "Lives in Wolverhampton, about 20 minutes away",
    "Visits on Sundays",
    "Lasting power of attorney for health and welfare",
    "Prefers a text first",
)

CONSENT_AGENCIES: dict[str, tuple[str, ...]] = {
    "Walsall": (
        "Walsall Council Adult Social Care",
        "GP surgery",
        "Age UK Walsall",
        "West Midlands Fire Service (home safety check)",
        "Community mental health team",
        "Citizens Advice Walsall",
    ),
    "Birmingham": (
        "Birmingham City Council Adult Social Care",
        "GP surgery",
        "Age UK Birmingham",
        "West Midlands Fire Service (home safety check)",
        "Community mental health team",
        "Citizens Advice Birmingham",
    ),
    "Nottingham": (
        "Nottingham City Council Adult Social Care",
        "GP surgery",
        "Age UK Nottingham",
        "Nottinghamshire Fire and Rescue (home safety check)",
        "Community mental health team",
        "Citizens Advice Nottingham",
    ),
}

FLAG_NOTES: dict[str, tuple[str, ...]] = {
    "older_person": (
        "Uses a walking frame; slow to answer the door",
        "Pendant alarm fitted",
        "Knock loudly and wait",
        "Carer visits twice a day",
        "",
    ),
    "lives_alone": (
        "Family visit at weekends",
        "No family nearby; likes a chat",
        "Neighbour keeps an eye out",
        "",
    ),
    "shielding": (
        "Clinically vulnerable: doorstep contact only",
        "On chemotherapy; phone before visiting",
        "Wear a mask on visits",
    ),
    "disability": (
        "Wheelchair user; ramp at the back door",
        "Uses a mobility scooter",
        "Limited mobility after a stroke",
        "",
    ),
    "mental_health": (
        "Can become anxious at unannounced visits; ring first",
        "Support from the community mental health team",
        "",
    ),
    "learning_disability": ("Support worker attends appointments", "Easy-read letters please"),
    "hoarding": (
        "Clutter rating 6 at last visit; fire service home safety check done",
        "Hallway partly blocked; agreed a plan to clear it",
    ),
    "self_neglect": (
        "Multi-agency plan in place; see case notes",
        "Concerns about food in the home; Adult Social Care aware",
    ),
    "domestic_abuse": (
        "Do not discuss the household with anyone at the address",
        "Sanctuary scheme measures fitted",
    ),
    "substance_misuse": ("Engaging with the recovery service", ""),
    "care_leaver": ("Personal adviser at the leaving care team", "Starter tenancy support"),
    "hearing_impairment": (
        "Profoundly deaf; use text or email",
        "Wears hearing aids; speak clearly and face them",
    ),
    "sight_impairment": ("Registered blind; large print or phone", "Partially sighted"),
    "risk_to_staff": (
        "Aggressive to staff on a visit in the spring; two officers only",
        "Dog not under control; ask for it to be shut away before entering",
    ),
}
COMMUNICATION_NEEDS: dict[str, str] = {
    "hearing_impairment": "Deaf: text or email, not phone calls",
    "sight_impairment": "Large print letters",
    "learning_disability": "Easy-read letters",
}


@dataclass(frozen=True)
class ContactTemplate:
    kind: str  # who it suits: any, older, temporary, flats, family
    channel: str
    direction: str
    summary: str
    logged_by: str = "officer"  # officer, duty, asb, estates, sustainment
    follow_up: bool = False  # an officer would mark it for follow-up


_T = ContactTemplate
# fmt: off
CONTACT_TEMPLATES: tuple[ContactTemplate, ...] = (
    # Welfare calls to older people, people shielding and living alone.
    _T("older", "phone", "outbound", "Welfare call: fine, daughter visiting Sunday"),
    _T("older", "phone", "outbound",
       "Welfare call: says she's managing but hasn't been out since last week; asked about a "
       "shopping volunteer", follow_up=True),
    _T("older", "phone", "outbound",
       "Welfare call: no answer at 10am or 2pm; rang the emergency contact, all fine, he was at "
       "the day centre"),
    _T("older", "phone", "outbound", "Welfare call: in good spirits, carer comes twice a day"),
    _T("older", "phone", "outbound",
       "Welfare call: sounded confused about the date; will ask Adult Social Care to check in "
       "(consent on file)", follow_up=True),
    _T("older", "phone", "outbound",
       "Welfare call: worried about heating costs; referred to tenancy sustainment for a fuel "
       "voucher", logged_by="officer", follow_up=True),
    _T("older", "phone", "outbound",
       "Welfare call: fine, grandson has set up video calls on the tablet"),
    _T("older", "phone", "inbound",
       "Rang about the pendant alarm beeping; reported to the alarm service"),
    _T("older", "visit", "outbound",
       "Doorstep visit only (shielding); dropped off the new bin collection calendar"),
    _T("older", "phone", "outbound",
       "Welfare call: feeling low since her husband died; gave the befriending service number",
       follow_up=True),
    # Estate, neighbours and anti-social behaviour.
    _T("any", "phone", "inbound",
       "Rang about black bags dumped on the pavement by the bin store",
       logged_by="duty", follow_up=True),
    _T("flats", "phone", "inbound",
       "Rang about black bags left by the bin store at {block} again; the council won't take "
       "them as they're not in the bins", logged_by="estates", follow_up=True),
    _T("any", "phone", "inbound",
       "Reported loud music from next door until 2am, third night this week",
       logged_by="asb", follow_up=True),
    _T("any", "phone", "inbound",
       "Complained about a neighbour's dog barking all day while they're at work",
       logged_by="duty"),
    _T("flats", "phone", "inbound",
       "Reported young people gathering in the stairwell of {block} and smoking cannabis",
       logged_by="asb", follow_up=True),
    _T("any", "phone", "inbound",
       "Rang about a car parked on the grass verge on {street} for two weeks, no tax",
       logged_by="estates"),
    _T("any", "phone", "inbound",
       "Rang about friction with next door over the shared path; asked about mediation",
       follow_up=True),
    _T("any", "portal", "inbound",
       "Reported a mattress and sofa dumped behind the garages on {street}", logged_by="estates"),
    _T("any", "visit", "outbound",
       "Visited with the estates officer about fly-tipping on {street}; signs to go up",
       logged_by="estates"),
    _T("any", "visit", "outbound",
       "Joint visit with the ASB officer; gave diary sheets and explained what happens next",
       logged_by="asb"),
    # Repairs, damp and the building.
    _T("any", "phone", "inbound",
       "Reported the bathroom extractor fan not working; black mould coming back on the ceiling",
       logged_by="duty", follow_up=True),
    _T("any", "email", "inbound",
       "Emailed photos of damp in the back bedroom; passed to repairs as possible damp and mould",
       follow_up=True),
    _T("any", "phone", "inbound",
       "Rang chasing the fence panel repair from last month", logged_by="duty"),
    _T("flats", "phone", "inbound",
       "Reported the door entry at {block} not working again", logged_by="duty"),
    _T("flats", "phone", "inbound",
       "Lift at {block} out of order again; can't get down the stairs with the walking frame",
       logged_by="duty", follow_up=True),
    _T("any", "phone", "inbound",
       "Reported a leak from the flat above coming through the kitchen ceiling", logged_by="duty"),
    # Tenancy matters.
    _T("any", "email", "inbound", "Emailed asking for permission to keep a cat"),
    _T("any", "phone", "inbound", "Asked about a mutual exchange with a tenant in Wolverhampton"),
    _T("any", "phone", "inbound",
       "Rang to report a change of household: partner has moved out", follow_up=True),
    _T("family", "phone", "inbound", "Asked how to add her son to the household"),
    _T("older", "phone", "inbound",
       "Wants to move to a ground floor flat because of her knees; explained how to bid"),
    _T("any", "visit", "outbound", "Home visit: home clean and tidy, no concerns"),
    _T("any", "visit", "outbound",
       "Tenancy visit: garden overgrown, agreed to tidy it within four weeks", follow_up=True),
    _T("any", "visit", "outbound",
       "Starter tenancy visit: settling in well, rent account up to date"),
    _T("any", "letter", "outbound", "Sent letter about the condition of the garden"),
    _T("any", "text", "outbound", "Texted to confirm the visit on Tuesday at 10am"),
    _T("any", "text", "outbound", "Texted a reminder about the gas safety check appointment"),
    # Money and tenancy sustainment.
    _T("any", "phone", "inbound",
       "Asked for help with a Universal Credit housing costs claim; booked with tenancy "
       "sustainment", logged_by="sustainment", follow_up=True),
    _T("any", "phone", "outbound",
       "Rang about the arrears letter; agreed £5 a week on top of the rent",
       logged_by="sustainment"),
    _T("any", "visit", "outbound",
       "Decorating pack delivered; very pleased", logged_by="sustainment"),
    _T("family", "phone", "outbound",
       "Referred to the food bank and to Citizens Advice for debt advice", logged_by="sustainment"),
    _T("older", "phone", "outbound",
       "Garden clearance booked with the volunteer team for next Thursday",
       logged_by="sustainment"),
    # Temporary accommodation.
    _T("temporary", "phone", "outbound",
       "TA telephone review: settled, children at school nearby; asked about bidding for "
       "permanent housing"),
    _T("temporary", "phone", "outbound",
       "TA telephone review: mould in the bathroom, raised a repair; no other issues",
       follow_up=True),
    _T("temporary", "phone", "outbound",
       "TA telephone review with an interpreter: no issues, waiting for a bigger home"),
    _T("temporary", "phone", "outbound",
       "TA telephone review: no answer, left a message; will try again Friday", follow_up=True),
    _T("temporary", "phone", "inbound",
       "Rang asking how long she'll be in temporary accommodation; explained the bidding bands"),
)
# fmt: on

# Call-back reasons, in the words of whoever took the call.
CALLBACK_REASONS: tuple[str, ...] = (
    "Wants an update on the fence repair",
    "Wants to talk about moving to a ground floor flat",
    "Neighbour noise again: wants to speak to her own officer",
    "Query about the service charge on the new rent letter",
    "Asking whether the bin store at the back will be cleared this week",
    "Wants to know what's happening about the damp in the bedroom",
    "Asking for a decorating pack",
    "Daughter ringing about her mum's pendant alarm",
    "Wants to report a change of household; prefers to talk it through",
    "Asking about the letter about the garden",
    "Upset about the car parked on the verge; wants a call back today",
    "Returning your call from yesterday",
)
ATTEMPT_NOTES: dict[str, tuple[str, ...]] = {
    "no_answer": ("Rang, no answer", "No answer; no voicemail set up"),
    "left_message": ("Left a voicemail asking them to ring back", "Left a message with her son"),
    "spoke": (
        "Spoke to them; explained the next steps",
        "Spoke; happy with the update",
        "Spoke; booked a visit for next week",
    ),
}
CALLBACK_OUTCOMES: tuple[str, ...] = (
    "Spoke; repair booked for next week",
    "Spoke; explained how to bid and sent the link",
    "Spoke; agreed to visit on Thursday",
    "Spoke; issue already resolved",
    "Spoke; passed to the ASB officer",
)
