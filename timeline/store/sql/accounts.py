"""Analyst accounts: who may decide. Passwords are kept only as argon2 hashes.

A password is never stored, logged or put in an error message; :func:`check_password`
answers yes or no, and re-hashes a password whose hash was made with older argon2
parameters so stored hashes follow the library's current advice.
"""

from __future__ import annotations

import datetime as dt
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from frontline.errors import InputError
from timeline.store.sql.schema import NAME_LEN, AnalystRow

MIN_PASSWORD = 8
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_hasher = PasswordHasher()


def check_username(name: str) -> str:
    """``name`` if it can be an account name (letters, digits, ``.``, ``_``, ``-``)."""
    if not USERNAME.match(name) or len(name) > NAME_LEN:
        raise InputError(f"analyst name {name!r}: use letters, digits, '.', '_' or '-' "
                         f"(at most {NAME_LEN})")
    return name


def add_analyst(engine: Engine, name: str, password: str) -> None:
    """Create an active account ``name`` with ``password`` (hashed)."""
    check_username(name)
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password of {name!r} needs at least {MIN_PASSWORD} characters")
    with Session(engine) as session, session.begin():
        if session.scalar(select(AnalystRow).where(AnalystRow.username == name)) is not None:
            raise InputError(f"analyst {name!r} already exists")
        session.add(AnalystRow(username=name, password_hash=_hasher.hash(password),
                               created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                               active=True))


def check_password(engine: Engine, name: str, password: str) -> bool:
    """Whether ``name`` is an active analyst whose password is ``password``."""
    with Session(engine) as session, session.begin():
        row = session.scalar(select(AnalystRow).where(AnalystRow.username == name))
        if row is None or not row.active:
            return False
        try:
            _hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if _hasher.check_needs_rehash(row.password_hash):
            row.password_hash = _hasher.hash(password)
        return True


def is_analyst(session: Session, name: str) -> bool:
    """Whether ``name`` is an active account (the authors decisions are accepted from)."""
    row = session.scalar(select(AnalystRow).where(AnalystRow.username == name))
    return row is not None and row.active


def analysts(engine: Engine) -> list[tuple[str, bool]]:
    """(name, active) of every account, by name."""
    with Session(engine) as session:
        rows = session.scalars(select(AnalystRow).order_by(AnalystRow.username))
        return [(r.username, r.active) for r in rows]
