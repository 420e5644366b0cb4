"""Field accuracy of the wire readers over every shared fixture, per format.

The truth below was written by reading each fixture (../shared/fixtures, never copied
here): what an editor would take as its headline, label, byline, dateline, paragraph
count and first words, photo credits, source agency and completeness. Where the readers
get a field wrong, the truth says what is right, so the score is honest, not a snapshot.

    .venv/bin/python bench/wire_accuracy.py          # table per format, misses listed
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
FIELDS = (
    "headline", "label", "byline", "dateline", "paragraphs", "first_words", "captions",
    "source", "complete",
)  # fmt: skip

TRUTH: dict[str, dict[str, Any]] = {
    "wire/00_roundup-lee-china-summit-seed.txt": {
        "headline": "Lee, China's Xi share view on importance of resuming talks with N. Korea",
        "label": "(ROUNDUP)",
        "byline": ["Kim Eun-jung"],
        "dateline": "BEIJING, Jan. 5 (Yonhap) --",
        "paragraphs": 27,
        "first_words": "South Korean President Lee Jae Myung",
        "captions": [["Yonhap"], ["Pool photo", "Yonhap"], ["Yonhap"]],
        "source": "Yonhap",
        "complete": True,
    },
    "wire/04_news-focus-nk-missile-oana.txt": {
        "headline": "N. Korea flexes muscles to pressure S. Korea, U.S.: experts",
        "label": "",
        "byline": ["Sam Kim"],
        "dateline": "SEOUL, Feb. 3 (Yonhap) --",
        "paragraphs": 11,
        "first_words": "In gearing up to test-fire its",
        "captions": [],
        "source": "Yonhap",
        "complete": False,
    },
    "wire/05_flu-cases-attn-updates-headline-complete-oana.txt": {
        "headline": "S. Korea confirms 10 additional flu cases",
        "label": "",
        "byline": ["Koh Byung-joon"],
        "dateline": "SEOUL, June 18 (Yonhap) --",
        "paragraphs": 9,
        "first_words": "Ten additional cases of Influenza A,",
        "captions": [],
        "source": "Yonhap",
        "complete": True,
    },
    "wire/13_slug-nk-missile-launch-globalpost.txt": {
        "headline": "",
        "label": "",
        "byline": [],
        "dateline": "SEOUL, May 19 (Yonhap) --",
        "paragraphs": 6,
        "first_words": "North Korea on Sunday fired a",
        "captions": [],
        "source": "Yonhap",
        "complete": False,
    },
    "wire/16_photo-item-pool-photo-caption-korean-vibe.txt": {
        "headline": "News photo exhibition in Seoul",
        "label": "",
        "byline": [],
        "dateline": "",
        "paragraphs": 0,
        "first_words": "",
        "captions": [["Pool photo", "Yonhap"]],
        "source": "Yonhap",
        "complete": True,
    },
    "wire/19_exports-sejong-dateline-byline-yna.txt": {
        "headline": "Korea's exports down for 10th month on trade rows, chips",
        "label": "",
        "byline": ["Kang Yoon-seung"],
        "dateline": "SEJONG, Oct. 1 (Yonhap) --",
        "paragraphs": 4,
        "first_words": "South Korea's exports sank 11.7 percent",
        "captions": [],
        "source": "Yonhap",
        "complete": False,
    },
    "wire/20_dokdo-chopper-v0-first-version-complete-yna.txt": {
        "headline": "7 missing in chopper crash near Dokdo",
        "label": "",
        "byline": [],
        "dateline": "DAEGU, Nov. 1 (Yonhap) --",
        "paragraphs": 3,
        "first_words": "Seven South Koreans were still unaccounted",
        "captions": [],
        "source": "Yonhap",
        "complete": True,
    },
    "agencies/anpa/ap-anpa-1st-ld-writethru.tst": {
        "headline": "Deng has 30 points, short-handed Heat beat Hawks 115-111",
        "label": "(LEAD)",
        "byline": ["Charles Odum"],
        "dateline": "ATLANTA, Feb. 20 (AP) --",
        "paragraphs": 18,
        "first_words": "Luol Deng scored 30 points and",
        "captions": [],
        "source": "AP",
        "complete": True,
    },
    "agencies/anpa/ap-anpa-agate-table-latin1-byte.tst": {
        "headline": "Wild Card Glance",
        "label": "",
        "byline": [],
        "dateline": "",
        "paragraphs": 94,
        "first_words": "AMERICAN LEAGUE",
        "captions": [],
        "source": "AP",
        "complete": True,
    },
    "agencies/anpa/ap-anpa-newsalert.tst": {
        "headline": (
            "Hawaii files court challenge to Trump administration's definition of close "
            "U.S. relationship needed to avoid travel ban"
        ),
        "label": "(URGENT)",
        "byline": [],
        "dateline": "HONOLULU, June 29 (AP) --",
        "paragraphs": 1,
        "first_words": "Hawaii files court challenge to Trump",
        "captions": [],
        "source": "AP",
        "complete": True,
    },
    "agencies/anpa/ap-anpa-story-lf.tst": {
        "headline": "For Argentine chemo patients, mirrors can hurt",
        "label": "",
        "byline": ["Paul Byrne", "Almudena Calatrava"],
        "dateline": "BUENOS AIRES, Argentina, Nov. 13 (AP) --",
        "paragraphs": 14,
        "first_words": "For cancer patients dealing with the",
        "captions": [],
        "source": "AP",
        "complete": True,
    },
    "agencies/anpa/dpa-iptc7901-1st-lead-latin1.txt": {
        "headline": "German football saddened by illness to striker legend Mueller",
        "label": "(LEAD)",
        "byline": ["Manuel Schwarz"],
        "dateline": "MUNICH, Oct. 7 (dpa) --",
        "paragraphs": 21,
        "first_words": "German football generations past and present",
        "captions": [],
        "source": "dpa",
        "complete": True,
    },
    "agencies/anpa/dpa-iptc7901-eil-flash-bel.iptc": {
        "headline": "Grünen-Spitze tritt nach Wahlniederlagen ab",
        "label": "(URGENT)",
        "byline": [],
        "dateline": "BERLIN, Sept. 25 (dpa) --",
        "paragraphs": 1,
        "first_words": "Die Grünen-Spitze zieht nach den Misserfolgen",
        "captions": [],
        "source": "dpa",
        "complete": True,
    },
    "agencies/newsml-1.2/afp-newsml12-declared-latin1-actually-utf8.xml": {
        "headline": "Décès de Naomi Musenga: l'opératrice du Samu définitivement condamnée",
        "label": "",
        "byline": [],
        "dateline": "STRASBOURG, July 10 (AFP) --",
        "paragraphs": 2,
        "first_words": "L'opératrice du Samu condamnée pour non-assistance",
        "captions": [],
        "source": "AFP",
        "complete": True,
    },
    "agencies/newsml-1.2/afp-newsml12-text-with-associations.xml": {
        "headline": "Israel strikes key Hamas targets as UN Security Council to meet",
        "label": "(LEAD)",
        "byline": ["Adel Zaanoun", "Guillaume Lavallee"],
        "dateline": "GAZA CITY, Palestinian Territories, May 16 (AFP) --",
        "paragraphs": 41,
        "first_words": "Israel's army said Sunday it had",
        "captions": [],
        "source": "AFP",
        "complete": True,
    },
    "agencies/newsml-1.2/ana-mpa-newsml12-greek.xml": {
        "headline": "Wage employment balance positive in Jan-March",
        "label": "",
        "byline": [],
        "dateline": "ATHENS, April 4 (ANA-MPA) --",
        "paragraphs": 3,
        "first_words": "Wage employment in the private sector",
        "captions": [],
        "source": "ANA-MPA",
        "complete": True,
    },
    "agencies/newsml-1.2/anp-newsml12-nitf33-revision2.xml": {
        "headline": "FNV staat alleen met acties bij PostNL",
        "label": "(LEAD)",
        "byline": [],
        "dateline": "SAN MATEO, Dec. 10 (ANP) --",
        "paragraphs": 4,
        "first_words": "FNV kondigt werkonderbrekingen aan bij PostNL,",
        "captions": [],
        "source": "ANP",
        "complete": True,
    },
    "agencies/newsml-1.2/ats-newsml12-iso8859-15.xml": {
        "headline": "Un taureau entre dans un magasin à Landquart (GR)",
        "label": "",
        "byline": [],
        "dateline": "LANDQUART GR, June 3 (ATS) --",
        "paragraphs": 3,
        "first_words": "Un taureau âgé d'un an est",
        "captions": [],
        "source": "ATS",
        "complete": True,
    },
    "agencies/newsml-1.2/belga-newsml12-iso8859-15-uppercase-codes.xml": {
        "headline": "Mediawatch dinsdag 29/01/2019 - VTM Nieuws - 13 uur",
        "label": "",
        "byline": [],
        "dateline": "",
        "paragraphs": 2,
        "first_words": "Steven Van Geel gaf zich op",
        "captions": [],
        "source": "Belga",
        "complete": True,
    },
    "agencies/newsml-g2/dpa-picture-correction-signal.xml": {
        "headline": "Caroline Kennedy",
        "label": "(CORRECTED)",
        "byline": ["Steve Helber"],
        "dateline": "",
        "paragraphs": 0,
        "first_words": "",
        "captions": [["Steve Helber/AP/dpa"]],
        "source": "dpa",
        "complete": True,
    },
    "agencies/newsml-g2/iptc-picture-item.xml": {
        "headline": "Variety Of Recessionary Forces Leave Las Vegas Economy Scarred",
        "label": "",
        "byline": ["Spencer Platt"],
        "dateline": "",
        "paragraphs": 0,
        "first_words": "",
        "captions": [["Photo by Spencer Platt/Getty Images", "Getty Images"]],
        "source": "Getty Images",
        "complete": True,
    },
    "agencies/newsml-g2/iptc-text-item-nitf-inline.xml": {
        "headline": 'Fed to halt QE to avert "bubble"',
        "label": "",
        "byline": ["Meredith Jameson"],
        "dateline": "NEW YORK, NY, Oct. 21 (Acme News and Media LLC) --",
        "paragraphs": 2,
        "first_words": "Et, sent luptat luptat, commy Nim",
        "captions": [],
        "source": "Acme News and Media LLC",
        "complete": True,
    },
    "agencies/newsml-g2/iptc-text-item-update-signal.xml": {
        "headline": 'Fed to halt QE to avert "bubble"',
        "label": "(LEAD)",
        "byline": ["Meredith Jameson"],
        "dateline": "BERLIN, Oct. 18 (Reuters) --",
        "paragraphs": 0,
        "first_words": "",
        "captions": [],
        "source": "Reuters",
        "complete": True,
    },
    "agencies/newsml-g2/reuters-text-corrected-edstat-c.xml": {
        "headline": "S. Illinois battles flooding as Mississippi River builds downstream",
        "label": "(CORRECTED)",
        "byline": ["David Bailey", "Erwin Seba", "Tim Ghianni"],
        "dateline": "Jan. 3 (Reuters) --",
        "paragraphs": 15,
        "first_words": "Residents of flooded areas in far",
        "captions": [],
        "source": "Reuters",
        "complete": True,
    },
    "agencies/newsml-g2/tt-newsmessage-text-and-picture.xml": {
        "headline": 'Jan Guillou skriver på ny "Hamilton"-bok',
        "label": "",
        "byline": [],
        "dateline": "",
        "paragraphs": 5,
        "first_words": "Jan Guillou arbetar just nu med",
        "captions": [["Naina Helén Jåma/TT"]],
        "source": "TT",
        "complete": True,
    },
    "agencies/nitf/ap-nitf34-text.xml": {
        "headline": "Can trading pollution like stocks help fight climate change?",
        "label": "",
        "byline": ["Bernard Condon"],
        "dateline": "NEW YORK, Dec. 10 (AP) --",
        "paragraphs": 27,
        "first_words": "The gas produced by hog manure",
        "captions": [],
        "source": "AP",
        "complete": True,
    },
    "agencies/nitf/iptc-sample-tide-update-canceled.xml": {
        "headline": "Weather and Tide Updates for Norfolk",
        "label": "",
        "byline": ["Alan Karben"],
        "dateline": "NEWPORT NEWS, VA, Feb. 25 (International Press Telecommunications Council) --",
        "paragraphs": 11,
        "first_words": "The weather was superb today in",
        "captions": [["Karben"]],
        "source": "International Press Telecommunications Council",
        "complete": True,
    },
    "agencies/nitf/ntb-nitf36-utf8.xml": {
        "headline": "Pandemien herjer på den legeløse indiske landsbygda",
        "label": "",
        "byline": [],
        "dateline": "UNNAO, May 16 (NTB) --",
        "paragraphs": 21,
        "first_words": "Koronapandemien herjer også i landsbyer rundt",
        "captions": [["Amit Sharma / AP / NTB"]],
        "source": "NTB",
        "complete": True,
    },
    "agencies/nitf/pa-nitf31-embargoed.xml": {
        "headline": "UK BREAK-UP 'NOT INCONCEIVABLE', FIRST MINISTER WARNS AHEAD OF BREXIT TALKS",
        "label": "",
        "byline": ["Benjamin Wright"],
        "dateline": "",
        "paragraphs": 1,
        "first_words": "The UK risks breaking up unless",
        "captions": [],
        "source": "PA",
        "complete": True,
    },
    "agencies/nitf/pa-nitf31-latin1.xml": {
        "headline": "HARD BREXIT TO COST UK UP TO £66BN A YEAR, SAYS TREASURY",
        "label": "",
        "byline": ["Sam Lister"],
        "dateline": "",
        "paragraphs": 18,
        "first_words": "Treasury coffers will take a £66",
        "captions": [],
        "source": "PA",
        "complete": True,
    },
    "agencies/nitf/ritzau-nitf32-declared-latin1-actually-utf8.xml": {
        "headline": "En 41-årig mand, der onsdag blev anholdt og sat i forbindel",
        "label": "(URGENT)",
        "byline": [],
        "dateline": "KØBENHAVN, May 12 (Ritzau) --",
        "paragraphs": 3,
        "first_words": "En 41-årig mand, der onsdag blev",
        "captions": [],
        "source": "Ritzau",
        "complete": True,
    },
}


def fields_of(path: Path) -> dict[str, Any]:
    from wire.formats import read_file

    story = read_file(path)
    return {
        "format": story.format,
        "headline": story.headline,
        "label": story.label,
        "byline": story.byline,
        "dateline": story.dateline.text if story.dateline else "",
        "paragraphs": len(story.paragraphs),
        "first_words": " ".join(story.paragraphs[0].split()[:6]) if story.paragraphs else "",
        "captions": [c.credits for c in story.captions],
        "source": story.source,
        "complete": story.end,
    }


def measure() -> dict[str, Any]:
    """{"formats": {format: {"files", "fields", "right", "accuracy"}}, "misses": [...]}."""
    if not FIXTURES.is_dir():
        return {"available": False, "note": "../shared/fixtures absent"}
    sys.path.insert(0, str(ROOT))
    formats: dict[str, dict[str, Any]] = defaultdict(lambda: {"files": 0, "fields": 0, "right": 0})
    misses = []
    for name, truth in TRUTH.items():
        got = fields_of(FIXTURES / name)
        group = "Yonhap text (partner pages)" if name.startswith("wire/") else got["format"]
        counts = formats[group]
        counts["files"] += 1
        for field in FIELDS:
            counts["fields"] += 1
            if got[field] == truth[field]:
                counts["right"] += 1
            else:
                misses.append(
                    {"file": name, "field": field, "want": truth[field], "got": got[field]}
                )
    total = {"files": 0, "fields": 0, "right": 0}
    for counts in formats.values():
        counts["accuracy"] = round(counts["right"] / counts["fields"], 3)
        for key in total:
            total[key] += counts[key]
    total["accuracy"] = round(total["right"] / total["fields"], 3) if total["fields"] else 0
    return {"available": True, "formats": dict(formats), "total": total, "misses": misses}


def table(result: dict[str, Any]) -> str:
    if not result.get("available"):
        return f"Wire accuracy: {result.get('note')}"
    lines = ["format                          files  fields  right  accuracy"]
    for name, c in sorted(result["formats"].items()):
        lines.append(
            f"{name:31} {c['files']:5} {c['fields']:7} {c['right']:6}  {c['accuracy']:.1%}"
        )
    t = result["total"]
    lines.append(f"{'all':31} {t['files']:5} {t['fields']:7} {t['right']:6}  {t['accuracy']:.1%}")
    for miss in result["misses"]:
        lines.append(
            f"  miss {miss['file']} {miss['field']}: want {miss['want']!r}, got {miss['got']!r}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    print(table(measure()))
