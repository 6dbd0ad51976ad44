"""Word lists the scanner reads once: surnames, given-name syllables, gazetteers, allow-list, lexicons.

Pure Python; the lists live as text files in ``protect/data`` so the desk can review them in a diff.
Everything here is loaded lazily on first use and cached for the life of the process.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files("sourcedesk.protect").joinpath("data", name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    out = []
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _words(name: str) -> list[str]:
    return [w for line in _lines(name) for w in line.split()]


@cache
def surnames_ko() -> tuple[frozenset[str], frozenset[str]]:
    """Return (one-syllable, two-syllable) Korean surnames."""
    names = _words("surnames_ko.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


@cache
def surnames_zh_hangul() -> frozenset[str]:
    return frozenset(_words("surnames_zh_hangul.txt"))


@cache
def translit_syllables() -> frozenset[str]:
    return frozenset(_words("translit_zh_syllables.txt"))


@cache
def given_syllables() -> frozenset[str]:
    return frozenset(_words("given_syllables_ko.txt"))


@cache
def common_ko() -> frozenset[str]:
    """Return words shaped like surname + given name that are ordinary Korean words."""
    words = set(_words("common_ko.txt"))
    words.update(_words("common_ko_extra.txt"))
    words.update(_words("common_pairs_ko.txt"))
    return frozenset(words)


def _gazetteer(name: str) -> list[list[str]]:
    return [[p.strip() for p in line.split("|") if p.strip()] for line in _lines(name)]


@cache
def coarse_places() -> frozenset[str]:
    """Return coarse place names (provinces, cities, counties, countries) in every spelling, lower-cased."""
    out: set[str] = set()
    for name in ("gazetteer_nk.txt", "gazetteer_cn.txt", "gazetteer_other.txt"):
        for row in _gazetteer(name):
            for p in row:
                out.add(p.lower())
                # Accept the bare stem too: 혜산시 → 혜산, 무산군 → 무산, 장백현 → 장백.
                for suf in (
                    "직할시",
                    "특별시",
                    "구역",
                    "시",
                    "군",
                    "도",
                    "현",
                    "성",
                    "주",
                    "市",
                    "县",
                    "省",
                    "州",
                ):
                    if p.endswith(suf) and len(p) > len(suf) + 1:
                        out.add(p[: -len(suf)].lower())
    return frozenset(out)


@cache
def county_index() -> dict[str, dict[str, str]]:
    """Return coarse unit spellings mapped to their {ko, en} names, for suggestions."""
    out: dict[str, dict[str, str]] = {}
    for name in ("gazetteer_nk.txt", "gazetteer_cn.txt"):
        for row in _gazetteer(name):
            ko = next((p for p in row if re.search(r"[가-힣]", p)), row[0])
            en = next((p for p in row if re.fullmatch(r"[A-Za-z' .-]+", p)), ko)
            if ko.endswith("군") and "County" not in en:
                en = f"{en} County"
            level = "province" if ko.endswith(("도", "성")) or "Province" in " ".join(row) else "local"
            for p in row:
                out[p] = {"ko": ko, "en": en, "level": level}
    return out


@cache
def allow_people() -> frozenset[str]:
    """Return the shipped allow-list of public figures, every spelling lower-cased."""
    return frozenset(p.lower() for row in _gazetteer("allow_people.txt") for p in row)


@cache
def english_romanlike() -> frozenset[str]:
    """Return English words that could pass for a romanised Korean given name (hotel, sung, jong)."""
    return frozenset(_words("english_romanlike.txt"))


@cache
def organisations() -> frozenset[str]:
    return frozenset(_words("organisations.txt"))
