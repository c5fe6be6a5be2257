"""Layout detection and the MENAFN / plain parsers, without NER."""

from __future__ import annotations

import datetime as dt

import pytest

from newsarchive.ingest import layout, menafn
from newsarchive.ingest.decode import decode_bytes
from newsarchive.ingest.model import Block, InputError

from .helpers import FIXTURES

HEADER = "Thursday 14 March 2024 09:42 GMT\n\nHarbour Title Here\n\n"


def test_layout_detection_on_the_fixtures() -> None:
    for path in sorted((FIXTURES / "menafn").glob("*.txt")):
        assert layout.detect(decode_bytes(path.read_bytes())) == "menafn", path.name
    for path in sorted((FIXTURES / "plain").glob("*.txt")):
        assert layout.detect(path.read_text(encoding="utf-8")) == "plain", path.name


def test_format_can_be_forced() -> None:
    text = HEADER + "(MENAFN- Ardan Daily) Body text here.\n"
    assert layout.parse(text, "menafn").source is not None
    forced = layout.parse(text, "plain")
    assert forced.source is None
    assert forced.blocks == [Block("p", "(MENAFN- Ardan Daily) Body text here.")]


@pytest.mark.parametrize(
    ("lead", "provider", "text"),
    [
        ("(MENAFN- Kessin News Agency (KNA)) Body.", "Kessin News Agency (KNA)", "Body."),
        ("( MENAFN - Orlen Valley Post ) Body.", "Orlen Valley Post", "Body."),
        ("(MENAFN-Orlen Valley Post) Body.", "Orlen Valley Post", "Body."),
        ("(MENAFN) Body.", "MENAFN", "Body."),
        ("(MENAFN- Tessaly Tribune) QNA Merovia: Body.", "Tessaly Tribune", "Merovia: Body."),
        ("(MENAFN- Kessin News Agency (KNA)) KNA Body.", "Kessin News Agency (KNA)", "Body."),
        ("(MENAFN- Ardan Daily) ARD Kessin City: Body.", "Ardan Daily", "Kessin City: Body."),
        ("(MENAFN- Ardan Daily) ARD said on Monday.", "Ardan Daily", "ARD said on Monday."),
        ("(MENAFN- Ardan Daily) UAE officials met.", "Ardan Daily", "UAE officials met."),
        ("(MENAFN- Ardan Daily) MENA markets fell.", "Ardan Daily", "MENA markets fell."),
        ("(MENAFN- Ardan Daily) AFP reported a fall.", "Ardan Daily", "AFP reported a fall."),
        (
            "(MENAFN- Kessin News Agency (KNA)) KNA said so.",
            "Kessin News Agency (KNA)",
            "KNA said so.",
        ),
        ("(MENAFN- Gulf & Harbour Times (GHT)) Body.", "Gulf & Harbour Times (GHT)", "Body."),
        ("(MENAFN - O'Rourke's Daily) Body.", "O'Rourke's Daily", "Body."),
        ("(MENAFN– Ardan Daily) Body.", "Ardan Daily", "Body."),
        (
            "(MENAFN- Ardan Daily) ADA KESSIN, May 31 (ADA) -- Body.",
            "Ardan Daily",
            "KESSIN, May 31 (ADA) -- Body.",
        ),
        (
            "(MENAFN- Ardan Daily) KESSIN CITY, May 31 (KNA) -- Body.",
            "Ardan Daily",
            "KESSIN CITY, May 31 (KNA) -- Body.",
        ),
        (
            "(MENAFN- Ardan Daily) ARDAN CITY, May 31 - Body.",
            "Ardan Daily",
            "ARDAN CITY, May 31 - Body.",
        ),
    ],
)
def test_lead_tag_variants(lead: str, provider: str, text: str) -> None:
    article = menafn.parse(HEADER + lead + "\n")
    assert article.source is not None
    assert article.source.provider == provider
    assert article.blocks == [Block("p", text)]


