"""Word lists behind the clean-up rules. Kept apart so the rules read as rules."""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    """A word list written as one string, so it stays readable."""
    return frozenset(text.split())


#: Honorifics: before a name they mean "this is a person", whatever NER said.
HONORIFICS = _set("mr mrs ms miss mx dr prof sir dame sheikh sheikha shaikh shaikha sayyid")

#: Peers' titles: "Lord Falworth", "Baroness Tarrant" name a person, and the title stays part of
#: the name. Not when an office follows ("Lord Chancellor", "Lord Mayor").
PEERAGE = _set(
    "lord lady baroness baron viscount viscountess earl countess marquess marchioness duke duchess"
)

#: Royal titles, a person's whatever comes with them ("the Queen", "King Harald").
ROYAL_TITLES = _set("king queen prince princess pope emperor empress tsar sultan emir shah")

#: Titles and job words stripped from the start of a person's name ("Chief Executive Tobias
#: Reinholt" -> "Tobias Reinholt"). Royal and noble titles (King, Prince, Lord, Emir) are kept:
#: they are part of how such people are named. Compared case-insensitively, dots removed.
TITLE_WORDS = HONORIFICS | _set(
    """
    his her excellency highness h.e hh hrh
    president vice prime minister deputy acting interim shadow foreign home finance interior
    defence defense health education justice trade economy energy oil information culture
    labour labor
    transport housing environment agriculture state assistant undersecretary under-secretary
    secretary secretary-general general gen lt lieutenant col colonel maj major capt captain
    cmdr commander brig brigadier adm admiral sgt sergeant cpl corporal marshal field
    chancellor governor gov senator sen rep representative congressman congresswoman mp mep
    judge ambassador envoy consul chairman chairwoman chairperson chair ceo cfo coo cto md
    chief executive officer director director-general managing founder co-founder
    spokesman spokeswoman spokesperson mayor coach manager boss rev reverend fr pastor imam
    rabbi bishop archbishop cardinal commissioner inspector superintendent detective eng
    engineer attorney prosecutor analyst economist lecturer premier former late
    outgoing incoming veteran head striker midfielder defender goalkeeper keeper skipper
    winger forward centre center flanker fly-half scrum-half full-back hooker prop lock
    physio referee umpire rapper singer actor actress star presenter host comedian comic author
    writer novelist producer designer chef drummer guitarist bassist frontman frontwoman
    player champion runner sprinter athlete boxer jockey trainer olympian compatriot countryman
    scot scotsman scotswoman welshman welshwoman englishman englishwoman irishman irishwoman
    frenchman frenchwoman dutchman dutchwoman briton
    programmer developer entrepreneur businessman businesswoman tycoon billionaire investor
    banker broker stockbroker dealer trader strategist lawyer barrister solicitor scientist
    researcher professor academic journalist
    reporter editor columnist photographer artist painter musician composer pianist violinist
    poet playwright broadcaster film-maker filmmaker commentator pundit consultant adviser
    advisor aide campaigner activist politician lawmaker diplomat official
    """
)

#: Title words that also name organisations on their own ("Labour Minister Anna Marsh", but
#: "Labour" alone is a party): a name of only such words is kept when the model reads it as an
#: organisation.
DEPARTMENT_WORDS = _set(
    """
    foreign home finance interior defence defense health education justice trade economy energy
    information culture labour labor transport housing environment agriculture
    """
)

#: Nouns that make the department word before them a party ("Labour MPs", "Labor leader",
#: "the Labour government"), not a ministry's word ("Health Secretary"): what only a party has.
PARTY_MEMBERS = _set(
    """
    mp mps mep meps msp msps ams peer peers councillor councillors backbencher backbenchers
    backbench frontbencher frontbenchers frontbench activist activists candidate candidates
    manifesto whip whips rebel rebels rebellion leader leadership government voters
    """
)

#: Labels a wire story or a release opens a line with, as a dateline opens one ("NOTE - Kessel
#: Corp is the full name", "UPDATE: ...", "CORRECTION -", "Business: ..."): no place.
WIRE_LABELS = _set(
    """
    note notes update updates correction corrections corrected correcting repeat repeats
    source sources text background factbox table editors advisory alert urgent flash
    bulletin business contact contacts email website tel fax press digest feature features
    """
)

