"""Which written standard a text is in: bokmål (nb) or nynorsk (nn).

Decided from the frequent function words and endings where the two standards differ; words
both share are ignored. A text with no evidence either way is bokmål, the more common standard.
"""

from __future__ import annotations

import re
from collections import Counter

_NN = {
    "ikkje", "eg", "ein", "eit", "dei", "frå", "berre", "korleis", "kva", "meir", "mykje", "vere",
    "vore", "heile", "eigen", "eiga", "eige", "nokre", "noko", "nokon", "fekk", "seier", "meiner",
    "ønskjer", "òg", "sjølv", "tenesta", "tenester", "tenestene", "helsetenesta", "saman",
    "samanheng", "desse", "hjå", "difor", "kvar", "kven", "vart", "blei", "utan", "sjukehus", "sjukdom",
    "mogleg", "moglegheiter", "regjeringa", "meldinga", "kommunar", "brukarar", "pasientar",
    "vidare", "framleis", "kvarandre", "gjere", "gjera", "seinare", "fleire", "nokså", "døme",
    "dømes", "særleg", "hugse", "veit", "ho", "honom", "dykk", "høyre", "medan",
}
_NB = {
    "ikke", "jeg", "en", "et", "de", "fra", "bare", "hvordan", "hva", "mer", "mye", "være", "vært",
    "hele", "egen", "egne", "noen", "noe", "fikk", "sier", "mener", "ønsker", "selv", "tjenesten",
    "tjenester", "tjenestene", "helsetjenesten", "sammen", "sammenheng", "disse", "hos", "derfor",
    "hver", "hvem", "ble", "uten", "sykehus", "sykdom", "mulig", "muligheter", "regjeringen",
    "meldingen", "kommuner", "brukere", "pasienter", "videre", "fortsatt", "hverandre", "gjøre",
    "senere", "flere", "særlig", "hun", "ham", "dere", "mens", "hvis", "hvor", "nå", "også",
}
# Words both lists name that are in fact shared get no weight.
_SHARED = _NN & _NB
_WORD = re.compile(r"[a-zæøåéèòôü]+(?:-[a-zæøå]+)*")


def detect_language(text: str) -> str:
    """``"nn"`` when nynorsk markers outnumber bokmål ones, else ``"nb"``."""
    nn = nb = 0
    # Each distinct word once, weighted by its count: every weight is a multiple of 1/4, so the
    # sums are exact and the same as adding word by word.
    for word, count in Counter(_WORD.findall(text.casefold())).items():
        if word in _SHARED:
            continue
        if word in _NN:
            nn += count
        elif word in _NB:
            nb += count
        elif word.endswith(("ane", "inga")) and len(word) > 6:
            nn += 0.25 * count
        elif word.endswith(("ene", "ingen")) and len(word) > 6:
            nb += 0.25 * count
    return "nn" if nn > nb else "nb"