@pytest.mark.parametrize(
    ("title", "url_tail"),
    [
        (
            "Harbour Authority Signs Ten-Year Dredging Deal With Delmar Marine",
            "Harbour-Authority-Signs-Ten-Year-Dredging-Deal-With-Delmar-Marine",
        ),
        ("Kessin's Mayor Says 'Yes' To Ferry Plan", "Kessins-Mayor-Says-Yes-To-Ferry-Plan"),
        ("Index Signal 20/11: What Follows Earnings?", "Index-Signal-2011-What-Follows-Earnings"),
        ("Market Worth USD 11.6 Billion, CAGR 4.18%", "Market-Worth-USD-116-Billion-CAGR-418"),
        ("Café  Owners -- Protest & March", "Cafe-Owners-Protest-March"),
    ],
)
def test_canonical_url_rule(title: str, url_tail: str) -> None:
    assert menafn.canonical_url("1108283870", title) == f"https://menafn.com/1108283870/{url_tail}"


def test_id_line_gives_date_story_id_and_url_and_is_removed() -> None:
    text = HEADER + "(MENAFN) Body.\n\nMENAFN12032024000214011040ID1107943315\n" * 1
    article = menafn.parse(text + "MENAFN12032024000214011040ID1107943315\n")
    assert article.date == dt.date(2024, 3, 12)
    assert article.retrieved == dt.datetime(2024, 3, 14, 9, 42, tzinfo=dt.UTC)
    assert article.source is not None
    assert article.source.id == "MENAFN12032024000214011040ID1107943315"
    assert article.source.article_id == "1107943315"
    assert article.blocks == [Block("p", "Body.")]


@pytest.mark.parametrize(
    "line",
    [
        "MENAFN1203202400021401104ID1107943315",  # channel block one digit short
        "MENAFN12032024000214011040ID11079",  # story id short
        "MENAFN31022024000214011040ID1107943315",  # 31 February
        "MENAFN12032024000214011040 ID1107943315",
    ],
)
def test_broken_id_lines_are_left_out_with_a_warning(line: str) -> None:
    article = menafn.parse(HEADER + "(MENAFN) Body.\n\n" + line + "\n")
    [note] = article.notes
    assert note.startswith("broken MENAFN id line 7: ")
    assert note.endswith("; its id and date are left out")
    why = "(no such date 31.02.2024)" if "31022024" in line else "(expected MENAFN, DDMMYYYY, "
    assert why in note
    assert article.source.id is None and article.date is None
    assert article.blocks == [Block("p", "Body.")]


@pytest.mark.parametrize(
    ("header", "id_date", "note"),
    [
        ("Thursday 31 February 2024 09:42 GMT", "12032024", "is not a real date and time"),
        ("Thursday 14 March 2024 25:61 GMT", "12032024", "is not a real date and time"),
        ("Thursday 14 March 2024 09:42 GMT", "12032099", "2099-03-12 is after the retrieval"),
        ("Thursday 14 March 2024 09:42 GMT", "12031850", "1850-03-12 is before 1900"),
    ],
)
def test_impossible_values_are_left_out_with_a_warning(header: str, id_date: str,
                                                       note: str) -> None:
    page = (f"{header}\n\nHarbour Title Here\n\n(MENAFN) Body.\n\n"
            f"MENAFN{id_date}000214011040ID1107943315\n")
    article = menafn.parse(page)
    assert article.title == "Harbour Title Here"
    assert article.blocks == [Block("p", "Body.")]
    assert [n for n in article.notes if note in n], article.notes
    if "real date" in note:
        assert article.retrieved is None and article.date == dt.date(2024, 3, 12)
    else:
        assert article.date is None


def test_dateline_without_id_takes_the_year_of_retrieval_when_a_few_days_before() -> None:
    article = menafn.parse(HEADER + "(MENAFN) KESSIN, March 10 (KNA) -- Body.\n")
    assert (article.date, article.notes) == (dt.date(2024, 3, 10), [])
    new_year = "Thursday 2 January 2025 09:42 GMT\n\nHarbour Title Here\n\n"
    article = menafn.parse(new_year + "(MENAFN) KESSIN, December 30 - Body.\n")
    assert (article.date, article.notes) == (dt.date(2024, 12, 30), [])
    article = menafn.parse(HEADER + "(MENAFN) KESSIN, December 30 - Body.\n")
    assert article.date is None
    assert article.notes == [
        "dateline 'KESSIN, December 30' has no year and is not within 7 days before the "
        "retrieval date 2024-03-14; undated"
    ]
    article = menafn.parse(HEADER + "(MENAFN) KESSIN, March 15 - Body.\n")  # after retrieval
    assert article.date is None


