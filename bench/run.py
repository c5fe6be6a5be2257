"""``python -m bench.run --articles N``: the side-by-side benchmark behind ``make bench``.

One run, one generated archive (cached under ``bench/work/<N>-<seed>/raw``), every step a child
process (see :mod:`bench.measure`), every comparison made against its baseline in the same run so
that the ratios hold on any machine. A step whose component is missing or fails becomes a row that
says so; the run goes on. The table is printed as Markdown and saved with all raw numbers as JSON
under ``bench/results/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.aside import Aside
from bench.bare import convert_tree, write_settings
from bench.generate import build_world, generate, truth_path
from bench.longtail import add_lone_names
from bench.measure import Measured, run_measured
from bench.replicate import replicate

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
KB = 1024
MB = 1024 * 1024
#: Above this many articles ingest (NER at about ten articles a second here) cannot finish in a
#: bench run: the archive is grown from the ingested archive of the BASE-article run instead
#: (bench/replicate.py), and the ingest and cluster steps are skipped (the table says so).
INGEST_MAX = 20_000
BASE = 10_000
#: The memory step builds these two sizes (grown from this run's archive) and extrapolates.
MEMORY_SIZES = (2_000, 8_000)
#: How many times the +10 rebuild is measured (from the same start; the median is the result):
#: one rebuild is a few seconds, and this machine's speed varies by a fifth from run to run.
INCREMENTAL_RUNS = 3

SETTINGS = '''\
"""Benchmark settings: the repository's pelicanconf.py with this project's paths."""
exec(compile(open({conf!r}, encoding="utf-8").read(), {conf!r}, "exec"))
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
NEWSARCHIVE_INDEX_DIR = {index!r}
NEWSARCHIVE_ENTITIES_FILE = {entities!r}
CACHE_PATH = {cache!r}
if {incremental!r} and "incremental" not in PLUGINS:
    PLUGINS = [*PLUGINS, "incremental"]
'''


@dataclass
class Row:
    """One line of the result table."""

    step: str
    metric: str
    ours: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


@dataclass
class Bench:
    articles: int
    seed: int
    work: Path
    runs: int
    rows: list[Row] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    #: where the folders of earlier runs go (bench/aside.py): kept until the bench ends up to
    #: FULL_RUNS_MAX articles, deleted at once above (copies of a 100k build would fill the disk)
    aside: Aside | None = None

    def __post_init__(self) -> None:
        if self.aside is None:
            self.aside = Aside(self.work / "set-aside", keep=self.articles <= FULL_RUNS_MAX)

    def set_aside(self, *paths: Path) -> None:
        """Out of the way of the next run, without deleting them now (bench/aside.py)."""
        assert self.aside is not None
        for path in paths:
            self.aside.remove(path)

    # ---------------------------------------------------------------- paths and helpers
    @property
    def raw(self) -> Path:
        return self.work / "raw"

    @property
    def project(self) -> Path:
        return self.work / "project"

    @property
    def content(self) -> Path:
        return self.project / "content" / "articles"

    @property
    def entities(self) -> Path:
        return ROOT / "samples" / "entities.yml"

    def settings(self, name: str, *, var: str = "var", incremental: bool = True) -> Path:
        path = self.project / f"{name}.py"
        path.write_text(
            SETTINGS.format(
                conf=str(ROOT / "pelicanconf.py"),
                content=str(self.project / "content"),
                theme=str(ROOT / "theme"),
                plugins=str(ROOT / "plugins"),
                index=str(self.project / var / "index"),
                entities=str(self.entities),
                cache=str(self.project / var / "cache"),
                incremental=incremental and (ROOT / "plugins" / "incremental").is_dir(),
            ),
            encoding="utf-8",
        )
        return path

    def run(self, cmd: list[str], timeout: float = 7200, **kw: Any) -> Measured:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        # what earlier steps wrote (a copied build state, a generated archive) is flushed first,
        # so that no measured command pays for another's write-back
        os.sync()
        result = run_measured(cmd, cwd=kw.get("cwd", self.project), env=env, timeout=timeout)
        self.data.setdefault("commands", []).append(
            {
                "cmd": " ".join(cmd),
                "seconds": round(result.seconds, 3),
                "cpu_seconds": round(result.cpu_seconds, 3),
                "max_rss_mb": round(result.max_rss_mb, 1),
                "rc": result.returncode,
            }
        )
        return result

    def step(self, name: str, fn: Any) -> None:
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            fn()
        except Exception as exc:
            self.rows.append(Row(name, "error", f"{type(exc).__name__}: {exc}"))
            self.data.setdefault("errors", {})[name] = traceback.format_exc()
        print(
            f"[bench] {name} done in {time.perf_counter() - start:.1f}s",
            file=sys.stderr,
            flush=True,
        )

    # ---------------------------------------------------------------- steps
    def prepare(self) -> None:
        stamp = self.raw / ".complete"
        if not stamp.exists():
            shutil.rmtree(self.raw, ignore_errors=True)
            generate(self.raw, self.articles, seed=self.seed)
            stamp.write_text("ok\n")
        self.project.mkdir(parents=True, exist_ok=True)

    def replicated(self) -> None:
        """The archive for a run above INGEST_MAX: the BASE run's ingested archive (ingested
        first when missing), grown to N articles by shifted copies."""
        base = Bench(articles=BASE, seed=self.seed, work=self.work.parent / f"{BASE}-{self.seed}",
                     runs=1)
        if not (base.content.is_dir() and any(base.content.rglob("*.md"))):
            base.prepare()
            base.ingest()
        stamp = self.project / ".replicated"
        if not stamp.exists() or stamp.read_text() != f"{self.articles}\n":
            replicate(base.content, self.content, self.articles)
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(f"{self.articles}\n")
        self.rows.append(Row("1 ingest", f"skipped above {INGEST_MAX:,} articles: the archive is "
                             f"the {BASE:,}-article run's, grown by shifted copies "
                             "(bench/replicate.py)", "n/a"))

    def memory(self) -> None:
        """Peak RSS of full builds at MEMORY_SIZES articles grown from this run's archive: the
        growth per 1,000 articles and the extrapolation to 100,000."""
        rss = {}
        for size in MEMORY_SIZES:
            root = self.work / f"memory-{size}"
            self.set_aside(root)
            replicate(self.content, root / "content" / "articles", size)
            conf = root / "conf.py"
            conf.write_text(SETTINGS.format(
                conf=str(ROOT / "pelicanconf.py"), content=str(root / "content"),
                theme=str(ROOT / "theme"), plugins=str(ROOT / "plugins"),
                index=str(root / "var" / "index"), entities=str(self.entities),
                cache=str(root / "var" / "cache"), incremental=True), encoding="utf-8")
            result = self.run([PY, "-m", "newsarchive", "build", "--settings", str(conf),
                               "--output", str(root / "output")], cwd=root)
            if not result.ok:
                self.rows.append(Row("6 peak RSS", f"build of {size}", f"failed: {result.tail()}"))
                return
            rss[size] = result.max_rss_mb
            self.set_aside(root)
        small, large = MEMORY_SIZES
        per_k = (rss[large] - rss[small]) / ((large - small) / 1000)
        at_100k = rss[large] + per_k * (100_000 - large) / 1000
        self.data["memory"] = {"rss_mb": rss, "per_1000_mb": per_k, "at_100k_mb": at_100k}
        self.rows.append(Row(
            "6 peak RSS",
            f"build at {small:,} / {large:,} articles; MB per 1,000 more; linear at 100k",
            f"{rss[small]:.0f} / {rss[large]:.0f} MB; {per_k:.1f}; {at_100k:.0f} MB",
            f"ratio {rss[large] / rss[small]:.2f} for 4x the articles",
            "",
            "< 2048 MB at 100k",
            _verdict(at_100k, 2048, higher=False),
        ))

    def ingest(self) -> None:
        self.set_aside(self.project / "content")
        cmd = [
            PY,
            "-m",
            "newsarchive",
            "ingest",
            str(self.raw),
            "--out",
            str(self.content),
            "--entities",
            str(self.entities),
            "--quiet",
        ]
        cold = self.run([*cmd, "--report", str(self.work / "ingest-cold.json")])
        statuses = _statuses(self.work / "ingest-cold.json")
        self.data["ingest_cold"] = {
            "seconds": cold.seconds,
            "rss_mb": cold.max_rss_mb,
            "rc": cold.returncode,
            "statuses": statuses,
        }
        if not cold.ok and not statuses:
            self.rows.append(Row("1 ingest", "cold", f"failed: {cold.tail()}"))
            return
        warm = self.run([*cmd, "--report", str(self.work / "ingest-warm.json")])
        self.data["ingest_warm"] = {
            "seconds": warm.seconds,
            "rss_mb": warm.max_rss_mb,
            "rc": warm.returncode,
            "statuses": _statuses(self.work / "ingest-warm.json"),
        }
        shipped = self.run([PY, "-m", "bench.nerbase", str(self.content), "--as-shipped"])
        base = self.run([PY, "-m", "bench.nerbase", str(self.content)])
        n = self.articles
        cold_rate = n / cold.seconds
        warm_rate = n / warm.seconds
        failed = statuses.get("failed", 0)
        row = Row(
            "1 ingest",
            f"cold, articles/s (NER; {failed} failed, rc {cold.returncode})",
            f"{cold_rate:.1f}",
        )
        floor = Row("1 ingest", "cold against NER alone (ingest's pipeline)", f"{cold_rate:.1f}")
        self.rows += [row, floor]
        for key, run, target, what in (
            ("nlp_pipe_as_shipped", shipped, row, "bare nlp.pipe, the model as shipped"),
            ("nlp_pipe", base, floor, "nlp.pipe"),
        ):
            if not run.ok:
                target.baseline = f"nlp.pipe failed: {run.tail()}"
                continue
            info = json.loads(run.stdout)
            self.data[key] = {**info, "seconds": run.seconds, "rss_mb": run.max_rss_mb}
            rate = info["texts"] / run.seconds
            parts = " + ".join(c for c in info["components"] if not c.startswith("newsarchive"))
            target.baseline = f"{rate:.1f} ({what}: {parts}, {info['jobs']} proc)"
            target.ratio = f"{cold_rate / rate:.2f} (CPU {run.cpu_seconds / cold.cpu_seconds:.2f})"
            if target is row:  # the target's baseline
                row.target = ">= 0.90"
                row.verdict = _verdict(cold_rate / rate, 0.90, higher=True)
        self.rows.append(
            Row(
                "1 ingest",
                "warm (unchanged), articles/s",
                f"{warm_rate:.0f}",
                target=">= 1000",
                verdict=_verdict(warm_rate, 1000, higher=True),
            )
        )
        self.rows.append(
            Row(
                "6 peak RSS",
                "ingest cold / warm / nlp.pipe",
                f"{cold.max_rss_mb:.0f} / {warm.max_rss_mb:.0f} MB",
                f"{shipped.max_rss_mb:.0f} / {base.max_rss_mb:.0f} MB (as shipped / own)",
            )
        )

    def cluster(self) -> None:
        """Ingest with NER on a 2-worker LocalCluster (loopback) against ``--jobs 2``."""
        try:
            from distributed import LocalCluster
        except ImportError:
            self.rows.append(Row("7 cluster", "ingest on Dask", "n/a (pip install '.[cluster]')"))
            return
        cmd = [PY, "-m", "newsarchive", "ingest", str(self.raw), "--entities",
               str(self.entities), "--quiet"]
        folders = {name: self.work / f"cluster-{name}" for name in ("jobs2", "dask")}
        self.set_aside(*folders.values())
        local = self.run([*cmd, "--out", str(folders["jobs2"]), "--jobs", "2"])
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as workers:
            dist = self.run([*cmd, "--out", str(folders["dask"]), "--scheduler",
                             workers.scheduler_address])
        if not (local.ok and dist.ok):
            self.rows.append(Row("7 cluster", "ingest on Dask",
                                 f"failed: {(dist if local.ok else local).tail()}"))
            return
        same, _ = _compare_trees(folders["jobs2"], folders["dask"])
        ratio = local.seconds / dist.seconds
        markdown = "identical" if same else "DIFFERS"
        self.rows.append(Row(
            "7 cluster",
            f"ingest on a 2-worker LocalCluster, articles/s (Markdown {markdown})",
            f"{self.articles / dist.seconds:.1f}",
            f"{self.articles / local.seconds:.1f} (--jobs 2)",
            f"{ratio:.2f}",
            ">= 0.90",
            _verdict(ratio, 0.90, higher=True) if same else "FAIL",
        ))
        self.set_aside(*folders.values())

    def _clean_build_state(self, var: str, output: Path) -> None:
        self.set_aside(output, self.project / var)

    def build(self) -> None:
        ours_conf = self.settings("benchconf")
        bare_root = self.work / "bare"
        self.set_aside(bare_root)
        convert_tree(self.content, bare_root / "content" / "articles")
        bare_conf = bare_root / "bareconf.py"
        write_settings(bare_conf, bare_root / "content", bare_root / "cache")
        ours_t, bare_t, ours_rss, bare_rss = [], [], [], []
        ours_cpu: list[float] = []
        bare_cpu: list[float] = []
        for _ in range(self.runs):
            self._clean_build_state("var", self.project / "output")
            ours = self.run(
                [
                    PY,
                    "-m",
                    "newsarchive",
                    "build",
                    "--settings",
                    str(ours_conf),
                    "--output",
                    str(self.project / "output"),
                ]
            )
            if not ours.ok:
                self.rows.append(Row("2 build", "newsarchive build", f"failed: {ours.tail()}"))
                return
            ours_t.append(ours.seconds)
            ours_cpu.append(ours.cpu_seconds)
            ours_rss.append(ours.max_rss_mb)
            self.set_aside(bare_root / "output", bare_root / "cache")
            bare = self.run(
                [
                    PY,
                    "-m",
                    "pelican",
                    str(bare_root / "content"),
                    "-s",
                    str(bare_conf),
                    "-o",
                    str(bare_root / "output"),
                    "-q",
                ],
                cwd=bare_root,
            )
            if bare.ok:
                bare_t.append(bare.seconds)
                bare_cpu.append(bare.cpu_seconds)
                bare_rss.append(bare.max_rss_mb)
        pages = sum(1 for _ in (self.project / "output").rglob("*.html"))
        ours_med = statistics.median(ours_t)
        self.data["build"] = {
            "ours_seconds": ours_t,
            "bare_seconds": bare_t,
            "ours_cpu_seconds": ours_cpu,
            "bare_cpu_seconds": bare_cpu,
            "ours_rss_mb": ours_rss,
            "bare_rss_mb": bare_rss,
            "pages": pages,
            "output_bytes": _size(self.project / "output"),
        }
        row = Row(
            "2 build", f"full build, s (median of {len(ours_t)}; {pages} pages)", f"{ours_med:.1f}"
        )
        if bare_t:
            bare_med = statistics.median(bare_t)
            bare_pages = sum(1 for _ in (bare_root / "output").rglob("*.html"))
            ratio = ours_med / bare_med
            row.baseline = f"{bare_med:.1f} (bare Pelican, {bare_pages} pages)"
            cpu_ratio = statistics.median(ours_cpu) / statistics.median(bare_cpu)
            row.ratio = f"{ratio:.2f} (CPU {cpu_ratio:.2f})"
            row.target = "<= 1.30 (at 10k)"
            row.verdict = _verdict(ratio, 1.30, higher=False)
        else:
            row.baseline = "bare Pelican failed"
        self.rows.append(row)
        peak = max(ours_rss)
        # the targets: under 1 GB at 10k articles, under 2 GB at 100k
        limit, at = (2048, "100k") if self.articles >= 100_000 else (1024, "10k")
        self.rows.append(
            Row(
                "6 peak RSS",
                "full build",
                f"{peak:.0f} MB",
                f"{max(bare_rss):.0f} MB" if bare_rss else "",
                f"{peak / max(bare_rss):.2f}" if bare_rss else "",
                f"< {limit} MB (at {at})",
                _verdict(peak, limit, higher=False),
            )
        )

    def longtail(self) -> None:
        """The build step once more on this archive with names found in one article each
        (bench/longtail.py): several times as many entity pages, as in real news."""
        variant = Bench(articles=self.articles, seed=self.seed, work=self.work / "longtail",
                        runs=self.runs, aside=self.aside)
        stamp = variant.project / ".longtail"
        if not stamp.exists() or stamp.read_text() != f"{self.articles}\n":
            add_lone_names(self.content, variant.content)
            stamp.write_text(f"{self.articles}\n")
        variant.build()
        self.data["build_longtail"] = variant.data.get("build", {})
        for row in variant.rows:
            row.metric = f"{row.metric}, names in one article each (3 more per article)"
            self.rows.append(row)

    def search_index(self) -> None:
        tmp = self.work / "search-only"
        self.set_aside(tmp)
        code = (
            "import sys; from newsarchive.search.build import build_search; "
            "build_search(sys.argv[1], sys.argv[2], sys.argv[3])"
        )
        ours = self.run(
            [PY, "-c", code, str(self.content), str(tmp / "index"), str(tmp / "search")]
        )
        pf_dir = self.work / "pagefind"
        self.set_aside(pf_dir)
        pf = self.run(
            [
                _pagefind(),
                "--site",
                str(self.project / "output"),
                "--glob",
                "articles/**/*.html",
                "--output-path",
                str(pf_dir / "_pagefind"),
                "--silent",
            ]
        )
        self.data["search_index"] = {
            "ours": {
                "seconds": ours.seconds,
                "rss_mb": ours.max_rss_mb,
                "rc": ours.returncode,
                "index_bytes": _size(tmp / "index"),
                "shard_bytes": _size(tmp / "search"),
            },
            "pagefind": {
                "seconds": pf.seconds,
                "rss_mb": pf.max_rss_mb,
                "rc": pf.returncode,
                "bytes": _size(pf_dir / "_pagefind"),
            },
        }
        if not ours.ok:
            self.rows.append(Row("3 search index", "index + export", f"failed: {ours.tail()}"))
            return
        pf_ok = pf.ok
        self.rows.append(
            Row(
                "3 search index",
                "time, s (ours: Whoosh index + export)",
                f"{ours.seconds:.1f}",
                f"{pf.seconds:.1f} (Pagefind)" if pf_ok else f"Pagefind failed: {pf.tail()}",
                f"{ours.seconds / pf.seconds:.2f}" if pf_ok else "",
            )
        )
        self.rows.append(
            Row(
                "3 search index",
                "peak memory",
                f"{ours.max_rss_mb:.0f} MB",
                f"{pf.max_rss_mb:.0f} MB" if pf_ok else "",
                f"{ours.max_rss_mb / pf.max_rss_mb:.2f}" if pf_ok else "",
            )
        )
        shards = _size(tmp / "search")
        pfb = _size(pf_dir / "_pagefind")
        self.rows.append(
            Row(
                "3 search index",
                "bytes on disk (ours: client shards; Whoosh "
                f"index {_fmt_bytes(_size(tmp / 'index'))})",
                _fmt_bytes(shards),
                _fmt_bytes(pfb) if pf_ok else "",
                f"{shards / pfb:.2f}" if pf_ok and pfb else "",
            )
        )
        self._cli_queries(tmp / "index")

    def _cli_queries(self, index: Path) -> None:
        """``newsarchive search QUERY --json`` per fixed query, a fresh process each (Python
        start-up included): the median of three runs per query, then the median and the slowest
        over the queries. Then the same queries misspelled, as text: the index holds none of the
        words, so each offers "did you mean" (which JSON leaves out)."""
        times = self._query_seconds(index, self.queries(), ["--json"], "CLI query")
        if times is None:
            return
        self.data.setdefault("search_index", {})["cli_seconds"] = times
        self.rows.append(Row(
            "3 search index",
            "`newsarchive search` per query, s (median / slowest of the fixed queries)",
            f"{statistics.median(times):.2f} / {max(times):.2f}",
            target="<= 0.30 (at 10k)",
            verdict=_verdict(statistics.median(times), 0.30, higher=False),
        ))
        misspelled = [" ".join(_misspelled(word) for word in q.split()) for q in self.queries()]
        typos = self._query_seconds(index, misspelled, [], "CLI query, misspelled")
        if typos is None:
            return
        self.data["search_index"]["cli_misspelled_seconds"] = typos
        self.rows.append(Row(
            "3 search index",
            "`newsarchive search`, the queries misspelled (did you mean), s (median / slowest)",
            f"{statistics.median(typos):.2f} / {max(typos):.2f}",
        ))

    def _query_seconds(self, index: Path, queries: list[str], options: list[str],
                       label: str) -> list[float] | None:
        """The median of three runs of ``newsarchive search QUERY`` per query; None (and a row
        saying so) when a run fails."""
        times = []
        for query in queries:
            runs = [self.run([PY, "-m", "newsarchive", "search", query, "--index", str(index),
                              *options]) for _ in range(3)]
            if not all(r.ok for r in runs):
                self.rows.append(Row("3 search index", label, f"failed: {runs[0].tail()}"))
                return None
            times.append(statistics.median(r.seconds for r in runs))
        return times

    def queries(self) -> list[str]:
        if self.articles > INGEST_MAX:  # a grown archive: the names of the archive it grew from
            return Bench(articles=BASE, seed=self.seed,
                         work=self.work.parent / f"{BASE}-{self.seed}", runs=1).queries()
        truth = json.loads(truth_path(self.raw).read_text(encoding="utf-8"))["articles"]
        people = Counter(p for a in truth.values() for p in a["people"])
        orgs = Counter(o for a in truth.values() for o in a["organizations"])
        world = build_world(self.seed, self.articles)
        top_person = people.most_common(1)[0][0]
        mid_person = people.most_common(40)[-1][0]
        top_org = orgs.most_common(1)[0][0]
        return [
            top_person.split()[-1],
            mid_person,
            top_org.split()[0],
            f"{world.vocab[30]} contract",
            world.vocab[2500],
            "harbour agreement",
        ]

    def browser(self) -> None:
        queries = self.queries()
        self.data["queries"] = queries
        pf_dir = self.work / "pagefind"
        cmd = [PY, "-m", "bench.browser", "--queries", json.dumps(queries)]
        if (self.project / "output" / "search").is_dir():
            cmd += ["--ours", str(self.project / "output")]
        if (pf_dir / "_pagefind").is_dir():
            cmd += ["--pagefind", str(pf_dir)]
        res = self.run(cmd, timeout=1800, cwd=ROOT)
        if not res.ok:
            self.rows.append(Row("4 query", "browser", f"failed: {res.tail()}"))
            return
        out = json.loads(res.stdout)
        self.data["browser"] = out
        pf = out.get("pagefind_http", {})

        def cell(key: str, metric: str, fmt: Any) -> str:
            d = out.get(key)
            if not d:
                return "n/a"
            return d["error"][:80] if "error" in d else fmt(d[metric])

        def kb(v: float) -> str:
            return f"{v / KB:.0f} kB"

        def ms(v: float) -> str:
            return f"{v:.0f} ms"

        pf_bytes = pf.get("first_query_bytes") if "error" not in pf else None
        ours_bytes = out.get("ours_file", {}).get("first_query_bytes")
        self.rows.append(
            Row(
                "4 query",
                "first-query payload (file:// ; http "
                f"{cell('ours_http', 'first_query_bytes', kb)})",
                cell("ours_file", "first_query_bytes", kb),
                cell("pagefind_http", "first_query_bytes", kb),
                f"{ours_bytes / pf_bytes:.2f}" if ours_bytes and pf_bytes else "",
                "<= 300 kB (at 10k)",
                _verdict(ours_bytes / KB, 300, higher=False) if ours_bytes else "",
            )
        )
        for metric, label in (
            ("cold_ms_median", "cold latency, median"),
            ("warm_ms_median", "warm latency, median"),
        ):
            self.rows.append(
                Row(
                    "4 query",
                    f"{label} (file:// ; http {cell('ours_http', metric, ms)})",
                    cell("ours_file", metric, ms),
                    cell("pagefind_http", metric, ms),
                )
            )

    def _copy_state(self, source: Path, target: Path) -> None:
        """A build's output and state (``output``, ``var``), with their modification times; what
        was at the target is set aside."""
        for folder in ("output", "var"):
            self.set_aside(target / folder)
            shutil.copytree(source / folder, target / folder, symlinks=True)

    def incremental(self) -> None:
        """Two updates of the full build, each measured from its very output and state: 10 new
        articles dated after the others (an archive's daily update), then, from the same start,
        10 dated in older months (articles found late)."""
        if not self.data.get("build", {}).get("ours_seconds"):
            self.rows.append(Row("5 incremental", "rebuild", "n/a (no full build)"))
            return
        # Every rebuild starts from the full build's output and state, copied with their
        # modification times.
        start = self.work / "incremental-start"
        self.set_aside(start)
        self._copy_state(self.project, start)
        try:
            self._incremental(start, "incremental", backfill=False)
            self._incremental(start, "incremental_older", backfill=True)
        finally:
            self._copy_state(start, self.project)
            self.set_aside(start)

    def _incremental(self, start: Path, key: str, *, backfill: bool) -> None:
        full_med = statistics.median(self.data["build"]["ours_seconds"])
        self._snapshot_content()
        update = self.work / ("update-older" if backfill else "update")
        shutil.rmtree(update, ignore_errors=True)
        generate(update, 10, seed=self.seed, start=self.articles, world_size=self.articles,
                 backfill=backfill)
        ing = self.run(
            [
                PY,
                "-m",
                "newsarchive",
                "ingest",
                str(update),
                "--out",
                str(self.content),
                "--entities",
                str(self.entities),
                "--quiet",
            ]
        )
        changed = _change_one_article(self.content)
        conf = self.settings("benchconf")
        # The same rebuild INCREMENTAL_RUNS times from the same start, and the median taken.
        incs = []
        for _ in range(INCREMENTAL_RUNS):
            self._copy_state(start, self.project)
            incs.append(self.run([PY, "-m", "newsarchive", "build", "--settings", str(conf),
                                  "--output", str(self.project / "output")]))
        inc = sorted(incs, key=lambda r: r.seconds)[len(incs) // 2]
        full_conf = self.settings("fullconf", var="var-full")
        full_out = self.project / "output-full"
        self._clean_build_state("var-full", full_out)
        full = self.run(
            [
                PY,
                "-m",
                "newsarchive",
                "build",
                "--settings",
                str(full_conf),
                "--output",
                str(full_out),
            ]
        )
        plugin = (ROOT / "plugins" / "incremental").is_dir()
        fraction = inc.seconds / full_med
        full_cpu = statistics.median(self.data["build"]["ours_cpu_seconds"])
        cpu_fraction = inc.cpu_seconds / full_cpu
        same, diffs = _compare_trees(self.project / "output", full_out)
        pages_same = not [d for d in diffs if not d.split(": ", 1)[1].startswith("search/")]
        search_same = self._same_search(
            self.project / "var" / "index", self.project / "var-full" / "index"
        )
        self.data[key] = {
            "ingest_update": {"seconds": ing.seconds, "rc": ing.returncode},
            "changed": changed,
            "seconds": inc.seconds,
            "cpu_seconds": inc.cpu_seconds,
            "runs_seconds": [round(r.seconds, 3) for r in incs],
            "runs_ok": all(r.ok for r in incs),
            "cpu_fraction": cpu_fraction,
            "log": inc.stderr[-2000:],
            "rc": inc.returncode,
            "full_rebuild_seconds": full.seconds,
            "fraction": fraction,
            "identical": same,
            "differences": diffs[:50],
            "search_identical": search_same,
            "plugin": plugin,
        }
        self.restore_content()
        how = "content cache + incremental writer" if plugin else "content cache only"
        self.rows.append(
            Row(
                "5 incremental",
                f"+10 articles{' in older months' if backfill else ''}, 1 changed: rebuild s, "
                f"median of {len(incs)} ({how})",
                f"{inc.seconds:.1f} ({', '.join(f'{r.seconds:.1f}' for r in incs)})"
                + ("" if all(r.ok for r in incs) else f" (rc {[r.returncode for r in incs]})"),
                f"{full_med:.1f} (full build)",
                f"{fraction:.2f} (CPU {cpu_fraction:.2f})",
                "<= 0.15 (at 10k)",
                _verdict(fraction, 0.15, higher=False),
            )
        )
        page_diffs = [d for d in diffs if not d.split(": ", 1)[1].startswith("search/")]
        shard_diffs = len(diffs) - len(page_diffs)
        older = ", older months" if backfill else ""
        self.rows.append(
            Row(
                "5 incremental",
                f"pages equal a clean full rebuild (all files but search/){older}",
                "identical" if pages_same else f"{len(page_diffs)} differ, e.g. {page_diffs[:3]}",
                target="identical",
                verdict="pass" if pages_same else "FAIL",
            )
        )
        self.rows.append(
            Row(
                "5 incremental",
                f"search equals a clean full rebuild (shards; `search --json`){older}",
                "identical shards" if not shard_diffs else f"{shard_diffs} shard files differ",
                f"search results {'identical' if search_same else 'DIFFER'}",
                target="identical",
                verdict="pass" if not shard_diffs and search_same else "FAIL",
            )
        )

    @property
    def _content_base(self) -> Path:
        return self.work / "content-base"

    def _snapshot_content(self) -> None:
        """Keep the ingested archive as it was, so the next run measures the same update."""
        self.set_aside(self._content_base)
        shutil.copytree(self.content, self._content_base)

    def restore_content(self) -> None:
        """Undo the incremental step's changes (also after a run that stopped half-way)."""
        if self._content_base.is_dir():
            self.set_aside(self.content)
            self._content_base.rename(self.content)

    def _same_search(self, a: Path, b: Path) -> bool:
        for q in self.queries():
            outs = []
            for index in (a, b):
                res = subprocess.run(
                    [PY, "-m", "newsarchive", "search", q, "--index", str(index), "--json"],
                    capture_output=True,
                    text=True,
                    cwd=self.project,
                    env=dict(os.environ, PYTHONPATH=str(ROOT)),
                )
                outs.append((res.returncode, res.stdout))
            if outs[0] != outs[1] or outs[0][0] != 0:
                return False
        return True


def _misspelled(word: str) -> str:
    """A word with its second and third letters swapped (one edit), or a short word doubled at
    the end."""
    if len(word) < 4:
        return word + word[-1:]
    return word[0] + word[2] + word[1] + word[3:]


def _pagefind() -> str:
    import pagefind_bin

    return str(Path(pagefind_bin.__file__).parent / "pagefind")


def _statuses(report: Path) -> dict[str, int]:
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    records = data if isinstance(data, list) else data.get("files", [])
    return dict(Counter(r.get("status", "?") for r in records))


def _change_one_article(content: Path) -> str:
    """An editor's correction: one article's body gets a new closing paragraph."""
    paths = sorted(content.rglob("*.md"))
    target = paths[len(paths) // 2]
    text = target.read_text(encoding="utf-8").rstrip("\n")
    target.write_text(
        text + "\n\nCorrection: an earlier version misstated the tender value.\n", encoding="utf-8"
    )
    return str(target.relative_to(content))


def _compare_trees(a: Path, b: Path) -> tuple[bool, list[str]]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    diffs = [f"only in incremental: {f}" for f in sorted(files_a - files_b)]
    diffs += [f"only in full: {f}" for f in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            diffs.append(f"differs: {rel}")
    return not diffs, diffs


def _size(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _fmt_bytes(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / KB:.0f} kB"


def _verdict(value: float, target: float, *, higher: bool) -> str:
    ok = value >= target if higher else value <= target
    if ok:
        return "pass"
    by = (target - value) / target if higher else (value - target) / target
    return f"miss by {by:.0%}"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        ram = f"{int(mem) / MB:.1f} GB"
    except OSError:
        ram = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load": os.getloadavg(),
    }


def table(rows: list[Row]) -> str:
    head = ["step", "metric", "newsarchive", "baseline", "ratio", "target", "verdict"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r.step, r.metric, r.ours, r.baseline, r.ratio, r.target, r.verdict]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


#: Up to this many articles the full builds (ours and bare Pelican, taken in turn) are run three
#: times and the medians compared: on a shared two-CPU machine one build of 10,000 articles
#: moved by a third from one run to the next, and the +10 rebuild is divided by this median.
FULL_RUNS_MAX = 10_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_N", "2000")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="full builds per system (default 3 up to 10,000 articles, else 1)",
    )
    parser.add_argument("--work", default=None, help="work folder (default bench/work/N-SEED)")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated steps to skip "
        "(ingest,build,longtail,search,browser,incremental,cluster,memory)",
    )
    args = parser.parse_args(argv)
    n = args.articles
    work = Path(args.work) if args.work else ROOT / "bench" / "work" / f"{n}-{args.seed}"
    runs = args.runs or (3 if n <= FULL_RUNS_MAX else 1)
    bench = Bench(articles=n, seed=args.seed, work=work.resolve(), runs=runs)
    skip = set(filter(None, args.skip.split(",")))
    started = time.time()
    assert bench.aside is not None
    bench.aside.clear()  # what a run that stopped half-way set aside
    bench.restore_content()
    if n > INGEST_MAX:
        skip |= {"ingest", "cluster"}
        bench.step("replicate", bench.replicated)
    else:
        bench.step("generate", bench.prepare)
    for name, fn in (
        ("ingest", bench.ingest),
        ("build", bench.build),
        ("longtail", bench.longtail),
        ("search", bench.search_index),
        ("browser", bench.browser),
        ("incremental", bench.incremental),
        ("cluster", bench.cluster),
        ("memory", bench.memory),
    ):
        if name not in skip:
            bench.step(name, fn)
    info = machine()
    text = (
        f"## newsarchive bench: {n} articles (seed {args.seed})\n\n"
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM, Python "
        f"{info['python']}; load average at the end {info['load'][0]:.1f}; "
        f"run took {(time.time() - started) / 60:.1f} min.\n\n" + table(bench.rows)
    )
    print(text)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = results / f"bench-{n}-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "articles": n,
                "seed": args.seed,
                "machine": info,
                "rows": [r.__dict__ for r in bench.rows],
                "data": bench.data,
            },
            indent=1,
            default=str,
        )
        + "\n",
        encoding="utf-8",
    )
    (results / "latest.md").write_text(text + "\n", encoding="utf-8")
    bench.aside.clear()
    print(f"\nsaved {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
