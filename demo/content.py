"""The words of the demo programme: people, organisations and the knowledge they build.

Everything here is fictional: the places (Calderbrook, Ashmoor, Kelderwick, Stourmead,
Penhallow), the organisations and the people. Email addresses use the reserved `.example`
top-level domain, so nothing can ever be sent to them.

demo/build.py turns these hand-written fragments into pages, combining them (a question
asked about two services, a tool in two versions) so the programme reads as a real one.
Summaries are written the way public outputs must be: roles, never names ("a council
commissioner", "one co-operative").
"""

# The one password of every demo account, printed by load_demo at the end of `make run`. Never
# use these accounts anywhere but a local demo (load_demo refuses production settings).
DEMO_PASSWORD = "practice-commons-demo"  # noqa: S105  (a published demo password by design)

# Theme names, exactly as seeded from themes/vocabulary.py.
COMMISSIONING = "Commissioning"
BUDGETS = "Personal budgets and direct payments"
ISFS = "Individual service funds (ISFs)"
GOVERNANCE = "Governance"
COPRODUCTION = "Co-production"
MARKET = "Market shaping"
WORKFORCE = "Workforce"
ASSETS = "Asset-based approaches"
PEER = "Peer support"
SELF = "Self-management"
IMPACT = "Evaluation and impact"
DIGITAL = "Digital"

# ---------------------------------------------------------------------------------------------
# Organisations: (name, type, region, aliases, email domain)
# ---------------------------------------------------------------------------------------------

ORGANISATIONS = [
    ("Calderbrook Metropolitan Borough Council", "council", "North West",
     ["Calderbrook", "Calderbrook MBC", "Calderbrook Council"], "calderbrook.example"),
    ("Ashmoor County Council", "council", "South West",
     ["Ashmoor", "Ashmoor CC"], "ashmoor.example"),
    ("Kelderwick City Council", "council", "Yorkshire and the Humber",
     ["Kelderwick", "Kelderwick Council"], "kelderwick.example"),
    ("Stourmead Borough Council", "council", "West Midlands",
     ["Stourmead", "Stourmead BC"], "stourmead.example"),
    ("Penhallow Council", "council", "South West",
     ["Penhallow", "Cyngor Penhallow"], "penhallow.example"),
    ("NHS Kelderwick and Ashmoor Integrated Care Board", "nhs_body", "Yorkshire and the Humber",
     ["Kelderwick and Ashmoor ICB", "NHS Kelderwick and Ashmoor"], "ka-icb.nhs.example"),
    ("Hearth & Home Care Co-operative", "care_cooperative", "Yorkshire and the Humber",
     ["Hearth & Home", "Hearth and Home", "Hearth and Home Care Co-operative"],
     "hearthandhome.example"),
    ("Kindred Care Co-operative", "care_cooperative", "North West",
     ["Kindred Care", "Kindred Care Co-op"], "kindredcare.example"),
    ("Tŷ Gofal Co-operative", "care_cooperative", "Wales",
     ["Tŷ Gofal", "Ty Gofal", "Ty Gofal Co-operative"], "tygofal.example"),
    ("Brightwater Community Care CIC", "community_business", "North East",
     ["Brightwater", "Brightwater CIC", "Brightwater Community Care"], "brightwater.example"),
    ("Sandhill Neighbourhood Care", "community_business", "East Midlands",
     ["Sandhill Care", "Sandhill Neighbourhood Care Ltd"], "sandhillcare.example"),
    ("Mill Yard Community Hub", "community_business", "North West",
     ["Mill Yard", "The Mill Yard"], "millyard.example"),
    ("Open Door Carers' Trust", "charity", "London",
     ["Open Door Carers Trust", "Open Door Trust"], "opendoortrust.example"),
    ("Wellspring Social Enterprise", "social_enterprise", "West Midlands",
     ["Wellspring", "Wellspring CIC"], "wellspring.example"),
    ("Little Lanes Support", "micro_enterprise", "South West",
     ["Little Lanes"], "littlelanes.example"),
]  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Communities
# ---------------------------------------------------------------------------------------------

CARE_BUSINESSES = "community-businesses-in-care"
COMMISSIONERS = "commissioning-care-co-operatives"

COMMUNITIES = [
    {
        "key": CARE_BUSINESSES,
        "name": "Community Businesses in Care",
        "domain": "Community businesses and co-operatives delivering care and support",
        "description": (
            "A community of practice for community businesses, care co-operatives and "
            "micro-enterprises that deliver care and support at home. Members share how they "
            "run individual service funds, pay and keep their workforce, stay accountable to "
            "the people they support, and make the case to commissioners."
        ),
        "welcome": (
            "Welcome. Everything here is members-only and shared under the Chatham House rule: "
            "use what you learn, never say who said it. The next sessions are on the right."
        ),
        # Sessions every seven weeks on a Tuesday; the tenth was about four weeks ago.
        "cadence_days": 49,
        "weekday": 1,
        "last_past_session_days_ago": 26,
        "past_sessions": 10,
    },
    {
        "key": COMMISSIONERS,
        "name": "Commissioning Care Co-operatives",
        "domain": "Council commissioners developing care co-operatives and micro-enterprises",
        "description": (
            "A community of practice for council and NHS commissioners who are growing care "
            "co-operatives and community micro-enterprises in their local market: moving from "
            "time and task to outcomes, making individual service funds work, and shaping a "
            "market that keeps care local."
        ),
        "welcome": (
            "Welcome, commissioners. Sessions run under the Chatham House rule. Bring your "
            "contract clauses, your market position statements and your hard questions."
        ),
        # Sessions every six weeks on a Thursday; the ninth was about three weeks ago.
        "cadence_days": 42,
        "weekday": 3,
        "last_past_session_days_ago": 20,
        "past_sessions": 9,
    },
]

# ---------------------------------------------------------------------------------------------
# People: (username, first name, last name, organisation, role in organisation, aliases,
#          {community key: role})
# ---------------------------------------------------------------------------------------------

PEOPLE = [
    # Community Businesses in Care
    ("sian.llewellyn", "Siân", "Llewellyn", "Open Door Carers' Trust",
     "Programme lead, communities of practice", ["Sian Llewellyn", "@sianllew"],
     {CARE_BUSINESSES: "convener"}),
    ("zoe.hartley", "Zoë", "Hartley", "Hearth & Home Care Co-operative", "Managing director",
     ["Zoe Hartley"], {CARE_BUSINESSES: "member"}),
    ("amara.okonkwo", "Amara", "Okonkwo", "Hearth & Home Care Co-operative",
     "Care worker-member and board director", [],
     {CARE_BUSINESSES: "member", COMMISSIONERS: "guest"}),
    ("gareth.pryce", "Gareth", "Pryce", "Tŷ Gofal Co-operative", "Secretary to the board",
     [], {CARE_BUSINESSES: "member"}),
    ("ffion.rhys", "Ffion", "Rhys", "Tŷ Gofal Co-operative", "Care co-ordinator", [],
     {CARE_BUSINESSES: "member"}),
    ("jose.fernandes", "José", "Fernandes", "Kindred Care Co-operative", "Operations manager",
     ["Jose Fernandes"], {CARE_BUSINESSES: "member"}),
    ("bernadette.osullivan", "Bernadette", "O'Sullivan", "Kindred Care Co-operative", "Chair",
     ["Bernie O'Sullivan"], {CARE_BUSINESSES: "member"}),
    ("imran.chaudhry", "Imran", "Chaudhry", "Brightwater Community Care CIC", "Chief executive",
     [], {CARE_BUSINESSES: "member"}),
    ("chloe.whitfield", "Chloe", "Whitfield", "Brightwater Community Care CIC",
     "Registered manager", [], {CARE_BUSINESSES: "member"}),
    ("meiling.chen", "Mei Ling", "Chen", "Sandhill Neighbourhood Care", "Founder and director",
     [], {CARE_BUSINESSES: "member"}),
    ("tomasz.nowak", "Tomasz", "Nowak", "Sandhill Neighbourhood Care",
     "Finance and contracts lead", ["Tom Nowak"], {CARE_BUSINESSES: "member"}),
    ("niamh.gallagher", "Niamh", "Gallagher", "Mill Yard Community Hub",
     "Community development manager", [], {CARE_BUSINESSES: "member"}),
    ("kwame.asante", "Kwame", "Asante", "Mill Yard Community Hub", "Wellbeing services lead",
     [], {CARE_BUSINESSES: "member"}),
    ("priya.raman", "Priya", "Raman", "Wellspring Social Enterprise", "Director", [],
     {CARE_BUSINESSES: "member"}),
    ("renee.clarke", "Renée", "Clarke", "Wellspring Social Enterprise",
     "Peer support co-ordinator", ["Renee Clarke"], {CARE_BUSINESSES: "member"}),
    ("jack.pemberton", "Jack", "Pemberton", "Little Lanes Support", "Owner and support worker",
     [], {CARE_BUSINESSES: "member"}),
    ("seun.adeyemi", "Oluwaseun", "Adeyemi", "Open Door Carers' Trust",
     "Carers' involvement lead", ["Seun Adeyemi", "Seun"], {CARE_BUSINESSES: "member"}),
    # Commissioning Care Co-operatives
    ("daniel.mensah", "Daniel", "Mensah", "Open Door Carers' Trust",
     "Programme convener, commissioning", [], {COMMISSIONERS: "convener"}),
    ("rhiannon.evans", "Rhiannon", "Evans", "Calderbrook Metropolitan Borough Council",
     "Head of commissioning, adult social care", [], {COMMISSIONERS: "member"}),
    ("mohammed.iqbal", "Mohammed", "Iqbal", "Calderbrook Metropolitan Borough Council",
     "Commissioning manager, home care", ["Mo Iqbal"], {COMMISSIONERS: "member"}),
    ("joanne.whitaker", "Joanne", "Whitaker", "Ashmoor County Council",
     "Market development manager", ["Jo Whitaker"], {COMMISSIONERS: "member"}),
    ("aisling.byrne", "Aisling", "Byrne", "Ashmoor County Council",
     "Strategic commissioner, personal budgets", [], {COMMISSIONERS: "member"}),
    ("lukasz.kowalski", "Łukasz", "Kowalski", "Kelderwick City Council",
     "Commissioning officer, micro-enterprises", ["Lukasz Kowalski"],
     {COMMISSIONERS: "member"}),
    ("hannah.blackwood", "Hannah", "Blackwood", "Kelderwick City Council",
     "Assistant director, adult social care", [], {COMMISSIONERS: "member"}),
    ("nkechi.eze", "Nkechi", "Eze", "Stourmead Borough Council",
     "Commissioning lead, community wealth building", [], {COMMISSIONERS: "member"}),
    ("rajesh.patel", "Rajesh", "Patel", "Stourmead Borough Council",
     "Procurement and contracts manager", ["Raj Patel"], {COMMISSIONERS: "member"}),
    ("morwenna.trelawney", "Morwenna", "Trelawney", "Penhallow Council", "Co-production lead",
     [], {COMMISSIONERS: "member"}),
    ("callum.macleod", "Callum", "MacLeod", "Penhallow Council",
     "Senior commissioner, home care", [], {COMMISSIONERS: "member"}),
    ("fatima.benali", "Fatima Zahra", "Benali",
     "NHS Kelderwick and Ashmoor Integrated Care Board", "Personalised care lead",
     ["Fatima Benali"], {COMMISSIONERS: "member"}),
    ("grace.adebayo", "Grace", "Adebayo", "NHS Kelderwick and Ashmoor Integrated Care Board",
     "Head of personal health budgets", [], {COMMISSIONERS: "member"}),
]  # fmt: skip

# The accounts printed at the end of load_demo, in this order: (what it shows, username).
DEMO_LOGINS = [
    ("Member of Community Businesses in Care", "zoe.hartley"),
    ("Member of another community (Commissioning Care Co-operatives)", "rhiannon.evans"),
    ("Convener of Community Businesses in Care (can use /admin/)", "sian.llewellyn"),
]
SITE_ADMIN = ("admin", "admin@practice-commons.example")

# Contact details approved for public pages (everything else blocks): proposed by the
# convener, approved by the site admin.
PUBLIC_CONTACTS = [
    ("hello@practice-commons.example", "The programme's own address"),
    ("0800 015 0120", "The programme's public helpline (free, weekdays 9 to 5)"),
]

# A public page left as a draft, never published, for trying the non-attribution check: it
# names a demo member and her co-operative, which is what the Chatham House rule forbids on a
# page anyone can read. Sign in as the site admin, open it in the admin and press Publish: the
# check refuses, shows where each name is and what to write instead, and logs the refusal
# (Reports › Non-attribution log). Rewrite the first paragraph in role language, or record
# consent to be named, and it publishes.
GATE_DEMO_DRAFT = {
    "title": "Learning from the care co-operatives",
    "slug": "learning-from-the-care-co-operatives",
    "owner": SITE_ADMIN[0],
    "body": (
        "<h2>What the co-operatives taught us</h2>"
        "<p>Zoë Hartley, managing director of Hearth and Home Care Co-operative, told the "
        "community how her members set their own rotas and why staff turnover halved.</p>"
        "<p>Care co-operatives that let care workers agree their own rotas keep their staff "
        "for longer, and the people they support see the same faces week after week. Ask for "
        "the rota rules before you commission: they say more about continuity than any "
        "quality score.</p>"
    ),
}

# ---------------------------------------------------------------------------------------------
# Session notes: twelve topics per community, in the order they are met.
# ---------------------------------------------------------------------------------------------

