"""Real MENAFN captures: no title line, chrome around the lead, trailers in odd places.

Each fixture under ``fixtures/captures`` is one variant seen in real scrapes (rewritten with
fictional people, companies and places). The expected files were checked by hand: a title derived
from the headline-like first line or the first sentence (``title_source: derived``), dates from
the id line, else the dateline (a yearless one only within a few days before retrieval), else the
page's ``Date`` chrome; no tag, byline chrome, advert, ``Read more``, ``(end)``/``(more)``
initials, ``(QNA)`` credit or ``Comments`` left in the body. Entities come from spaCy and are
checked for shape only, as in ``test_ingest_fixtures``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from .helpers import ENTITY_BLOCK, IngestResult, ingest

CAPTURES = Path(__file__).resolve().parent / "fixtures" / "captures"
EXPECTED: dict[str, tuple[str, str]] = {
    "date-chrome-undatelined.txt": (
        "2024/08/"
        "the-ardan-regional-library-will-stay-open-until-ten-on-weekdays-from-september",
        """---
title: "The Ardan Regional Library will stay open until ten on weekdays from September, its \
director Bo …"
slug: "the-ardan-regional-library-will-stay-open-until-ten-on-weekdays-from-september"
date: 2024-08-13
retrieved: 2024-08-14T07:00:00Z
source:
  network: "MENAFN"
  provider: "Ardan Daily"
ENTITIES
summary: "The Ardan Regional Library will stay open until ten on weekdays from September, its \
director Bo Lindahl said. Lindahl said demand from students had grown since the spring."
words: 28
raw:
  path: "date-chrome-undatelined.txt"
  sha256: "SHA"
title_source: "derived"
---

The Ardan Regional Library will stay open until ten on weekdays from September, its director Bo \
Lindahl said.

Lindahl said demand from students had grown since the spring.
""",
    ),
    "date-chrome.txt": (
        "2024/09/kessin-port-opens-night-shift-for-grain-ships",
        """---
title: "Kessin Port Opens Night Shift For Grain Ships"
slug: "kessin-port-opens-night-shift-for-grain-ships"
date: 2024-09-27
retrieved: 2024-09-28T02:30:00Z
source:
  network: "MENAFN"
  provider: "Kessin News Agency (KNA)"
ENTITIES
summary: "The port of Kessin will keep its grain berths open through the night from October, \
port director Alma Reinert said on Friday. Reinert said the change would cut waiting times by \
half."
words: 36
raw:
  path: "date-chrome.txt"
  sha256: "SHA"
---

KESSIN, September 27 (KNA) -- The port of Kessin will keep its grain berths open through the \
night from October, port director Alma Reinert said on Friday.

Reinert said the change would cut waiting times by half.
""",
    ),
    "end-list.txt": (
        "2024/06/norvik-council-sets-summer-ferry-timetable",
        """---
title: "Norvik Council Sets Summer Ferry Timetable"
slug: "norvik-council-sets-summer-ferry-timetable"
date: 2024-06-15
retrieved: 2024-06-16T09:00:00Z
source:
  network: "MENAFN"
  provider: "Norvik Courier"
  id: "MENAFN15062024000177011020ID1108310550"
  article_id: "1108310550"
  url: "https://menafn.com/1108310550/Norvik-Council-Sets-Summer-Ferry-Timetable"
ENTITIES
summary: "The Norvik council has published the summer ferry timetable. The main changes are: - \
an extra morning crossing to Ashby Island - a later last sailing on Saturdays Councillor Hedda \
Marr said the timetable would be reviewed in October."
words: 40
raw:
  path: "end-list.txt"
  sha256: "SHA"
---

NORVIK, June 15 -- The Norvik council has published the summer ferry timetable. The main \
changes are:

\\- an extra morning crossing to Ashby Island

\\- a later last sailing on Saturdays

Councillor Hedda Marr said the timetable would be reviewed in October.
""",
    ),
    "repeated-dateline.txt": (
        "2024/04/the-harbour-pilots-association-has-agreed-a-new-pay-scale-with-the-port-alden",
        """---
title: "The harbour pilots' association has agreed a new pay scale with the Port Alden Harbour \
Authority …"
slug: "the-harbour-pilots-association-has-agreed-a-new-pay-scale-with-the-port-alden"
date: 2024-04-03
retrieved: 2024-04-04T10:15:00Z
source:
  network: "MENAFN"
  provider: "Coastline Ledger (CL)"
