"""`python -m bench`: generate the synthetic corpus, or run the benchmark and write its report."""

import argparse
import sys
import tempfile
from pathlib import Path

from bench.corpus import CorpusShape, write_corpus

DEFAULT_REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(title="commands", required=True, dest="command")

    corpus = commands.add_parser("corpus", help="write a deterministic synthetic seed corpus")
    corpus.add_argument("out", type=Path, help="folder to write (replaced)")
    corpus.add_argument("--articles", type=int, default=CorpusShape.articles)
    corpus.add_argument("--topics", type=int, default=CorpusShape.topics)
    corpus.add_argument("--references", type=int, default=CorpusShape.references)

    run = commands.add_parser("run", help="run every scenario and write docs/benchmarks.md")
    run.add_argument("--articles", type=int, default=10_000, help="corpus size")
    run.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    run.add_argument("--seconds", type=int, default=10, help="length of one measurement")
    run.add_argument("--connections", type=int, default=16, help="wrk connections")
    run.add_argument("--out", type=Path, default=DEFAULT_REPORT, help="report to write")

    args = parser.parse_args(argv)
    if args.command == "corpus":
        shape = CorpusShape(articles=args.articles, topics=args.topics, references=args.references)
        print(write_corpus(args.out, shape))
        return 0
    return _run(args, argv if argv is not None else sys.argv[1:])


def _run(args: argparse.Namespace, argv: list[str]) -> int:
    from bench.report import write_report
    from bench.runner import Options, run

    with tempfile.TemporaryDirectory(prefix="guide-bench-") as workdir:
        options = Options(Path(workdir), args.articles, args.rounds, args.seconds, args.connections)
        results = run(options)
    write_report(results, args.out, "python -m bench " + " ".join(argv))
    print(args.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
