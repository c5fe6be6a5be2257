"""Front matter written by ingest reads back identically through ``yaml.safe_load``."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from newsarchive import frontmatter

MANGLED_BY_YAML_11 = [
    "no", "No", "yes", "on", "off", "y", "n", "true", "null", "~", "",
    "0123", "1107943315", "0x1F", "1e3", "1_000", ".5", ".inf", ".nan", "0o17", "12:30:00",
    "2024-03-12", "2024-03-14T09:42:00Z", "- item", "key: value", "# comment", "& anchor",
    "* alias", "!tag", "%directive", "@at", "`tick", "|", ">", "'quoted'", '"double"',
    "[a, b]", "{a: b}", "  leading and trailing  ", "tab\there", "line\nbreak", "back\\slash",
    "nel\x85", "ls\u2028ps\u2029", "bom\ufeff", "bell\x07", "emoji \U0001F600", "ünïcödé “quotes”",
]


@pytest.mark.parametrize("value", MANGLED_BY_YAML_11)
def test_strings_round_trip_as_strings(value: str) -> None:
    text = frontmatter.dump({"title": value, "source": {"id": value}, "list": [value, value]})
    meta, body = frontmatter.split(text + "\n")
    assert meta == {"title": value, "source": {"id": value}, "list": [value, value]}
    assert body == ""


def test_dates_ints_and_utc_timestamps_round_trip_typed() -> None:
    meta = {
        "date": dt.date(2024, 3, 12),
        "retrieved": dt.datetime(2024, 3, 14, 9, 42, tzinfo=dt.UTC),
        "words": 142,
        "entities": {"people": [], "places": ["Port Alden"]},
    }
    text = frontmatter.dump(meta)
    assert text == (
        "---\n"
        "date: 2024-03-12\n"
        "retrieved: 2024-03-14T09:42:00Z\n"
        "words: 142\n"
        "entities:\n"
        "  people: []\n"
        '  places: ["Port Alden"]\n'
        "---\n"
    )
    assert yaml.safe_load(text.strip("-\n")) == meta


def test_none_values_are_omitted_and_order_is_kept() -> None:
    text = frontmatter.dump({"b": "1", "a": None, "c": {"x": None, "y": "2"}})
    assert text == '---\nb: "1"\nc:\n  y: "2"\n---\n'


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        frontmatter.dump({"retrieved": dt.datetime(2024, 3, 14, 9, 42)})
