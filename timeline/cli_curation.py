"""``python -m timeline analysts|review|names|decisions``: analyst curation from the shell.

Each write reads the subject's revision and the decision in force, builds the new
decision from them (:func:`timeline.curation.claim_decision`) and records it naming
that revision, so a decision made elsewhere in between is refused rather than
overwritten (``--expect-revision`` names a revision read earlier, e.g. by a script).

Bad input (an unknown claim, field, place, analyst or decision; a missing reason)
gives one line on stderr and exit code 2, as argparse's own usage errors do; a
conflict or an unreadable store gives one line and exit code 1 (the CLI boundary).
A password is read from a prompt or from stdin, never from the arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable
from typing import Any

from frontline.cli import print_json
from frontline.errors import InputError
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline.curation import check_changes, claim_decision, find_claim, parse_changes
from timeline.decisions import ClaimDecision, Decided, NameDecision
from timeline.store.configured import configured_store
from timeline.store.files import FileStore
from timeline.store.sql.decisions import SqlDecisionStore, new_decision_id
from timeline.store.sql.schema import SCOPE_CLAIM
from timeline.store.sql.store import SqlStore

PROG = "timeline"
BAD_INPUT = 2
NAME_ACTIONS = {"map": "map", "not-place": "not_place", "outside": "outside"}
APPLY_HINT = "run `python -m timeline build` to apply it"


def _bad_input(command: Callable[[argparse.Namespace], int]) -> Callable[
        [argparse.Namespace], int]:
    """Bad input -> one line on stderr and exit code 2 (the contract for these commands)."""
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except InputError as exc:
            print(f"{PROG}: error: {' '.join(str(exc).split())}", file=sys.stderr)
            return BAD_INPUT
    return run


def _store() -> tuple[Settings, FileStore | SqlStore, SqlDecisionStore]:
    settings = Settings.from_env()
    store = configured_store(settings)
    assert isinstance(store, FileStore | SqlStore)
    return settings, store, store.decision_store()


def _decided(args: argparse.Namespace) -> Decided:
    try:
        return Decided(args.by, dt.datetime.now(dt.UTC), args.reason.strip())
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _done(args: argparse.Namespace, payload: dict[str, Any], line: str) -> int:
    if args.json:
        print_json(payload)
    else:
        print(line)
    return 0


@_bad_input
def analysts(args: argparse.Namespace) -> int:
    _, _, decisions = _store()
    if args.analysts_command == "list":
        for name, active in decisions.analysts():
            print(f"{name}{'' if active else ' (inactive)'}")
        return 0
    password = _password(args.name, args.password_stdin)
    decisions.add_analyst(args.name, password)
    print(f"analyst {args.name} added")
    return 0


def _password(name: str, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InputError("no terminal to ask the password on: use --password-stdin")
    first = getpass.getpass(f"password for {name}: ")
    if getpass.getpass("again: ") != first:
        raise InputError("the two passwords differ")
    return first


@_bad_input
def review(args: argparse.Namespace) -> int:
    settings, store, decisions = _store()
    claim, extraction = find_claim(store.extractions(), args.claim_id)
    changes = parse_changes(args.set)
    if changes and args.action != "edit":
        raise InputError(f"--set belongs to `review edit`, not `review {args.action}`")
    if args.action == "edit":
        check_changes(claim, changes, load_theatre(settings.theatre))
    revision = decisions.revision(SCOPE_CLAIM, claim.id)
    previous = decisions.in_force_on(SCOPE_CLAIM, claim.id)
    decision = claim_decision(new_decision_id(), claim.id, args.action, _decided(args),
                              changes, extraction.article.published,
                              previous if isinstance(previous, ClaimDecision) else None)
    done = decisions.record(decision, _expected(args, revision))
    return _done(args, {"id": done.id, "revision": done.revision, "claim": claim.id,
                        "action": args.action, "changes": decision.changes},
                 f"decision {done.id}: {args.action} of {claim.id} by {args.by} "
                 f"(revision {done.revision}); {APPLY_HINT}")


@_bad_input
def names(args: argparse.Namespace) -> int:
    settings, _, decisions = _store()
    action = NAME_ACTIONS[args.action]
    if action == "map":
        if not args.place:
            raise InputError("`names map` needs --place ID (see `python -m geodata geocode`)")
        if args.place not in load_theatre(settings.theatre).places_by_id:
            raise InputError(f"unknown place id {args.place!r} (see `python -m geodata "
                             f"geocode NAME`)")
    elif args.place:
        raise InputError(f"--place belongs to `names map`, not `names {args.action}`")
    if not args.name.strip():
        raise InputError("the name must not be empty")
    try:
        decision = NameDecision(new_decision_id(), args.name.strip(), action, _decided(args),
                                args.place)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    revision = decisions.current(decision)[0]
    done = decisions.record(decision, _expected(args, revision))
    target = f" -> {args.place}" if args.place else ""
    return _done(args, {"id": done.id, "revision": done.revision, "name": decision.name,
                        "action": action, "place": args.place},
                 f"decision {done.id}: {args.action} {decision.name!r}{target} by {args.by} "
                 f"(revision {done.revision}); {APPLY_HINT}")


@_bad_input
def decisions(args: argparse.Namespace) -> int:
    _, store, log = _store()
    if args.decisions_command == "history":
        entries = log.history(args.subject)
        if args.json:
            print_json([e.to_json() for e in entries])
            return 0
        for e in entries:
            state = "in force" if e.in_force else (
                f"undone by {e.retracted_by}" if e.retracted_by else "superseded")
            target = f" {e.retracts}" if e.retracts else ""
            print(f"{e.id}  {e.decided.at:%Y-%m-%d %H:%M}  {e.decided.author:<12} "
                  f"{e.scope} {e.subject} r{e.revision}: {e.action}{target}"
                  f"{' ' + _what(e.detail) if _what(e.detail) else ''} ({state})"
                  f"{' - ' + e.decided.reason if e.decided.reason else ''}")
        return 0
    if args.decisions_command == "undo":
        done = log.undo(args.decision_id, _decided(args), args.expect_revision)
        return _done(args, {"id": done.id, "revision": done.revision,
                            "undoes": args.decision_id},
                     f"decision {done.id}: undo of {args.decision_id} by {args.by} "
                     f"(revision {done.revision}); {APPLY_HINT}")
    found = log.orphans(store.extractions())
    if args.json:
        print_json([{"id": o.decision.id, "line": o.line()} for o in found])
        return 0
    for o in found:
        print(o.line())
    print(f"{len(found)} decision(s) in force find no claim or name")
    return 0


def _what(detail: dict[str, Any]) -> str:
    shown = {k: v for k, v in detail.items() if v not in (None, "", [], {})
             and k not in ("claim_id", "name", "override_id", "annotation_id", "outlet")}
    return " ".join(f"{k}={v}" for k, v in shown.items())


def _expected(args: argparse.Namespace, read: int) -> int:
    return read if args.expect_revision is None else int(args.expect_revision)
