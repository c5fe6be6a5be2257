"""Every MENAFN quirk has a fixture; each test states the exact front matter and body it expects.

The expected texts were written from the fixtures by hand: dates from the id line (DDMMYYYY) or
the dateline, ``retrieved`` from the crawl header, provider from the tag, the URL by the MENAFN
title rule, ``words`` counted by hand (tokens with a letter or digit), summaries as the opening
paragraphs without the dateline. Entity lists come from the real spaCy model (their quality is
tested with the entities package), so here the ``entities`` block is checked for shape and for
removed boilerplate, and the rest of the file is compared byte for byte.
"""

from __future__ import annotations

import hashlib
import re

import pytest
import yaml

from newsarchive import frontmatter

from .helpers import ENTITY_BLOCK, FIXTURES, IngestResult

EXPECTED: dict[str, tuple[str, str]] = {
    "menafn/nested-provider.txt": (
        "2024/06/solvarra-cabinet-approves-new-fisheries-quota",
        """---
title: "Solvarra Cabinet Approves New Fisheries Quota"
slug: "solvarra-cabinet-approves-new-fisheries-quota"
date: 2024-06-03
retrieved: 2024-06-04T07:15:00Z
source:
  network: "MENAFN"
  provider: "Solvarra News Agency (SONA)"
  id: "MENAFN03062024000071011057ID1108281122"
  article_id: "1108281122"
  url: "https://menafn.com/1108281122/Solvarra-Cabinet-Approves-New-Fisheries-Quota"
ENTITIES
summary: "The Solvarra cabinet approved a new fisheries quota on Monday, Minister of Marine \
Resources Halvard Lindqvist told reporters. Lindqvist said the quota would cut the annual mackerel \
catch by an eighth and would be reviewed in two years."
words: 43
raw:
  path: "menafn/nested-provider.txt"
  sha256: "SHA"
---

KESTREL BAY, June 3 (SONA) -- The Solvarra cabinet approved a new fisheries quota on Monday, \
Minister of Marine Resources Halvard Lindqvist told reporters.

Lindqvist said the quota would cut the annual mackerel catch by an eighth and would be reviewed \
in two years.
""",
    ),
    "menafn/spaced-tag.txt": (
        "2024/06/orlen-valley-rail-link-delayed-again-what-s-next",
        """---
title: "Orlen Valley Rail Link Delayed Again: What's Next?"
slug: "orlen-valley-rail-link-delayed-again-what-s-next"
date: 2024-06-05
retrieved: 2024-06-07T18:03:00Z
source:
  network: "MENAFN"
  provider: "Orlen Valley Post"
  id: "MENAFN05062024000195011032ID1108290041"
  article_id: "1108290041"
  url: "https://menafn.com/1108290041/Orlen-Valley-Rail-Link-Delayed-Again-Whats-Next"
ENTITIES
summary: "The opening of the Orlen Valley rail link has been pushed back to the autumn, the \
regional transport office said on Wednesday. Engineers found cracks in two viaduct piers during a \
final inspection, office spokesman Piet Andersson said."
words: 41
raw:
  path: "menafn/spaced-tag.txt"
  sha256: "SHA"
---

VESTRA, June 5 - The opening of the Orlen Valley rail link has been pushed back to the autumn, \
the regional transport office said on Wednesday.

Engineers found cracks in two viaduct piers during a final inspection, office spokesman Piet \
Andersson said.
""",
    ),
    "menafn/bare-tag.txt": (
        "2024/06/tessaly-central-bank-holds-rates-at-4-5",
        """---
title: "Tessaly Central Bank Holds Rates at 4.5%"
slug: "tessaly-central-bank-holds-rates-at-4-5"
date: 2024-06-10
retrieved: 2024-06-10T11:30:00Z
source:
  network: "MENAFN"
  provider: "MENAFN"
  id: "MENAFN10062024000045015687ID1108301734"
  article_id: "1108301734"
  url: "https://menafn.com/1108301734/Tessaly-Central-Bank-Holds-Rates-at-45"
ENTITIES
summary: "The Tessaly Central Bank kept its main lending rate at 4.5 percent on Monday, governor \
Mirela Kostadin said after the board meeting. Kostadin said inflation had eased for a third month \
but remained above the bank's target of 2 percent."
words: 42
raw:
  path: "menafn/bare-tag.txt"
  sha256: "SHA"
---

The Tessaly Central Bank kept its main lending rate at 4.5 percent on Monday, governor Mirela \
Kostadin said after the board meeting.

## Inflation outlook

Kostadin said inflation had eased for a third month but remained above the bank's target of 2 \
percent.
""",
    ),
    "menafn/credit-word.txt": (
        "2024/06/merovia-opens-desalination-plant-at-port-enna",
        """---
title: "Merovia Opens Desalination Plant at Port Enna"
slug: "merovia-opens-desalination-plant-at-port-enna"
date: 2024-06-11
retrieved: 2024-06-12T09:05:00Z
source:
  network: "MENAFN"
  provider: "The Tessaly Tribune"
  id: "MENAFN11062024000152011058ID1108305520"
  article_id: "1108305520"
  url: "https://menafn.com/1108305520/Merovia-Opens-Desalination-Plant-at-Port-Enna"
ENTITIES
summary: "Merovia: Merovia's water authority opened a desalination plant at Port Enna on \
Tuesday, authority chairman Rashid Al-Fendi said. The plant can supply 90,000 households, Al-Fendi \
added."
words: 26
raw:
  path: "menafn/credit-word.txt"
  sha256: "SHA"
---

Merovia&#58; Merovia's water authority opened a desalination plant at Port Enna on Tuesday, \
authority chairman Rashid Al-Fendi said.

The plant can supply 90,000 households, Al-Fendi added.
""",
    ),
    "menafn/caption-press-release.txt": (
        "2024/06/brightwell-robotics-opens-assembly-hub-in-norvik",
        """---
title: "Brightwell Robotics Opens Assembly Hub in Norvik"
slug: "brightwell-robotics-opens-assembly-hub-in-norvik"
date: 2024-06-13
retrieved: 2024-06-13T14:20:00Z
source:
  network: "MENAFN"
  provider: "Meridian Wire"
  id: "MENAFN13062024000220011044ID1108309017"
  article_id: "1108309017"
  url: "https://menafn.com/1108309017/Brightwell-Robotics-Opens-Assembly-Hub-in-Norvik"
ENTITIES
summary: "Brightwell Robotics has opened a 12,000-square-metre assembly hub in Norvik, the \
company said on Thursday. The hub will employ 340 people by 2026. Ada Marsh said Brightwell would \
train technicians with Norvik Polytechnic. Brightwell Robotics builds warehouse robots in Norvik \
and Ostrava Lake."
words: 64
raw:
  path: "menafn/caption-press-release.txt"
  sha256: "SHA"
---

*Brightwell Robotics chief executive Ada Marsh at the Norvik site. Photo courtesy of Brightwell \
Robotics*

Brightwell Robotics has opened a 12,000-square-metre assembly hub in Norvik, the company said on \
Thursday.

## Jobs and training

The hub will employ 340 people by 2026. Ada Marsh said Brightwell would train technicians with \
Norvik Polytechnic.

## About Brightwell Robotics

Brightwell Robotics builds warehouse robots in Norvik and Ostrava Lake.
""",
    ),
    "menafn/briefing.txt": (
        "2024/06/gulf-of-ardan-business-briefing",
        """---
title: "Gulf of Ardan Business Briefing"
slug: "gulf-of-ardan-business-briefing"
date: 2024-06-14
retrieved: 2024-06-15T06:00:00Z
source:
  network: "MENAFN"
  provider: "Ardan Daily"
  id: "MENAFN14062024000118011041ID1108312276"
  article_id: "1108312276"
  url: "https://menafn.com/1108312276/Gulf-of-Ardan-Business-Briefing"
ENTITIES
summary: "ARDAN CITY - Ardan Telecom reported a 6 percent rise in first-quarter profit. MERLO - \
The Merlo port authority said container traffic rose for a fifth straight month. SALT HARBOUR - \
Salt Harbour Airways will add three weekly flights to Kessin from July."
words: 40
raw:
  path: "menafn/briefing.txt"
  sha256: "SHA"
---

ARDAN CITY - Ardan Telecom reported a 6 percent rise in first-quarter profit.

MERLO - The Merlo port authority said container traffic rose for a fifth straight month.

SALT HARBOUR - Salt Harbour Airways will add three weekly flights to Kessin from July.
""",
    ),
    # A yearless dateline five weeks before retrieval is not dated by guessing the year.
    "menafn/no-id.txt": (
        "undated/kaldor-port-workers-end-strike",
        """---
title: "Kaldor Port Workers End Strike"
slug: "kaldor-port-workers-end-strike"
retrieved: 2025-02-04T08:00:00Z
source:
  network: "MENAFN"
  provider: "Solvarra News Agency (SONA)"
ENTITIES
summary: "Dock workers at Kaldor port ended a nine-day strike on Monday after the port operator \
agreed to a pay rise, union leader Bengt Ormsby said."
words: 29
raw:
  path: "menafn/no-id.txt"
  sha256: "SHA"
---

KALDOR, December 30 (SONA) -- Dock workers at Kaldor port ended a nine-day strike on Monday after \
the port operator agreed to a pay rise, union leader Bengt Ormsby said.
""",
    ),
    "menafn/cp1252-crlf.txt": (
        "2024/06/cafe-owners-in-port-enna-protest-terrace-tax",
        """---
title: "Café Owners in Port Enna Protest “Terrace Tax”"
slug: "cafe-owners-in-port-enna-protest-terrace-tax"
date: 2024-06-15
retrieved: 2024-06-16T12:45:00Z
source:
  network: "MENAFN"
  provider: "Meridian Wire"
  id: "MENAFN15062024000220011044ID1108314650"
  article_id: "1108314650"
  url: "https://menafn.com/1108314650/Cafe-Owners-in-Port-Enna-Protest-Terrace-Tax"
ENTITIES
summary: "Café and bar owners in Port Enna protested on Saturday against a new “terrace tax”, \
association head Noémie Garrow said. The tax adds €2 per square metre – about a tenth of the \
average rent."
words: 38
raw:
  path: "menafn/cp1252-crlf.txt"
  sha256: "SHA"
---

PORT ENNA, June 15 - Café and bar owners in Port Enna protested on Saturday against a new \
“terrace tax”, association head Noémie Garrow said.

The tax adds €2 per square metre – about a tenth of the average rent.
""",
    ),
    "menafn/utf8-bom.txt": (
        "2024/06/asgard-shipping-names-seana-lyle-chief-executive",
        """---
title: "Åsgard Shipping Names Seána Lyle Chief Executive"
slug: "asgard-shipping-names-seana-lyle-chief-executive"
date: 2024-06-17
retrieved: 2024-06-17T08:10:00Z
source:
  network: "MENAFN"
  provider: "Meridian Wire"
  id: "MENAFN17062024000220011044ID1108318802"
  article_id: "1108318802"
  url: "https://menafn.com/1108318802/Asgard-Shipping-Names-Seana-Lyle-Chief-Executive"
ENTITIES
summary: "Åsgard Shipping has named Seána Lyle as chief executive, the company said on Monday. \
Lyle joins from Kessin Ferries."
words: 19
raw:
  path: "menafn/utf8-bom.txt"
  sha256: "SHA"
---

Åsgard Shipping has named Seána Lyle as chief executive, the company said on Monday.

Lyle joins from Kessin Ferries.
""",
    ),
    "menafn/mojibake-body.txt": (
        "2024/06/zurich-fund-buys-stake-in-merlo-residences",
        """---
title: "Zürich Fund Buys Stake in Merlo Résidences"
slug: "zurich-fund-buys-stake-in-merlo-residences"
date: 2024-06-18
retrieved: 2024-06-18T16:40:00Z
source:
  network: "MENAFN"
  provider: "Meridian Wire"
  id: "MENAFN18062024000220011044ID1108320417"
  article_id: "1108320417"
  url: "https://menafn.com/1108320417/Zurich-Fund-Buys-Stake-in-Merlo-Residences"
ENTITIES
summary: "A fund managed by Zürich-based Halden Partners bought a stake in Merlo Résidences, \
chairman José Ferrant said."
words: 17
raw:
  path: "menafn/mojibake-body.txt"
  sha256: "SHA"
---

A fund managed by Zürich-based Halden Partners bought a stake in Merlo Résidences, chairman José \
Ferrant said.
""",
    ),
    "plain/dated.txt": (
        "2024/04/norvik-council-backs-tram-extension",
        """---
title: "Norvik council backs tram extension"
slug: "norvik-council-backs-tram-extension"
date: 2024-04-04
ENTITIES
summary: "The Norvik city council voted 31 to 12 on Thursday to extend the tram line to the \
Ostrava Lake district. Mayor Lena Brandt said construction could begin next year."
words: 33
raw:
  path: "plain/dated.txt"
  sha256: "SHA"
---

NORVIK, 4 April 2024 - The Norvik city council voted 31 to 12 on Thursday to extend the tram line \
to the Ostrava Lake district.

Mayor Lena Brandt said construction could begin next year.
""",
    ),
    "plain/undated.txt": (
        "undated/kessin-ferry-timetable-changes",
        """---
title: "Kessin ferry timetable changes"
slug: "kessin-ferry-timetable-changes"
ENTITIES
summary: "Kessin Ferries will run an extra evening crossing to Salt Harbour from next week. The \
operator said demand had grown since the harbour bridge closed."
words: 25
raw:
  path: "plain/undated.txt"
  sha256: "SHA"
---

Kessin Ferries will run an extra evening crossing to Salt Harbour from next week.

The operator said demand had grown since the harbour bridge closed.
""",
    ),
    # A short unquoted question is a sub-heading; a line ending in ":" introduces what follows
    # and stays a paragraph.
    "menafn/question-headings.txt": (
        "2024/12/is-the-velmora-rail-strike-over",
        """---
title: "Is the Velmora Rail Strike Over?"
slug: "is-the-velmora-rail-strike-over"
date: 2024-12-15
retrieved: 2024-12-15T21:30:00Z
source:
  network: "MENAFN"
  provider: "Velmora Daily Star (VDS)"
  id: "MENAFN15122024000301011033ID1109100001"
  article_id: "1109100001"
  url: "https://menafn.com/1109100001/Is-the-Velmora-Rail-Strike-Over"
ENTITIES
summary: "Rail workers in Velmora returned to work on Sunday after a four-day strike, the union \
said. The transport ministry will cover the wage rise from its reserve fund, union leader Radek \
Novotny said. What the deal includes: A rise of six per cent this year and four per cent next year."
words: 56
raw:
  path: "menafn/question-headings.txt"
  sha256: "SHA"
---

Rail workers in Velmora returned to work on Sunday after a four-day strike, the union said.

## Who pays for the deal?

The transport ministry will cover the wage rise from its reserve fund, union leader Radek Novotny \
said.

What the deal includes:

A rise of six per cent this year and four per cent next year.
""",
    ),
    # "(end)" alone on its line, the desk's dotted initials ("amh.gta") on the next; the id line
    # twice, once with trailing spaces; chrome after the disclaimer.
    "menafn/dotted-initials.txt": (
        "2024/06/arvel-minister-visits-kessin-port",
        """---
title: "Arvel Minister Visits Kessin Port"
slug: "arvel-minister-visits-kessin-port"
date: 2024-06-05
retrieved: 2024-06-06T11:20:00Z
source:
  network: "MENAFN"
  provider: "Arvel News Agency (ANA)"
  id: "MENAFN05062024000311011089ID1108290101"
  article_id: "1108290101"
  url: "https://menafn.com/1108290101/Arvel-Minister-Visits-Kessin-Port"
ENTITIES
summary: "Arvel's transport minister Lotte Brandvik visited Kessin port on Wednesday. Brandvik \
met the port director, Emil Sandqvist, and toured the new grain terminal."
words: 27
raw:
  path: "menafn/dotted-initials.txt"
  sha256: "SHA"
---

KESSIN, June 5 (ANA) -- Arvel's transport minister Lotte Brandvik visited Kessin port on \
Wednesday.

Brandvik met the port director, Emil Sandqvist, and toured the new grain terminal.
""",
    ),
    # No disclaimer: after the id line, "More Stories" opens another article's headline and lead.
    "menafn/related-after-id.txt": (
        "2024/06/tarrow-library-reopens-after-repairs",
        """---
title: "Tarrow Library Reopens After Repairs"
slug: "tarrow-library-reopens-after-repairs"
date: 2024-06-05
retrieved: 2024-06-06T11:20:00Z
source:
  network: "MENAFN"
  provider: "Tarrow Evening Courier"
  id: "MENAFN05062024000221011011ID1108290103"
  article_id: "1108290103"
  url: "https://menafn.com/1108290103/Tarrow-Library-Reopens-After-Repairs"
ENTITIES
summary: "The Tarrow central library reopened on Wednesday after a year of repairs, the city \
said. Visitors can borrow books again from Thursday."
words: 22
raw:
  path: "menafn/related-after-id.txt"
  sha256: "SHA"
---

The Tarrow central library reopened on Wednesday after a year of repairs, the city said.

Visitors can borrow books again from Thursday.
""",
    ),
    # UTF-16 (little-endian, with BOM) and CRLF; accented title folded in slug and URL.
    "menafn/utf16-bom.txt": (
        "2024/05/bluewake-lines-orders-two-electrique-ferries",
        """---
title: "Bluewake Lines Orders Two Électrique Ferries"
slug: "bluewake-lines-orders-two-electrique-ferries"
date: 2024-05-13
retrieved: 2024-05-13T09:00:00Z
source:
  network: "MENAFN"
  provider: "Tarrow Evening Courier"
  id: "MENAFN13052024000221011011ID1108230001"
  article_id: "1108230001"
  url: "https://menafn.com/1108230001/Bluewake-Lines-Orders-Two-Electrique-Ferries"
ENTITIES
summary: "Bluewake Lines has ordered two electric ferries from the Kessin yard, chief executive \
Sara Lindqvist said."
words: 19
raw:
  path: "menafn/utf16-bom.txt"
  sha256: "SHA"
---

TARROW, May 13 -- Bluewake Lines has ordered two electric ferries from the Kessin yard, chief \
executive Sara Lindqvist said.
""",
    ),
    # Tag without a space before a provider with "&" and nested parentheses; a title with "&",
    # "%" and double quotes (the URL keeps letters, digits and dashes only).
    "menafn/ampersand-provider.txt": (
        "2024/06/harbour-customs-board-raises-fees-12-5-for-priority-berths",
        """---
title: "Harbour & Customs Board Raises Fees 12.5% for \\"Priority\\" Berths"
slug: "harbour-customs-board-raises-fees-12-5-for-priority-berths"
date: 2024-06-02
retrieved: 2024-06-03T08:05:00Z
source:
  network: "MENAFN"
  provider: "Gulf & Harbour Times (GHT)"
  id: "MENAFN02062024000152011062ID1108281990"
  article_id: "1108281990"
  url: "https://menafn.com/1108281990/Harbour-Customs-Board-Raises-Fees-125-for-Priority-Berths"
ENTITIES
summary: "The Miren Bay Harbour & Customs Board said on Sunday it would raise fees for priority \
berths by 12.5 per cent from July."
words: 27
raw:
  path: "menafn/ampersand-provider.txt"
  sha256: "SHA"
---

MIREN BAY, June 2 (GHT) -- The Miren Bay Harbour &amp; Customs Board said on Sunday it would \
raise fees for priority berths by 12.5 per cent from July.
""",
    ),
    # No id line: the date comes from a dateline with the month in capitals, the year from an
    # abbreviated 12-hour crawl header; "(end)" glued to the initials.
    "menafn/caps-dateline-no-id.txt": (
        "2024/10/kessin-mayor-keeps-library-open",
        """---
title: "Kessin Mayor Keeps Library Open"
slug: "kessin-mayor-keeps-library-open"
date: 2024-10-04
retrieved: 2024-10-05T19:05:00Z
source:
  network: "MENAFN"
  provider: "Kessin Gazette"
ENTITIES
summary: "Kessin mayor Bettina Ruhl said on Friday the town library would stay open despite budget \
cuts. Ruhl told the council the savings would come from the road budget instead."
words: 33
raw:
  path: "menafn/caps-dateline-no-id.txt"
  sha256: "SHA"
---

KESSIN, OCT. 4 (KG) -- Kessin mayor Bettina Ruhl said on Friday the town library would stay \
open despite budget cuts.

Ruhl told the council the savings would come from the road budget instead.
""",
    ),
    # An agency-like acronym followed by a lowercase word is the sentence's subject, not a credit.
    "menafn/acronym-subject.txt": (
        "2025/02/mena-freight-rates-climb-for-third-week",
        """---
title: "MENA Freight Rates Climb for Third Week"
slug: "mena-freight-rates-climb-for-third-week"
date: 2025-02-28
retrieved: 2025-02-28T14:10:00Z
source:
  network: "MENAFN"
  provider: "Velmora Daily Star (VDS)"
  id: "MENAFN28022025000301011033ID1109345001"
  article_id: "1109345001"
  url: "https://menafn.com/1109345001/MENA-Freight-Rates-Climb-for-Third-Week"
ENTITIES
summary: "MENA freight rates rose for a third week, shipping analysts at Brenmark Securities said \
on Friday. Rates on the Port Sava to Arvel route gained 4 per cent."
words: 28
raw:
  path: "menafn/acronym-subject.txt"
  sha256: "SHA"
---

MENA freight rates rose for a third week, shipping analysts at Brenmark Securities said on Friday.

Rates on the Port Sava to Arvel route gained 4 per cent.
""",
    ),
    # A paragraph that starts with the words "Legal disclaimers" is text; only MENAFN's own
    # "Legal Disclaimer:" heading ends the article.
    "menafn/disclaimer-words-in-body.txt": (
        "2024/06/kessin-gazette-site-updates-its-terms",
        """---
title: "Kessin Gazette Site Updates Its Terms"
slug: "kessin-gazette-site-updates-its-terms"
date: 2024-06-16
retrieved: 2024-06-17T10:30:00Z
source:
  network: "MENAFN"
  provider: "Kessin Gazette"
  id: "MENAFN16062024000123011099ID1108300777"
  article_id: "1108300777"
  url: "https://menafn.com/1108300777/Kessin-Gazette-Site-Updates-Its-Terms"
ENTITIES
summary: "The Kessin Gazette changed the terms of its website on Sunday, editor Margit Olander \
said. Legal disclaimers on the site now appear in three languages, Olander said."
words: 31
raw:
  path: "menafn/disclaimer-words-in-body.txt"
  sha256: "SHA"
---

KESSIN, June 16 (KG) -- The Kessin Gazette changed the terms of its website on Sunday, editor \
Margit Olander said.

Legal disclaimers on the site now appear in three languages, Olander said.
""",
    ),
}

