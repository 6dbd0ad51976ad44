"""The codename word lists: no incriminating word, large enough, and reproducible from the build."""

from __future__ import annotations

import importlib.util
import math
import sys

import pytest

from sourcedesk.portal.codename import DATA_DIR, WORDS_PER_CODENAME, entropy_bits, wordlist


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"sourcedesk_wordlists_{name}", DATA_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(DATA_DIR))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(DATA_DIR))
    return module


denylist = _load("denylist")

# Words a source must never carry written down: from the review that introduced the deny list.
KO_EXAMPLES = [
    "간첩",
    "탈북",
    "체포",
    "정보원",
    "기자",
    "망명",
    "사형",
    "처벌",
    "감옥",
    "자살",
    "섹스",
    "성기",
]
EN_EXAMPLES = ["arrest", "prison", "traitor", "police", "spy", "murder", "bomb", "gun", "jail", "defector"]


def test_examples_are_denied():
    assert all(denylist.korean_denied(word) for word in KO_EXAMPLES)
    assert all(denylist.korean_denied(word + "자") for word in ("간첩", "탈북", "체포"))
    assert all(denylist.english_denied(word) for word in EN_EXAMPLES)
    assert all(denylist.english_denied(word) for word in ("arrested", "prisoner", "policeman"))


def test_no_denied_korean_word():
    words = wordlist("ko")
    assert not [w for w in words if denylist.korean_denied(w)]
    assert not [w for w in words if any(stem in w for stem in denylist.KO_STEMS)]
    assert not set(words) & set(KO_EXAMPLES)


def test_no_denied_english_word():
    words = wordlist("en")
    assert not [w for w in words if denylist.english_denied(w)]
    assert not set(words) & set(EN_EXAMPLES)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_list_is_large_unique_and_strong(language):
    words = wordlist(language)
    assert len(words) == len(set(words)) >= 7776
    assert entropy_bits(language) >= 90
    assert WORDS_PER_CODENAME * math.log2(len(set(words))) >= 90


def test_build_is_reproducible_and_matches_committed_lists():
    pytest.importorskip("kiwipiepy")
    pytest.importorskip("diceware")
    build = _load("build_wordlists")
    first, second = build.build(), build.build()
    assert first == second
    for name, text in first.items():
        assert (DATA_DIR / name).read_text(encoding="utf-8") == text
