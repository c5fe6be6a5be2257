"""The ``newsarchive`` command line: ingest, build, search, bundle.

The sub-commands and their flags are a contract (README, "Commands"); each one's work lives in its
own module, imported only when that sub-command runs, so ``newsarchive search`` never loads spaCy.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def build_parser(*, search_only: bool = False) -> argparse.ArgumentParser:
    """The parser of every sub-command. ``search_only``: the command line is a ``search``, so
    ``ingest --format`` is left without its choices instead of importing the ingest layouts
    (``newsarchive search`` starts once per query)."""
    if search_only:
        formats = None
    else:
        from newsarchive.ingest import layout  # the registered input layouts

        formats = ["auto", *layout.names()]

    parser = argparse.ArgumentParser(
        prog="newsarchive",
        description="Turn scraped news articles into a static, searchable archive.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="convert raw article text into Markdown articles")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file or a folder")
    ingest.add_argument("--out", default="content/articles", help="where the Markdown goes")
    ingest.add_argument(
        "--entities",
        default=None,
        help="entities.yml with aliases, merges, blocklist and type overrides "
        "(default: ./entities.yml when it exists)",
    )
    ingest.add_argument("--jobs", type=_positive_int, default=None, help="NER processes")
    ingest.add_argument("--force", action="store_true", help="overwrite hand-edited outputs")
    ingest.add_argument("--report", default=None, metavar="FILE.json", help="write a JSON report")
    ingest.add_argument(
        "--format", choices=formats, default="auto", help="force the layout"
    )
    ingest.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    ingest.add_argument(
        "--provider", default=None, metavar="NAME", help="the provider of inputs that name none"
    )
    ingest.add_argument(
        "--date-from-path",
        action="store_true",
        help="date undated inputs from a YYYY/MM/DD or YYYY-MM-DD in their path",
    )
    ingest.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run NER on a Dask cluster (tcp://host:8786), or 'local' for one on this machine",
    )

    build = sub.add_parser("build", help="build the static site and the search index")
    build.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    build.add_argument("--output", default="output", help="output folder")

    # No ``-h`` here: a query such as "-harbour port" (exclude a word) must stay a query.
    search = sub.add_parser("search", help="search the archive's Whoosh index", add_help=False)
    search.add_argument("--help", action="help", help="show this help message and exit")
    search.add_argument(
        "query", metavar="QUERY", nargs="?", default="",
        help="the query; may be left out when a filter is given (then newest first)",
    )
    search.add_argument("--entity", action="append", default=[], metavar="TYPE/SLUG",
                        help="only articles naming this entity (repeat: all of them)")
    search.add_argument("--provider", action="append", default=[], metavar="NAME",
                        help="only articles from this provider (repeat: any of them)")
    search.add_argument("--year", action="append", default=[], metavar="YYYY",
                        help="only articles of this year (repeat: any of them)")
    search.add_argument("--from", dest="date_from", default="", metavar="DATE",
                        help="published on or after this YYYY-MM-DD")
    search.add_argument("--to", dest="date_to", default="", metavar="DATE",
                        help="published on or before this YYYY-MM-DD")
    search.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance")
    search.add_argument("--index", default="var/index", help="the Whoosh index folder")
    search.add_argument("--limit", type=_positive_int, default=10)
    output = search.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--csv", action="store_true", help="print CSV")

    entities = sub.add_parser("entities", help="curate the archive's entities")
    entities_sub = entities.add_subparsers(dest="action", required=True, metavar="ACTION")
    review = entities_sub.add_parser(
        "review", help="what a curator should look at, with entities.yml lines to paste"
    )
    review.add_argument("--articles", default="content/articles", help="the ingested articles")
    review.add_argument("--json", action="store_true", help="print JSON")

    bundle = sub.add_parser("bundle", help="zip the built site for offline use")
    bundle.add_argument("--output", default="output", help="the built site")
    bundle.add_argument("--zip", default=None, metavar="dist/NAME.zip", help="the zip to write")
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(search_only=words[:1] == ["search"]).parse_args(words)
    if args.command == "ingest":
        from newsarchive.ingest.cli import run
    elif args.command == "build":
        from newsarchive.site.command import run
    elif args.command == "search":
        from newsarchive.search.cli import run
    elif args.command == "entities":
        from newsarchive.entities.review import run
    else:
        from newsarchive.site.bundle import run
    signal.signal(signal.SIGTERM, _interrupt)  # a kill is a Ctrl-C: save what is done, exit
    try:
        return run(args)
    except KeyboardInterrupt:
        print("newsarchive: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``newsarchive search … | head``): stop quietly, like other tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def entry() -> NoReturn:
    """The ``newsarchive`` command (and ``python -m newsarchive``): :func:`main`, as a process.

    A build that succeeded ends without freeing its heap object by object: a build of 10,000
    articles holds millions of objects, and tearing them down took 0.6 s of a 10 s rebuild.
    Every file it wrote was closed and renamed into place, and its search worker joined, before
    :func:`main` returned; output is flushed and logging shut down here. Every other command,
    and a build that failed, exits the usual way (running the ``atexit`` clean-ups).
    """
    code = main()
    if code == 0 and sys.argv[1:2] == ["build"]:
        import logging  # only a build logs; a search need not import it

        logging.shutdown()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise SystemExit(code) from None
        os._exit(code)
    raise SystemExit(code)


if __name__ == "__main__":  # the file run by path: the same process as the command
    entry()