#: The labels of the rows of a company's results ("Shr loss $0.22", "Avg shrs 4,841", "Revs 130
#: 1,279", "Working capital", "Total assets") and of a match's ("Halftime 1-0", "Attendance
#: 35,000"): at the start of such a row they name a figure, not a company or a person.
ROW_LABELS = _set(
    """
    shr shrs avg revs rev revenue revenues net sales turnover total income loss losses profit
    profits dividend div eps ebit ebitda qtr quarter nine-month six-month half first second
    third fourth pretax pre-tax operating n/a na
    assets liabilities equity capital equivalents expenses costs earnings
    halftime half-time ht attendance att crowd
    """
)

#: Last words that make a name a newspaper's whatever the model read ("Kessel Times",
#: "Varnholmer Zeitung", "Harwick Gazette"): no person's or place's name ends so ("Courier"
#: is a surname too, and only in :data:`NEWSPAPER_WORDS`).
MASTHEAD_WORDS = _set(
    """
    times telegraph herald tribune gazette gazeta gazzetta zeitung presse prensa journal
    chronicle standard izvestia pravda tageblatt rundschau kurier dagblad diario corriere
    """
)
#: Words of newspapers' names ("The Kessel Times", "Varnholm Post", "Le Temps"): a press
#: review's heading with one of them, or opening with an article of another language, is a
#: paper even when all its words are common English ones.
NEWSPAPER_WORDS = MASTHEAD_WORDS | _set(
    """
    post observer mail express independent guardian mirror sun star news daily press review
    courier echo record globe nation inquirer examiner monitor bulletin register dispatch sentinel
    leader temps monde
    """
)
#: Articles of other languages that open a newspaper's name ("Le Temps", "El Diario").
FOREIGN_ARTICLES = _set("le la les el il lo los las der die das het de")

#: Lower-case nouns of places: "the town of Kesselby", "the capital Varnholm", "Harwick county",
#: "Orrin port" say that the name is a place's, whatever the model read.
PLACE_NOUNS = _set(
    """
    town city village hamlet island islands province region county district state capital
    port harbour harbor enclave suburb resort valley municipality prefecture oblast airport
    """
)

#: Time zones (matched only when written in capitals): "09:42 GMT" is not an organisation.
TIME_ZONES = _set(
    """
    gmt utc est edt cst cdt mst mdt pst pdt akst akdt hst bst cet cest eet eest wet west ist
    gst ast adt jst kst aest aedt acst awst nzst nzdt sast wat eat cat msk hkt sgt pkt ict
    wib z zulu
    """
)

WEEKDAYS = _set(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun"
)

#: The months' full names (some are given names too: "June", "August"; their short forms not).
FULL_MONTHS = _set(
    "january february march april may june july august september october november december"
)
MONTHS = FULL_MONTHS | _set("jan feb mar apr jun jul aug sep sept oct nov dec")

#: Words that may sit next to a date or clock time without making it a name.
CALENDAR_FILLER = _set(
    "am pm a.m. p.m. noon midnight morning afternoon evening night today tomorrow yesterday "
    "week weekend month year of the on in at st nd rd th"
)

#: Entrants' classes in results ("Women's 1,500 metres", "Men's slalom") and the positions a
#: squad list is grouped by ("Midfielders - Anna Marsh, Ida Holm"): never a name alone.
ENTRANT_CLASSES = _set(
    "men women boys girls goalkeepers keepers defenders midfielders strikers forwards wingers"
)