def test_plain_dates_only_from_a_dateline_with_a_year() -> None:
    dated = layout.parse("Title\n\nNORVIK, 4 April 2024 - Body.\n", "plain")
    assert dated.date == dt.date(2024, 4, 4)
    assert dated.blocks == [Block("p", "NORVIK, 4 April 2024 - Body.")]
    assert layout.parse("Title\n\nNORVIK, April 4 - Body.\n", "plain").date is None
    assert layout.parse("Title\n\nOn 4 April 2024 the council met.\n", "plain").date is None


def test_headings_captions_and_paragraphs() -> None:
    text = (
        HEADER
        + "Ada Marsh at the site. Photo courtesy of Brightwell Robotics\n\n"
        + "(MENAFN- Meridian Wire) Lead.\n\nJobs and training\nThe hub will employ 340 people.\n\n"
        + "Outlook for 2026\n\nMore text follows here.\n\nShort closing line\n"
    )
    article = menafn.parse(text)
    assert article.blocks == [
        Block("caption", "Ada Marsh at the site. Photo courtesy of Brightwell Robotics"),
        Block("p", "Lead."),
        Block("h", "Jobs and training"),
        Block("p", "The hub will employ 340 people."),
        Block("h", "Outlook for 2026"),
        Block("p", "More text follows here."),
        Block("p", "Short closing line"),
    ]


