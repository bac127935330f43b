"""Geocode look-ups per second for a mix of exact, fuzzy and foreign names, and scan speed.

``python -m bench.geocode [--smoke]`` prints the figures; ``run`` returns them. The
fuzzy names are the gazetteer's own spellings with one letter dropped or doubled and a
vowel swapped (SYNTHETIC misspellings); the foreign names are real cities elsewhere.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from typing import Any

from geodata.gazetteer import Gazetteer
from geodata.theatre import load_theatre

FOREIGN = ["Baghdad", "Raqqa", "Karkh", "Kirkuk", "Fallujah", "Ramadi", "Tikrit", "Aleppo",
           "Erbil", "Basra", "Samarra", "Najaf"]
SEED = Path(__file__).resolve().parent.parent / "seeds" / "2017-05-10-iraqinews-al-maamel.md"


def misspell(name: str, rng: random.Random) -> str:
    """Drop or double one letter and swap one vowel (a SYNTHETIC typo)."""
    chars = list(name)
    k = rng.randrange(len(chars))
    chars[k : k + 1] = [] if rng.random() < 0.5 else [chars[k], chars[k]]
    vowels = [i for i, ch in enumerate(chars) if ch in "aeiou"]
    if vowels:
        i = rng.choice(vowels)
        chars[i] = rng.choice([v for v in "aeiou" if v != chars[i]])
    return "".join(chars)


def _rate(gazetteer: Gazetteer, names: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    resolved = sum(gazetteer.match(name).id is not None for name in names)
    seconds = time.perf_counter() - started
    return len(names) / seconds, resolved / len(names)


def run(smoke: bool = False) -> dict[str, Any]:
    rng = random.Random(0)
    started = time.perf_counter()
    gazetteer = Gazetteer(load_theatre("mosul"))
    build_s = time.perf_counter() - started
    latin = [s for s in gazetteer.spellings if s.text.isascii() and not s.gloss]
    size = 600 if smoke else 6000
    exact = [rng.choice(latin).text for _ in range(size)]
    typos = [(misspell(s.text, rng), s.place_id) for s in (rng.choice(latin) for _ in range(size))]
    fuzzy = [q for q, _ in typos]
    wrong = sum(gazetteer.match(q).id not in (None, pid) for q, pid in typos) / size
    foreign = [rng.choice(FOREIGN) for _ in range(size // 4)]
    mixed = exact[: size // 2] + fuzzy[: size // 2] + foreign
    rng.shuffle(mixed)
    exact_rate, exact_resolved = _rate(gazetteer, exact)
    fuzzy_rate, fuzzy_resolved = _rate(gazetteer, fuzzy)
    mixed_rate, _ = _rate(gazetteer, mixed)
    foreign_hits = sum(gazetteer.match(name).id is not None for name in FOREIGN)
    text = SEED.read_text(encoding="utf-8")
    rounds = 3 if smoke else 20
    started = time.perf_counter()
    for _ in range(rounds):
        mentions = gazetteer.scan(text)
    scan_s = (time.perf_counter() - started) / rounds
    return {
        "gazetteer_build_s": round(build_s, 3),
        "spellings": len(gazetteer.spellings),
        "exact_per_s": round(exact_rate),
        "exact_resolved": round(exact_resolved, 3),
        "fuzzy_per_s": round(fuzzy_rate),
        "fuzzy_resolved": round(fuzzy_resolved, 3),
        "fuzzy_wrong_place": round(wrong, 4),
        "mixed_per_s_target": (round(mixed_rate), 5000, ">="),
        "foreign_resolved": foreign_hits,
        "scan_seed_ms": round(scan_s * 1000, 2),
        "scan_chars_per_s": round(len(text) / scan_s),
        "scan_mentions": len(mentions),
    }


if __name__ == "__main__":
    for key, value in run(smoke="--smoke" in sys.argv).items():
        print(f"{key:24} {value}")