SESSION_TOPICS = {
    CARE_BUSINESSES: [
        {
            "title": "What we want to learn together",
            "format": "face_to_face",
            "themes": [GOVERNANCE, COPRODUCTION],
            "agenda": ["Welcome and the Chatham House rule", "Introductions: one success, "
                       "one worry", "Mapping what we want to learn", "How we will work together"],
            "guest": None,
            "presentation": "The convener introduced the programme: eight sessions a year, a "
                            "members-only space for the record, and public learning that never "
                            "names who said what.",
            "discussion": "Members mapped their biggest questions. Recruitment and pay came "
                          "first, then making individual service funds work with the council, "
                          "then how to show commissioners the value of small providers.",
            "insights": [
                ("Name the learning you want before the first session",
                 "Communities that agree three or four learning questions at the start keep "
                 "returning to them, and can tell at the end whether they answered them."),
                ("Share one success and one worry",
                 "Opening with one success and one worry each gives a quick, honest picture "
                 "of the room and surfaces shared problems early."),
                ("Agree how the record is kept",
                 "Agreeing that the record names roles, not people, makes members more willing "
                 "to share what went wrong."),
                ("Small providers feel isolated",
                 "Almost every small provider described making big decisions alone; peer "
                 "contact between sessions matters as much as the sessions."),
            ],
            "actions": ["Convener to circulate the learning questions",
                        "Members to bring one document they are proud of next time"],
            "challenges": "How do we prove the value of small, local care to commissioners who "
                          "buy by the hour?",
            "summary": "The first session set the community's learning questions: workforce "
                       "pay and retention, individual service funds, and showing commissioners "
                       "the value of small providers.",
        },
        {
            "title": "Individual service funds in practice",
            "format": "online",
            "themes": [ISFS, COMMISSIONING],
            "agenda": ["Updates since last time", "Presentation: running ISFs day to day",
                       "Discussion: what the contract says and what happens",
                       "Actions"],
            "guest": ("Dr Helen Achterberg", "Centre for Flexible Support",
                      "Researcher on individual service funds", True),
            "presentation": "A guest researcher explained how individual service funds differ "
                            "from direct payments and time and task contracts, and showed three "
                            "models of ISF accounting.",
            "discussion": "Members compared their ISF agreements. Two hold ISFs but are still "
                          "paid by the hour underneath; one has a genuine flexible budget and "
                          "reports on outcomes every quarter.",
            "insights": [
                ("An ISF paid by the hour is not an ISF",
                 "If the provider is still invoiced per visit, the person cannot move hours "
                 "around. The flexibility has to be in the payment, not only the plan."),
                ("Keep a simple ledger per person",
                 "Providers who keep a one-page ledger for each ISF can answer audit questions "
                 "in minutes and show the person how their money is spent."),
                ("Agree the tolerance in advance",
                 "A tolerance (for example 10% of the annual budget) that the provider can move "
                 "without asking removes most of the back-and-forth with the council."),
                ("Plans should be written with the person",
                 "ISF plans written in the person's own words are easier to review and harder "
                 "to turn back into a list of tasks."),
            ],
            "actions": ["Share anonymised ISF agreements in the shared tools",
                        "Draft a one-page ISF ledger template"],
            "challenges": "What do we do when the council's finance system cannot pay "
                          "anything except hours?",
            "summary": "Members compared how they run individual service funds. Flexibility "
                       "only works when the payment itself is flexible; a simple ledger per "
                       "person and an agreed tolerance make ISFs workable.",
        },
        {
            "title": "Paying the Real Living Wage and keeping carers",
            "format": "online",
            "themes": [WORKFORCE, GOVERNANCE],
            "agenda": ["Updates", "Presentation: a pay and conditions review",
                       "Discussion: recruitment, retention and rotas", "Actions"],
            "guest": None,
            "presentation": "One co-operative presented its pay review: moving to the Real "
                            "Living Wage, paying travel time, and guaranteeing hours to every "
                            "care worker-member.",
            "discussion": "Members agreed that guaranteed hours matter more to retention than "
                          "an extra twenty pence an hour. Rotas built by the care workers "
                          "themselves cut turnover at two organisations.",
            "insights": [
                ("Guaranteed hours keep carers",
                 "Care workers stay where their income is predictable. Guaranteed hours did "
                 "more for retention than a pay rise alone."),
                ("Pay for travel time",
                 "Paying for travel between visits is the single change care workers noticed "
                 "most, and it makes the Real Living Wage real."),
                ("Let carers build the rota",
                 "Rotas drawn up by the team, with the people they support, reduced "
                 "cancellations and sickness."),
                ("Count the cost of turnover",
                 "Recruiting and training one care worker costs a small provider thousands of "
                 "pounds; showing this to the board made the case for better pay."),
            ],
            "actions": ["Collect pay rates (anonymised) for a benchmark",
                        "Share the rota principles document"],
            "challenges": "How can we pay more when the council's hourly rate has not risen "
                          "with the National Living Wage?",
            "summary": "Members shared how pay and conditions affect retention. Guaranteed "
                       "hours, paid travel time and rotas built by care workers made more "
                       "difference than headline pay rates alone.",
        },
        {
            "title": "Governance that people can see",
            "format": "face_to_face",
            "themes": [GOVERNANCE, COPRODUCTION],
            "agenda": ["Updates", "Presentation: a multi-stakeholder board",
                       "Discussion: who holds us to account?", "Actions"],
            "guest": ("Eilidh Fraser", "Co-operative Care Development Trust",
                      "Co-operative development adviser", False),
            "presentation": "A co-operative development adviser described multi-stakeholder "
                            "models where care workers, people who draw on support and their "
                            "families all hold membership and seats on the board.",
            "discussion": "Members discussed how to involve people who draw on support in "
                          "governance without tokenism, and how to keep board papers short "
                          "enough to read.",
            "insights": [
                ("Give people who draw on support a real vote",
                 "Membership with a vote changes the conversation; advisory panels alone "
                 "rarely do."),
                ("Pay people for their time",
                 "Paying people who draw on support for board and panel time is a matter of "
                 "fairness, and it widens who can take part."),
                ("Short board papers, clear decisions",
                 "Two-page board papers with one decision each made meetings accessible to "
                 "members who are not professionals."),
                ("Governance is a practice, not a document",
                 "The rules matter less than the habits: who speaks first, how disagreement "
                 "is handled, how decisions are fed back."),
            ],
            "actions": ["Share model rules for a multi-stakeholder co-operative",
                        "Try a two-page board paper at the next board meeting"],
            "challenges": "How do we keep democratic control as we grow beyond one town?",
            "summary": "A session on accountable governance: multi-stakeholder membership, "
                       "paying people who draw on support for their time, and short board "
                       "papers that anyone can read.",
        },
        {
            "title": "Making the case to commissioners",
            "format": "online",
            "themes": [COMMISSIONING, IMPACT, MARKET],
            "agenda": ["Updates", "Presentation: what commissioners need to see",
                       "Discussion: evidence we already have", "Actions"],
            "guest": ("Malcolm Reid", "", "Former head of commissioning", False),
            "presentation": "A former head of commissioning explained how a council builds a "
                            "market position statement and where small providers can speak into "
                            "it.",
            "discussion": "Members found they collect plenty of evidence (compliments, "
                          "continuity of carers, hospital admissions avoided) but rarely in a "
                          "form commissioners can use.",
            "insights": [
                ("Speak to the market position statement",
                 "Commissioners respond when providers show how they meet gaps named in the "
                 "market position statement."),
                ("Continuity of carer is evidence",
                 "The number of different care workers a person sees in a month is simple to "
                 "count and persuasive."),
                ("Bring a story and a number",
                 "One person's story plus one number travels further in a council than a "
                 "long report."),
                ("Get in early, before the tender",
                 "Market engagement events before a tender are where the specification is "
                 "shaped; afterwards it is too late."),
            ],
            "actions": ["Draft a one-page evidence summary template",
                        "Map upcoming tenders and market engagement events"],
            "challenges": "How do we compete in tenders that are scored mostly on price?",
            "summary": "Members heard how commissioners use market position statements and "
                       "found that evidence they already hold, such as continuity of carer, "
                       "makes a strong case when presented simply and early.",
        },
        {
            "title": "Social return on investment without a consultant",
            "format": "masterclass",
            "themes": [IMPACT],
            "agenda": ["Updates", "Masterclass: SROI in a day", "Working on our own numbers",
                       "Actions"],
            "guest": ("Dr Anjali Mehta", "Northern Social Value Lab", "Social value analyst",
                      True),
            "presentation": "A social value analyst took members through a light-touch social "
                            "return on investment: stakeholders, outcomes, indicators, "
                            "financial proxies, deadweight and attribution.",
            "discussion": "Members worked through their own numbers. Most found a ratio they "
                          "could defend, and agreed that the story of change mattered more than "
                          "the headline figure.",
            "insights": [
                ("Start with the theory of change",
                 "An SROI is only as good as the story of change behind it. Write the theory "
                 "of change with the people you support first."),
                ("Be modest about attribution",
                 "Conservative deadweight and attribution make a ratio credible to finance "
                 "colleagues."),
                ("Use proxies commissioners recognise",
                 "Unit costs from public sources (a hospital bed day, a care home week) "
                 "persuade more than bespoke valuations."),
                ("Report the range, not one number",
                 "Giving a range with the assumptions behind it protects the result from "
                 "being dismissed."),
            ],
            "actions": ["Share the SROI worksheet", "Pair up to check each other's proxies"],
            "challenges": "Can we build a shared outcomes framework so our numbers add up?",
            "summary": "A masterclass on light-touch social return on investment. Members "
                       "learned to start from a theory of change, use recognised public unit "
                       "costs, and report a range rather than one ratio.",
        },
        {
            "title": "Micro-enterprises and community businesses working together",
            "format": "online",
            "themes": [MARKET, ASSETS],
            "agenda": ["Updates", "Presentation: a local network of micro-providers",
                       "Discussion: partnership, not competition", "Actions"],
            "guest": None,
            "presentation": "A micro-enterprise owner described a local network of "
                            "one-to-five-person providers sharing training, cover and a "
                            "back-office service run by a community business.",
            "discussion": "Members explored how larger community businesses can host "
                          "micro-enterprises without swallowing them, and what a fair fee for "
                          "shared services looks like.",
            "insights": [
                ("Share the back office, keep the front door",
                 "Micro-enterprises value shared payroll, insurance and training, but want "
                 "to keep their own relationships with the people they support."),
                ("Cover arrangements build trust",
                 "Agreeing who covers when a micro-provider is ill was the first practical "
                 "step that made a local network real."),
                ("Start from what the place already has",
                 "Asset mapping found more local capacity (lunch clubs, befrienders, "
                 "a community transport scheme) than anyone expected."),
                ("A fair fee is a published fee",
                 "Publishing the fee for shared services avoided suspicion that the host "
                 "organisation was profiting from smaller partners."),
            ],
            "actions": ["Draft heads of terms for a shared back-office service",
                        "Share the asset map template"],
            "challenges": "Who is responsible when a shared service goes wrong?",
            "summary": "Members discussed how community businesses and micro-enterprises can "
                       "share back-office services, training and cover while each keeps its "
                       "own relationships with the people it supports.",
        },
        {
            "title": "Peer support between people who draw on care",
            "format": "face_to_face",
            "themes": [PEER, SELF, COPRODUCTION],
            "agenda": ["Updates", "Presentation: a peer support circle",
                       "Discussion: paying and supporting peer supporters", "Actions"],
            "guest": None,
            "presentation": "A social enterprise described its peer support circles for people "
                            "living with long-term conditions, run by people with lived "
                            "experience who are paid for their time.",
            "discussion": "Members discussed boundaries, supervision and how peer support can "
                          "sit alongside paid care without replacing it.",
            "insights": [
                ("Peer supporters need supervision too",
                 "Regular reflective supervision kept peer supporters well and made the "
                 "circles safer."),
                ("Peer support complements paid care",
                 "People valued peer circles most as a place to learn self-management, not as "
                 "a substitute for care."),
                ("Pay lived experience properly",
                 "Paying peer supporters the same rate as other sessional workers signalled "
                 "that their expertise counts."),
                ("Small groups work best",
                 "Circles of six to eight people kept conversation open and attendance "
                 "steady."),
            ],
            "actions": ["Share the peer supporter role description",
                        "Invite a peer supporter to co-present next time"],
            "challenges": "How do we fund peer support that commissioners do not buy?",
            "summary": "A session on peer support for people living with long-term "
                       "conditions: paid peer supporters, reflective supervision and small "
                       "circles that complement paid care and support self-management.",
        },
        {
            "title": "Digital tools that carers will actually use",
            "format": "online",
            "themes": [DIGITAL, WORKFORCE],
            "agenda": ["Updates", "Show and tell: rota and care record apps",
                       "Discussion: digital inclusion for the people we support", "Actions"],
            "guest": None,
            "presentation": "Three members showed the rota and electronic care record tools "
                            "they use, including what they cost and what went wrong in the "
                            "first month.",
            "discussion": "Members agreed that tools chosen with care workers stick, and that "
                          "digital inclusion for the people they support needs time and "
                          "devices, not only an app.",
            "insights": [
                ("Choose tools with the people who will use them",
                 "Care record apps chosen by a panel of care workers were adopted within "
                 "weeks; imposed ones were worked around."),
                ("Budget for the first month",
                 "The first month of any new system needs paid time for learning; providers "
                 "who planned for it had far fewer errors."),
                ("Digital inclusion is support, not kit",
                 "Lending a tablet helped only when someone also had time to show the person "
                 "how to use it."),
                ("Own your data",
                 "Check that the care record supplier lets you export all your data in a "
                 "usable format before you sign."),
            ],
            "actions": ["Compile a comparison of rota and care record tools",
                        "Share the data export checklist"],
            "challenges": "How do we meet data protection duties with very small teams?",
            "summary": "Members compared rota and care record tools. Tools chosen with care "
                       "workers were adopted; digital inclusion for people drawing on support "
                       "needed time and help as well as devices.",
        },
        {
            "title": "Co-producing outcomes with the people we support",
            "format": "open_session",
            "themes": [COPRODUCTION, IMPACT],
            "agenda": ["Updates", "Open session with people who draw on support",
                       "Discussion: what a good outcome looks like", "Actions"],
            "guest": ("Marcus Bellamy", "", "Expert by experience", True),
            "presentation": "An expert by experience described what good support looks like "
                            "from the person's side: being known, being asked, and having a "
                            "say when things change.",
            "discussion": "People who draw on support and members wrote outcome statements "
                          "together; most were about relationships, routine and control, not "
                          "tasks.",
            "insights": [
                ("Outcomes are about relationships",
                 "Asked what matters, people talked about being known by the same care "
                 "workers and keeping their routines, not about tasks completed."),
                ("Write outcomes in the person's words",
                 "Outcome statements written in the person's own words were easier to review "
                 "and harder to reduce to a task list."),
                ("Ask what would make a good week",
                 "'What would make a good week?' opened more useful conversations than "
                 "'What are your needs?'."),
                ("Feed back what changed",
                 "Telling people what changed because of what they said kept them involved."),
            ],
            "actions": ["Publish the outcome statements (anonymised) to members",
                        "Plan a follow-up open session"],
            "challenges": "How do we measure outcomes that are about relationships?",
            "summary": "An open session where people who draw on support and members wrote "
                       "outcomes together. Good outcomes were about relationships, routine and "
                       "control, and read best in the person's own words.",
        },
        {
            "title": "Growing without losing what makes us local",
            "format": "face_to_face",
            "themes": [GOVERNANCE, MARKET],
            "agenda": ["Updates", "Presentation: replicating a co-operative model",
                       "Discussion: federations and franchises", "Actions"],
            "guest": None,
            "presentation": "One co-operative described helping a neighbouring town start its "
                            "own co-operative rather than expanding into it.",
            "discussion": "Members weighed replication against expansion and federation, and "
                          "agreed that democratic control is the first thing growth strains.",
            "insights": [
                ("Replicate, don't expand",
                 "Helping a new local co-operative start may keep care more local than "
                 "opening a branch."),
                ("Share the rulebook, not the brand",
                 "New groups adapt model rules to their place; a shared brand can come later."),
                ("Federations need a purpose",
                 "A federation works when members agree on what they will do together that "
                 "they cannot do alone."),
                ("Growth tests governance first",
                 "Democratic control is usually the first thing strained by growth."),
            ],
            "actions": ["Share the model rules used by the new co-operative"],
            "challenges": "What should a federation of care co-operatives do together?",
            "summary": "Members discussed growing community care without losing local "
                       "accountability: replicating the model, federations and shared model "
                       "rules.",
            "preview": "An upcoming session on growing community care without losing local "
                       "accountability: replication, federations and shared model rules.",
        },
        {
            "title": "What we have learned: phase one review",
            "format": "face_to_face",
            "themes": [IMPACT, GOVERNANCE],
            "agenda": ["Looking back at our learning questions",
                       "Value creation: what changed in practice?", "Planning phase two"],
            "guest": None,
            "presentation": "The convener presented the value creation story of the community "
                            "so far: immediate, potential, applied and realised value.",
            "discussion": "Members looked back at the learning questions set at the start and "
                          "agreed what to carry into the next phase.",
            "insights": [
                ("Review against the first questions",
                 "Returning to the learning questions set at the start shows how far the "
                 "community has come."),
                ("Applied value is the hardest to capture",
                 "Members can say what they learned; what they changed in practice needs "
                 "asking about directly."),
                ("Plan the archive",
                 "Agreeing what happens to the record after the programme ends protects "
                 "members' trust."),
                ("Celebrate what worked",
                 "Closing a phase with what worked gives members a reason to stay."),
            ],
            "actions": ["Convener to draft the phase report"],
            "challenges": "Which questions are still open for the next phase?",
            "summary": "A review of the first phase, using the value creation framework to look "
                       "at what members learned and changed in practice.",
            "preview": "An upcoming review of the first phase, using the value creation "
                       "framework to look at what members learned and changed in practice.",
        },
    ],
    COMMISSIONERS: [
        {
            "title": "Why co-operatives? Setting our learning questions",
            "format": "online",
            "themes": [COMMISSIONING, MARKET],
            "agenda": ["Welcome and the Chatham House rule", "Where each council is starting "
                       "from", "Setting our learning questions", "Ways of working"],
            "guest": None,
            "presentation": "The convener set out the programme and the evidence on care "
                            "co-operatives: retention, continuity and local accountability.",
            "discussion": "Councils are at very different stages: one has two care "
                          "co-operatives in its home care framework, others have none and a "
                          "market dominated by large providers.",
            "insights": [
                ("Start from the local market",
                 "Each council's first step depends on its market: where there are no "
                 "co-operatives, the work starts with the people who might found one."),
                ("Agree the problem before the model",
                 "Commissioners who started from a shared problem (rural gaps, turnover) "
                 "made faster progress than those who started from the co-operative model."),
                ("Name the internal blockers early",
                 "Procurement rules, finance systems and legal advice were named as blockers "
                 "by almost everyone."),
                ("Co-operatives are not a cheap option",
                 "Members agreed that co-operatives are about quality and local wealth, not "
                 "lower prices."),
            ],
            "actions": ["Convener to circulate the learning questions",
                        "Each council to bring its market position statement"],
            "challenges": "How do we stimulate new co-operatives where none exist?",
            "summary": "The first session compared where each council is starting from and set "
                       "learning questions on market shaping, procurement and individual "
                       "service funds.",
        },
        {
            "title": "Market position statements that invite new providers",
            "format": "online",
            "themes": [MARKET, COMMISSIONING],
            "agenda": ["Updates", "Presentation: rewriting a market position statement",
                       "Peer review of each other's statements", "Actions"],
            "guest": None,
            "presentation": "One council described rewriting its market position statement "
                            "for a new audience: people thinking of starting a micro-enterprise "
                            "or co-operative, not only established providers.",
            "discussion": "Members peer reviewed each other's statements and found most were "
                          "written for large providers, with little on small or community "
                          "options.",
            "insights": [
                ("Write the market position statement for newcomers",
                 "A statement written for someone thinking of starting a care business "
                 "invites new providers in; one written for incumbents keeps them out."),
                ("Show the gaps by place",
                 "Mapping unmet need ward by ward shows where a local co-operative could "
                 "thrive."),
                ("Say what you will do, not only what you want",
                 "Statements that commit the council to start-up support are taken more "
                 "seriously by potential founders."),
                ("Review it with providers",
                 "Testing a draft with providers and people who draw on support caught "
                 "jargon and missing information."),
            ],
            "actions": ["Share two rewritten market position statements",
                        "Draft a plain-English summary template"],
            "challenges": "How do we measure whether the market is becoming more diverse?",
            "summary": "Commissioners peer reviewed market position statements. Statements "
                       "written for potential founders, with gaps mapped by place and the "
                       "council's own commitments, invite new providers into the market.",
        },
        {
            "title": "From time and task to outcomes",
            "format": "masterclass",
            "themes": [COMMISSIONING, ISFS],
            "agenda": ["Updates", "Masterclass: outcome-based commissioning in home care",
                       "Discussion: what to pay for", "Actions"],
            "guest": ("Prof. Ruth Okafor-Lindqvist", "Institute for Care Economics",
                      "Professor of social care commissioning", True),
            "presentation": "A professor of social care commissioning described outcome-based "
                            "commissioning in home care: paying for outcomes agreed with the "
                            "person, with a core payment that keeps providers stable.",
            "discussion": "Members discussed what to keep from time and task (a core payment, "
                          "basic monitoring) and what to replace (visit-level invoicing, "
                          "electronic call monitoring as the measure of quality).",
            "insights": [
                ("Keep a stable core payment",
                 "Outcome payments work best on top of a stable core payment; providers "
                 "cannot carry all the risk."),
                ("Stop using call monitoring as a quality measure",
                 "Electronic call monitoring measures minutes, not outcomes; using it to "
                 "judge quality pushes providers back to time and task."),
                ("Pilot in one locality",
                 "Piloting outcome-based commissioning in one locality with two or three "
                 "providers let councils learn before changing the framework."),
                ("Outcomes must be the person's",
                 "Outcomes set by the council rather than agreed with the person became "
                 "targets, not outcomes."),
            ],
            "actions": ["Share outcome-based specification extracts",
                        "Identify a pilot locality"],
            "challenges": "How do we move our finance system away from paying by the hour?",
            "summary": "A masterclass on moving home care from time and task to outcome-based "
                       "commissioning: a stable core payment, outcomes agreed with the person, "
                       "and pilots in one locality before changing the framework.",
        },
        {
            "title": "Individual service funds: the commissioner's side",
            "format": "online",
            "themes": [ISFS, BUDGETS],
            "agenda": ["Updates", "Presentation: an ISF framework", "Discussion: audit, "
                       "tolerance and reviews", "Actions"],
            "guest": None,
            "presentation": "One council presented its ISF framework: the contract clauses, "
                            "the tolerance providers may move without approval, and how "
                            "reviews work.",
            "discussion": "Members compared how ISFs sit alongside direct payments and managed "
                          "personal budgets, and how auditors have reacted.",
            "insights": [
                ("Write the tolerance into the contract",
                 "An explicit tolerance in the contract stops every change becoming a "
                 "request to the council."),
                ("Audit the plan, not the minutes",
                 "Auditors accepted ISFs once reviews checked spending against the person's "
                 "plan rather than against hours."),
                ("ISFs need a finance champion",
                 "Councils that involved a finance officer from the start avoided the "
                 "payment system defaulting to hours."),
                ("Offer ISFs alongside direct payments",
                 "ISFs suit people who want choice without being an employer; they widen "
                 "choice rather than replacing direct payments."),
            ],
            "actions": ["Share ISF contract clauses", "Invite a finance officer to a session"],
            "challenges": "How do we report ISF spend in returns that expect hours?",
            "summary": "Commissioners compared individual service fund frameworks: explicit "
                       "tolerances in contracts, audits against the person's plan, and a "
                       "finance champion from the start.",
        },
        {
            "title": "Procurement routes that small providers can use",
            "format": "online",
            "themes": [COMMISSIONING, MARKET],
            "agenda": ["Updates", "Presentation: the Provider Selection Regime and light-touch "
                       "regimes", "Discussion: lots, dynamic purchasing and grants", "Actions"],
            "guest": ("Tunde Bakare", "", "Public procurement lawyer", False),
            "presentation": "A procurement lawyer explained light-touch procurement options "
                            "for care, including small lots, dynamic purchasing systems and "
                            "grants for start-up support.",
            "discussion": "Members shared where their procurement teams had said no, and found "
                          "most refusals were about risk appetite rather than the law.",
            "insights": [
                ("Small lots let small providers in",
                 "Dividing a framework into small geographic lots made it possible for "
                 "local co-operatives to bid."),
                ("Ask procurement what the rule actually is",
                 "Many 'we can't' answers turned out to be custom and practice; asking for "
                 "the specific rule opened options."),
                ("Grants can fund start-up, contracts fund delivery",
                 "Using a small grant to support a new co-operative's start-up kept the "
                 "later contract award clean."),
                ("Score social value properly",
                 "A meaningful social value weighting, with local measures, rewards "
                 "providers that keep money in the area."),
            ],
            "actions": ["Share a small-lots tender extract", "Compile procurement myths and "
                        "answers"],
            "challenges": "How do we protect new providers from being undercut at re-tender?",
            "summary": "Commissioners explored procurement routes that small providers can "
                       "use: small geographic lots, dynamic purchasing, start-up grants and "
                       "meaningful social value scoring.",
        },
        {
            "title": "Community wealth building and care",
            "format": "webinar",
            "themes": [MARKET, ASSETS],
            "agenda": ["Updates", "Webinar: keeping care spending local",
                       "Discussion: anchor institutions and care", "Actions"],
            "guest": ("Siobhan Kerrigan", "Local Economy Network", "Policy lead", True),
            "presentation": "A policy lead on community wealth building showed how much of a "
                            "council's care spending leaves the local economy, and how locally "
                            "owned providers change that.",
            "discussion": "Members discussed linking care commissioning to their councils' "
                          "inclusive wealth building strategies, and the role of the NHS as "
                          "an anchor institution.",
            "insights": [
                ("Follow the money",
                 "Tracing where care spending goes (local wages, profits, rents) made the "
                 "case for local ownership in terms the whole council understood."),
                ("Link care to the wealth building strategy",
                 "Care is often missing from a council's community wealth building "
                 "strategy, though it is one of its largest areas of spend."),
                ("The NHS is an anchor too",
                 "Integrated care boards can back local providers through their own "
                 "purchasing and workforce plans."),
                ("Local ownership needs local support",
                 "Co-operative development support made the difference between interest and "
                 "a new provider trading."),
            ],
            "actions": ["Estimate local retention of care spend", "Brief the wealth building "
                        "lead in each council"],
            "challenges": "How do we get care into the inclusive wealth building strategy?",
            "summary": "A webinar on community wealth building and care: tracing where care "
                       "spending goes, linking commissioning to wealth building strategies, and "
                       "the NHS as an anchor institution.",
        },
        {
            "title": "Growing community micro-enterprises",
            "format": "online",
            "themes": [MARKET, BUDGETS],
            "agenda": ["Updates", "Presentation: a micro-enterprise programme",
                       "Discussion: quality without registration", "Actions"],
            "guest": None,
            "presentation": "One council described its community micro-enterprise programme: "
                            "a development worker, a quality standard and a directory that "
                            "people with direct payments use to find support.",
            "discussion": "Members discussed how to assure quality for providers too small to "
                          "register, and how direct payments make micro-enterprises viable.",
            "insights": [
                ("A development worker pays for themselves",
                 "One part-time development worker supported dozens of micro-enterprises to "
                 "start, each filling local gaps."),
                ("Direct payments make micro-enterprises viable",
                 "Micro-enterprises mostly sell to people with direct payments; a healthy "
                 "direct payments offer is the foundation."),
                ("A simple quality standard builds confidence",
                 "A light quality standard (insurance, checks, training, safeguarding) "
                 "reassured social workers without heavy regulation."),
                ("Keep the directory current",
                 "An out-of-date directory does more harm than none; someone must own it."),
            ],
            "actions": ["Share the quality standard", "Share the micro-enterprise directory "
                        "template"],
            "challenges": "How do we support micro-enterprises without making them dependent "
                          "on the council?",
            "summary": "Commissioners learned from a community micro-enterprise programme: a "
                       "development worker, a light quality standard and a well-kept "
                       "directory, with direct payments as the foundation.",
        },
        {
            "title": "Co-production in commissioning decisions",
            "format": "face_to_face",
            "themes": [COPRODUCTION, COMMISSIONING],
            "agenda": ["Updates", "Presentation: co-producing a home care specification",
                       "Discussion: sharing power in procurement", "Actions"],
            "guest": None,
            "presentation": "One council described co-producing its home care specification "
                            "with people who draw on support, carers and providers, including "
                            "places on the evaluation panel.",
            "discussion": "Members discussed how to share real decisions in procurement while "
                          "staying within the rules, and how to pay and support people taking "
                          "part.",
            "insights": [
                ("Put people on the evaluation panel",
                 "People who draw on support can score quality questions on an evaluation "
                 "panel with training and support."),
                ("Co-produce the question, not only the answer",
                 "The most useful co-production happened before the specification was "
                 "written, when the problem was being defined."),
                ("Budget for involvement",
                 "Paying people for their time, and for travel and support, is a cost of "
                 "commissioning well."),
                ("Close the loop",
                 "Telling people what changed because of their input kept them involved in "
                 "the next round."),
            ],
            "actions": ["Share the evaluation panel briefing pack", "Draft an involvement "
                        "payments policy"],
            "challenges": "How do we co-produce with people who are not already involved?",
            "summary": "Commissioners discussed co-production in commissioning: involving "
                       "people early in defining the problem, paying for involvement, and "
                       "places on procurement evaluation panels.",
        },
        {
            "title": "Evaluating what changed",
            "format": "online",
            "themes": [IMPACT],
            "agenda": ["Updates", "Presentation: an outcomes framework for home care",
                       "Discussion: SROI and the value creation framework", "Actions"],
            "guest": None,
            "presentation": "The convener presented an outcomes framework for home care and "
                            "compared social return on investment with the value creation "
                            "framework for evaluating the community itself.",
            "discussion": "Members agreed a small set of shared indicators so that councils "
                          "can compare results, and discussed how to evaluate their own "
                          "learning in the community.",
            "insights": [
                ("Agree a few shared indicators",
                 "Five shared indicators that every council can collect are worth more than "
                 "fifty that only one can."),
                ("Measure continuity and stability",
                 "Turnover of care workers and the number of carers per person are simple "
                 "indicators of quality."),
                ("Evaluate the community as well as the services",
                 "The value creation framework helped members say what they had applied from "
                 "the community, not only what they had learned."),
                ("Baseline before you change",
                 "Councils that took a baseline before changing contracts could show "
                 "the difference afterwards."),
            ],
            "actions": ["Circulate the shared indicator set", "Each council to take a "
                        "baseline"],
            "challenges": "How do we attribute change to the co-operative model rather than "
                          "to other changes?",
            "summary": "Commissioners agreed a small set of shared indicators for home care "
                       "outcomes and used the value creation framework to evaluate what they "
                       "had applied from the community.",
        },
        {
            "title": "Integrated care and personal health budgets",
            "format": "online",
            "themes": [BUDGETS, COMMISSIONING],
            "agenda": ["Updates", "Presentation: personal health budgets and ISFs together",
                       "Discussion: joint funding", "Actions"],
            "guest": None,
            "presentation": "An integrated care board and a council described combining "
                            "personal health budgets and individual service funds for people "
                            "with joint funding.",
            "discussion": "Members discussed lead commissioner arrangements and aligning "
                          "review cycles so that the person has one plan.",
            "insights": [
                ("One plan, two budgets",
                 "People with joint funding want one plan and one provider, whatever the "
                 "source of the money."),
                ("Agree the lead commissioner",
                 "A lead commissioner for jointly funded packages avoids two sets of "
                 "reviews."),
                ("Align the review cycle",
                 "Reviews on the same cycle reduce duplication for the person."),
                ("Share the learning with the ICB",
                 "Integrated care boards are looking for practical models of joint "
                 "personalisation."),
            ],
            "actions": ["Share the joint funding protocol"],
            "challenges": "How do we pool budgets without a formal pooled fund agreement?",
            "summary": "Commissioners discussed combining personal health budgets and "
                       "individual service funds so that people with joint funding have one "
                       "plan.",
            "preview": "An upcoming session on combining personal health budgets and "
                       "individual service funds for people with joint health and social care "
                       "funding.",
        },
        {
            "title": "Workforce: commissioning for fair pay",
            "format": "online",
            "themes": [WORKFORCE, COMMISSIONING],
            "agenda": ["Updates", "Presentation: fair cost of care and pay clauses",
                       "Discussion: what commissioners can require", "Actions"],
            "guest": None,
            "presentation": "Members compared how their fee rates and contract clauses "
                            "support the Real Living Wage, paid travel time and guaranteed "
                            "hours.",
            "discussion": "Members agreed that pay clauses only work when fee rates cover "
                          "them, and that guaranteed hours depend on guaranteed volumes.",
            "insights": [
                ("Price for the pay you want",
                 "Fee rates set below the cost of fair pay make pay clauses impossible to "
                 "meet."),
                ("Require paid travel time",
                 "Contract clauses requiring paid travel time are enforceable and easy to "
                 "check."),
                ("Guaranteed hours need stable contracts",
                 "Providers can only guarantee hours when the council guarantees volumes."),
                ("Ask care workers",
                 "Care workers' own views are the best test of whether pay clauses work."),
            ],
            "actions": ["Compare fee rates against an open-book cost of care"],
            "challenges": "How do we check that pay clauses are honoured?",
            "summary": "Commissioners compared fee rates and pay clauses: fair pay needs fee "
                       "rates that cover it, and guaranteed hours need guaranteed volumes.",
            "preview": "An upcoming session on commissioning for fair pay: fee rates, paid "
                       "travel time and guaranteed hours.",
        },
        {
            "title": "Phase one review and what comes next",
            "format": "face_to_face",
            "themes": [IMPACT, MARKET],
            "agenda": ["Looking back at our learning questions", "What each council has "
                       "changed", "Planning phase two"],
            "guest": None,
            "presentation": "The convener presented the community's value creation story and "
                            "a first draft of the public learning report.",
            "discussion": "Each council described one change it had made because of the "
                          "community, and members chose the questions for phase two.",
            "insights": [
                ("Review against the first questions",
                 "Returning to the learning questions shows what the community has "
                 "answered and what is still open."),
                ("Record what changed in each council",
                 "Concrete changes (a new lot, a rewritten statement) are the realised value "
                 "of the community."),
                ("Plan for continuity",
                 "Agreeing how the community continues protects the relationships built."),
                ("Publish the learning",
                 "A public, non-attributed report helps councils outside the community."),
            ],
            "actions": ["Convener to finalise the public learning report"],
            "challenges": "How do we keep learning together after the funded programme?",
            "summary": "A review of phase one: what each council changed, a draft public "
                       "learning report, and the questions for phase two.",
            "preview": "An upcoming review of phase one and planning for phase two, including "
                       "a draft public learning report.",
        },
    ],
}  # fmt: skip

