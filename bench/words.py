"""Word and name pools for the benchmark corpus generator.

Everything here is invented for the benchmark: the syllables make pseudo-words, the name parts are
recombined into fictional people, companies and places. Real English function words are included so
that the text has the stop words, sentence shapes and capitalisation that the ingest pipeline, the
NER model and the search analyzer expect from news prose.
"""

from __future__ import annotations


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    """Word lists are written as one string per list, to keep this file readable."""
    return tuple(text.split(sep))


# Syllable parts for pronounceable pseudo-words ("velkoran", "trasimet").
ONSETS = _split(
    "b bl br c ch cl cr d dr f fl fr g gl gr h j k kl kr l m n p pl pr qu r s sc sh sk sl sm sn sp "
    "st str t th tr v w z"
)
VOWELS = _split("a e i o u a e i o ai ea ie ou")
CODAS = ("", "", "", "n", "r", "l", "s", "t", "m", "nd", "rt", "st", "nt", "ck", "x", "rn", "ld")

# Real function words: enough of them that Whoosh's stop list and spaCy's parser see normal prose.
FUNCTION_WORDS = _split(
    "the of and to in a is that for on with as was by at it from be has have are this which "
    "its an were will or not but had been their also after more than would they who new over "
    "about into up two one could other some said when there all year other last first can "
    "under while between before such most three out against since only during where our may "
    "both these so then any next each because through very those many per while however "
    "including among still further without across within until around well much even now "
    "whether according including several about upon should might must do does did being "
    "here how what why we he she his her them him us you your our my me if no nor own same "
    "again once off down few just too very yet already often also less least rather though"
)

# Real content words used in templates and mixed into filler text.
NOUNS = _split(
    "agreement contract project plan market report government ministry budget council company "
    "investment board minister committee shipment harbour port bridge railway hospital school "
    "programme policy sector growth output quarter revenue profit loan fund bank court election "
    "parliament summit talks partnership review strategy network terminal factory refinery "
    "pipeline tender permit licence inquiry audit forecast index price demand supply export "
    "import tariff reform subsidy grant scheme office agency authority union festival exhibition"
)
VERBS_PAST = _split(
    "signed approved announced launched completed opened expanded delayed rejected reviewed "
    "extended confirmed welcomed criticised postponed finalised secured awarded raised cut"
)
VERBS_BASE = _split(
    "sign approve announce launch complete open expand delay reject review extend confirm "
    "support finance build upgrade monitor reduce increase boost protect"
)
ADJECTIVES = _split(
    "new major national regional local joint annual strategic final initial public private "
    "significant long-term key broad modest record early late further"
)
WEEKDAYS = _split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _split(
    "January February March April May June July August September October November December"
)
NUMBER_WORDS = _split("two three four five six seven eight nine ten twelve fifteen twenty")

# People: common given names (not people in themselves) and invented surname parts.
FIRST_NAMES = _split(
    "Ines Tobias Marta Jonas Elena Viktor Sofia Henrik Lena Mateo Clara Anders Nadia Pavel Amira "
    "Oskar Leila Rafael Ingrid Tomas Helena Dmitri Yasmin Emil Greta Samir Alina Lukas Miriam "
    "Stefan Farah Nikolai Irene Hugo Selma Adrian Dalia Felix Rosa Karim Vera Julian Noor Milan "
    "Petra Omar Livia Casper Zora Andreas Hana Bruno Mira Elias Tara Gustav Layla Marek Ada "
    "Dario Nina Rune Salma Theo Katja Malik Edith Arvid Lucia Idris Freya Cyrus Maren Lorenzo "
    "Ilse Tarek Agnes Rolf Sanne Zoran Esther Bilal Ottilie Joaquín Zoë Renée Søren"
)
SURNAME_HEADS = _split(
    "Varg Rein Osk Hald Brenn Kast Morl Dunst Feld Grav Hollm Ingv Jesk Korv Lind Mast Nord Orv "
    "Pell Quist Rasm Stav Torv Ulm Vest Wald Ysel Zell Bram Cald Dorn Elm Falk Gerl Hask Iver "
    "Jorn Kell Lass Mend Nyst Ost Prell Rook Sund Tess Ubr Vint Wess"
)
SURNAME_TAILS = _split(
    "holt veld strom berg mann sen ova ari ek ssen field ley wick ton dahl qvist ard ini ovic "
    "ing ler ner el ssa by rup gaard ens"
)

