"""Cells that a spreadsheet would run: neutralised in every CSV Frontline writes.

A CSV export goes to colleagues who open it in Excel or LibreOffice, and its text comes
from articles and analysts' notes. A cell starting with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return, which some programs skip before reading the formula) is
read as a formula: ``=HYPERLINK(...)`` or worse. As the OWASP guidance on CSV injection
advises, such a text cell gets a leading single quote, which spreadsheets show as text
and never evaluate. Numeric columns are left as numbers, and so is a text cell that is
a plain number (``-43.1``): a number cannot be a formula.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def neutralise(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.match(value):
        return value
    return "'" + value


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text columns are neutralised (numbers untouched)."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def csv_bytes_of(table: pd.DataFrame) -> bytes:
    """``table`` as the UTF-8 CSV every Frontline export writes: neutralised, no index."""
    return neutralised(table).to_csv(index=False, lineterminator="\n").encode("utf-8")