ENTITIES
summary: "The harbour pilots' association has agreed a new pay scale with the Port Alden \
Harbour Authority, the association's secretary Jonas Fell said on Wednesday. Fell said the deal \
would run for three years."
words: 38
raw:
  path: "repeated-dateline.txt"
  sha256: "SHA"
title_source: "derived"
---

PORT ALDEN, April 3 (CL) -- The harbour pilots' association has agreed a new pay scale with the \
Port Alden Harbour Authority, the association's secretary Jonas Fell said on Wednesday.

Fell said the deal would run for three years.
""",
    ),
    "tag-advert.txt": (
        "2024/10/"
        "the-merovia-water-board-said-on-sunday-it-would-replace-forty-kilometres-of-old",
        """---
title: "The Merovia water board said on Sunday it would replace forty kilometres of old mains \
by 2027"
slug: "the-merovia-water-board-said-on-sunday-it-would-replace-forty-kilometres-of-old"
date: 2024-10-20
retrieved: 2024-10-21T16:40:00Z
source:
  network: "MENAFN"
  provider: "Merovia Herald"
  id: "MENAFN20102024000233011050ID1108801120"
  article_id: "1108801120"
  url: "https://menafn.com/1108801120"
ENTITIES
summary: "The Merovia water board said on Sunday it would replace forty kilometres of old mains \
by 2027. The board's chairman, Orsolya Brandt, said the first works would begin in the Westbank \
district."
words: 35
raw:
  path: "tag-advert.txt"
  sha256: "SHA"
title_source: "derived"
---

MEROVIA, Oct 20 -- The Merovia water board said on Sunday it would replace forty kilometres of \
old mains by 2027.

The board's chairman, Orsolya Brandt, said the first works would begin in the Westbank district.
""",
    ),
    "tag-alone.txt": (
        "2024/09/crude-shipments-through-the-port-alden-oil-terminal-rose-by-a-tenth-in-august",
        """---
title: "Crude shipments through the Port Alden oil terminal rose by a tenth in August, terminal \
manager Edda …"
slug: "crude-shipments-through-the-port-alden-oil-terminal-rose-by-a-tenth-in-august"
date: 2024-09-27
retrieved: 2024-09-28T02:08:00Z
source:
  network: "MENAFN"
  provider: "Coastline Ledger (CL)"
  id: "MENAFN27092024000214011040ID1108712001"
  article_id: "1108712001"
  url: "https://menafn.com/1108712001"
ENTITIES
summary: "Crude shipments through the Port Alden oil terminal rose by a tenth in August, \
terminal manager Edda Sorvik said on Friday. Sorvik said tanker waits had fallen to under a \
day, and that the average cargo fetched 81 dollars per barrel."
words: 46
raw:
  path: "tag-alone.txt"
  sha256: "SHA"
title_source: "derived"
---

PORT ALDEN, Sept 27 (CL) -- Crude shipments through the Port Alden oil terminal rose by a tenth \
in August, terminal manager Edda Sorvik said on Friday.

Sorvik said tanker waits had fallen to under a day, and that the average cargo fetched 81 \
dollars per barrel.
""",
    ),
    "tag-byline.txt": (
        "2024/06/"
        "the-tessaly-city-council-has-approved-a-new-cycle-lane-along-the-harbour-front",
        """---
title: "The Tessaly city council has approved a new cycle lane along the harbour front"
slug: "the-tessaly-city-council-has-approved-a-new-cycle-lane-along-the-harbour-front"
date: 2024-06-03
retrieved: 2024-06-04T11:20:00Z
source:
  network: "MENAFN"
  provider: "Tessaly Tribune"
  id: "MENAFN03062024000195011032ID1108280077"
  article_id: "1108280077"
  url: "https://menafn.com/1108280077"
ENTITIES
summary: "The Tessaly city council has approved a new cycle lane along the harbour front. Work \
will start in July, transport officer Lenne Vask said on Monday. Vask said the lane would link \
the ferry pier with the old town."
words: 42
raw:
  path: "tag-byline.txt"
  sha256: "SHA"
title_source: "derived"
---

By Mara Quill

The Tessaly city council has approved a new cycle lane along the harbour front. Work will start \
in July, transport officer Lenne Vask said on Monday.

Vask said the lane would link the ferry pier with the old town.
""",
    ),
    "tag-read-more.txt": (
        "2024/07/ardan-ferries-orders-two-electric-vessels",
        """---
