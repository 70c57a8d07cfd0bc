"""Organisations and policy documents recognised by the shape of their names, in bokmål and
nynorsk, and the identifier kinds that must reach the graph typed as their shapes demand.

Every sentence here is written for the test; none comes from a corpus text.
"""

from __future__ import annotations

import pytest

from healthplan_kg.build import build
from healthplan_kg.extract.identifiers import find_identifiers, identifier_class


def test_regression_unlinked_storting_recommendation_is_typed_as_a_recommendation(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "innstilling.txt").write_text(
        "Komiteen la fram Innst. 912 S (2031-2032) om tannhelse i går.\n"
        "Stortinget slutta seg til innstillinga.\n", encoding="utf-8")
    report = build([corpus], store_path=tmp_path / "store", jobs=1, progress=False)
    assert report.conforms


@pytest.mark.parametrize(("text", "cls"), [
    ("Innst. 4 L (2030–2031)", "ParliamentaryRecommendation"),
    ("Meld. St. 3 (2030–2031)", "WhitePaper"),
    ("NOU 2031: 2", "OfficialReport"),
    ("Prop. 7 S (2030–2031)", "Proposition"),
])
def test_identifier_names_its_class(text, cls):
    [found] = find_identifiers(text)
    assert identifier_class(found.identifier) == cls


def test_no_class_without_identifier():
    assert identifier_class(None) is None
    assert identifier_class("Handlingsplan for bedre helse") is None
