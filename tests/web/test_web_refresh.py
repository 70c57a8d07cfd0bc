"""A server left running while a build swaps a newer graph in at its store's path serves the newer
one, with a search index and answers of its own, and opens it before letting the old one go."""

from __future__ import annotations

import shutil

import httpx

from healthplan_kg import resources
from healthplan_kg.build import build

from .served import ServedApp

#: A text written for this test (nynorsk), whose title no bundled document shares.
EXTRA = ("Fjordheimsplanen for samhandling\n\n"
         "Fjordheimsplanen skal gje betre samhandling mellom kommunane og sjukehusa i regionen.\n")


def test_a_newer_build_is_served_with_its_own_search_index_and_answers(tmp_path):
    first, second = tmp_path / "c1", tmp_path / "c2"
    shutil.copytree(resources.corpus_dir(), first)
    shutil.copytree(resources.corpus_dir(), second)
    (second / "fjordheim.txt").write_text(EXTRA, encoding="utf-8")
    store = tmp_path / "store"
    build([first], store_path=store, jobs=1, progress=False, check=False)

    served = ServedApp(store)
    served.service.REFRESH_EVERY = 0.0
    try:
        with httpx.Client(base_url=served.url, timeout=60) as http:
            documents = int(http.get("/api/queries/documents", params={"limit": 0}).headers["x-total-count"])
            assert http.get("/api/search", params={"q": "fjordheimsplanen"}).json() == []
            old = served.service.kg

            build([second], store_path=store, jobs=1, progress=False, check=False)

            found = http.get("/api/search", params={"q": "fjordheimsplanen"}).json()
            assert "Fjordheimsplanen for samhandling" in {r["matched"] for r in found}
            newer = int(http.get("/api/queries/documents", params={"limit": 0}).headers["x-total-count"])
            assert newer == documents + 1
            assert served.service.kg is not old
            # the old build was not closed under a request that might still be reading it
            assert len(old.store) > 0
    finally:
        served.stop()