title: "Ardan Ferries Orders Two Electric Vessels"
slug: "ardan-ferries-orders-two-electric-vessels"
date: 2024-07-11
retrieved: 2024-07-12T08:05:00Z
source:
  network: "MENAFN"
  provider: "Ardan Daily"
  id: "MENAFN11072024000118011041ID1108420313"
  article_id: "1108420313"
  url: "https://menafn.com/1108420313/Ardan-Ferries-Orders-Two-Electric-Vessels"
ENTITIES
summary: "Ardan Ferries has ordered two battery-electric vessels from the Kessel yard, chief \
executive Ruud Hallam said on Thursday. Hallam said the ships would enter service in 2026."
words: 32
raw:
  path: "tag-read-more.txt"
  sha256: "SHA"
title_source: "derived"
---

ARDAN CITY, July 11 (ADA) -- Ardan Ferries has ordered two battery-electric vessels from the \
Kessel yard, chief executive Ruud Hallam said on Thursday.

Hallam said the ships would enter service in 2026.
""",
    ),
    "yearless-old.txt": (
        "undated/harbour-dues-for-small-fishing-boats-will-be-frozen-for-another-year-the-port",
        """---
title: "Harbour dues for small fishing boats will be frozen for another year, the Port Alden \
Harbour …"
slug: "harbour-dues-for-small-fishing-boats-will-be-frozen-for-another-year-the-port"
retrieved: 2024-09-20T12:00:00Z
source:
  network: "MENAFN"
  provider: "Coastline Ledger (CL)"
ENTITIES
summary: "Harbour dues for small fishing boats will be frozen for another year, the Port Alden \
Harbour Authority said on Wednesday, after talks with the fishermen's cooperative that lasted \
several weeks. The cooperative's chairman, Aksel Dunmore, welcomed the decision."
words: 42
raw:
  path: "yearless-old.txt"
  sha256: "SHA"
title_source: "derived"
---

PORT ALDEN, April 3 -- Harbour dues for small fishing boats will be frozen for another year, \
the Port Alden Harbour Authority said on Wednesday, after talks with the fishermen's \
cooperative that lasted several weeks.

The cooperative's chairman, Aksel Dunmore, welcomed the decision.
""",
    ),
}


@pytest.fixture(scope="module")
def captures_run(tmp_path_factory: pytest.TempPathFactory) -> IngestResult:
    work = tmp_path_factory.mktemp("captures")
    shutil.copytree(CAPTURES, work / "captures")
    return ingest([work / "captures"], work / "articles")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_capture_converts_exactly(captures_run: IngestResult, name: str) -> None:
    article_id, expected = EXPECTED[name]
    record = captures_run.record(name)
    assert record.status == "converted", record
    text = (captures_run.out / f"{article_id}.md").read_text(encoding="utf-8")
    match = ENTITY_BLOCK.search(text)
    assert match is not None, text
    sha = hashlib.sha256((CAPTURES / name).read_bytes()).hexdigest()
    assert text[: match.start()] + "ENTITIES\n" + text[match.end() :] == expected.replace(
        "SHA", sha
    )


def test_undatable_yearless_dateline_is_one_warning_line(captures_run: IngestResult) -> None:
    assert captures_run.status == 0
    assert captures_run.stderr.splitlines() == [
        f"newsarchive: {captures_run.record('yearless-old.txt').path}: warning: dateline "
        "'PORT ALDEN, April 3' has no year and is not within 7 days before the retrieval date "
        "2024-09-20; undated"
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Mr. Quill said U.S. rates rose. Then they fell.", "Mr. Quill said U.S. rates rose"),
        ("Is the ferry late? Nobody knows.", "Is the ferry late?"),
        ("“We are ready.” The mayor spoke.", "“We are ready.”"),
        ("word " * 30, "word " * 19 + "word …"),
    ],
)
def test_first_sentence_title(text: str, title: str) -> None:
    from newsarchive.ingest.capture import first_sentence

    assert first_sentence(text.strip()) == title


def test_a_byline_over_the_tag_is_no_title() -> None:
    from newsarchive.ingest import menafn
    from newsarchive.ingest.model import Block

    article = menafn.parse(
        "Monday 17 June 2024 10:00 GMT\n\nBy Mara Quill\n\n"
        "(MENAFN- Ardan Daily) The Ardan council met on Monday. It approved the budget.\n"
    )
    assert (article.title, article.title_source) == ("The Ardan council met on Monday", "derived")
    assert article.blocks == [
        Block("byline", "By Mara Quill"),
        Block("p", "The Ardan council met on Monday. It approved the budget."),
    ]
