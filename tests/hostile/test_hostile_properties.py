"""Random input never makes a traceback: random front matter at the site reader and the search
indexer (which must agree), random bytes under random file names at ``newsarchive ingest`` (one
line per bad file, every input accounted for in the report)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive import frontmatter
from newsarchive.article import ArticleError
from newsarchive.cli import main
from newsarchive.search.document import read_article
from newsarchive.site.metadata import to_pelican_metadata

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.dates(), st.datetimes(timezones=st.just(dt.UTC)),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)
keys = st.sampled_from(["title", "Title", "slug", "date", "retrieved", "source", "summary",
                        "words", "entities", "raw", "copies", "mood"])
entity_maps = st.dictionaries(
    st.sampled_from(["people", "organizations", "places", "other", "authors"]),
    st.one_of(st.none(), st.text(max_size=20), st.lists(values, max_size=4)), max_size=4,
)
front_matters = st.dictionaries(keys, st.one_of(values, entity_maps), max_size=8)


def read_both(folder: Path, text: str) -> tuple[object, object]:
    path = folder / "articles" / "2024" / "05" / "probe.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        meta, _ = frontmatter.load(path)
        site: object = to_pelican_metadata(meta, "2024/05/probe")
    except (frontmatter.FrontMatterError, ArticleError, UnicodeError) as exc:
        site = type(exc).__name__ if isinstance(exc, UnicodeError) else str(exc)
    try:
        doc = read_article(path, folder / "articles")
        search: object = (doc.id, doc.url, doc.title, doc.entities)
    except ArticleError as exc:
        search = str(exc)
    return site, search


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(meta=front_matters)
def test_random_front_matter_is_read_alike_or_refused_alike(tmp_path: Path, meta) -> None:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nBody.\n"
    site, search = read_both(tmp_path, text)
    if isinstance(site, str) or isinstance(search, str):
        assert site == search and "\n" not in site
    else:
        assert (site["article_key"], site["url"], site["title"],
                {k: v for k, v in site["entities"].items() if v}) == search


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_random_text_after_a_fence_never_raises_anything_else(tmp_path: Path, text: str) -> None:
    read_both(tmp_path, "---\n" + text)


names = st.binary(min_size=1, max_size=40).map(
    lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")
).filter(lambda b: b not in (b".", b".."))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(names, st.binary(max_size=600), min_size=1, max_size=5))
def test_random_files_never_stop_ingest(tmp_path: Path, files: dict[bytes, bytes]) -> None:
    folder = tmp_path / "raw"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    os.makedirs(os.fsencode(folder))
    for name, data in files.items():
        with open(os.path.join(os.fsencode(folder), name + b".txt"), "wb") as handle:
            handle.write(data)
    err = io.StringIO()
    report = tmp_path / "report.json"
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["ingest", str(folder), "--out", str(tmp_path / "out"), "--quiet",
                     "--report", str(report)])
    records = json.loads(report.read_text(encoding="utf-8"))
    failed = [r for r in records if r["status"] == "failed"]
    lines = err.getvalue().splitlines()
    assert code == (1 if failed else 0), err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert len(records) >= len(files)
    assert all(line.startswith("newsarchive: ") for line in lines), lines
    assert len([line for line in lines if ": warning: " not in line]) == len(failed), lines


def _key_by_path(relative: str) -> str:
    """The article key as the path library defines it (the rule ``article_key`` shortcuts)."""
    from pathlib import PurePosixPath

    path = PurePosixPath(relative.replace("\\", "/"))
    return str(path.with_suffix("")) if path.suffix == ".md" else str(path)


@settings(max_examples=500, deadline=None)
@given(relative=st.text(alphabet="ab./\\m ", max_size=24)
       | st.lists(st.sampled_from(["2024", "05", ".", "..", "", ".md", "a.md", "x..md", "b\\c"]),
                  max_size=5).map("/".join))
def test_the_article_key_shortcut_is_the_path_rule(relative: str) -> None:
    from newsarchive.article import article_key

    try:
        expected = _key_by_path(relative)
    except ValueError:  # no file name to take a suffix from: not an article path
        return
    assert article_key(relative) == expected