# Organisations: invented heads combined with real business suffixes.
ORG_HEADS = _split(
    "Delmar Harbourline Kessel Northgate Alvera Brightwater Corvane Dunmore Estrel Fairhaven "
    "Glenmoor Halvard Ironbay Juniper Kestrel Lunaris Meridane Norcastle Orbis Pinecrest "
    "Quayside Ravenholt Silverton Tamberly Umbridge Valemont Westbrook Yarrow Zenthos Ambersand "
    "Bellmoor Cindervale Drummond Emberly Foxhall Greystone Hollowell Ivorline Jasperton"
)
ORG_SUFFIXES = _split(
    "Holdings;Group;Marine;Securities;Bank;Energy;Logistics;Telecom;Capital;Industries;"
    "Shipping;Airways;Motors;Pharma;Foods;Partners;Investments;Construction;Mining;Insurance",
    ";",
)
ORG_PATTERNS_PUBLIC = _split(
    "Ministry of {x} Affairs;{p} Harbour Authority;{p} Chamber of Commerce;{p} Central Bank;"
    "{p} Development Fund;{p} Water Authority;{p} Investment Board;{p} Chamber of Industry;"
    "{p} Port Authority;{p} Energy Commission",
    ";",
)
MINISTRY_TOPICS = _split(
    "Coastal;Economic;Foreign;Internal;Energy;Transport;Health;Labour;Trade;Rural;Water;Housing",
    ";",
)

# Places: invented heads and tails; a few prefixed forms ("Port Alden", "Lake Verran").
PLACE_HEADS = _split(
    "Ald Vel Kar Mor Tess Brav Dun Esk Fal Gor Hav Istr Jor Lom Nav Ost Pra Quen Rav Sel Tor "
    "Ulv Var Wen Yor Zan Cal Dor Fen Mar"
)
PLACE_TAILS = _split("en mora sund ova ia ton hav ard ir ano ev essa ium ost ador")
PLACE_PREFIXES = ("Port", "Lake", "New", "San", "North", "East")

ROLES = _split(
    "chairwoman;chairman;chief executive;managing director;spokesperson;finance director;"
    "minister;deputy minister;governor;president;chief economist;head of operations;mayor;"
    "general manager;director general",
    ";",
)

# Providers: invented outlets; "(XX)" forms give the nested-parentheses tag variant.
PROVIDERS = _split(
    "Coastline Ledger (CL);Kessel News Agency (KNA);The Meridane Post;Alvera Daily;"
    "Northgate Business Wire;Velmora Times;The Harbour Gazette;Ostrava Financial Review;"
    "Brightwater Press Service (BPS);Estrel Tribune;Glenmoor Herald;Ironbay Observer;"
    "Juniper Newswire;The Quayside Chronicle;Ravenholt Agency (RVA);Silverton Monitor;"
    "Tamberly Economic Digest;Valemont Courier;Westbrook Evening Standard;Yarrow Trade Journal;"
    "Zenthos Press Agency (ZPA);Dunmore Morning Mail;Fairhaven Insight;Corvane Market Report;"
    "The Lunaris Sentinel;Orbis Wire (OW);Pinecrest Daily Bulletin;Halvard Reporter;"
    "Ambersand News;Greystone Business Weekly",
    ";",
)
CREDIT_WORDS = ("QNA", "KNA", "CL", "BPS", "ZPA", "OW", "RVA")

DISCLAIMER = (
    "MENAFN provides the information \u201cas is\u201d without warranty of any kind. We do not "
    "accept any responsibility or liability for the accuracy, content, images, videos, licenses, "
    "completeness, legality, or reliability of the information contained in this article. If you "
    "have any complaints or copyright issues related to this article, kindly contact the provider "
    "above."
)
PAGE_CHROME = ("Search", "More Stories", "Market Research")