def test_hard_wrapped_plain_text_is_joined_into_paragraphs() -> None:
    text = (
        "Wrapped story\n\n"
        "The Norvik city council voted on Thursday to extend the tram\n"
        "line to the Ostrava Lake district, after a debate that lasted\n"
        "most of the evening.\n"
    )
    assert layout.parse(text, "plain").blocks == [
        Block(
            "p",
            "The Norvik city council voted on Thursday to extend the tram line to the Ostrava "
            "Lake district, after a debate that lasted most of the evening.",
        )
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Thursday 14 March 2024 09:42 GMT\n\n", "no title (nothing after the crawl header)"),
        (HEADER.replace("Harbour Title Here", "(MENAFN- Ardan Daily)"), "no body text"),
        (HEADER, "no body text after the title"),
        ("12345\n\nBody.\n", "no title (the first line has no letters)"),
    ],
)
def test_no_title_or_body(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        layout.parse(text)
    assert str(caught.value) == reason


def test_summary_skips_dateline_headings_and_captions_and_cuts_at_a_word() -> None:
    from newsarchive.ingest.render import summary, word_count

    sentence = "The harbour board met again on Monday to discuss the dredging timetable."
    article = layout.parse(
        "Title\n\nPhoto courtesy of Kessin Ferries\n\n"
        f"NORVIK, 4 April 2024 - {sentence}\n\nTimetable\n\n" + (sentence + " ") * 5 + "\n",
        "plain",
    )
    text = summary(article)
    assert text.endswith(" …")
    assert text.startswith(sentence + " " + sentence)
    assert len(text) <= 302
    assert ((sentence + " ") * 6).startswith(text[:-2] + " ")  # cut at a word boundary
    assert word_count(article) == 5 + 4 + 12 + 1 + 12 * 5


def test_prose_mentioning_menafn_is_not_an_id_line() -> None:
    text = "Index note\n\nMENAFN 500 index closed higher.\n\nMENAFN2024 was a good year\n"
    assert layout.detect(text) == "plain"
    assert len(layout.parse(text).blocks) == 2


def test_random_pages_parse_or_fail_cleanly_and_render_verbatim() -> None:
    import random

    from newsarchive.ingest.decode import decode_bytes
    from newsarchive.ingest.markdown import render_body

    from .helpers import render_html

    pieces = [
        "Thursday 14 March 2024 09:42 GMT",
        "(MENAFN- Ardan Daily (AD))",
        "(MENAFN)",
        "( MENAFN - X )",
        "MENAFN12032024000214011040ID1107943315",
        "MENAFN1203",
        "Legal Disclaimer:",
        "Search",
        "(end) ab",
        "(more)",
        "onm",
        "KESSIN, May 31 (KNA) --",
        "Photo courtesy of Y",
        "# hash",
        "<b>bold</b>",
        "* star",
        "1. one",
        "Short heading",
        "A sentence that ends.",
        "",
        "",
        "\r",
        "Café “quote” â€œmojiâ€",
        "\t  indented",
        "[x](y)",
        "`tick`",
        "&amp;",
        "Key: value",
    ]
    rng = random.Random(1107943315)
    for _ in range(300):
        lines = [
            rng.choice(pieces) + rng.choice(["", " tail.", " more words here"])
            for _ in range(rng.randint(0, 14))
        ]
        raw = "\n".join(lines).encode(rng.choice(["utf-8", "cp1252"]), errors="replace")
        try:
            article = layout.parse(decode_bytes(raw))
        except InputError:
            continue
        assert article.title and article.blocks
        html = render_html(render_body(article.blocks))
        expected = [
            ("h2" if b.kind == "h" else "p", " ".join(b.text.split())) for b in article.blocks
        ]
        assert html.blocks == expected, lines


def test_a_sentence_broken_by_a_lost_link_is_not_a_heading() -> None:
    text = (
        "Indoor trials\n\nThe men's 800m went to form in Kessin as\n\n"
        "dominated the race from start to finish.\n\nThe board had claimed two firms\n\n"
        "- cut prices\n"
    )
    assert [block.kind for block in layout.parse(text).blocks] == ["p", "p", "p", "p"]


def test_a_run_of_short_lines_is_a_list_not_headings() -> None:
    text = "Cup draw\n\nFixtures\n\nKessin v Merlo\n\nNorvik v Ardan City\n\nPlay starts at noon.\n"
    assert [block.kind for block in layout.parse(text).blocks] == ["p"] * 4


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Who pays for the deal?", True),
        ("What changes for shippers now?", True),
        ('Is the "deal" really done?', False),  # quoted speech, not a section title
        ("'Why now?' asked one commuter, and why?", False),
        ("Could the strike return before the spring elections in the northern districts?", False),
        ("What the deal includes:", False),
        ("Funding and oversight", True),
    ],
)
def test_short_unquoted_questions_are_headings_colon_lines_are_not(
    line: str, heading: bool
) -> None:
    text = HEADER + f"(MENAFN- Ardan Daily) The lead sentence.\n\n{line}\nThe next paragraph.\n"
    blocks = layout.parse(text, "menafn").blocks
    assert blocks[1] == Block("h" if heading else "p", line)


@pytest.mark.parametrize(
    "trailer",
    ["(end) sms.gb", "(end) amh.gta hb", "(END) KG", "(end) ght ab", "(end)\nsms/gb", "(end)gta"],
)
def test_end_trailers_with_desk_initials_are_removed(trailer: str) -> None:
    text = (
        HEADER
        + f"(MENAFN- Ardan Daily) The court sat on Monday. {trailer}\n\nMENAFN"
        + ("12032024000214011040ID1107943315\n")
    )
    article = layout.parse(text, "menafn")
    assert article.blocks == [Block("p", "The court sat on Monday.")]


def test_chrome_after_the_id_line_ends_the_article_but_not_before_it() -> None:
    body = "(MENAFN- Ardan Daily) The lead sentence.\n\nMore Stories\n\nThe second paragraph.\n"
    tail = (
        "\nMENAFN12032024000214011040ID1107943315\n\nMarket Research\nOther Headline\n\n"
        "Other lead.\n"
    )
    article = layout.parse(HEADER + body + tail, "menafn")
    assert article.blocks == [
        Block("p", "The lead sentence."),
        Block("p", "The second paragraph."),
    ]


