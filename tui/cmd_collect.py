"""`gridbook collect DIR... -o COMMUNITY --key FILE`: the office's side (see `store.sync`):
merge every worker's book found, write back each worker's share encrypted for them, and say
who handed in, who did not, and what changed."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("collect", help="collect the workers' books / 收取网格员工作簿")
    parser.add_argument("folders", nargs="+", metavar="DIR", help="sticks or inbox folders")
    parser.add_argument("-o", "--output", required=True, metavar="COMMUNITY",
                        help="the community file (made if missing)")
    parser.add_argument("--key", required=True, metavar="FILE",
                        help="the office's private key (from gridbook key new)")
    parser.add_argument("--accept-key", action="append", default=[], metavar="ID",
                        help="accept a worker's new key (after a new laptop)")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from store.lang import pick
    from store.sync import collect
    from tui.cmd_merge import print_summary
    from tui.exchange_messages import EXCHANGE_OUT as M

    out = Path(args.output)
    outcome = collect([Path(f) for f in args.folders], out, Path(args.key),
                      accept_keys=args.accept_key)
    for problem in outcome.problems:
        print(problem.sentence(), file=sys.stderr)
    handed = sorted({h.worker for h in outcome.handed})
    if handed:
        print(pick(M, "collect_handed", count=len(handed), workers=", ".join(handed)))
    if outcome.missing:
        print(pick(M, "collect_missing", count=len(outcome.missing),
                   workers=", ".join(outcome.missing)))
    elif handed:
        print(pick(M, "collect_everyone"))
    if outcome.summary is None:
        print(pick(M, "collect_nothing", out=out))
    else:
        print_summary(outcome.summary, str(out), outcome.data)
        key = "collect_wrote" if outcome.out_changed else "collect_same"
        print(pick(M, key, out=out))
    if outcome.slices:
        print(pick(M, "collect_slices", count=len(outcome.slices),
                   workers=", ".join(sorted(outcome.slices))))
    if outcome.no_key:
        print(pick(M, "collect_no_key", workers=", ".join(outcome.no_key)))
    for worker in outcome.key_changed:
        print(pick(M, "collect_key_changed", worker=worker), file=sys.stderr)
    return 0
