"""One measure, one node: the key that makes the same measure stated twice meet in one IRI.

A measure is the same measure when the same plan lists it in the same words, whichever text
states it and in whichever written standard. The key is the plan (the document the list is
about, else the source text that holds the list) plus the item's words folded by a small,
general normalisation of spelling and inflection ("styrkje allmennlegetenesta i heile landet"
and "styrke allmennlegetjenesten i hele landet" fold alike). The fold is deliberately small: a
missed fold leaves two nodes that a reader can still join by their labels, while an eager fold
could merge two measures of one plan, which nobody could undo. The plan in the key keeps two
plans' "Bedre samhandling" apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from healthplan_kg.namespaces import ID, slug

#: Pairs of spellings the two written standards use for one word ("tjeneste"/"teneste",
#: "heile"/"hele", "byggje"/"bygge", "sjuk"/"syk", "betre"/"bedre", "føre-"/"fore-").
_SPELLING = ((re.compile(r"tj"), "t"), (re.compile(r"ei"), "e"), (re.compile(r"øy"), "ø"),
             (re.compile(r"([kg])je\b"), r"\1e"), (re.compile(r"^føre"), "fore"),
             (re.compile(r"sjuk"), "syk"), (re.compile(r"betr"), "bedr"))
_DOUBLE = re.compile(r"([bcdfghjklmnpqrstvwxz])\1")
#: Inflectional endings of nouns, adjectives and verbs in both standards, longest first.
_ENDINGS = ("ande", "ende", "ane", "ene", "ar", "er", "en", "et", "a", "e")
_MAX_SLUG = 80


@lru_cache(maxsize=16384)
def _fold_word(word: str) -> str:
    """One word folded (cached: a corpus repeats its words, and each fold runs seven patterns)."""
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    word = _DOUBLE.sub(r"\1", word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    # an unstressed "a" after the first vowel is "e" in the other standard ("saman"/"sammen")
    first_vowel = next((n for n, c in enumerate(word) if c in "aeiouyæøå"), len(word))
    return word[: first_vowel + 1] + word[first_vowel + 1:].replace("a", "e")


def fold_label(label: str) -> str:
    """The words of a measure's label in a form both written standards share."""
    text = unicodedata.normalize("NFKC", label).casefold()
    words = re.findall(r"[^\W_]+", text)
    return " ".join(_fold_word(w) for w in words)


@lru_cache(maxsize=16384)
def measure_iri(plan_iri: str, label: str) -> str:
    """The IRI of the measure ``label`` of the plan ``plan_iri`` (a document or a source text);
    cached, as plans' measures recur across texts."""
    plan_key = plan_iri.rstrip("/").rsplit("/", 1)[-1]
    folded = fold_label(label)
    words = slug(folded) or "measure"
    if len(words) > _MAX_SLUG:
        digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()[:8]
        words = f"{words[:_MAX_SLUG].rstrip('-')}-{digest}"
    return f"{ID}measure/{slug(plan_key)}/{words}"