@pytest.mark.parametrize(
    ("header", "utc"),
    [
        ("Thursday 14 March 2024 09:42 GMT", "2024-03-14 09:42"),
        ("Thursday, 14 March 2024, 09:42 GMT", "2024-03-14 09:42"),
        ("Thu 14 Mar 2024 9:42 AM GMT", "2024-03-14 09:42"),
        ("Sunday 7 April 2024 6:07", "2024-04-07 06:07"),  # no zone: GMT, as MENAFN writes it
        ("Monday 1 July 2024 10:15 BST", "2024-07-01 09:15"),
        ("Monday 1 July 2024 12:15 PM GMT+3", "2024-07-01 09:15"),
        ("Wednesday 1 January 2025 00:30 CET", "2024-12-31 23:30"),
    ],
)
def test_crawl_header_variants_become_utc_retrieval_times(header: str, utc: str) -> None:
    article = layout.parse(f"{header}\n\nHarbour Title Here\n\n(MENAFN- Ardan Daily) Body.\n")
    assert article.title == "Harbour Title Here"
    assert article.retrieved == dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)


def test_a_dateline_with_the_month_in_capitals_dates_the_article() -> None:
    text = "Monday 3 June 2024 08:00 GMT\n\nKessin Port Reopens\n\n(MENAFN- Kessin Gazette) "
    article = layout.parse(text + "KESSIN, JUNE 1 (KG) -- The port reopened on Saturday.\n")
    assert article.dateline == "KESSIN, JUNE 1 (KG) --"
    assert article.date == dt.date(2024, 6, 1)


def _variants(page: str) -> dict[str, bytes]:
    """The same page in every layout variation the MENAFN scrapes show: each parses identically."""
    tag, end = "(MENAFN- Meridian Wire)", "MENAFN13062024000220011044ID1108309017"
    disclaimer = page.index("Legal Disclaimer:")
    return {
        "cp1252-crlf": page.replace("\n", "\r\n").encode("cp1252"),
        "utf8-bom": b"\xef\xbb\xbf" + page.encode(),
        "utf16-bom": page.encode("utf-16"),
        "mojibake-disclaimer": page.replace("“as is”", "â€œas isâ€").encode(),
        "tag-spaced": page.replace(tag, "( MENAFN - Meridian Wire )").encode(),
        "tag-tight": page.replace(tag, "(MENAFN-Meridian Wire)").encode(),
        "extra-blanks-and-trailing-spaces": page.replace("\n", "  \n\n").encode(),
        "no-blank-after-header": page.replace("GMT\n\n", "GMT\n").encode(),
        "id-twice": page.replace(end, f"{end}   \n{end}").encode(),
        "end-dotted-initials": page.replace(end, f"(end)\nmw.ab\n\n{end}").encode(),
        "more-trailer": page.replace(end, f"(more)\n\n{end}").encode(),
        "chrome-in-body": page.replace("Jobs and training", "Share\nJobs and training").encode(),
        "related-stories-without-disclaimer": (
            page[:disclaimer] + "More Stories\nOther Headline\n\nOther lead text.\n"
        ).encode(),
    }


def test_every_allowed_layout_variation_parses_to_the_same_article() -> None:
    page = (FIXTURES / "menafn/caption-press-release.txt").read_text(encoding="utf-8")
    base = layout.parse(decode_bytes(page.encode()))
    assert base.source is not None and base.source.article_id == "1108309017"
    assert [block.kind for block in base.blocks] == ["caption", "p", "h", "p", "h", "p"]
    for name, raw in _variants(page).items():
        assert layout.parse(decode_bytes(raw)) == base, name


def test_a_question_between_blank_lines_is_a_paragraph() -> None:
    text = HEADER + (
        "(MENAFN- Ardan Daily) The lead sentence.\n\nWho pays for the deal?\n\n"
        "The ministry will pay.\n\nWhy not? Ask the mayor?\nShe said no.\n"
    )
    # the last question has its text directly below, but holds two sentences
    assert [b.kind for b in layout.parse(text, "menafn").blocks] == ["p", "p", "p", "p", "p"]
