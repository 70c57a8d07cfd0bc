"""A seeded synthetic corpus of Norwegian health-policy texts, for benchmarks at scale.

Each document is drawn from its own ``random.Random(f"{seed}:{index}")``, so document *i* is the
same in every corpus size and on every machine: a size always gives the same corpus, and the 1k
corpus is the first thousand documents of the 10k one. Texts are 2–6 KB, in bokmål or nynorsk,
news items, letters of assignment or white-paper chapters (see ``templates.py``), naming bodies,
people and documents from the reference data and generated people the linker has never seen.

    python benchmarks/generate.py 1k            # -> benchmarks/results/corpus/1k/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import templates as t
from benchmarks.pool import Pool, load_pool

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_SEED = 20240301
MIN_BYTES, MAX_BYTES = 2000, 6000
#: Documents per sub-folder, so no folder holds 100k files.
SHARD = 1000
MANIFEST = ".manifest.json"


def parse_size(text: str) -> int:
    """``"100"``, ``"1k"``, ``"10k"``, ``"100k"``, ``"1m"`` -> a document count."""
    value = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(value[-1:], 1)
    digits = value[:-1] if factor > 1 else value
    if not digits.isdigit() or int(digits) == 0:
        raise ValueError(f"not a corpus size: {text!r} (use e.g. 100, 1k, 10k)")
    return int(digits) * factor


def size_label(count: int) -> str:
    """The inverse of ``parse_size`` for round sizes: 1000 -> "1k"."""
    for factor, suffix in ((1_000_000, "m"), (1_000, "k")):
        if count >= factor and count % factor == 0:
            return f"{count // factor}{suffix}"
    return str(count)


class DocumentWriter:
    """Composes one document from the templates with one seeded random source."""

    def __init__(self, pool: Pool, rng: random.Random) -> None:
        self.pool = pool
        self.rng = rng
        self.lang = "nn" if rng.random() < 0.3 else "nb"
        self.kind = rng.choice(t.KINDS)

    def _date(self) -> str:
        year = self.rng.randint(2015, 2025)
        return f"{self.rng.randint(1, 28)}. {self.rng.choice(t.MONTHS[self.lang])} {year}"

    def _fields(self) -> dict[str, str]:
        """Fresh fillers for one template: two different bodies, two different documents."""
        rng, lang = self.rng, self.lang
        agency, agency2 = rng.sample(self.pool.agencies(), 2)
        doc, doc2 = rng.sample(self.pool.documents, 2)
        # Half the speakers are reference people (linked), half generated (unlinked).
        speaker = rng.choice(self.pool.people if rng.random() < 0.5 else self.pool.generated)
        return {"agency": getattr(agency, lang), "agency2": getattr(agency2, lang),
                "commission": getattr(rng.choice(self.pool.commissions()), lang),
                "doc": doc.label, "docid": doc.identifier, "docid2": doc2.identifier,
                "speaker": speaker.name, "role": speaker.role_nn if lang == "nn" else speaker.role_nb,
                "date": self._date(), "year": str(rng.randint(2018, 2026)),
                "topic": rng.choice(t.TOPICS[lang]), "n": str(rng.randint(2, 14))}

    def _fill(self, template: str) -> str:
        return template.format(**self._fields())

    def _paragraph(self) -> str:
        """One paragraph of a kind drawn at random: the facts are spread through the text."""
        rng, lang = self.rng, self.lang
        choice = rng.random()
        if choice < 0.25:
            return self._fill(rng.choice(t.QUOTES[lang]))
        if choice < 0.45:
            sentences = [self._fill(s) for s in rng.sample(t.RELATIONS[lang], 2)]
            return " ".join(sentences + rng.sample(t.FILLER[lang], 1))
        if choice < 0.55:
            items = rng.sample(t.MEASURES[lang], rng.randint(3, 5))
            bullet = rng.choice(("-", "•"))
            return self._fill(rng.choice(t.MEASURES_INTRO[lang])) + "\n\n" + "\n".join(
                f"{bullet} {item[0].upper()}{item[1:]}" for item in items)
        if choice < 0.62:
            groups = rng.sample(t.GROUPS[lang], 4)
            return t.GROUPS_INTRO[lang].format(groups=", ".join(groups[:3]) + " og " + groups[3])
        if choice < 0.67 and self.pool.themes:
            return self._themes()
        return " ".join(rng.sample(t.FILLER[lang], rng.randint(2, 4)))

    def _themes(self) -> str:
        """A list of the document's themes: inline after a colon, or bulleted after an intro."""
        rng, lang = self.rng, self.lang
        names = self.pool.names_by_theme
        concepts = rng.sample(list(names), 4)  # four different themes
        themes = [getattr(rng.choice(names[concept]), lang) for concept in concepts]
        intro = rng.choice(t.THEMES_INTRO[lang])
        if "{themes}" in intro:
            return intro.format(themes=", ".join(themes[:3]) + " og " + themes[3])
        return intro + "\n\n" + "\n".join(f"- {theme[0].upper()}{theme[1:]}" for theme in themes)

    def text(self) -> str:
        rng, lang, kind = self.rng, self.lang, self.kind
        fields = self._fields()
        head = [rng.choice(t.TITLES[lang][kind]).format(**fields), t.PUBLISHED[lang].format(date=fields["date"]),
                t.OPENINGS[lang][kind].format(**fields)]
        tail = [t.SIGNATURE[lang].format(**fields)] if kind == "letter" else []
        target = rng.randint(MIN_BYTES, MAX_BYTES)
        body: list[str] = []
        while _size(head + body + tail) < target:
            body.append(self._paragraph())
        while len(body) > 1 and _size(head + body + tail) > MAX_BYTES:
            body.pop()
        while _size(head + body + tail) < MIN_BYTES:  # a long paragraph was dropped: pad with filler
            body.append(rng.choice(t.FILLER[lang]))
        return "\n\n".join(head + body + tail) + "\n"


def _size(paragraphs: list[str]) -> int:
    return len("\n\n".join(paragraphs).encode("utf-8")) + 1


def document(pool: Pool, index: int, seed: int = DEFAULT_SEED) -> tuple[str, str]:
    """Document ``index`` of every corpus made with ``seed``: (file name, text)."""
    writer = DocumentWriter(pool, random.Random(f"{seed}:{index}"))
    text = writer.text()
    return f"{index:06d}_{writer.kind}_{writer.lang}.txt", text


def generator_digest() -> str:
    """What the corpus depends on: this code, the templates and the reference data."""
    from healthplan_kg import resources
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for file in [here / "generate.py", here / "templates.py", here / "pool.py", resources.schemes_file(),
                 *sorted(resources.reference_dir().glob("*.ttl"))]:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def generate(count: int, out: Path | None = None, *, seed: int = DEFAULT_SEED) -> Path:
    """Write the corpus of ``count`` documents (unless the same one is already there); its folder."""
    out = out or RESULTS / "corpus" / size_label(count)
    stamp = {"count": count, "seed": seed, "generator": generator_digest()}
    manifest = out / MANIFEST
    if manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")) == stamp:
        return out
    if out.exists():
        shutil.rmtree(out)
    pool = load_pool()
    for index in range(count):
        name, text = document(pool, index, seed)
        folder = out / f"{index // SHARD:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(stamp), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", help="corpus sizes: 100, 1k, 10k, 100k")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="folder (only with one size)")
    args = parser.parse_args(argv)
    try:
        counts = [parse_size(s) for s in args.sizes]
    except ValueError as error:
        parser.error(str(error))
    for count in counts:
        print(generate(count, args.out if len(counts) == 1 else None, seed=args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
