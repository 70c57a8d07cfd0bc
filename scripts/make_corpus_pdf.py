"""Render the bundled corpus's PDF document from the text written below, with fpdf2.

The corpus needs at least one real PDF so the PDF reader is exercised on a build of the bundled
corpus. The text is the project's own demonstration text (see data/corpus/README.md); the PDF is
committed, and this script is how it was made and how to remake it after editing the text:

    .venv/bin/python scripts/make_corpus_pdf.py

The PDF info carries the title, author and a fixed creation date, so the reader gets metadata
from it and a re-run gives the same content. A Unicode TrueType font is needed for "–" and "«»":
DejaVu Sans is used where installed (Debian: fonts-dejavu-core), or any font given with --font.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "corpus" / "2024_faktaark_helse_og_samhandlingsplan.pdf"
DEFAULT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

TITLE = "Faktaark: Nasjonal helse- og samhandlingsplan 2024–2027"
AUTHOR = "Per Demo"
CREATED = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)

#: Paragraphs of the fact sheet; a paragraph of lines starting with "• " is a bulleted list.
PARAGRAPHS: list[str] = [
    TITLE,
    "Publisert: 3. juni 2024",
    "Dette faktaarket samler de viktigste opplysningene om Meld. St. 9 (2023–2024) Nasjonal "
    "helse- og samhandlingsplan 2024–2027 – Vår felles helsetjeneste. Meldingen ble lagt fram av "
    "Helse- og omsorgsdepartementet 1. mars 2024, med helse- og omsorgsminister Ingvild Kjerkol "
    "som ansvarlig statsråd.",
    "Nasjonal helse- og samhandlingsplan erstatter Meld. St. 7 (2019–2020) Nasjonal helse- og "
    "sykehusplan 2020–2023. Den planen erstattet igjen Meld. St. 11 (2015–2016) Nasjonal helse- "
    "og sykehusplan (2016–2019), slik at en ny plan legges fram omtrent hvert fjerde år.",
    "Planen sees i sammenheng med Meld. St. 15 (2022–2023) Folkehelsemeldinga og Meld. St. 5 "
    "(2023–2024) En motstandsdyktig helseberedskap. Sammen utgjør de tre meldingene rammen for "
    "regjeringens helse- og omsorgspolitikk.",
    "Regjeringen har fem overordnede mål for helse- og omsorgspolitikken:",
    "• Folk skal ha god helse og mestre livet, uansett sosial bakgrunn\n"
    "• Pasientene skal få gode forløp og komme raskt til, uansett hvor i landet de bor\n"
    "• Helse- og omsorgstjenesten skal være et sted folk vil jobbe i hele yrkeslivet\n"
    "• Ressursene skal brukes bærekraftig og rettferdig\n"
    "• Helse- og omsorgssektoren skal stå rustet når kriser og katastrofer rammer",
    "Det nye rekrutterings- og samhandlingstilskuddet er en del av Nasjonal helse- og "
    "samhandlingsplan. Andelen innsatsstyrt finansiering (ISF) settes ned fra 40 til 30 prosent "
    "fra 2025, og kravet til egenkapital ved sykehusinvesteringer blir lavere.",
    "Stortingets helse- og omsorgskomité ga sin innstilling i Innst. 387 S (2023–2024). "
    "Arbeiderpartiet, Senterpartiet og SV kunngjorde 28. mai 2024 at de var enige om planen. "
    "Jan Christian Vestre overtok som helse- og omsorgsminister 19. april 2024.",
    "Helsefellesskapene ble innført med Nasjonal helse- og sykehusplan 2020–2023, etter en avtale "
    "mellom regjeringen og KS. Det er i dag 19 helsefellesskap, der kommuner, helseforetak, "
    "fastleger og brukere planlegger tjenestene sammen.",
    "Skrevet av Per Demo",
]


def render(output: Path, font: Path) -> None:
    if not font.is_file():
        raise SystemExit(f"{font}: font file not found; install fonts-dejavu-core or pass --font")
    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_author(AUTHOR)
    pdf.set_creator("healthplan-kg scripts/make_corpus_pdf.py")
    pdf.set_creation_date(CREATED)
    pdf.set_margins(20, 20, 20)
    pdf.add_font("body", fname=str(font))
    pdf.add_page()
    for number, paragraph in enumerate(PARAGRAPHS):
        pdf.set_font("body", size=15 if number == 0 else 11)
        for line in paragraph.split("\n"):
            pdf.multi_cell(0, 6, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    output.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(output))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--font", type=Path, default=DEFAULT_FONT)
    arguments = parser.parse_args()
    render(arguments.output, arguments.font)
    print(arguments.output)


if __name__ == "__main__":
    main()
