"""Build the portal's codename word lists reproducibly from dictionaries shipped on PyPI.

Korean (``codename_ko.txt``): the common nouns (NNG) of the Kiwi morphological analyser's
lexicon, shipped in the ``kiwipiepy_model`` package. Kiwi numbers its morphemes roughly by
frequency, so taking nouns in that order gives common words. Kept: 2 or 3 Hangul syllables
(easy to type on any Korean keyboard), NFC-normalised, no duplicates, not denied; the first 7,776.

English (``codename_en.txt``): the EFF large wordlist (7,776 words) as shipped in the
``diceware`` package, checked against its published SHA-256, without its denied words, topped back
up to 7,776 with the nouns of the same package's ``wordlist_en_nouns.txt`` in file order (3-9
lowercase ASCII letters, not in the EFF list, not denied).

A source may write her codename down where the words themselves would incriminate her, so both
lists pass through the reviewed deny list in ``denylist.py`` (espionage, defection, journalism,
police, prison, punishment, death, violence, weapons, religion, politics, sex, drugs, suicide,
insults). Denied candidates are skipped and the next ones, in the same order, take their place.

Run from the repository root::

    .venv/bin/pip install diceware==1.0.1
    .venv/bin/python src/sourcedesk/portal/data/build_wordlists.py

The output is committed; ``tests/test_wordlists.py`` checks its size, uniqueness and entropy.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from denylist import english_denied, korean_denied  # noqa: E402

WORDS = 7776
EFF_SHA256 = "addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e"
HANGUL_WORD = re.compile(r"^[\uac00-\ud7a3]{2,3}$")
ENGLISH_NOUN = re.compile(r"^[a-z]{3,9}$")


def korean_words() -> list[str]:
    """Return 7,776 common 2-3 syllable Korean nouns from Kiwi's lexicon, in frequency order."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi(num_workers=-1)
    seen: set[str] = set()
    words: list[str] = []
    index = 0
    while len(words) < WORDS:
        try:
            morpheme = kiwi.morpheme(index)
        except (IndexError, ValueError, RuntimeError):
            break
        index += 1
        if morpheme.tag != "NNG":
            continue
        form = unicodedata.normalize("NFC", morpheme.form)
        if HANGUL_WORD.match(form) and form not in seen and not korean_denied(form):
            seen.add(form)
            words.append(form)
    if len(words) < WORDS:
        raise SystemExit(f"Only {len(words)} Korean words found; need {WORDS}.")
    return words


def english_words() -> list[str]:
    """Return the EFF large wordlist without denied words, topped up to 7,776 with safe nouns."""
    lists = importlib.resources.files("diceware") / "wordlists"
    path = lists / "wordlist_en_eff.txt"
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != EFF_SHA256:
        raise SystemExit(f"The EFF wordlist does not match its digest ({digest}).")
    words = [line.split("\t")[1].strip() for line in raw.decode().splitlines() if line.strip()]
    if len(words) != WORDS or len(set(words)) != WORDS:
        raise SystemExit("The EFF wordlist does not have 7,776 distinct words.")
    eff = set(words)
    kept = [word for word in words if not english_denied(word)]
    seen = set(kept)
    nouns = (lists / "wordlist_en_nouns.txt").read_text(encoding="utf-8").splitlines()
    for noun in nouns:
        if len(kept) >= WORDS:
            break
        noun = unicodedata.normalize("NFC", noun.strip())
        if ENGLISH_NOUN.match(noun) and noun not in eff and noun not in seen and not english_denied(noun):
            seen.add(noun)
            kept.append(noun)
    if len(kept) < WORDS:
        raise SystemExit(f"Only {len(kept)} English words found; need {WORDS}.")
    return kept


def build() -> dict[str, str]:
    """Return the text of each list file, by file name (the same every run)."""
    return {
        name: "\n".join(sorted(words)) + "\n"
        for name, words in (("codename_ko.txt", korean_words()), ("codename_en.txt", english_words()))
    }


def main() -> int:
    for name, text in build().items():
        (HERE / name).write_text(text, encoding="utf-8")
        words = text.splitlines()
        print(f"{name}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