# "Updates since last time" fragments, combined at random for each session.
UPDATES = {
    CARE_BUSINESSES: [
        "One co-operative welcomed four new care worker-members.",
        "A community business won a small contract for night support in its ward.",
        "Two members moved ISF reporting onto a single quarterly template.",
        "One provider lost two experienced care workers to a supermarket paying more.",
        "A micro-enterprise passed its first quality review with the council.",
        "Members met between sessions to compare rota tools.",
        "One organisation's board now includes two people who draw on support.",
        "A council's hourly rate rose, but not enough to cover the National Living Wage.",
        "A peer support circle started meeting in a community café.",
        "One co-operative ran its first members' general meeting online and in person.",
        "A provider was asked by its council to present at a market engagement event.",
        "Sickness absence fell after a team moved to self-rostering.",
    ],
    COMMISSIONERS: [
        "One council published a rewritten market position statement.",
        "A new care co-operative registered with the regulator in one area.",
        "Two councils agreed to pilot outcome-based payments in one locality each.",
        "A procurement team agreed to split a home care framework into smaller lots.",
        "One integrated care board asked to join the next session as an observer.",
        "A council's finance team agreed to test paying ISFs monthly in advance.",
        "A member briefed their director on community wealth building and care.",
        "Recruitment pressures worsened across all areas over the winter.",
        "One council appointed a micro-enterprise development worker.",
        "A co-production group reviewed a draft home care specification.",
        "One council's social value weighting in care tenders rose to 20%.",
        "Two members visited a co-operative to hear from its care workers directly.",
    ],
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Challenge threads: twenty questions per community, each asked in two settings.
# ---------------------------------------------------------------------------------------------

# Each: (title template, [two settings], question template (Markdown), themes, summary,
#        insight (title, learning) drawn from the answers)
THREADS = {
    CARE_BUSINESSES: [
        ("How do we move {x} from time and task to outcomes?",
         ["home care", "night support"],
         "Our council still pays us per visit for {x}. We want to agree outcomes with each "
         "person instead, but the contract and the invoicing both assume minutes.\n\n"
         "**What we have tried**\n\n- a pilot with three people\n- quarterly outcome "
         "reviews\n\nHas anyone persuaded a council to change how it pays?",
         [COMMISSIONING, ISFS],
         "A provider asked how to move from time and task to outcomes when the contract and "
         "invoicing assume minutes.",
         ("Pilot outcomes with a handful of people first",
          "Members who moved to outcomes started with a handful of people and shared the "
          "results with their commissioner before asking for a contract change.")),
        ("What should an ISF agreement say about {x}?",
         ["unspent money", "changes to the plan"],
         "We are drafting our first individual service fund agreement. We are unsure what it "
         "should say about {x}.\n\nCould members share the clauses they use, and tell us "
         "which ones caused problems with audit?",
         [ISFS],
         "A provider drafting its first individual service fund agreement asked what the "
         "agreement should cover.",
         ("Keep ISF agreements short and specific",
          "The ISF agreements that worked were short, named an agreed tolerance and said "
          "plainly what happens to unspent money.")),
        ("How are you paying the Real Living Wage for {x}?",
         ["home care visits", "live-in support"],
         "We want to pay the Real Living Wage for {x}, but the council's rate does not cover "
         "it once travel and on-costs are added.\n\nHow are others closing the gap?",
         [WORKFORCE, COMMISSIONING],
         "A provider asked how others pay the Real Living Wage when council rates fall short.",
         ("Show commissioners the full cost of fair pay",
          "Members closed part of the gap by sharing an open-book cost of care with their "
          "commissioner, including travel time and on-costs.")),
        ("Recruiting care workers in {x}: what works?",
         ["rural areas", "a town with a new warehouse"],
         "We struggle to recruit in {x}. Adverts bring few applicants and most leave within "
         "three months.\n\nWhat has worked for you: referrals, local events, guaranteed "
         "hours?",
         [WORKFORCE],
         "A provider asked what works for recruiting and keeping care workers locally.",
         ("Recruit through people who already work for you",
          "Referrals from existing care workers brought applicants who stayed longer than "
          "those from job boards.")),
        ("How do we involve people who draw on support in {x}?",
         ["our board", "recruitment interviews"],
         "We want people who draw on our support to have a real say in {x}. We worry about "
         "tokenism and about asking too much of people.\n\nHow have others done it well?",
         [COPRODUCTION, GOVERNANCE],
         "A co-operative asked how to involve people who draw on support in its decisions "
         "without tokenism.",
         ("Pay people and prepare together",
          "Paying people for their time and preparing together before meetings made "
          "involvement real rather than token.")),
        ("Should we become a {x}?",
         ["multi-stakeholder co-operative", "community interest company"],
         "We are a small community business thinking about becoming a {x}. What difference "
         "did the legal form make to your governance, funding and relationship with the "
         "council?",
         [GOVERNANCE],
         "A community business asked whether changing its legal form would help.",
         ("Choose the legal form for the governance you want",
          "Members advised choosing a legal form for the accountability it creates; the "
          "funding differences were smaller than expected.")),
        ("How do you evidence outcomes for {x}?",
         ["people living with dementia", "people with learning disabilities"],
         "Our commissioner wants evidence of outcomes for {x}. Standard questionnaires do "
         "not work well for many of the people we support.\n\nWhat methods have you used?",
         [IMPACT, COPRODUCTION],
         "A provider asked how to evidence outcomes where standard questionnaires do not "
         "work.",
         ("Use observation and stories alongside measures",
          "Members combined short observation records and families' stories with a few "
          "simple measures.")),
        ("Has anyone calculated a social return on investment for {x}?",
         ["a lunch club", "a befriending service"],
         "We would like to calculate a social return on investment for {x} to support a "
         "funding bid. Where did you find financial proxies, and how did you handle "
         "deadweight?",
         [IMPACT],
         "A member asked for advice on calculating social return on investment for a small "
         "service.",
         ("Use published unit costs for SROI proxies",
          "Published unit costs gave credible financial proxies; members advised reporting a "
          "range rather than a single ratio.")),
        ("Which rota tools work for {x}?",
         ["a team of ten", "self-rostering teams"],
         "We are choosing a rota and care record tool for {x}. What do you use, what does it "
         "cost, and what would you avoid?",
         [DIGITAL, WORKFORCE],
         "A provider asked which rota and care record tools work for small teams.",
         ("Trial rota tools with care workers before buying",
          "Members who trialled tools with their care workers avoided costly switches "
          "later.")),
        ("How do we support people to use {x}?",
         ["video calls with family", "online shopping"],
         "Several people we support would like to use {x} but lack devices, confidence or a "
         "connection. Have you found a way to support digital inclusion without it taking "
         "over visits?",
         [DIGITAL, SELF],
         "A provider asked how to support digital inclusion for the people it supports.",
         ("Pair devices with a digital buddy",
          "Lending a device worked when paired with a volunteer digital buddy for the first "
          "few weeks.")),
        ("Working with micro-enterprises on {x}",
         ["shared training", "holiday cover"],
         "We have been approached by local micro-enterprises about {x}. How have others set "
         "up arrangements that are fair to both sides?",
         [MARKET, PEER],
         "A community business asked how to work fairly with local micro-enterprises.",
         ("Write down how shared arrangements work",
          "A short written agreement on fees, cover and responsibilities kept partnerships "
          "with micro-enterprises friendly.")),
        ("Peer support for {x}: how do you fund it?",
         ["carers", "people with long-term conditions"],
         "Our peer support for {x} is valued but not commissioned. How have others funded "
         "peer support sustainably?",
         [PEER, SELF],
         "A member asked how to fund peer support that is not commissioned.",
         ("Fund peer support through several small sources",
          "Members funded peer support through a mix of small grants, ISF flexibility and "
          "health partners, rather than one contract.")),
        ("How do we keep {x} when the council re-tenders?",
         ["continuity of carers", "our local care workers"],
         "Our contract is being re-tendered. We fear losing {x} if a large provider wins on "
         "price.\n\nWhat have you said in market engagement and in bids?",
         [COMMISSIONING, MARKET, WORKFORCE],
         "A provider asked how to protect continuity when a contract is re-tendered.",
         ("Make continuity part of the specification",
          "Raising continuity at market engagement, before the specification is fixed, was "
          "more effective than arguing for it in the bid.")),
        ("Asset mapping in {x}: where to start?",
         ["a single estate", "a market town"],
         "We want to map community assets in {x} so that support plans draw on what is "
         "already there. Where did you start, and who did you involve?",
         [ASSETS, COPRODUCTION],
         "A community business asked how to start asset mapping in its area.",
         ("Map assets with residents, not for them",
          "Asset maps made with residents found informal support that professionals had "
          "missed.")),
        ("How do you handle safeguarding concerns in {x}?",
         ["self-directed support", "shared lives arrangements"],
         "We want to give people as much control as possible through {x}, while meeting our "
         "safeguarding duties. How do you balance the two?",
         [GOVERNANCE, SELF],
         "A provider asked how to balance choice and control with safeguarding duties.",
         ("Agree positive risk-taking plans",
          "Written positive risk-taking plans, agreed with the person, gave care workers "
          "confidence to support choice.")),
        ("Supervision and wellbeing for {x}",
         ["lone workers", "care worker-members"],
         "How do you provide supervision and wellbeing support for {x} when budgets are "
         "tight and teams are spread out?",
         [WORKFORCE, PEER],
         "A provider asked how to support the wellbeing of dispersed care workers.",
         ("Use peer supervision between visits",
          "Short peer supervision sessions, online or in pairs, kept dispersed care workers "
          "connected.")),
        ("What do commissioners mean by {x}?",
         ["market sustainability", "social value"],
         "Our council keeps referring to {x} in tender documents. What does it mean in "
         "practice, and how should a small provider respond?",
         [COMMISSIONING, MARKET],
         "A provider asked what commissioners' terms mean in practice.",
         ("Ask commissioners to explain their terms",
          "Commissioners were glad to explain; asking early built a relationship as well as "
          "understanding.")),
        ("Direct payments and {x}: any advice?",
         ["personal assistants", "micro-enterprises"],
         "More people are coming to us with direct payments to buy support from {x}. How do "
         "you work alongside them?",
         [BUDGETS, MARKET],
         "A provider asked how to work alongside support bought with direct payments.",
         ("Offer back-up to people who employ their own support",
          "Offering back-up cover to people who employ their own support built "
          "relationships and new business.")),
        ("How do we tell our story in {x}?",
         ["an annual report", "a funding bid"],
         "We want to tell the story of our impact in {x} without breaching confidentiality. "
         "How do others use stories responsibly?",
         [IMPACT, COPRODUCTION],
         "A member asked how to tell impact stories without breaching confidentiality.",
         ("Get consent and let people tell their own story",
          "Stories told by people themselves, with consent and a chance to review, were "
          "more powerful and safer.")),
        ("Setting up a co-operative in {x}: lessons?",
         ["a neighbouring town", "a rural valley"],
         "Care workers in {x} have asked for help to start their own care co-operative. What "
         "would you do differently if you started again?",
         [GOVERNANCE, MARKET],
         "A co-operative asked for lessons on helping care workers start a new co-operative.",
         ("Start with the founding members' shared purpose",
          "New co-operatives that began with a clear shared purpose among founding members "
          "weathered the first year better.")),
    ],
    COMMISSIONERS: [
        ("How do we pay for {x} by outcomes?",
         ["home care", "reablement"],
         "We want to commission {x} on outcomes, but our finance system only pays for hours "
         "delivered.\n\nHas anyone changed their payment model without replacing the system?",
         [COMMISSIONING, ISFS],
         "A council commissioner asked how to pay by outcomes when the finance system pays "
         "only for hours.",
         ("Pay a monthly amount in advance and reconcile",
          "Councils paid a monthly amount in advance and reconciled quarterly, which worked "
          "within existing finance systems.")),
        ("What tolerance do you allow on {x}?",
         ["individual service funds", "managed personal budgets"],
         "What tolerance do you allow providers or people to move within {x} without "
         "council approval? How did you agree it with finance and audit?",
         [ISFS, BUDGETS],
         "A commissioner asked what tolerance councils allow within flexible budgets.",
         ("Agree tolerance with audit at the start",
          "Councils that agreed the tolerance with internal audit at the start avoided "
          "later disputes.")),
        ("How do we stimulate new {x}?",
         ["care co-operatives", "community micro-enterprises"],
         "There are no {x} in our area yet. What practical support has helped new ones "
         "start: development workers, grants, premises?",
         [MARKET],
         "A commissioner asked how to stimulate new providers where none exist.",
         ("Fund development support, not only contracts",
          "A development worker and small start-up grants did more to stimulate new "
          "providers than changing contracts alone.")),
        ("Splitting a framework into lots: {x}",
         ["by locality", "by type of support"],
         "We are considering splitting our home care framework into lots {x} so smaller "
         "providers can bid. What were the downsides?",
         [COMMISSIONING, MARKET],
         "A commissioner asked about splitting a framework into lots for smaller providers.",
         ("Small lots need light-touch lot management",
          "Small lots opened the market but needed light-touch contract management to be "
          "workable.")),
        ("How are you using {x} in care tenders?",
         ["social value weighting", "local employment measures"],
         "How much weight do you give {x} in care tenders, and how do you check that "
         "providers deliver what they promise?",
         [COMMISSIONING, IMPACT],
         "A commissioner asked how councils use social value in care tenders.",
         ("Measure a few social value commitments well",
          "Councils monitored a few specific social value commitments rather than long "
          "menus that could not be checked.")),
        ("Involving people who draw on support in {x}",
         ["procurement evaluation", "contract monitoring"],
         "We want people who draw on support to take part in {x}. How have others handled "
         "confidentiality, conflicts of interest and payment?",
         [COPRODUCTION, COMMISSIONING],
         "A commissioner asked how to involve people who draw on support in procurement.",
         ("Train and pay lay evaluators",
          "Lay evaluators who were trained, paid and supported scored reliably and raised "
          "points officers had missed.")),
        ("What goes in a market position statement about {x}?",
         ["co-operatives", "micro-enterprises"],
         "We are revising our market position statement. What have others said about {x}, "
         "and did it change who approached the council?",
         [MARKET],
         "A commissioner asked what to say in a market position statement about new kinds "
         "of provider.",
         ("Name the kinds of provider you want",
          "Statements that named co-operatives and micro-enterprises explicitly brought "
          "enquiries from potential founders.")),
        ("Quality assurance for {x}",
         ["unregistered micro-enterprises", "personal assistants"],
         "How do you give social workers and families confidence in {x} without imposing "
         "regulation designed for large providers?",
         [MARKET, BUDGETS],
         "A commissioner asked how to assure quality of very small providers.",
         ("Use a light, proportionate quality standard",
          "A short quality standard covering insurance, checks, training and safeguarding "
          "reassured social workers.")),
        ("How do we support people to take {x}?",
         ["direct payments", "individual service funds"],
         "Take-up of {x} has stalled in our area. What helped people choose them: "
         "information, brokerage, peer support?",
         [BUDGETS, ISFS, PEER],
         "A commissioner asked what helped people take up flexible budgets.",
         ("Peer support raises take-up of direct payments",
          "Hearing from people who already use direct payments did more for take-up than "
          "leaflets.")),
        ("Setting fee rates for {x}",
         ["fair pay", "rural travel"],
         "How have you built {x} into your fee rates, and how did you test that the rate "
         "covers it?",
         [WORKFORCE, COMMISSIONING],
         "A commissioner asked how fee rates can support fair pay for care workers.",
         ("Use an open-book cost of care model",
          "Open-book cost of care models, tested with local providers, gave a defensible "
          "basis for fee rates.")),
        ("Joint commissioning with the ICB on {x}",
         ["personal health budgets", "discharge to assess"],
         "We want to commission {x} jointly with our integrated care board. What "
         "governance and pooled budget arrangements have worked?",
         [COMMISSIONING, BUDGETS],
         "A commissioner asked about joint commissioning with the integrated care board.",
         ("Start joint commissioning with one shared cohort",
          "Joint arrangements worked best when they began with one clearly defined group of "
          "people.")),
        ("Evaluating {x}: what indicators?",
         ["a co-operative pilot", "outcome-based home care"],
         "We are evaluating {x}. What indicators did you choose, and how did you take a "
         "baseline?",
         [IMPACT],
         "A commissioner asked which indicators to use when evaluating a pilot.",
         ("Take a baseline before you start",
          "A simple baseline of turnover, continuity and satisfaction made the pilot's "
          "results credible.")),
        ("Community wealth building: where does {x} fit?",
         ["adult social care", "the care workforce"],
         "Our council has an inclusive wealth building strategy, but {x} is barely "
         "mentioned. How have you made the case?",
         [MARKET, ASSETS],
         "A commissioner asked how to bring care into community wealth building strategies.",
         ("Show how much care spending stays local",
          "Estimating the share of care spending that stays in the local economy made care "
          "visible in wealth building strategies.")),
        ("Procurement told us {x}: is that right?",
         ["we cannot give grants to providers", "we must re-tender every three years"],
         "Our procurement team told us {x}. Is that a legal requirement, or local custom?",
         [COMMISSIONING],
         "A commissioner asked whether a procurement restriction was law or local custom.",
         ("Ask for the specific rule",
          "Asking procurement colleagues for the specific rule often revealed more room "
          "than first thought.")),
        ("Supporting providers with {x}",
         ["digital care records", "cyber security"],
         "Small providers tell us they struggle with {x}. What support have councils or ICBs "
         "offered?",
         [DIGITAL, MARKET],
         "A commissioner asked how to support small providers with digital requirements.",
         ("Offer shared digital support to small providers",
          "Shared digital support, such as a helpdesk or group purchasing, helped small "
          "providers meet requirements.")),
        ("Strengths-based practice and {x}",
         ["support planning", "reviews"],
         "Our social workers are trained in strengths-based practice, but {x} still focus "
         "on deficits. How have you aligned commissioning with practice?",
         [ASSETS, COMMISSIONING],
         "A commissioner asked how to align commissioning with strengths-based practice.",
         ("Change the forms as well as the training",
          "Practice changed when assessment and review forms changed alongside training.")),
        ("How do we support {x} to grow?",
         ["an existing co-operative", "a community business"],
         "We have {x} delivering well in one area. How can we support it to grow without "
         "favouring it unfairly in procurement?",
         [MARKET, GOVERNANCE],
         "A commissioner asked how to support a local provider to grow fairly.",
         ("Support growth through open development offers",
          "Development support offered openly to any local provider avoided claims of "
          "favouritism.")),
        ("Co-producing {x}",
         ["a home care specification", "a carers' strategy"],
         "We are about to start co-producing {x}. What would you do differently next time?",
         [COPRODUCTION],
         "A commissioner asked for lessons on co-producing a commissioning document.",
         ("Co-produce from the first meeting",
          "Involving people from the first meeting, not after the draft, changed what was "
          "written.")),
        ("Self-management support in {x}",
         ["home care contracts", "reablement"],
         "How have you built support for self-management into {x}, and how do you pay for "
         "it?",
         [SELF, COMMISSIONING],
         "A commissioner asked how to build self-management support into contracts.",
         ("Pay for time to support independence",
          "Contracts that paid for time to support independence, not only tasks, saw people "
          "need less support over time.")),
        ("Workforce retention: what can commissioners do about {x}?",
         ["zero-hours contracts", "unpaid travel time"],
         "Providers tell us {x} drives turnover. What can commissioners reasonably require "
         "or fund?",
         [WORKFORCE, COMMISSIONING],
         "A commissioner asked how commissioning can reduce care worker turnover.",
         ("Pay for the conditions you require",
          "Commissioners who required guaranteed hours or paid travel also priced for them; "
          "requirements without funding failed.")),
    ],
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Replies on challenge threads, put together from the fragments below (see demo.py): an opener
# in the community's own voice, a practical point on one of the thread's themes, and sometimes a
# closing offer. A thread marked answered also gets a learning reply that leads into the
# thread's insight. Like the summaries, replies name roles and places generically, never a
# member or an organisation.
# ---------------------------------------------------------------------------------------------

REPLY_OPENERS = {
    CARE_BUSINESSES: [
        "We had exactly this last year.",
        "Same here, and it took us three goes to get right.",
        "Speaking as a small co-operative with about forty workers:",
        "This came up at our last board meeting, so here is where we landed.",
        "Our registered manager and I talked this through after reading your post.",
        "We are a smaller outfit than most here, but for what it is worth:",
        "We are still part way through this, so take it as work in progress.",
        "Really glad you asked, because we got this wrong the first time.",
        "From the support worker side of things rather than the office:",
    ],
    COMMISSIONERS: [
        "We have been through this in our authority.",
        "Speaking from the commissioning side, with the usual caveats:",
        "Our legal and finance colleagues asked the same thing last year.",
        "We are about a year ahead of you on this, for better or worse.",
        "I took this to our contracts team before replying.",
        "This is live for us too, so here is what we have so far.",
        "From a county perspective, where distance changes everything:",
        "We tried this in one locality before rolling it out.",
        "Our procurement lead was sceptical at first, so this may help:",
    ],
}

REPLY_CLOSERS = {
    CARE_BUSINESSES: [
        "Happy to share our template if it helps; message me.",
        "Would be good to compare notes at the next session.",
        "I would start small and keep the commissioner in the loop from week one.",
        "Keep a note of what it costs you in staff time; it makes the next conversation easier.",
        "Our workers' council had the best ideas on this, so ask yours early.",
    ],
    COMMISSIONERS: [
        "I can share our (anonymised) contract wording on request.",
        "Happy to talk it through with your finance lead if that helps.",
        "Worth raising at the next session: I suspect several of us are stuck on the same step.",
        "The providers told us far more than the market data did, so ask them first.",
        "Get your monitoring officer's view in writing before you change anything.",
    ],
}

REPLY_LEARNING_LEADS = {
    CARE_BUSINESSES: [
        "Reading back through everyone's replies, this is what I would take away.",
        "Pulling this together from the replies so far:",
        "Having tried most of the suggestions above, here is what stuck for us.",
    ],
    COMMISSIONERS: [
        "Drawing the replies together, the pattern looks like this.",
        "To summarise what has worked across the authorities who replied:",
        "Having now tested this with our own providers, here is the short version.",
    ],
}

# Practical points by theme. Some carry a short Markdown list.
REPLY_POINTS = {
    COMMISSIONING: [
        "The turning point was an open-book conversation. We laid out our real costs line by "
        "line, and the commissioner stopped arguing about the hourly rate and started asking "
        "what outcomes the money could buy.",
        "Ask for a named contract manager and a standing monthly meeting. Most of our problems "
        "came from decisions made by someone we had never met.",
        "What helped most:\n\n- a one-page summary of the change, not the whole contract\n"
        "- two or three stories from people using the service\n- a clear ask with a date on it",
        "Check the contract's variation clause before anything else. Ours already allowed a "
        "change of payment method by letter, so no re-procurement was needed.",
    ],
    BUDGETS: [
        "Direct payment holders told us the paperwork, not the money, was what put them off. "
        "A pre-paid card with light-touch monitoring cut the queries by about half.",
        "We set up a simple route for people to pool their direct payments for a shared "
        "activity. It needed a written agreement between them, but nothing more complicated.",
        "Things to settle early:\n\n- who holds the employer responsibilities\n- what happens "
        "if the person goes into hospital\n- how unspent money is recovered, and when",
        "The social work team needs to be on board. If the assessor does not believe in it, "
        "people are never offered the option in the first place.",
    ],
    ISFS: [
        "We keep a simple ledger per person, shared with them and their family every month. "
        "It answers most audit questions before they are asked.",
        "Agree a tolerance up front, say ten per cent either way over a quarter, so small "
        "changes to someone's week do not need a new sign-off.",
        "Our ISF agreement is now four pages:\n\n- what the fund is for, in the person's words\n"
        "- the tolerance and how it is reviewed\n- what happens to unspent money\n- how to end it",
        "Reviews matter more than the agreement. We review with the person at six weeks, then "
        "quarterly, and that is where the plan actually changes.",
    ],
    GOVERNANCE: [
        "We put one worker-member and one person we support on the board, with paid time to "
        "prepare. It changed the questions the board asks.",
        "Our rules allow a supporter member class, which let families have a formal voice "
        "without muddling the worker-owner structure.",
        "Before the change, check:\n\n- what your rules say about quorum\n- whether members "
        "need notice of a special resolution\n- who signs off with the regulator",
        "A short skills audit of the board showed we had nobody with finance experience. We "
        "co-opted someone for a year while we trained up an existing director.",
    ],
    COPRODUCTION: [
        "Pay people for their time, properly and quickly. Vouchers weeks later told people we "
        "did not value them.",
        "We stopped inviting people to comment on finished plans and asked them to help write "
        "the first draft instead. It took longer and it was much better.",
        "Practical things that made a difference:\n\n- meetings in the afternoon, not at nine\n"
        "- transport booked and paid in advance\n- papers sent a week before, in plain English",
        "Be honest about what cannot change. People were far more forgiving of limits we named "
        "at the start than of ones they discovered later.",
    ],
    MARKET: [
        "Mapping the small providers by postcode showed two areas with no local care at all. "
        "That map did more for the case than any strategy document.",
        "A simple framework with a low bar to join let micro-providers in without tendering "
        "for every package.",
        "What the market needed from the council:\n\n- predictable volumes for a year\n- "
        "payment within fourteen days\n- one contact who understands small providers",
        "Start-up support was cheaper than we feared: a few hours of business advice, help "
        "with insurance and a mentor from an established co-operative.",
    ],
    WORKFORCE: [
        "Guaranteed hours did more for retention than the pay rise did. People wanted to know "
        "what they would earn next month.",
        "Paying for travel time between visits, not just mileage, stopped the early leavers "
        "in our rural rounds.",
        "Recruitment that worked for us:\n\n- referrals from current workers, with a bonus "
        "after three months\n- taster shifts before interview\n- a buddy for the first month",
        "Exit conversations told us the real reasons people left. Most were about rotas, not "
        "money, and rotas we could fix.",
    ],
    ASSETS: [
        "Start with what is already there: the lunch club, the church hall, the neighbour who "
        "already checks in. We funded a connector role rather than a new service.",
        "A local asset map drawn with residents found more than the official directory did, "
        "and it stayed up to date because they owned it.",
        "Small grants of a few hundred pounds unlocked more community support than one large "
        "contract would have.",
        "Before you start:\n\n- ask people what they do well, not what they need\n- find the "
        "existing connectors\n- agree how you will hand things back",
    ],
    PEER: [
        "Our peer group meets monthly with a trained facilitator who has lived experience. "
        "Attendance doubled once we moved it out of an office and into a cafe.",
        "Pair new direct payment holders with someone who has done it for a year. The buddy "
        "gets a small thank-you payment and the questions to the office dropped sharply.",
        "Peer support needs some structure:\n\n- clear boundaries on advice\n- supervision for "
        "the peer workers\n- a simple way to escalate a worry",
        "Keep it voluntary and let the group set its own agenda. The sessions we planned for "
        "people were the ones nobody came to.",
    ],
    SELF: [
        "We agreed small, specific goals with each person and reviewed them together. The "
        "shift from doing for people to doing with them took about six months to bed in.",
        "Support workers needed permission to take a little longer so that people could do "
        "things themselves. That meant changing how we scheduled visits.",
        "A simple shared plan at home, written with the person, helped everyone keep to what "
        "the person wanted rather than what was quickest.",
        "Tools that helped people manage day to day:\n\n- a weekly planner they filled in "
        "themselves\n- a named person to call\n- a review every six weeks",
    ],
    IMPACT: [
        "Keep it light: three questions asked the same way every quarter beat a long survey "
        "nobody finished.",
        "We pair the numbers with short stories, with consent. Commissioners remembered the "
        "stories and checked the numbers.",
        "What we measure now:\n\n- what the person said mattered to them\n- whether it "
        "happened\n- what changed as a result",
        "An outside evaluator was too expensive, so a neighbouring organisation reviewed our "
        "evidence and we reviewed theirs. It kept us both honest.",
    ],
    DIGITAL: [
        "We chose a rostering system that works offline. Half our rounds have no signal.",
        "Start with the workers, not the software. We ran two drop-in sessions and a buddy "
        "scheme before switching anything on.",
        "Questions to ask any supplier:\n\n- can we get our data out, in a usable format\n"
        "- what does it cost per worker after year one\n- who do we call when it goes wrong",
        "Digital records only worked once people could see their own notes. Families noticed "
        "mistakes we had missed for months.",
    ],
}

# ---------------------------------------------------------------------------------------------
# Case studies: eight per community.
# (title, organisation name or None, consents to be named, themes, context, challenge,
#  approach, outcomes, learning, summary)
# ---------------------------------------------------------------------------------------------

CASE_STUDIES = {
    CARE_BUSINESSES: [
        ("A care co-operative owned by its care workers", "Hearth & Home Care Co-operative",
         True, [GOVERNANCE, WORKFORCE],
         "A worker-owned home care co-operative in a post-industrial town, supporting around "
         "sixty people.",
         "High turnover and low morale under a previous private owner.",
         "Care workers bought the business as a co-operative, guaranteed hours and moved to "
         "self-rostering teams.",
         "Turnover fell by more than half in two years; people saw fewer different care "
         "workers each month.",
         "Ownership changed how care workers felt about the work; guaranteed hours made it "
         "affordable to stay.",
         "A worker-owned care co-operative cut turnover by more than half after moving to "
         "guaranteed hours and self-rostering teams."),
        ("Individual service funds in a rural county", None, False, [ISFS, COMMISSIONING],
         "A community business supporting older people across a sparsely populated rural "
         "county.",
         "Time and task visits left little room for what people wanted, and travel ate into "
         "care time.",
         "The provider negotiated individual service funds for twenty people, with a 10% "
         "tolerance and quarterly outcome reviews.",
         "People used flexibility for outings, shopping and social contact; missed visits "
         "fell.",
         "A clear tolerance and a simple ledger were what made ISFs workable for both "
         "provider and council.",
         "A rural community business moved twenty people onto individual service funds with "
         "an agreed tolerance and quarterly outcome reviews."),
        ("A community hub that became a care provider", "Mill Yard Community Hub", True,
         [ASSETS, MARKET],
         "A community hub in a former mill, running a café, lunch club and advice service.",
         "Local people kept asking for help at home that no provider would offer in short "
         "visits.",
         "The hub registered a small home support service, staffed by local people, linked to "
         "its existing activities.",
         "People moved easily between the lunch club, befriending and home support; "
         "loneliness scores improved.",
         "Starting from the hub's existing relationships made the new service trusted from "
         "the first week.",
         "A community hub added home support to its lunch club and befriending, building on "
         "relationships it already had."),
        ("Paying the Real Living Wage on council rates", None, False, [WORKFORCE, IMPACT],
         "A small home care co-operative contracted by a council at a fixed hourly rate.",
         "The council rate did not cover the Real Living Wage once travel and on-costs were "
         "included.",
         "The co-operative shared an open-book cost of care with its commissioner and "
         "reduced travel by clustering visits by neighbourhood.",
         "The council raised its rate for the co-operative's lot; clustered rounds cut travel "
         "by a fifth.",
         "Open books built trust; the commissioner could see exactly where the money went.",
         "A co-operative paid the Real Living Wage by sharing an open-book cost of care with "
         "its commissioner and clustering visits by neighbourhood."),
        ("A Welsh-language care co-operative", "Tŷ Gofal Co-operative", False,
         [GOVERNANCE, COPRODUCTION],
         "A care co-operative in a Welsh-speaking rural area.",
         "People who speak Welsh as a first language could rarely get care in Welsh.",
         "The co-operative recruited Welsh-speaking care workers locally and involved people "
         "it supports in its board.",
         "Most people supported now receive care in their first language; recruitment "
         "improved.",
         "Language is part of good care; local recruitment and local governance go "
         "together.",
         "A rural care co-operative offered care in people's first language by recruiting "
         "locally and sharing governance with the people it supports."),
        ("Peer support circles for long-term conditions", None, False, [PEER, SELF],
         "A social enterprise working with people living with long-term conditions.",
         "People left clinical self-management courses without ongoing support.",
         "Paid peer supporters with lived experience ran small circles in community venues.",
         "Attendance was steady; people reported more confidence managing their conditions.",
         "Paid peer supporters with supervision kept the circles safe and sustainable.",
         "A social enterprise ran peer support circles led by paid peer supporters, helping "
         "people manage long-term conditions with confidence."),
        ("A micro-enterprise network sharing the back office", "Little Lanes Support", True,
         [MARKET, PEER],
         "A one-person micro-enterprise in a coastal area.",
         "Payroll, insurance and training took time away from supporting people.",
         "Several micro-enterprises shared a back-office service hosted by a community "
         "business, for a published fee.",
         "Owners spent more time supporting people and covered each other's holidays.",
         "Sharing the back office while keeping their own relationships suited "
         "micro-enterprises best.",
         "Local micro-enterprises shared payroll, insurance and training through a community "
         "business while keeping their own relationships with people."),
        ("Measuring social return on a befriending service", None, False, [IMPACT, PEER],
         "A community business running a befriending service for isolated older people.",
         "Funders asked for evidence of value beyond attendance numbers.",
         "The organisation carried out a light-touch social return on investment with "
         "volunteers and people using the service.",
         "The analysis showed a credible range of social value and helped secure a "
         "three-year grant.",
         "Building the theory of change with people using the service made the numbers "
         "meaningful.",
         "A befriending service used a light-touch social return on investment, built with "
         "the people using it, to secure longer-term funding."),
    ],
    COMMISSIONERS: [
        ("Rewriting a market position statement for founders",
         "Kelderwick City Council", True, [MARKET, COMMISSIONING],
         "A city council with a home care market dominated by a few large providers.",
         "No new local providers had entered the market in five years.",
         "The council rewrote its market position statement for potential founders, with "
         "gaps mapped by ward and a start-up support offer.",
         "Three groups enquired about starting care co-operatives within six months.",
         "Writing for newcomers, and saying what the council would do, opened the door.",
         "A city council rewrote its market position statement for potential founders and "
         "received enquiries from new care co-operatives within months."),
        ("Outcome-based home care in one locality", None, False, [COMMISSIONING, ISFS],
         "A metropolitan borough with long-standing time and task home care contracts.",
         "Electronic call monitoring drove rushed visits and high turnover.",
         "The council piloted outcome-based payments with three providers in one locality, "
         "with a stable core payment.",
         "Continuity of care improved and providers reported lower turnover.",
         "Keeping a core payment made providers willing to take part.",
         "A council piloted outcome-based home care payments with three providers in one "
         "locality, improving continuity of care."),
        ("A micro-enterprise programme in a rural county", "Ashmoor County Council", False,
         [MARKET, BUDGETS],
         "A large rural county with gaps in home care in remote villages.",
         "Large providers would not cover remote areas at the council's rates.",
         "The council funded a development worker to support community micro-enterprises, "
         "with a light quality standard and a directory.",
         "Dozens of micro-enterprises started, used mainly by people with direct payments.",
         "Direct payments and development support together made micro-enterprises viable.",
         "A rural county grew dozens of community micro-enterprises through a development "
         "worker, a light quality standard and direct payments."),
        ("Small lots in a home care framework", None, False, [COMMISSIONING, MARKET],
         "A borough council re-tendering its home care framework.",
         "Previous large lots excluded local and community providers.",
         "Procurement split the framework into small geographic lots with a meaningful social "
         "value weighting.",
         "Two local co-operatives won lots for the first time.",
         "Small lots need light contract management to stay workable.",
         "A borough council split its home care framework into small lots, and local "
         "co-operatives won work for the first time."),
        ("Individual service funds with audit on board", None, False, [ISFS, BUDGETS],
         "A county council introducing individual service funds.",
         "Internal audit had concerns about accountability for flexible spending.",
         "The council agreed a tolerance and review process with audit before the first ISF "
         "was set up.",
         "ISFs were offered across the county with no audit findings in the first year.",
         "Involving audit early turned a blocker into an ally.",
         "A council introduced individual service funds with internal audit involved from "
         "the start, and no audit findings followed."),
        ("Care in the community wealth building strategy", "Stourmead Borough Council", True,
         [MARKET, ASSETS],
         "A borough council with an inclusive wealth building strategy that left out care.",
         "Most care spending went to providers based outside the area.",
         "Commissioners estimated how much care spending stayed local and made the case to "
         "the wealth building board.",
         "Care became a priority in the strategy, with support for locally owned providers.",
         "Following the money made care visible to colleagues outside social care.",
         "A borough council brought care into its community wealth building strategy by "
         "showing how little care spending stayed local."),
        ("Lay evaluators on a procurement panel", "Penhallow Council", False,
         [COPRODUCTION, COMMISSIONING],
         "A unitary council co-producing a home care specification.",
         "People who draw on support had been consulted but never shared decisions.",
         "Trained and paid lay evaluators scored quality questions on the procurement panel.",
         "Lay scores were consistent with officers' and raised issues officers had missed.",
         "Training, payment and support made lay evaluation fair and reliable.",
         "A council trained and paid people who draw on support to score quality questions "
         "on a procurement panel."),
        ("Joint personal health budgets and ISFs", None, False, [BUDGETS, ISFS],
         "An integrated care board and a council supporting people with joint funding.",
         "People with joint funding had two plans, two reviews and two providers.",
         "The partners agreed a lead commissioner and combined budgets in one plan delivered "
         "by one provider.",
         "People had one plan and one review; duplication fell.",
         "Starting with a small defined cohort built trust between the partners.",
         "An integrated care board and council combined personal health budgets and "
         "individual service funds into one plan for people with joint funding."),
    ],
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Shared tools: each in two versions, each with a file members can download.
# (title template, [two versions], communities, themes, licence, description, how to use,
#  summary, file name template, file template)
# ---------------------------------------------------------------------------------------------

ISF_CLAUSES = """INDIVIDUAL SERVICE FUND: MODEL CONTRACT CLAUSES ({version})
Template for adaptation. Not legal advice. Check with your own legal team.

1. Definitions
1.1 "Individual Service Fund" (ISF) means the personal budget allocated to the Person by the
    Council and held by the Provider on the Person's behalf.
1.2 "Support Plan" means the plan agreed between the Person (and anyone they choose) and the
    Provider, describing the outcomes the Person wants and how the ISF will be used.

2. Holding the fund
2.1 The Provider shall hold the ISF in a way that allows the Person to see, at any time, how
    much has been spent and what remains.
2.2 The Provider shall keep a ledger for each Person, updated at least monthly.

3. Flexibility
3.1 The Provider may move up to 10% of the annual ISF between the activities in the Support
    Plan without the Council's prior approval, provided the Person agrees.
3.2 Changes above the tolerance in clause 3.1 shall be agreed with the Council within ten
    working days of the request.

4. Unspent funds
4.1 Unspent funds may be carried forward for up to three months to meet outcomes in the
    Support Plan. Funds unspent after that shall be discussed at review.

5. Payment
5.1 The Council shall pay the ISF monthly in advance. Payment shall not depend on hours or
    visits delivered.

6. Review
6.1 The Support Plan and ISF ledger shall be reviewed with the Person at least every six
    months, and whenever the Person asks.
"""

OUTCOMES_FRAMEWORK_CSV = [
    ["outcome", "indicator", "how collected", "frequency", "baseline", "target"],
    ["I see the same care workers", "Number of different care workers per person per month",
     "Rota records", "Monthly", "", ""],
    ["I feel in control of my support", "Share of people agreeing they decide how support is "
     "used", "Conversation at review", "Six-monthly", "", ""],
    ["I stay connected to people who matter", "Share of people with weekly social contact",
     "Support plan review", "Quarterly", "", ""],
    ["I stay well at home", "Unplanned hospital admissions per 100 people",
     "Provider records and GP liaison", "Quarterly", "", ""],
    ["The team is stable", "Care worker turnover (annualised)", "HR records", "Quarterly", "",
     ""],
]  # fmt: skip

SROI_CSV = [
    ["stakeholder", "outcome", "indicator", "quantity", "financial proxy (GBP)",
     "proxy source", "deadweight %", "attribution %", "drop-off %"],
    ["People using the service", "Reduced loneliness", "Improved loneliness score", "",
     "", "Published wellbeing valuation", "20", "30", "20"],
    ["People using the service", "Fewer GP visits", "Self-reported GP visits", "", "",
     "Published unit cost of a GP appointment", "25", "40", "50"],
    ["Family carers", "Time for themselves", "Hours of respite per month", "", "",
     "Replacement care cost", "10", "20", "30"],
    ["Volunteers", "Increased confidence", "Self-reported confidence", "", "",
     "Published wellbeing valuation", "30", "30", "50"],
]  # fmt: skip

COST_OF_CARE_CSV = [
    ["cost element", "per hour (GBP)", "notes"],
    ["Care worker pay at the Real Living Wage", "", "Contact time only"],
    ["Paid travel time", "", "Average minutes between visits x hourly rate"],
    ["Mileage", "", "Pence per mile x average miles per visit"],
    ["Employer's National Insurance", "", ""],
    ["Pension", "", "Employer contribution"],
    ["Holiday pay", "", "12.07% of pay"],
    ["Training and supervision", "", "Including paid time"],
    ["Management and back office", "", ""],
    ["Surplus for reinvestment", "", "Agreed with the board"],
]  # fmt: skip

DIRECTORY_CSV = [
    ["name of service", "area covered", "type of support", "days and times", "price per hour",
     "insurance checked", "DBS checked", "training record seen", "last reviewed"],
    ["(example) Village support service", "Three parishes", "Personal care, shopping, "
     "companionship", "Mon-Sat 8am-8pm", "", "yes", "yes", "yes", ""],
]  # fmt: skip

SESSION_EVALUATION_CSV = [
    ["value cycle", "question", "response (1-5)", "example"],
    ["Immediate value", "Was the session useful to you today?", "", ""],
    ["Potential value", "What did you learn that you might use?", "", ""],
    ["Applied value", "What have you changed in practice since the last session?", "", ""],
    ["Realised value", "What difference has that change made?", "", ""],
    ["Transformative value", "Has anything changed in how you or your organisation thinks?",
     "", ""],
]  # fmt: skip

TOOLS = [
    ("ISF contract clauses: {version}", ["home care", "supported living"], "both",
     [ISFS, COMMISSIONING], "CC-BY-SA-4.0",
     "Model clauses for holding an individual service fund on a person's behalf, for "
     "{version}: holding the fund, the tolerance, unspent money, payment in advance and "
     "review.",
     "1. Read the clauses with the person and your commissioner.\n2. Agree the tolerance "
     "in clause 3.1.\n3. Ask your legal team to check the adapted text.",
     "Model contract clauses for individual service funds, covering tolerance, unspent "
     "funds and payment in advance.",
     "isf-contract-clauses-{slug}.txt", ISF_CLAUSES),
    ("ISF ledger template: {version}", ["monthly", "quarterly"], "both",
     [ISFS, BUDGETS], "CC-BY-4.0",
     "A one-page ledger for each individual service fund, kept {version}, that the person "
     "can read and an auditor can check.",
     "Keep one ledger per person. Share it with them at every review.",
     "A simple ledger template for individual service funds that people and auditors can "
     "both read.",
     "isf-ledger-{slug}.csv",
     [["date", "activity in support plan", "planned (GBP)", "spent (GBP)", "balance (GBP)",
       "agreed with the person (y/n)", "note"],
      ["", "Personal care", "", "", "", "", ""],
      ["", "Getting out and about", "", "", "", "", ""],
      ["", "Carer break", "", "", "", "", ""]]),
    ("Outcomes framework for {version}", ["home care", "community support"], "both",
     [IMPACT, COPRODUCTION], "CC-BY-NC-SA-4.0",
     "A short outcomes framework for {version}, written with people who draw on support: "
     "five outcomes, each with an indicator and how to collect it.",
     "Agree the outcomes with people first; then take a baseline before changing anything.",
     "A short outcomes framework with five person-centred outcomes and simple indicators.",
     "outcomes-framework-{slug}.csv", OUTCOMES_FRAMEWORK_CSV),
    ("SROI worksheet: {version}", ["befriending and lunch clubs", "peer support"], "both",
     [IMPACT], "CC-BY-NC-SA-4.0",
     "A light-touch social return on investment worksheet for {version}, with suggested "
     "proxies and columns for deadweight, attribution and drop-off.",
     "Fill in quantities from your records. Use published unit costs for proxies. Report a "
     "range.",
     "A light-touch worksheet for estimating social return on investment.",
     "sroi-worksheet-{slug}.csv", SROI_CSV),
    ("Open-book cost of care calculator: {version}", ["urban rounds", "rural rounds"],
     "both", [WORKFORCE, COMMISSIONING], "CC-BY-4.0",
     "A calculator for the full hourly cost of care on {version}, including the Real Living "
     "Wage, paid travel time and on-costs, for open-book conversations with commissioners.",
     "Enter your own figures. Share the completed sheet with your commissioner.",
     "An open-book cost of care calculator including fair pay and travel time.",
     "cost-of-care-{slug}.csv", COST_OF_CARE_CSV),
    ("Micro-enterprise directory template: {version}", ["county-wide", "neighbourhood"],
     "both", [MARKET, BUDGETS], "OGL-UK-3.0",
     "A directory template for community micro-enterprises, {version}, with the quality "
     "checks social workers and families look for.",
     "Name one owner for the directory and review every entry at least yearly.",
     "A directory template for community micro-enterprises with basic quality checks.",
     "micro-enterprise-directory-{slug}.csv", DIRECTORY_CSV),
    ("Session evaluation form: {version}", ["in person", "online"], "both",
     [IMPACT], "CC-BY-4.0",
     "A short evaluation form for community of practice sessions held {version}, based on "
     "the value creation framework.",
     "Ask members to complete it at the end of each session and again three months later.",
     "A session evaluation form based on the value creation framework.",
     "session-evaluation-{slug}.csv", SESSION_EVALUATION_CSV),
    ("Model rules for a {version}",
     ["multi-stakeholder care co-operative", "worker-owned care co-operative"],
     "care", [GOVERNANCE], "CC-BY-SA-4.0",
     "Model rules for a {version}: membership classes, board composition, voting and "
     "how surplus is used.",
     "Adapt with the founding members and a co-operative development adviser.",
     "Model rules for a care co-operative, covering membership, board and voting.",
     "model-rules-{slug}.txt",
     "MODEL RULES: {version_upper}\nTemplate for adaptation with a development adviser.\n\n"
     "1. Name and purpose\n1.1 The co-operative exists to provide good care and support, "
     "owned and controlled by its members.\n\n2. Membership classes\n2.1 Worker members: "
     "people employed by the co-operative.\n2.2 Supported members: people who draw on "
     "support and their families.\n2.3 Supporter members: local people and organisations.\n\n"
     "3. The board\n3.1 The board shall include at least two directors from each class.\n\n"
     "4. Voting\n4.1 Each member has one vote in general meeting.\n\n"
     "5. Surplus\n5.1 Surplus is reinvested in pay, training and the quality of support.\n"),
    ("Rota principles for {version}", ["self-rostering teams", "new teams"], "care",
     [WORKFORCE], "CC-BY-4.0",
     "Principles for building rotas with care workers and the people they support, for "
     "{version}.",
     "Agree the principles as a team; review them every quarter.",
     "Principles for building rotas together with care workers and the people they "
     "support.",
     "rota-principles-{slug}.txt",
     "ROTA PRINCIPLES ({version})\n\n1. People see the same small team of care workers.\n"
     "2. Care workers build the rota together, with guaranteed hours.\n3. Travel time is "
     "paid and rounds are clustered by neighbourhood.\n4. Changes are agreed with the "
     "person first.\n5. Nobody works more than six days in a row.\n"),
    ("Peer supporter role description: {version}", ["carers", "long-term conditions"],
     "care", [PEER, SELF], "CC-BY-NC-SA-4.0",
     "A role description for paid peer supporters working with {version}, including "
     "supervision and boundaries.",
     "Adapt the hours and pay; keep the supervision section.",
     "A role description for paid peer supporters, with supervision and boundaries.",
     "peer-supporter-role-{slug}.txt",
     "PEER SUPPORTER ROLE DESCRIPTION ({version})\n\nPurpose: to support people through "
     "shared experience.\nPay: the same sessional rate as other support roles.\n"
     "Supervision: monthly reflective supervision, and access to a named contact between "
     "sessions.\nBoundaries: peer supporters share their experience by choice and are not "
     "expected to provide personal care.\n"),
    ("Data export checklist: {version}", ["care record systems", "rota systems"], "care",
     [DIGITAL], "CC-BY-4.0",
     "A checklist to use before signing with a supplier of {version}, so you can always "
     "get your data back.",
     "Ask the supplier to answer each question in writing before you sign.",
     "A checklist for making sure a digital care supplier lets providers export their "
     "data.",
     "data-export-checklist-{slug}.txt",
     "DATA EXPORT CHECKLIST ({version})\n\n[ ] Can we export all records in a common format "
     "(CSV, JSON)?\n[ ] Is export included in the price?\n[ ] How long is data kept after "
     "the contract ends?\n[ ] Where is data stored?\n[ ] Who can we contact about data "
     "protection?\n"),
    ("Market position statement summary: {version}", ["home care", "community support"],
     "commissioning", [MARKET, COMMISSIONING], "OGL-UK-3.0",
     "A plain-English template for summarising a market position statement for {version} "
     "for people thinking of starting a care business.",
     "Keep it to two pages. Test it with someone outside the council.",
     "A plain-English template for summarising a market position statement for potential "
     "founders.",
     "mps-summary-{slug}.txt",
     "MARKET POSITION STATEMENT: PLAIN-ENGLISH SUMMARY ({version})\n\n1. What people in "
     "our area need\n2. Where the gaps are (by ward)\n3. What we want more of: co-operatives, "
     "community businesses, micro-enterprises\n4. What we will do to help you start\n"
     "5. Who to talk to\n"),
    ("Small-lots tender extract: {version}", ["home care", "night support"],
     "commissioning", [COMMISSIONING, MARKET], "OGL-UK-3.0",
     "An extract from a tender for {version} divided into small geographic lots, with the "
     "social value questions.",
     "Adapt the lot boundaries to your localities; keep the social value weighting "
     "meaningful.",
     "A tender extract showing small geographic lots and social value questions.",
     "small-lots-tender-{slug}.txt",
     "TENDER EXTRACT: {version_upper} IN SMALL LOTS\n\nLot structure: the area is divided "
     "into twelve lots of roughly equal demand.\nBidders may bid for up to three lots.\n"
     "Social value (20%): local employment, paid travel time, and involvement of people who "
     "draw on support.\n"),
    ("Lay evaluator briefing pack: {version}", ["procurement panels", "contract reviews"],
     "commissioning", [COPRODUCTION, COMMISSIONING], "CC-BY-4.0",
     "A briefing pack for people who draw on support taking part in {version}: "
     "confidentiality, scoring, payment and support.",
     "Send it two weeks before the panel; meet each lay evaluator beforehand.",
     "A briefing pack for lay evaluators on procurement panels.",
     "lay-evaluator-briefing-{slug}.txt",
     "LAY EVALUATOR BRIEFING ({version})\n\n1. What you will do\n2. Keeping information "
     "confidential\n3. How scoring works\n4. Payment and expenses\n5. Who will support you\n"),
    ("Micro-enterprise quality standard: {version}", ["full standard", "quick checklist"],
     "commissioning", [MARKET, BUDGETS], "OGL-UK-3.0",
     "A light, proportionate quality standard for community micro-enterprises ({version}).",
     "Use it with new micro-enterprises at their first meeting with the development worker.",
     "A proportionate quality standard for community micro-enterprises.",
     "micro-enterprise-quality-standard-{slug}.txt",
     "QUALITY STANDARD FOR COMMUNITY MICRO-ENTERPRISES ({version})\n\n1. Public liability "
     "insurance in place\n2. Enhanced DBS check\n3. Safeguarding training in the last two "
     "years\n4. A written complaints process\n5. A plan for cover in an emergency\n"),
    ("Involvement payments policy: {version}", ["council", "ICB"], "commissioning",
     [COPRODUCTION], "CC-BY-4.0",
     "A policy for paying people who draw on support for their involvement in "
     "commissioning ({version} version), including expenses and benefits advice.",
     "Agree rates with the people involved; offer benefits advice before the first payment.",
     "A policy for paying people for involvement in commissioning.",
     "involvement-payments-{slug}.txt",
     "INVOLVEMENT PAYMENTS POLICY ({version_upper})\n\nRates: a standard hourly rate for "
     "meetings and preparation.\nExpenses: travel, care and support costs paid in full.\n"
     "Benefits: free independent advice offered before payment.\n"),
]  # fmt: skip

# ---------------------------------------------------------------------------------------------
# The public side: the learning hub, its outputs and the public information pages.
# Every word here is public, so every word is role language: the demo load publishes each page
# through the Chatham House gate, which refuses any that names a member, a guest, a participating
# organisation (a council's place name included) or their contact details.
# ---------------------------------------------------------------------------------------------

LEARNING_HUB = {
    "title": "Learning from the programme",
    "slug": "learning",
    "search_description": (
        "What communities of practice in adult social care have learned together: individual "
        "service funds, direct payments, home care, co-operatives and more."
    ),
    "intro": (
        "<p>Practice Commons brings together community businesses, care co-operatives, "
        "micro-enterprises and council and NHS commissioners who meet every few weeks to learn "
        "from each other. This is what they have learned, curated by the conveners and "
        "published for anyone working in health and social care.</p>"
        "<p>Sessions run under the Chatham House rule, so nothing here says who said what: you "
        "will read about <i>a council commissioner</i> or <i>one co-operative</i>, never a "
        "name.</p>"
    ),
}

# The approved public contact (PUBLIC_CONTACTS above): the one address public pages may show.
PUBLIC_EMAIL = PUBLIC_CONTACTS[0][0]
_MAILTO = f'<a href="mailto:{PUBLIC_EMAIL}">{PUBLIC_EMAIL}</a>'

# Public information pages under the home page: (title, slug, body). "{prepared}" in a body is
# replaced by the month and year the demo was loaded.
PUBLIC_ABOUT_PAGES = [
    ("How to join", "how-to-join",
     "<p>Practice Commons communities are for organisations that deliver, commission or "
     "support adult social care and community health in the UK: community businesses, care "
     "co-operatives, micro-enterprises, charities, and council and NHS commissioning teams.</p>"
     "<h2>What membership involves</h2>"
     "<ul><li>One senior practitioner represents your organisation, and can bring a colleague "
     "when a session is on their area of work.</li>"
     "<li>Communities meet every six to eight weeks, face to face or online, for eight to "
     "eighteen months.</li>"
     "<li>Between sessions, members post challenges, reply to each other and share tools in "
     "the members' area of this site.</li>"
     "<li>Every session runs under the Chatham House rule: you may use what you hear, but you "
     "may never reveal who said it or where they work.</li></ul>"
     "<h2>How to apply</h2>"
     "<ol><li>Write to the convener, saying which community interests you and who would "
     "represent your organisation.</li>"
     "<li>The convener sends an application form and a short call to talk it through.</li>"
     "<li>The convener reviews applications with the community's members, so that each "
     "community keeps a balance of organisations and places.</li>"
     "<li>If you are accepted, you get an account for the members' area and the dates of the "
     "next sessions.</li></ol>"
     "<p>Membership is free. Organisations give their time, and the learning they share.</p>"
     "<h2>Contact the convener</h2>"
     f"<p>Email {_MAILTO} or call the programme's helpline on 0800 015 0120 (free, weekdays "
     "9am to 5pm). We reply within five working days.</p>"),
    ("Accessibility statement", "accessibility",
     "<p>This statement applies to the public pages of Practice Commons: the home page, the "
     "learning hub and its outputs, and these information pages. It also covers the members' "
     "area, where we say so.</p>"
     "<h2>Using this website</h2>"
     "<p>We want as many people as possible to be able to use this website. You should be able "
     "to:</p>"
     "<ul><li>change colours, contrast levels and fonts using your browser or device "
     "settings</li>"
     "<li>zoom in up to 400% without the text spilling off the screen</li>"
     "<li>navigate the whole website using just a keyboard or speech recognition "
     "software</li>"
     "<li>listen to the whole website using a screen reader</li>"
     "<li>read every public page without JavaScript, and print it cleanly</li></ul>"
     "<p>We have written the text to be as simple as we can, and explain the sector's terms "
     "and acronyms.</p>"
     "<h2>How accessible this website is</h2>"
     "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level "
     "AA. We know some parts are not fully accessible yet:</p>"
     "<ul><li>some older files that members share, especially PDFs and spreadsheets, may not "
     "be fully accessible to screen reader software</li>"
     "<li>the editing screens conveners use come from our content management system, and "
     "some of their controls have known issues that we report to its developers</li></ul>"
     "<h2>Feedback and reporting problems</h2>"
     "<p>If you find a problem that we have not listed, or you need something on this site in "
     "a different format such as large print, easy read or an accessible document, contact "
     f"us: email {_MAILTO} or call 0800 015 0120. Tell us the address of the page and what "
     "went wrong. We will reply within five working days, and aim to fix the problem or send "
     "you the content in another format within 20 working days.</p>"
     "<h2>Enforcement procedure</h2>"
     "<p>The Equality and Human Rights Commission is responsible for enforcing the "
     "accessibility regulations. If you are not happy with how we respond to your complaint, "
     '<a href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and '
     "Support Service (EASS)</a>.</p>"
     "<h2>How we test this website</h2>"
     "<p>Every change to the public pages is tested automatically in a real browser with "
     "axe-core, with a keyboard, and with JavaScript switched off. We check pages by hand "
     "with a screen reader before each release.</p>"
     "<p>This statement was prepared in {prepared}. We review it every year, and whenever we "
     "change how the public pages work.</p>"),
    ("Privacy notice", "privacy",
     "<p>This notice explains what personal data Practice Commons holds, why, and what your "
     "rights are. It follows the UK General Data Protection Regulation (UK GDPR) and the Data "
     "Protection Act 2018.</p>"
     "<h2>If you read the public pages</h2>"
     "<p>You do not need an account to read the learning hub. We do not use advertising or "
     "tracking cookies, and we do not build a profile of you. Our web server keeps a standard "
     "log of requests (address, time and page) for 30 days, to keep the site secure and "
     "working.</p>"
     "<h2>If you are a member, guest or applicant</h2>"
     "<p>We hold:</p>"
     "<ul><li>your name, your role, the organisation you represent and your work email "
     "address</li>"
     "<li>the communities you belong to, the sessions you attend and what you contribute in "
     "the members' area: challenges, replies, insights and shared tools</li>"
     "<li>your application to join, if you made one</li>"
     "<li>any consent you give to be named in a public output, and when you withdraw it</li>"
     "<li>a session cookie while you are signed in, which is strictly necessary and needs no "
     "consent</li></ul>"
     "<p>We use this to run the communities and their sessions, to let members find each "
     "other, and to curate what members learn into public outputs. Our lawful basis is our "
     "legitimate interest in running the programme; where we name you in public, it is your "
     "consent.</p>"
     "<h2>The Chatham House rule</h2>"
     "<p>Everything members share is used under the Chatham House rule. Public pages never "
     "name a member or their organisation, or show their contact details, unless that person "
     "or organisation has agreed in writing to be named in that output. Every public page is "
     "checked for names before it is published, and the check is logged.</p>"
     "<p>You can withdraw your consent to be named at any time from your account, or by "
     "writing to us. Any public page that relies on it is then taken down until it is "
     "rewritten without your name.</p>"
     "<h2>Who sees your data, and for how long</h2>"
     "<p>Only members of your community and its conveners see what you contribute there. We "
     "do not sell your data or share it with anyone else unless the law requires it. We keep "
     "it for as long as your community runs, and for two years after it ends as an archive "
     "for its members; then we delete your account and remove your name from what you "
     "contributed.</p>"
     "<h2>Your rights</h2>"
     "<p>You can ask to see the personal data we hold about you, to correct it, to delete it, "
     "or to object to how we use it. Email us and we will reply within one month.</p>"
     "<h2>Contact and complaints</h2>"
     f"<p>Email {_MAILTO} or call 0800 015 0120. If you are unhappy with how we have used "
     "your data, you can complain to the "
     '<a href="https://ico.org.uk/make-a-complaint/">Information Commissioner\'s Office</a>.'
     "</p>"
     "<p>This notice was last updated in {prepared}.</p>"),
]  # fmt: skip

# A public file for the shared-tool output: readers download it under the output's licence.
PUBLIC_TOOL_FILE = {
    "title": "Individual service fund model contract clauses",
    "name": "documents/public-isf-model-contract-clauses.txt",
    "version": "public edition",
}

# Public outputs: what the wider sector reads. Each is a dict with: title, slug, kind (a
# PublicOutputPage.Kind value), days_ago (when the convener published it), community (whose
# convener curated it), themes, summary, body (rich text), sources ((community, slug) of the
# members-only pages it was curated from; only members and conveners see them), and optionally
# licence and file (PUBLIC_TOOL_FILE).
PUBLIC_OUTPUTS = [
    {
        "title": "Individual service funds work when the tolerance is written down",
        "slug": "isfs-work-when-the-tolerance-is-written-down",
        "kind": "insight",
        "days_ago": 12,
        "community": COMMISSIONERS,
        "themes": [ISFS, COMMISSIONING],
        "summary": (
            "Providers and commissioners agreed that flexibility in an individual service fund "
            "only lasts when the contract says how much can move without asking, and how "
            "quickly larger changes are agreed."
        ),
        "body": (
            "<h2>What members found</h2>"
            "<p>An individual service fund (ISF) lets a provider hold a person's budget and "
            "spend it flexibly against a plan agreed with them. In practice, providers in the "
            "community said the flexibility disappeared whenever every change needed a social "
            "worker's sign-off.</p>"
            "<p>Where it worked, the contract named a tolerance (most often 10% of the annual "
            "fund) that the provider and the person could move between activities without "
            "asking, and a deadline for agreeing anything larger: ten working days was "
            "common.</p>"
            "<h2>What to do</h2>"
            "<ul><li>Write the tolerance into the contract, not into guidance.</li>"
            "<li>Set a deadline for agreeing changes above it.</li>"
            "<li>Ask for a simple ledger the person can read, reviewed at least every six "
            "months.</li></ul>"
        ),
        "sources": [
            (CARE_BUSINESSES, "individual-service-funds-in-a-rural-county"),
            (COMMISSIONERS, "session-4-individual-service-funds-the-commissioners-side"),
        ],
    },
    {
        "title": "Model contract clauses for individual service funds",
        "slug": "model-contract-clauses-for-individual-service-funds",
        "kind": "shared_tool",
        "days_ago": 20,
        "community": CARE_BUSINESSES,
        "themes": [ISFS, COMMISSIONING],
        "licence": "CC-BY-SA-4.0",
        "file": PUBLIC_TOOL_FILE,
        "summary": (
            "Model clauses for holding an individual service fund on a person's behalf: the "
            "ledger, a tolerance, unspent money, payment in advance and review. Written by "
            "providers and tested with commissioners."
        ),
        "body": (
            "<p>Providers in the community wrote these clauses after finding that most ISF "
            "contracts were time and task contracts with a new name. Commissioners in a second "
            "community then tested them against their own legal and audit requirements.</p>"
            "<h2>What the clauses cover</h2>"
            "<ol><li>Definitions of the fund and the support plan.</li>"
            "<li>Holding the fund: a ledger for each person, updated monthly.</li>"
            "<li>Flexibility: a tolerance of 10% without prior approval.</li>"
            "<li>Unspent funds: carried forward for up to three months.</li>"
            "<li>Payment monthly in advance, not by hours delivered.</li>"
            "<li>Review with the person at least every six months.</li></ol>"
            "<h2>How to use them</h2>"
            "<p>Read the clauses with the person and the provider, agree the tolerance, and "
            "ask your own legal team to check the adapted text. They are a template, not legal "
            "advice.</p>"
        ),
        "sources": [
            (CARE_BUSINESSES, "session-2-individual-service-funds-in-practice"),
            (COMMISSIONERS, "individual-service-funds-with-audit-on-board"),
            (CARE_BUSINESSES, "isf-contract-clauses-home-care"),
            (COMMISSIONERS, "isf-contract-clauses-home-care"),
        ],
    },
    {
        "title": "Bring internal audit in before the first individual service fund",
        "slug": "bring-internal-audit-in-before-the-first-isf",
        "kind": "case_study",
        "days_ago": 41,
        "community": COMMISSIONERS,
        "themes": [ISFS, BUDGETS],
        "summary": (
            "A county council agreed a tolerance and a review process with its internal "
            "auditors before setting up its first individual service fund, and had no audit "
            "findings in the first year."
        ),
        "body": (
            "<h2>The challenge</h2>"
            "<p>Auditors worried that money spent flexibly by a provider could not be "
            "accounted for. In several councils that worry had stopped ISFs before they "
            "started.</p>"
            "<h2>What the council did</h2>"
            "<p>The commissioner invited internal audit to help design the scheme: what the "
            "ledger records, how much can move without approval, and what a review looks "
            "at.</p>"
            "<h2>What changed</h2>"
            "<p>ISFs were offered across the county, and the first year's audit found nothing "
            "to report. Involving audit early turned a blocker into an ally.</p>"
        ),
        "sources": [(COMMISSIONERS, "individual-service-funds-with-audit-on-board")],
    },
    {
        "title": "Direct payments and micro-enterprises: real choice at home",
        "slug": "direct-payments-and-micro-enterprises",
        "kind": "session_learning",
        "days_ago": 33,
        "community": COMMISSIONERS,
        "themes": [BUDGETS, MARKET],
        "summary": (
            "Where large providers would not cover remote villages, direct payments and a "
            "development worker helped dozens of community micro-enterprises start, giving "
            "people care from someone local."
        ),
        "body": (
            "<p>Commissioners heard how one rural county grew community micro-enterprises: "
            "very small local services, often one to five people, offering support at "
            "home.</p>"
            "<h2>What made it work</h2>"
            "<ul><li>A development worker who helped people start, and stayed in touch.</li>"
            "<li>A light, proportionate quality standard: insurance, checks, safeguarding "
            "training, a complaints process and a plan for cover.</li>"
            "<li>A directory that social workers and families actually used.</li>"
            "<li>Direct payments, so that people could buy from a micro-enterprise "
            "directly.</li></ul>"
            "<p>Most people using the new services had direct payments. Without them, the "
            "micro-enterprises would have needed a council contract they could not win.</p>"
        ),
        "sources": [
            (COMMISSIONERS, "session-7-growing-community-micro-enterprises"),
            (COMMISSIONERS, "a-micro-enterprise-programme-in-a-rural-county"),
        ],
    },
    {
        "title": "Making direct payments easier to manage",
        "slug": "making-direct-payments-easier-to-manage",
        "kind": "answered_challenge",
        "days_ago": 58,
        "community": COMMISSIONERS,
        "themes": [BUDGETS, SELF],
        "summary": (
            "Asked why people hand back their direct payments, commissioners pointed to the "
            "work of being an employer. Support with payroll, a named contact and plain "
            "paperwork kept more people choosing them."
        ),
        "body": (
            "<p>A commissioner asked the community why people in their area were giving up "
            "direct payments within a year. The answers were consistent.</p>"
            "<h2>What members suggested</h2>"
            "<ul><li>Offer a payroll and employer support service, so that employing a "
            "personal assistant is not a second job.</li>"
            "<li>Give everyone a named contact who answers the phone.</li>"
            "<li>Make audits proportionate: check outcomes and large sums, not every "
            "receipt.</li>"
            "<li>Let people buy from micro-enterprises and community businesses, not only "
            "employ staff.</li></ul>"
            "<p>People who manage their own long-term conditions often want to manage their "
            "own support too; the paperwork should not stop them.</p>"
            "<p>The duties behind direct payments are set out in chapter 12 of the "
            '<a href="https://www.gov.uk/government/publications/care-act-statutory-guidance/'
            'care-and-support-statutory-guidance">care and support statutory guidance</a>.</p>'
        ),
        "sources": [(COMMISSIONERS, "session-4-individual-service-funds-the-commissioners-side")],
    },
    {
        "title": "Joining personal health budgets and individual service funds",
        "slug": "joining-personal-health-budgets-and-isfs",
        "kind": "case_study",
        "days_ago": 75,
        "community": COMMISSIONERS,
        "themes": [BUDGETS, ISFS],
        "summary": (
            "An integrated care board and a council combined personal health budgets and "
            "individual service funds, so that people with joint funding have one plan, one "
            "review and one provider."
        ),
        "body": (
            "<p>People with both health and social care funding had two plans, two reviews "
            "and often two providers who did not talk to each other.</p>"
            "<h2>What the partners did</h2>"
            "<p>They agreed a lead commissioner and combined both budgets in one plan, "
            "delivered by one provider holding an individual service fund. They started with a "
            "small, defined group of people, which built trust between the partners.</p>"
            "<h2>What changed</h2>"
            "<p>People had one plan and one review, and duplication fell. The partners are now "
            "widening the scheme.</p>"
        ),
        "sources": [(COMMISSIONERS, "joint-personal-health-budgets-and-isfs")],
    },
    {
        "title": "Moving home care from time and task to outcomes",
        "slug": "moving-home-care-from-time-and-task-to-outcomes",
        "kind": "session_learning",
        "days_ago": 96,
        "community": COMMISSIONERS,
        "themes": [COMMISSIONING, WORKFORCE],
        "summary": (
            "Commissioners who moved home care from paying by the minute to paying for "
            "outcomes kept a stable core payment, started in one locality, and saw continuity "
            "of care improve."
        ),
        "body": (
            "<p>Time and task commissioning pays home care providers by the visit or the "
            "minute. Members described what it does: rushed visits, electronic monitoring that "
            "care workers resent, and high turnover.</p>"
            "<h2>What members learned</h2>"
            "<ul><li>Keep a stable core payment: providers will not take part if all their "
            "income is at risk.</li>"
            "<li>Start with a few providers in one locality, and learn before you scale.</li>"
            "<li>Agree a small set of outcomes with people who draw on home care: seeing the "
            "same care workers, feeling in control, staying well at home.</li></ul>"
            "<p>In the pilot members discussed, continuity of care improved and providers "
            "reported lower turnover.</p>"
        ),
        "sources": [
            (COMMISSIONERS, "session-3-from-time-and-task-to-outcomes"),
            (COMMISSIONERS, "outcome-based-home-care-in-one-locality"),
        ],
    },
    {
        "title": "Small lots let local home care providers bid",
        "slug": "small-lots-let-local-home-care-providers-bid",
        "kind": "case_study",
        "days_ago": 120,
        "community": COMMISSIONERS,
        "themes": [COMMISSIONING, MARKET],
        "summary": (
            "A borough council split its home care framework into small geographic lots with a "
            "meaningful social value weighting, and local care co-operatives won work for the "
            "first time."
        ),
        "body": (
            "<p>Large lots had shut out local and community providers: only national "
            "companies could bid for a whole borough.</p>"
            "<h2>What the council did</h2>"
            "<p>Procurement divided the area into lots of roughly equal demand, let bidders "
            "bid for up to three, and weighted social value at 20%: local employment, paid "
            "travel time, and involving people who draw on support.</p>"
            "<h2>What changed, and what to watch</h2>"
            "<p>Two local co-operatives won lots. Small lots need light contract management "
            "to stay workable, so plan for it before you tender.</p>"
        ),
        "sources": [
            (COMMISSIONERS, "small-lots-in-a-home-care-framework"),
            (COMMISSIONERS, "session-5-procurement-routes-that-small-providers-can-use"),
        ],
    },
    {
        "title": "Paying the Real Living Wage in home care with open books",
        "slug": "paying-the-real-living-wage-in-home-care",
        "kind": "case_study",
        "days_ago": 140,
        "community": CARE_BUSINESSES,
        "themes": [WORKFORCE, COMMISSIONING],
        "summary": (
            "A small home care co-operative paid the Real Living Wage by sharing an open-book "
            "cost of care with its commissioner and clustering visits by neighbourhood."
        ),
        "body": (
            "<p>The council's hourly rate did not cover the Real Living Wage once travel time "
            "and on-costs were counted.</p>"
            "<h2>What the co-operative did</h2>"
            "<ul><li>It shared its full cost of care with the commissioner, line by line: pay, "
            "paid travel time, mileage, National Insurance, pension, holiday pay, training and "
            "management.</li>"
            "<li>It clustered visits by neighbourhood, cutting travel by a fifth.</li></ul>"
            "<h2>What changed</h2>"
            "<p>The council raised its rate for the co-operative's lot. Open books built "
            "trust: the commissioner could see exactly where the money went.</p>"
        ),
        "sources": [
            (CARE_BUSINESSES, "paying-the-real-living-wage-on-council-rates"),
            (CARE_BUSINESSES, "session-3-paying-the-real-living-wage-and-keeping-carers"),
        ],
    },
    {
        "title": "Care workers who own their co-operative stay longer",
        "slug": "care-workers-who-own-their-co-operative-stay-longer",
        "kind": "case_study",
        "days_ago": 165,
        "community": CARE_BUSINESSES,
        "themes": [GOVERNANCE, WORKFORCE],
        "summary": (
            "A home care business bought by its care workers as a co-operative cut staff "
            "turnover by more than half in two years, after moving to guaranteed hours and "
            "self-rostering teams."
        ),
        "body": (
            "<p>Under a previous private owner, turnover was high and morale low. The care "
            "workers bought the business and ran it as a worker-owned co-operative.</p>"
            "<h2>What changed</h2>"
            "<ul><li>Guaranteed hours made it affordable to stay in the job.</li>"
            "<li>Small teams build their own rotas with the people they support.</li>"
            "<li>Ownership changed how care workers felt about the work.</li></ul>"
            "<p>Turnover fell by more than half, and people saw fewer different care workers "
            "each month. Commissioners in the programme now ask for a provider's rota rules: "
            "they say more about continuity than any quality score.</p>"
        ),
        "sources": [(CARE_BUSINESSES, "a-care-co-operative-owned-by-its-care-workers")],
    },
    {
        "title": "Governance that the people you support can see",
        "slug": "governance-that-people-can-see",
        "kind": "session_learning",
        "days_ago": 190,
        "community": CARE_BUSINESSES,
        "themes": [GOVERNANCE, COPRODUCTION],
        "summary": (
            "Care co-operatives and community businesses shared how they stay accountable to "
            "the people they support: membership for people who draw on care, paid board "
            "places, and decisions published in plain English."
        ),
        "body": (
            "<p>Members compared how their boards work, from worker-owned co-operatives to "
            "multi-stakeholder co-operatives where care workers, people who draw on support "
            "and local people all have a vote.</p>"
            "<h2>What members learned</h2>"
            "<ul><li>Give people who draw on support and their families a class of "
            "membership, and at least two seats on the board.</li>"
            "<li>Pay board members who draw on support for their time, as you would any "
            "expert.</li>"
            "<li>Publish board decisions in plain English, and say what changed because of "
            "what people said.</li></ul>"
        ),
        "sources": [(CARE_BUSINESSES, "session-4-governance-that-people-can-see")],
    },
    {
        "title": "Care in people's first language, through local co-operatives",
        "slug": "care-in-peoples-first-language",
        "kind": "case_study",
        "days_ago": 230,
        "community": CARE_BUSINESSES,
        "themes": [GOVERNANCE, COPRODUCTION],
        "summary": (
            "A rural care co-operative offered care in people's first language by recruiting "
            "locally and sharing its governance with the people it supports."
        ),
        "body": (
            "<p>In a Welsh-speaking rural area, people whose first language is Welsh could "
            "rarely get care in it.</p>"
            "<p>The co-operative recruited Welsh-speaking care workers from the villages it "
            "serves, and brought people it supports onto its board. Most people it supports "
            "now receive care in their first language, and recruitment improved.</p>"
            "<p>Language is part of good care. Local recruitment and local governance go "
            "together.</p>"
        ),
        "sources": [(CARE_BUSINESSES, "a-welsh-language-care-co-operative")],
    },
    {
        "title": "Peer support circles for people living with long-term conditions",
        "slug": "peer-support-circles-for-long-term-conditions",
        "kind": "case_study",
        "days_ago": 260,
        "community": CARE_BUSINESSES,
        "themes": [PEER, SELF],
        "summary": (
            "A social enterprise ran small peer support circles, led by paid peer supporters "
            "with lived experience, for people who had finished clinical self-management "
            "courses."
        ),
        "body": (
            "<p>People left clinical self-management courses with a plan but no ongoing "
            "support, and many lost confidence within months.</p>"
            "<h2>What the social enterprise did</h2>"
            "<p>Paid peer supporters, living with long-term conditions themselves, ran small "
            "circles in community venues every fortnight. Each had monthly reflective "
            "supervision.</p>"
            "<h2>What changed</h2>"
            "<p>Attendance stayed steady and people reported more confidence in managing their "
            "conditions. Paying peer supporters, and supervising them, kept the circles safe "
            "and sustainable.</p>"
        ),
        "sources": [
            (CARE_BUSINESSES, "peer-support-circles-for-long-term-conditions"),
            (CARE_BUSINESSES, "session-8-peer-support-between-people-who-draw-on-care"),
        ],
    },
    {
        "title": "Supported self-management starts with what people already do",
        "slug": "supported-self-management-starts-with-what-people-do",
        "kind": "session_learning",
        "days_ago": 275,
        "community": CARE_BUSINESSES,
        "themes": [SELF, ASSETS],
        "summary": (
            "Members found that self-management support works best when it starts from the "
            "routines, people and places someone already relies on, rather than from a "
            "course."
        ),
        "body": (
            "<p>In a session with people who draw on care, members asked what helps people "
            "manage long-term conditions day to day.</p>"
            "<h2>What people said helped</h2>"
            "<ul><li>Support that fits around routines they already have: the lunch club, the "
            "allotment, the school run.</li>"
            "<li>Someone who has been there, available between appointments.</li>"
            "<li>Care workers who have time to notice changes and talk about them.</li></ul>"
            "<p>Home care that pays for outcomes rather than minutes makes that time "
            "possible.</p>"
        ),
        "sources": [(CARE_BUSINESSES, "session-8-peer-support-between-people-who-draw-on-care")],
    },
    {
        "title": "Light-touch social return on investment",
        "slug": "light-touch-social-return-on-investment",
        "kind": "session_learning",
        "days_ago": 300,
        "community": CARE_BUSINESSES,
        "themes": [IMPACT, PEER],
        "summary": (
            "Small community businesses can estimate their social return on investment without "
            "a consultant: start from a theory of change built with the people they support, "
            "use published proxies, and report a range."
        ),
        "body": (
            "<p>Funders increasingly ask for evidence of value beyond attendance figures. "
            "Members learned a light-touch approach in a masterclass.</p>"
            "<ol><li>Build a theory of change with people using the service and "
            "volunteers.</li>"
            "<li>Count what you already record.</li>"
            "<li>Use published unit costs and wellbeing values as proxies.</li>"
            "<li>Allow for deadweight, attribution and drop-off.</li>"
            "<li>Report a range, never a single figure.</li></ol>"
            "<p>One befriending service used the analysis to secure a three-year grant.</p>"
        ),
        "sources": [
            (CARE_BUSINESSES, "session-6-social-return-on-investment-without-a-consultant"),
            (CARE_BUSINESSES, "measuring-social-return-on-a-befriending-service"),
        ],
    },
    {
        "title": "Choose digital tools with care workers, not for them",
        "slug": "choose-digital-tools-with-care-workers",
        "kind": "session_learning",
        "days_ago": 320,
        "community": CARE_BUSINESSES,
        "themes": [DIGITAL, WORKFORCE],
        "summary": (
            "Rota and care record tools that care workers helped choose were adopted; tools "
            "chosen for them were worked around. Check you can export your data before you "
            "sign."
        ),
        "body": (
            "<p>Members compared the rota and care record systems they use.</p>"
            "<ul><li>Involve care workers in trying tools before you buy.</li>"
            "<li>Check the tool works on the phones care workers already have, and on poor "
            "signal.</li>"
            "<li>Ask suppliers in writing whether you can export all your records in a common "
            "format, and whether export costs extra.</li></ul>"
        ),
        "sources": [(CARE_BUSINESSES, "session-9-digital-tools-that-carers-will-actually-use")],
    },
    {
        "title": "Lay evaluators on procurement panels",
        "slug": "lay-evaluators-on-procurement-panels",
        "kind": "case_study",
        "days_ago": 350,
        "community": COMMISSIONERS,
        "themes": [COPRODUCTION, COMMISSIONING],
        "summary": (
            "A council trained and paid people who draw on support to score the quality "
            "questions in a home care tender. Their scores matched officers' and raised issues "
            "officers had missed."
        ),
        "body": (
            "<p>People who draw on support had been consulted about home care, but had never "
            "shared a decision.</p>"
            "<p>The council recruited lay evaluators, trained them in confidentiality and "
            "scoring, paid them for their time and supported them through the panel. Their "
            "scores were consistent with officers', and they spotted gaps officers had "
            "missed.</p>"
            "<p>Training, payment and support are what make lay evaluation fair and "
            "reliable.</p>"
        ),
        "sources": [
            (COMMISSIONERS, "lay-evaluators-on-a-procurement-panel"),
            (COMMISSIONERS, "session-8-co-production-in-commissioning-decisions"),
        ],
    },
    {
        "title": "A market position statement written for founders",
        "slug": "a-market-position-statement-written-for-founders",
        "kind": "case_study",
        "days_ago": 380,
        "community": COMMISSIONERS,
        "themes": [MARKET, COMMISSIONING],
        "summary": (
            "A city council rewrote its market position statement for people thinking of "
            "starting a care business, with gaps mapped by ward and a start-up offer, and "
            "heard from new care co-operatives within months."
        ),
        "body": (
            "<p>No new local care provider had started in five years. The council's market "
            "position statement was written for large providers and analysts.</p>"
            "<p>Commissioners rewrote it for potential founders: what people need, where the "
            "gaps are by ward, what the council wants more of (co-operatives, community "
            "businesses, micro-enterprises) and what it will do to help. Three groups asked "
            "about starting care co-operatives within six months.</p>"
        ),
        "sources": [
            (COMMISSIONERS, "rewriting-a-market-position-statement-for-founders"),
            (COMMISSIONERS, "session-2-market-position-statements-that-invite-new-providers"),
        ],
    },
]

# One public output left as a draft: it names a demo member and his organisation, so the
# Chatham House gate refuses to publish it (sign in as a convener and try).
PUBLIC_OUTPUT_DRAFT = {
    "title": "Pricing outcomes in home care: one finance lead's spreadsheet",
    "slug": "pricing-outcomes-in-home-care",
    "kind": "insight",
    "community": CARE_BUSINESSES,
    "themes": [COMMISSIONING, WORKFORCE],
    "summary": (
        "Tomasz Nowak, finance and contracts lead at Sandhill Neighbourhood Care, showed how he "
        "prices an outcome-based home care contract."
    ),
    "body": (
        "<p>The spreadsheet starts from the full cost of an hour of care and adds a margin for "
        "the flexibility outcomes need.</p>"
    ),
    "sources": [(CARE_BUSINESSES, "paying-the-real-living-wage-on-council-rates")],
}

# The programme's learning report (knowledge.models.LearningReportPage): a phase report the
# convener of CARE_BUSINESSES wrote from three of the outputs above, in role language only. It
# is published through the gate like any page a convener publishes, after the outputs it pulls
# in. Each section's content is a list of (block type, value) pairs, as the report's StreamField
# holds them, except that a curated output names the output by its slug; the report's sources
# are the members-only pages those outputs were curated from.
LEARNING_REPORT = {
    "title": "Learning from the first phase",
    "slug": "learning-from-the-first-phase",
    "days_ago": 5,
    "community": CARE_BUSINESSES,
    "themes": [ISFS, COMMISSIONING, WORKFORCE, GOVERNANCE],
    "summary": (
        "The programme's first phase report: what care co-operatives, community businesses and "
        "commissioners learned together about individual service funds, paying for outcomes in "
        "home care, and care workers who own the service they work for."
    ),
    "body": (
        "<p>In its first phase the programme brought care co-operatives, community businesses, "
        "micro-enterprises and council and NHS commissioners together every six to eight weeks. "
        "They met under the Chatham House rule, so this report says what was learned, never who "
        "said it.</p>"
        "<p>Three lessons stood out. An individual service fund (ISF) stays flexible only when "
        "the contract puts a number on that flexibility. Home care bought for outcomes rather "
        "than by time and task needs a steady core payment and a small start. And care workers "
        "who own and govern their service stay longer, which is what people who draw on home "
        "care notice first.</p>"
        "<p>Each section ends in summary points for commissioners and providers to take away, "
        "and links to the fuller account on the learning hub that it draws on.</p>"
    ),
    "sections": [
        {
            "heading": "Individual service funds need a number, not goodwill",
            "content": [
                (
                    "paragraph",
                    (
                        "<p>Providers holding individual service funds described the same pattern: "
                        "flexibility promised at the start was slowly lost, because each change "
                        "to a "
                        "person's plan waited in a queue for approval. Commissioners agreed that "
                        "goodwill on both sides had not been enough. Where the arrangement lasted, "
                        "the contract set an amount the person and the provider could move without "
                        "asking, and a time limit for agreeing anything bigger.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Once the number was in the contract, nobody had to ask before "
                            "swapping "
                            "a day centre session for an afternoon at the allotment."
                        ),
                        "role": "a member of a care co-operative",
                    },
                ),
                (
                    "curated_output",
                    {
                        "output": "isfs-work-when-the-tolerance-is-written-down",
                        "freeze": False,
                    },
                ),
            ],
            "summary_points": [
                "Put the tolerance in the contract itself, where a change of staff cannot lose it.",
                "Agree how quickly decisions above the tolerance will be made.",
                "Give the person a ledger they can read, and look at it with them.",
            ],
        },
        {
            "heading": "Paying for outcomes in home care",
            "content": [
                (
                    "paragraph",
                    (
                        "<p>Commissioners who had stopped paying for home care by the minute "
                        "compared notes with providers working under those contracts. Providers "
                        "joined in when only part of their income rode on measures nobody had "
                        "tried "
                        "before. Outcomes agreed with people who draw on home care, such as seeing "
                        "the same few care workers, turned out easier to follow than members had "
                        "feared.</p>"
                    ),
                ),
                (
                    "table",
                    {
                        "data": [
                            ["", "Time and task", "Paying for outcomes"],
                            [
                                "What the provider is paid for",
                                "Minutes of care delivered",
                                "A core payment and the results agreed with the person",
                            ],
                            [
                                "What care workers are judged on",
                                "Arrival and departure times",
                                "Continuity, and what people say about their support",
                            ],
                            [
                                "Who shapes a visit",
                                "A care plan fixed in advance",
                                "The person and the care workers who know them",
                            ],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                        "table_header_choice": "both",
                        "table_caption": "Time and task and paying for outcomes, as members saw "
                        "them",
                        "cell": [],
                        "mergeCells": [],
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "We held the core payment steady for the whole first year, and that is "
                            "why providers trusted the rest of it."
                        ),
                        "role": "a council commissioner",
                    },
                ),
                # Frozen: the report keeps the words this output had when it was published.
                (
                    "curated_output",
                    {
                        "output": "moving-home-care-from-time-and-task-to-outcomes",
                        "freeze": True,
                    },
                ),
            ],
            "summary_points": [
                "Keep a steady core payment, so that providers can afford to take part.",
                "Begin with a handful of providers in one area, and learn there first.",
                "Choose a few outcomes together with the people who draw on home care.",
            ],
        },
        {
            "heading": "Care workers who own their service stay",
            "content": [
                (
                    "paragraph",
                    (
                        "<p>Care co-operatives and community businesses compared how they are "
                        "governed. Those owned by their care workers, or with people who draw on "
                        "care on their boards, reported fewer leavers and more continuity. "
                        "Commissioners concluded that the way a provider builds its rotas tells "
                        "them "
                        "more about continuity than any quality score.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": "Guaranteed hours cost us less than recruiting all year round did.",
                        "role": "a member of a community business",
                    },
                ),
                (
                    "curated_output",
                    {
                        "output": "care-workers-who-own-their-co-operative-stay-longer",
                        "freeze": False,
                    },
                ),
                (
                    "participating_organisations",
                    {
                        "caption": "Organisations that took part in the first phase, by type",
                    },
                ),
            ],
            "summary_points": [
                "Ask providers how their rotas are made, not only how they score.",
                "Offer care workers guaranteed hours and a say in how the service is run.",
                "Give people who draw on care a place on the board, and pay them for their time.",
            ],
        },
    ],
    "conclusion": (
        "<p>The first phase showed that the conditions for good care at home are mostly "
        "written into contracts and constitutions: a tolerance in an individual service fund, "
        "a steady core payment in an outcomes contract, guaranteed hours and shared ownership "
        "in a co-operative. None of them costs much. Each needs commissioners and providers to "
        "agree it before the work starts.</p>"
        "<p>The second phase will test these lessons with more councils, and report on what "
        "people who draw on care say has changed.</p>"
    ),
}
