"""The names a synthetic document may use: bodies, people and documents from the reference data,
plus generated people, so the corpus exercises both linking and unlinked mentions.

Read once from ``data/reference/*.ttl``, and the themes from the concept schemes, with pyoxigraph;
everything is sorted so a seeded generator draws the same names on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from healthplan_kg import resources

HP = "https://w3id.org/healthplan-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@dataclass(frozen=True)
class Body:
    """An organisation or commission, by its label in each written standard."""

    nb: str
    nn: str
    is_commission: bool


@dataclass(frozen=True)
class Speaker:
    """A person with a role to put after "sier"/"seier": reference people or generated ones."""

    name: str
    role_nb: str
    role_nn: str


@dataclass(frozen=True)
class CitedDocument:
    """A policy document with an official identifier (``Meld. St. 9 (2023–2024)``) and its name."""

    identifier: str
    label: str


@dataclass(frozen=True)
class ThemeName:
    """A name of a theme concept (its preferred or an alternative label) in each written standard."""

    theme: str
    nb: str
    nn: str


@dataclass(frozen=True)
class Pool:
    bodies: tuple[Body, ...]
    people: tuple[Speaker, ...]       # reference people: the linker knows them
    generated: tuple[Speaker, ...]    # generated people: they become unlinked mentions
    documents: tuple[CitedDocument, ...]
    themes: tuple[ThemeName, ...] = ()  # names of the concept scheme's themes: lists link them

    @cached_property
    def names_by_theme(self) -> dict[str, tuple[ThemeName, ...]]:
        """Each theme concept's names, concepts in sorted order (what a seeded draw samples from)."""
        return {theme: tuple(n for n in self.themes if n.theme == theme)
                for theme in sorted({n.theme for n in self.themes})}

    def agencies(self) -> tuple[Body, ...]:
        return tuple(b for b in self.bodies if not b.is_commission)

    def commissions(self) -> tuple[Body, ...]:
        return tuple(b for b in self.bodies if b.is_commission)


_BODIES = f"""
PREFIX skos: <{SKOS}> PREFIX hp: <{HP}> PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?s ?nb ?nn (EXISTS {{ ?s a hp:Commission }} AS ?commission) WHERE {{
  ?s a ?class ; skos:prefLabel ?nb . FILTER(lang(?nb) = "nb")
  OPTIONAL {{ ?s skos:prefLabel ?nn . FILTER(lang(?nn) = "nn") }}
  FILTER(?class IN (hp:Commission, hp:Ministry, hp:Directorate, hp:Agency, hp:RegionalHealthAuthority,
                    hp:CompetenceService, hp:ProfessionalAssociation, hp:AdvisoryBody, hp:StateEnterprise,
                    hp:MunicipalOrganisation))
}}"""

_PEOPLE = f"""
PREFIX skos: <{SKOS}> PREFIX hp: <{HP}> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?name ?rolenb ?rolenn WHERE {{
  ?p a foaf:Person ; foaf:name ?name ; org:hasMembership ?m .
  ?m hp:roleLabel ?rolenb . FILTER(lang(?rolenb) = "nb")
  OPTIONAL {{ ?m hp:roleLabel ?rolenn . FILTER(lang(?rolenn) = "nn") }}
}}"""

_DOCUMENTS = f"""
PREFIX skos: <{SKOS}> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id ?label WHERE {{
  ?d dcterms:identifier ?id ; skos:prefLabel ?label . FILTER(lang(?label) = "nb")
}}"""

# The nth nb label pairs with the nth nn label of the same kind: the schemes list them in step.
_THEMES = f"""
PREFIX skos: <{SKOS}> PREFIX hp: <{HP}>
SELECT ?theme ?kind ?nb ?nn WHERE {{
  VALUES ?kind {{ skos:prefLabel skos:altLabel }}
  ?theme a hp:Theme ; ?kind ?nb , ?nn . FILTER(lang(?nb) = "nb" && lang(?nn) = "nn")
}}"""

_FIRST = ("Kari Ola Ingrid Lars Siri Håkon Astrid Eirik Solveig Magnus Ragnhild Torbjørn Hanne Sindre "
          "Live Øystein Marit Vegard Tone Arne Gunn Jostein Turid Audun Sigrid Rune Berit Halvard").split()
_LAST = ("Nordvik Aasen Haugland Bråten Lien Fossum Kvam Strand Myklebust Rød Solheim Tveit Vik Eide "
         "Hovland Sæther Berge Dahl Grønli Lunde Moen Nygård Opdal Rustad Skjelbred Tangen Ulvestad").split()
_GENERATED_ROLES = (("avdelingsdirektør", "avdelingsdirektør"), ("fagdirektør", "fagdirektør"),
                    ("kommuneoverlege", "kommuneoverlege"), ("seniorrådgiver", "seniorrådgjevar"),
                    ("leder for helsefellesskapet", "leiar for helsefellesskapet"))


def generated_speakers() -> tuple[Speaker, ...]:
    """People who are in no reference file: the linker must still mint them (unlinked mentions)."""
    speakers = []
    for i, first in enumerate(_FIRST):
        for j, last in enumerate(_LAST):
            if (i + j) % 3 == 0:
                nb, nn = _GENERATED_ROLES[(i * 7 + j) % len(_GENERATED_ROLES)]
                speakers.append(Speaker(f"{first} {last}", nb, nn))
    return tuple(speakers)


def load_pool(folder: Path | None = None) -> Pool:
    """Bodies, people and documents of the reference data, sorted, plus the generated people."""
    store = ox.Store()
    for file in sorted((folder or resources.reference_dir()).glob("*.ttl")):
        store.load(path=str(file), format=ox.RdfFormat.TURTLE)
    bodies = {(r["nb"].value, (r["nn"] or r["nb"]).value, r["commission"].value == "true")
              for r in store.query(_BODIES)}
    people = {(r["name"].value, r["rolenb"].value, (r["rolenn"] or r["rolenb"]).value)
              for r in store.query(_PEOPLE)}
    documents = {(r["id"].value, r["label"].value) for r in store.query(_DOCUMENTS)}
    return Pool(bodies=tuple(Body(*b) for b in sorted(bodies)),
                people=tuple(Speaker(*p) for p in sorted(people)), generated=generated_speakers(),
                documents=tuple(CitedDocument(*d) for d in sorted(documents)), themes=theme_names())


def theme_names() -> tuple[ThemeName, ...]:
    """Names of the concept scheme's themes as (bokmål, nynorsk) pairs. RDF does not say which nn
    label translates which nb label, so a pair is taken only where that is certain: the theme has
    one label of the kind in each standard, or the two labels are the same word."""
    store = ox.Store()
    store.load(path=str(resources.schemes_file()), format=ox.RdfFormat.TURTLE)
    pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for row in store.query(_THEMES):
        pairs.setdefault((row["theme"].value, row["kind"].value), []).append(
            (row["theme"].value, row["nb"].value, row["nn"].value))
    names = set()
    for found in pairs.values():
        single = len({nb for _, nb, _ in found}) == 1 and len({nn for _, _, nn in found}) == 1
        names |= {(theme, nb, nn) for theme, nb, nn in found if single or nb == nn}
    return tuple(ThemeName(*pair) for pair in sorted(names))
