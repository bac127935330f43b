"""Running prose as the gazetteer reads it: words with their keys, and which words are
written like a name.

:meth:`geodata.gazetteer.Gazetteer.scan` walks these tokens. A token keeps its span in
the text, its :func:`~geodata.normalize.normalise` key (empty for articles and filler
words) and whether only a space or hyphen separates it from the word before: a name
never runs over punctuation ("Karamah, Khadra" is two names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geodata.normalize import ARTICLES, fold, is_arabic, normalise

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
# An article before a hyphen, a letter doubled or not ("al-", "all-", "ash-", "az-").
_ARTICLE_PREFIX = re.compile(r"(?:a+l+|e+l+|a+d+|a+sh|a+z+|a+s+|a+n+|a+r+|a+t+)-\w",
                             re.IGNORECASE)
_CLOSE_GAP = re.compile(r"[ \t\u00a0-]{1,3}")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    """One word: span, text as written, matching key, and what the scanner asks of it
    (worked out once per word: a run of prose asks about each word several times)."""

    start: int
    end: int
    text: str
    key: str
    follows_closely: bool
    folded: str = ""
    is_article: bool = False
    name_like: bool = False


def read_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", m.group(0))
        gap = text[tokens[-1].end : m.start()] if tokens else ""
        key, folded, article, like = _word(word)
        tokens.append(Token(m.start(), m.start() + len(word), word, key,
                            _CLOSE_GAP.fullmatch(gap) is not None, folded, article, like))
    return tokens


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, str, bool, bool]:
    """(key, folded, is an article, is name-like) of one word; cached because news
    prose repeats its words."""
    folded = fold(word)
    article = folded in ARTICLES
    return normalise(word), folded, article, article or _name_like(word)


def name_like(token: Token) -> bool:
    """A word that may belong to a name in prose: capitalised, Arabic, a number, an
    article or a hyphenated article form ("al-zeraie"); lower-case English words end a
    name."""
    return token.name_like


def _name_like(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or (
        _ARTICLE_PREFIX.match(word) is not None or is_arabic(word))


def written_as_name(surface: str) -> bool:
    """A capital, Arabic script or a hyphenated article ("al-maamel") marks a name in prose."""
    return (
        is_arabic(surface)
        or any(ch.isupper() for ch in surface)
        or _ARTICLE_PREFIX.match(surface) is not None
    )


def same_gloss(surface: str, gloss: str) -> bool:
    """A gloss counts in prose only as written (first letter's case aside), 2+ content words."""
    words = gloss.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    content = [w for w in words if normalise(w)]
    if len(content) < 2 or any(ch.isdigit() for ch in gloss):
        return False
    wanted = " ".join(words)
    return surface[:1].lower() == wanted[:1].lower() and surface[1:] == wanted[1:]