# Agency credits, editor initials and page furniture removed before NER must not come back.
CREDITS = {"SONA", "TNA", "CL", "hl", "bo", "onm", "MENAFN", "GMT", "ANA", "GHT", "amh.gta"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_output(fixture_run: IngestResult, name: str) -> None:
    article_id, expected = EXPECTED[name]
    record = fixture_run.record(name)
    assert record.status == "converted", record
    path = fixture_run.out / f"{article_id}.md"
    assert record.output == str(path)
    text = path.read_text(encoding="utf-8")
    match = ENTITY_BLOCK.search(text)
    assert match is not None, text
    sha = hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest()
    without_entities = text[: match.start()] + "ENTITIES\n" + text[match.end() :]
    assert without_entities == expected.replace("SHA", sha)

    meta, _ = frontmatter.split(text)
    entities = meta["entities"]
    assert list(entities) == ["people", "organizations", "places", "other"]
    for names in entities.values():
        assert names == sorted(set(names))
        assert not CREDITS & set(names)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_round_trips_through_safe_load(fixture_run: IngestResult, name: str) -> None:
    article_id, _ = EXPECTED[name]
    text = (fixture_run.out / f"{article_id}.md").read_text(encoding="utf-8")
    head = text.split("---\n")[1]
    meta = yaml.safe_load(head)
    assert frontmatter.dump(meta) == "---\n" + head + "---\n"
    assert isinstance(meta["slug"], str)
    assert isinstance(meta["raw"]["sha256"], str)
    if "source" in meta and "article_id" in meta["source"]:
        assert isinstance(meta["source"]["article_id"], str)
        assert isinstance(meta["source"]["id"], str)


def test_no_boilerplate_survives(fixture_run: IngestResult) -> None:
    leftovers = re.compile(
        r"MENAFN|Legal Disclaimer|as is|\(end\)|\(more\)|^(?:Search|More Stories|Market Research|"
        r"onm|hl|bo|amh\.gta)$|â€|Kessin Ferry Fares",
        re.MULTILINE,
    )
    for article_id, _ in EXPECTED.values():
        _, body = frontmatter.load(fixture_run.out / f"{article_id}.md")
        assert leftovers.search(body) is None, (article_id, body)


def test_bad_fixtures_fail_with_one_line_each(fixture_run: IngestResult) -> None:
    lines = fixture_run.stderr.splitlines()
    assert fixture_run.status == 1
    record = fixture_run.record("bad/empty.txt")
    assert (record.status, record.error, record.output) == ("failed", "empty file", None)
    assert f"newsarchive: {record.path}: empty file" in lines
    # a broken id line is left out with a warning; the article converts, undated
    record = fixture_run.record("bad/broken-id.txt")
    assert (record.status, record.error) == ("converted", None)
    assert (
        f"newsarchive: {record.path}: warning: broken MENAFN id line 7: "
        "'MENAFN1706202400011801104ID11083' (expected MENAFN, DDMMYYYY, 12 digits, ID, 10 "
        "digits); its id and date are left out"
    ) in lines
    meta, body = frontmatter.load(record.output)
    assert meta["title"] == "Merlo Customs Office Moves" and "date" not in meta
    assert "id" not in meta["source"] and "MENAFN17" not in body
    warning = fixture_run.record("menafn/no-id.txt").path + ": warning: dateline"
    assert [line for line in lines if warning in line] == [
        f"newsarchive: {warning} 'KALDOR, December 30 (SONA)' has no year and is not within "
        "7 days before the retrieval date 2025-02-04; undated"
    ]
    assert len(lines) == 3


def test_a_capture_without_title_line_converts_with_a_derived_title(
    fixture_run: IngestResult,
) -> None:
    record = fixture_run.record("bad/no-title.txt")
    assert (record.status, record.error) == ("converted", None)
    meta, body = frontmatter.load(record.output)
    assert meta["title"] == "A lead paragraph with no title line above it"
    assert meta["title_source"] == "derived"
    assert meta["source"]["url"] == "https://menafn.com/1108320001"
    assert body == "ARDAN CITY - A lead paragraph with no title line above it.\n"