#: English function words; an "entity" made only of these is noise ("This", "Its").
STOP_WORDS = _set(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    also yet however meanwhile
    """
)

#: Nouns that a person's surname qualifies ("the Blair government", "the Bush administration",
#: "the Clinton years"): his time in office, his people, his name's estate. Before any other
#: noun, a one-word name after "the" is the name of a thing, not a person ("the Kessby lab").
PERSON_HELD = _set(
    """
    administration administrations government governments presidency premiership cabinet regime
    era years days camp campaign campaigns aides allies team family clan dynasty household estate
    doctrine plan plans policy policies reforms legacy leadership tenure spokesman spokeswoman
    """
)

#: Last words of a news agency's office, named with its reporter in a wire's sign-off line
#: ("-- Anna Marsh, Kessel Newsroom +47 22 93 69 00", "-- Orrin Energy Desk").
NEWSROOM_WORDS = _set("newsroom newsdesk desk bureau")
#: Wire agencies that appear as a credit at the start of a story ("QNA", "KUNA").
WIRE_AGENCIES = _set(
    "kuna qna wam spa bna ona mena menafn ians pti ani aps nna sana irna tna pna una afp ap upi "
    "dpa ansa efe xinhua"
)

#: Words that join the capitalised words of a long name but give no letter to its acronym.
ACRONYM_JOINERS = _set("of and for the on in at to de du des la le al el & a an")

#: Last words that make a capitalised phrase an organisation ("Harbour Authority").
ORG_DESIGNATORS = _set(
    """
    authority ministry holdings company co corp corporation inc ltd plc llc group fund bank
    council agency association union committee commission organisation organization
    university college institute foundation trust party club federation board department
    office bureau service services securities partners industries airlines airways
    """
)

#: Last words of companies' names that say what they do ("Kessel Marine", "Norvane Pharma"):
#: with :data:`ORG_DESIGNATORS` and :data:`LEGAL_FORMS`, a name of several words that ends in one
#: leans to an organisation in the archive vote, however the model read it.
TRADE_WORDS = _set(
    """
    marine shipping pharma pharmaceuticals motors energy mining oil gas petroleum telecom
    telecoms media capital investments ventures resources logistics technologies systems
    electronics chemicals foods insurance properties construction engineering entertainment
    studios networks communications financial software computer computers computing
    interactive semiconductor semiconductors labs hosting wireless bancorp bancorporation
    bancshares bankshares
    """
)

#: Trade words that name a group's arm ("Barclays Capital", "Standard Life Investments",
#: "Halvex Media"): the group's name alone beside it is the group, not the arm.
ARM_WORDS = _set("capital investments ventures financial insurance properties media")

#: Nouns that put an organisation's name right after them ("oil firm Kessmark", "carrier
#: Varnair", "retailer Holm", "rock band Tove Lantern"): the name is the organisation, whatever
#: the model read. Not "duo" or "trio": sport writes them before two or three people.
ORG_APPOSITIVES = _set(
    """
    firm company companies group giant maker makers carrier airline bank lender retailer insurer
    operator producer conglomerate brokerage chain manufacturer supplier distributor
    publisher broadcaster newspaper agency subsidiary unit band rockers outfit daily weekly
    tabloid magazine drugmaker carmaker automaker chipmaker steelmaker planemaker bookmaker
    """
)

#: Words right after a name that only a company has before them ("Kessmark shares", "Kessmark
#: chief Anna Marsh", "Kessmark shareholders").
COMPANY_AFTER = _set("shares shareholders stock chief boss chairman executives subsidiary")

#: Nouns that, capitalised as a sentence's first word, describe the company named right after
#: them ("Rivals Kessmark and Varnair", "Retailer Quellfield said"): never the first word of
#: its name. Nor is a compound of "maker" ("Chipmaker", "Carmaker"). Not "firm", "group",
#: "giant" or "band", which do begin names ("Giant Harbour", "Band Aid").
LEADING_DESCRIPTIONS = _set(
    """
    rival rivals retailer retailers miner miners brewer brewers lender lenders insurer insurers
    broadcaster publisher conglomerate manufacturer supplier distributor brokerage
    """
)

#: Nouns that say a name is an organisation when they end an apposition after it ("Quellfield,
#: the biggest public sector union, said"; "Harbourwatch, a civil rights group,"), or stand in
#: lower case right before it ("conciliation service Quellas", "media union Bextu").
ORG_DESCRIPTIONS = ORG_APPOSITIVES | _set(
    "union charity regulator watchdog body organisation organization party club side association"
    " service quango champions"
)

#: US states as wires abbreviate them ("St. Petersburg, Fla."): the dot is part of the name.
US_STATE_ABBREVIATIONS = _set(
    """
    ala ariz ark calif colo conn fla ill ind kan kans ky md mass mich minn miss mo mont neb nev
    okla ore tenn tex vt wash wis wyo
    """
)

#: Lower-case name particles ("Mark van Gisbergen", "Ali bin Said", "Kenga wa Dunda"): allowed
#: inside a name.
NAME_PARTICLES = _set(
    "van von der den de da di del della du le la dos das al el bin ibn bint abu ter ten y wa"
)

#: Legal-form words: "Delmar Marine" is "Delmar Marine Holdings" with the legal form left off.
LEGAL_FORMS = _set(
    """
    holdings holding group inc inc. ltd ltd. limited plc llc llp corp corp. corporation company
    co co. ag sa s.a. nv bv gmbh spa s.p.a. se oyj asa ab kk international
    """
)
#: The legal forms that end only a company's name ("Varnholm Mining Co", "Kessel SpA"): not
#: "group" or "international", which other names end in too.
COMPANY_FORMS = LEGAL_FORMS - _set("group international holding holdings company")

#: Words NER sweeps in after an event or product name ("Orrin Cup last year", "Cup third").
TRAILING_FILLER = _set(
    """
    last next this later earlier ago week weekend month year season summer winter spring autumn
    first second third fourth fifth sixth seventh eighth ninth tenth quarter semi final
    and or of v vs at on in from to with through as for the a an
    """
)

#: Other names for a political party that no rule can derive from the party's own name, with
#: the names (by preference) the archive may know the party by. No maintained data package lists
#: them (registers of parties list official names, not what the papers call them), so the few
#: in wide use in English-language news are listed here. One applies only where the archive
#: names the party (:func:`newsarchive.entities.archive.archive_nicknames`), and a line in
#: entities.yml for the same word wins.
PARTY_NICKNAMES: dict[str, tuple[str, ...]] = {
    "tory": ("conservative party", "conservatives"),
    "tories": ("conservative party", "conservatives"),
    "tory party": ("conservative party", "conservatives"),
    "gop": ("republican party", "republicans"),
    "grand old party": ("republican party", "republicans"),
}

#: Plural last words of places' own names ("Kessel Islands", "Harwick Falls"): no team's
#: nickname after a town.
PLACE_PLURALS = _set(
    """
    islands isles falls springs heights hills keys mountains lakes plains highlands lowlands
    midlands states emirates territories rapids sands downs wells fields gardens docks
    """
)
#: Last words of football and other clubs' names that no place ends in ("Harwick Rovers").
CLUB_SUFFIXES = _set("united rovers athletic wanderers albion hotspur argyle rangers celtic villa")
#: Last words of clubs' names that places end in too: a club only after a town's name and when
#: the whole is no place ("Harwick City" the club, "Mexico City" the place).
CLUB_TOWN_SUFFIXES = _set("city town forest wednesday")
#: First words of clubs' names before a town's ("Real Madrid", "Inter Milan").
CLUB_PREFIXES = _set(
    "real atletico athletic sporting dynamo dinamo inter ac fc afc olympique racing lokomotiv "
    "spartak cska"
)
#: Last words of the names of events, contests and awards ("Kessel Cup", "Harwick Open", "Dunmere
#: Film Festival", "Varnholm Prize"): such a name is one of those things ("other"), whatever the
#: model read. Not "games", which companies' names end in too.
EVENT_WORDS = _set(
    "cup open championship championships trophy prize award awards festival slam tournament"
    " marathon olympics prix classic rally series invitational"
)
#: Last words of the names of venues people go to ("Kessel Stadium", "Harwick Arena", "Dunmere
#: Airport", "the National Rowing Centre", "Varnby General Hospital", "Orrin Bridge"): such a
#: name is a place, unless a word of :data:`BODY_OF_STUDY` says people work there ("Harbour
#: Policy Centre").
VENUE_WORDS = _set(
    "stadium arena airport centre center hospital museum church cathedral mosque bridge")
#: Buildings that house a government and stand for it ("the Kremlin said"): places, as the
#: White House is on news wires' hand-labelled news and the archive's own Downing Street.
SEATS_OF_GOVERNMENT = frozenset(
    ["white house", "kremlin", "elysee", "elysee palace", "élysée", "élysée palace",
     "blue house", "zhongnanhai"]
)
#: Words that make a "centre" a body of research or advice, not a venue.
BODY_OF_STUDY = _set("research policy studies study information analysis training science")
#: First words that only clubs' names start with, before any name ("Deportivo Harwick",
#: "Borussia Kessel"): words for a sports club in the languages they come from.
CLUB_FIRST_WORDS = _set("deportivo borussia hapoel maccabi steaua eintracht fortuna werder")
#: Words after which a name is where something is or happens ("in Harwick"): a place there,
#: however the model read it.
LOCATIVES = _set("in at from to into near across throughout outside inside")
#: Lower-case words inside a town's own hyphenated name ("Kessel-on-Sea", "Harwick-le-Moor",
#: "Aix-en-Dorrin"): a name before one of them is not the first half of a compound adjective.
PLACE_JOINERS = _set("on upon under by in the sur sous en le la les lez de du di del am im an")

#: The words that open a chamber's name ("House of Commons", "House of Keys"): the chamber is
#: called by the word after them alone ("the Commons"), in an article and across the archive.
CHAMBER = ("house", "of")

#: Words for a party or its members that open a portfolio's description ("Labour Home Office
#: minister", "Liberal Democrat Treasury spokesman"): before a ministry's name, no part of it.
PARTY_ADJECTIVES = _set(
    "labour labor conservative tory democrat democratic republican liberal lib dem unionist"
    " nationalist green"
)
