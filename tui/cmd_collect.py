"""`gridbook collect DIR... -o COMMUNITY --key FILE`: the office's side (see `store.office.sync`):
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
    parser.add_argument("--lang", choices=("zh", "en"), dest="collect_lang", help="语言 / language")


def run(args: argparse.Namespace) -> int:
    if args.collect_lang:
        from store.lang import set_lang

        set_lang(args.collect_lang)
    import sys
    from pathlib import Path

    from store.lang import pick
    from store.office.sync import collect
    from tui.cmd_merge import print_summary
    from tui.messages import CLI_MESSAGES as M

    out = Path(args.output)
    outcome = collect([Path(f) for f in args.folders], out, Path(args.key),
                      accept_keys=args.accept_key)
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
    if outcome.removed:
        print(pick(M, "collect_removed", count=len(outcome.removed)))
    if outcome.no_key:
        print(pick(M, "collect_no_key", workers=", ".join(outcome.no_key)))
    for worker in outcome.key_changed:
        print(pick(M, "collect_key_changed", worker=worker), file=sys.stderr)
    for problem in outcome.problems:  # refused files, shares not written
        print(problem.sentence(), file=sys.stderr)
    # a share not written is work left undone; a refused file is the worker's to redo
    return 1 if any(p.key == "sync_write_failed" for p in outcome.problems) else 0
