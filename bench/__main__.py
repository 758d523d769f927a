"""`python -m bench`: generate the synthetic corpus, or run the benchmark and write its report."""

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bench.corpus import CorpusShape, write_corpus
from bench.databases import DEFAULT_POSTGRES_URL
from bench.scenarios import NAMES
from bench.selection import DATABASE_CHOICES, SelectionError

if TYPE_CHECKING:
    from bench.results import Options

DEFAULT_REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(title="commands", required=True, dest="command")

    corpus = commands.add_parser("corpus", help="write a deterministic synthetic seed corpus")
    corpus.add_argument("out", type=Path, help="folder to write (replaced)")
    corpus.add_argument("--articles", type=int, default=CorpusShape.articles)
    corpus.add_argument("--topics", type=int, default=CorpusShape.topics)
    corpus.add_argument("--references", type=int, default=CorpusShape.references)

    _run_arguments(commands.add_parser("run", help="run the benchmark and write its report"))

    args = parser.parse_args(argv)
    if args.command == "corpus":
        shape = CorpusShape(articles=args.articles, topics=args.topics, references=args.references)
        print(write_corpus(args.out, shape))
        return 0
    try:
        options = _options(args)
    except (SelectionError, ValueError) as error:
        parser.error(str(error))
    return _run(args.out, options, argv if argv is not None else sys.argv[1:])


def _run_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument("--articles", type=int, default=10_000, help="corpus size (at least 40)")
    run.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    run.add_argument("--seconds", type=int, default=10, help="length of one measurement")
    run.add_argument("--connections", type=int, default=16, help="wrk connections")
    run.add_argument(
        "--scenarios",
        nargs="+",
        metavar="NAME",
        help=f"scenarios by key or name prefix, e.g. `article section` (all: {', '.join(NAMES)})",
    )
    run.add_argument(
        "--modes", nargs="+", metavar="MODE", help="cold and/or hot (the limit is always measured)"
    )
    run.add_argument("--database", choices=DATABASE_CHOICES, default="both")
    run.add_argument(
        "--postgres-url",
        default=DEFAULT_POSTGRES_URL,
        help="PostgreSQL server (maintenance database) on which each run creates and drops "
        "a throwaway database",
    )
    run.add_argument(
        "--growth", action="store_true", help="also measure cost growth (large corpus: long)"
    )
    run.add_argument("--growth-articles", type=int, default=100_000, help="the large corpus")
    run.add_argument("--no-profile", action="store_true", help="skip the cold-request profile")
    run.add_argument("--out", type=Path, default=DEFAULT_REPORT, help="report to write")


def _options(args: argparse.Namespace) -> "Options":
    """The run's Options (its workdir still to come); SelectionError or ValueError when wrong."""
    from bench.growth import SMALL_CORPUS
    from bench.results import Options
    from bench.selection import pick_databases, pick_modes, pick_scenarios

    if args.articles < 40:
        raise ValueError("--articles: at least 40 (two pages of the teaser list)")
    if args.growth and args.growth_articles <= SMALL_CORPUS:
        raise ValueError(f"--growth-articles: more than the {SMALL_CORPUS} it is compared with")
    return Options(
        Path(),
        articles=args.articles,
        rounds=args.rounds,
        seconds=args.seconds,
        connections=args.connections,
        scenarios=pick_scenarios(args.scenarios),
        modes=pick_modes(args.modes),
        databases=pick_databases(args.database),
        growth=args.growth,
        growth_articles=args.growth_articles,
        postgres_url=args.postgres_url,
        profile=not args.no_profile,
    )


def _run(out: Path, options: "Options", argv: list[str]) -> int:
    from bench.report import write_report
    from bench.runner import run

    with tempfile.TemporaryDirectory(prefix="guide-bench-") as workdir:
        results = run(replace(options, workdir=Path(workdir)))
    out.parent.mkdir(parents=True, exist_ok=True)
    write_report(results, out, "python -m bench " + " ".join(argv))
    print(out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
