"""Synthetic newsroom copy: names, keywords, headlines and bodies, fast and deterministic.

No Django here: the database builder and the wire-import benchmark both draw from it, so
the stories in the bench database and the imported wire files read alike. Everything comes
from one ``random.Random``, so the same seed gives the same newsroom.

Topic words follow a Zipf-like spread (a few common, a long rare tail), so a search for a
common word matches thousands of stories and a rare one a few dozen, as on a real wire.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass

FAMILY = [
    ("Kim", "김"),
    ("Lee", "이"),
    ("Park", "박"),
    ("Choi", "최"),
    ("Jung", "정"),
    ("Kang", "강"),
    ("Cho", "조"),
    ("Yoon", "윤"),
    ("Jang", "장"),
    ("Lim", "임"),
    ("Han", "한"),
    ("Oh", "오"),
    ("Seo", "서"),
    ("Shin", "신"),
    ("Kwon", "권"),
    ("Hwang", "황"),
    ("Ahn", "안"),
    ("Song", "송"),
    ("Yoo", "유"),
    ("Hong", "홍"),
]
SYLLABLES = [
    ("Min", "민"),
    ("Seo", "서"),
    ("Ji", "지"),
    ("Hoon", "훈"),
    ("Eun", "은"),
    ("Jung", "정"),
    ("Soo", "수"),
    ("Young", "영"),
    ("Hyun", "현"),
    ("Woo", "우"),
    ("Jae", "재"),
    ("Na", "나"),
    ("Rae", "래"),
    ("Dae", "대"),
    ("Sung", "성"),
    ("Bin", "빈"),
    ("Yeon", "연"),
    ("Ha", "하"),
    ("Jin", "진"),
    ("Kyung", "경"),
]

# (place as the dateline writes it, weight)
PLACES = [
    ("SEOUL", 70),
    ("BUSAN", 5),
    ("INCHEON", 3),
    ("SEJONG", 4),
    ("DAEJEON", 2),
    ("GWANGJU", 2),
    ("BEIJING", 3),
    ("TOKYO", 3),
    ("WASHINGTON", 4),
    ("GENEVA", 1),
    ("SEOUL/POHANG, South Korea", 1),
    ("JEJU", 2),
]

# Topic nouns per section (the section slugs of the demo newsroom); the first ones of a
# list come up most often.
TOPICS = {
    "national": [
        "subway fares",
        "night buses",
        "cold wave",
        "heavy snow",
        "housing prices",
        "school meals",
        "birth rate",
        "fine dust",
        "hospital strike",
        "ferry service",
        "library hours",
        "river cleanup",
        "tunnel fire",
        "typhoon",
        "earthquake drill",
        "pension reform",
        "elderly care",
        "rental deposits",
        "road tolls",
        "flood barriers",
    ],
    "north-korea": [
        "missile launch",
        "separated families",
        "border village",
        "food aid",
        "satellite launch",
        "defectors",
        "joint security area",
        "artillery drill",
        "sanctions",
        "reunification ministry",
        "Kaesong",
        "leaflets",
        "loudspeakers",
    ],
    "politics": [
        "parliamentary session",
        "budget bill",
        "ruling party",
        "opposition leader",
        "local elections",
        "cabinet reshuffle",
        "impeachment motion",
        "summit",
        "constitutional court",
        "ballot design",
        "party convention",
        "prime minister",
    ],
    "economy": [
        "semiconductor exports",
        "kimchi prices",
        "port cargo",
        "interest rates",
        "consumer prices",
        "won-dollar rate",
        "battery makers",
        "shipbuilders",
        "steel output",
        "startup funding",
        "jobless rate",
        "trade surplus",
        "robotics",
        "e-reader",
        "tariffs",
        "chip investment",
    ],
    "culture": [
        "lantern festival",
        "lacquerware exhibition",
        "film festival",
        "K-pop concert",
        "palace night tours",
        "museum reopening",
        "novel prize",
        "webtoon",
        "drama ratings",
        "temple stay",
        "traditional music",
    ],
    "sports": [
        "riverside marathon",
        "baseball final",
        "football league",
        "Olympic team",
        "speed skating",
        "golf open",
        "volleyball cup",
        "archery squad",
        "table tennis",
        "coach resigns",
    ],
    "world": [
        "climate talks",
        "trade pact",
        "G20 meeting",
        "United Nations",
        "earthquake relief",
        "oil prices",
        "election abroad",
        "peace talks",
        "refugee aid",
        "space mission",
    ],
    "photos": [
        "first snow",
        "autumn leaves",
        "cherry blossoms",
        "kimjang",
        "harvest",
        "lantern parade",
        "fireworks",
        "snow festival",
    ],
}
SECTION_WEIGHTS = {
    "national": 28,
    "north-korea": 10,
    "politics": 16,
    "economy": 20,
    "culture": 9,
    "sports": 9,
    "world": 6,
    "photos": 2,
}

SUBJECTS = [
    "The government",
    "The finance ministry",
    "Seoul city",
    "The central bank",
    "Officials",
    "Lawmakers",
    "The transport ministry",
    "Police",
    "Organisers",
    "Industry data",
    "A new survey",
    "Prosecutors",
    "The defence ministry",
    "The unification ministry",
    "Analysts",
    "Residents",
    "The weather agency",
    "The health ministry",
]
VERBS = [
    "announced",
    "said",
    "reported",
    "confirmed",
    "warned",
    "expected",
    "plans",
    "will review",
    "unveiled",
    "approved",
    "rejected",
    "postponed",
]
CONNECTORS = [
    "on Tuesday",
    "on Monday",
    "on Friday",
    "this week",
    "last month",
    "earlier in the day",
    "for the first time in a decade",
    "despite objections",
    "after a week of talks",
    "ahead of the holiday",
]
FILLER = [
    "the measures take effect next month",
    "the figure was the highest since records began",
    "a spokesperson declined to give further details",
    "the plan covers about 2,000 households",
    "more talks are scheduled for early next year",
    "the decision drew mixed reactions from residents",
    "officials said costs would be shared with local governments",
    "experts called for a longer-term strategy",
    "the move follows a similar step taken in 2024",
    "the committee will meet again on Thursday",
    "prices rose 3.1 percent from a year earlier",
    "turnout was slightly lower than expected",
    "the service will run every 20 minutes at peak times",
    "no injuries were reported",
    "the budget includes 1.2 trillion won for the project",
    "the agency said it would publish a full report in March",
]
HEADLINE_PATTERNS = [
    "{topic} {verb} as {subject} {verb2}",
    "{subject} {verb2} new plan on {topic}",
    "{topic}: {subject} {verb2} {connector}",
    "{subject} to review {topic} {connector}",
    "{topic} hit record high {connector}",
    "Talks on {topic} resume {connector}",
    "{subject} moves to ease concerns over {topic}",
    "{topic} draw crowds {connector}",
]
HEADLINE_VERBS = ["rise", "fall", "slow", "resume", "stall", "surge", "ease", "return"]

# Realistic reader queries, common to rare (a word, two words, a rarer word).
SEARCH_QUERIES = ["exports", "semiconductor exports", "lacquerware"]

EDITORIAL_PAPERS = ["Korea Herald", "Korea JoongAng Daily", "Korea Times"]
NOTES = ["Check the figures with the ministry.", "Photo to follow.", "Hold for the embargo."]
KILL_NOTES = [
    "This story has been withdrawn: it reported an unconfirmed figure.",
    "This story has been withdrawn at the request of the source; no replacement will follow.",
]


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


def slug_words(text: str, limit: int = 3) -> str:
    """'semiconductor exports' -> 'Semiconductor-exports' (the wire's keyword slug style)."""
    words = re.findall(r"[A-Za-z0-9]+", text)[:limit] or ["Story"]
    return "-".join([words[0][:1].upper() + words[0][1:], *words[1:]])


@dataclass(frozen=True)
class Person:
    name: str
    name_ko: str
    slug: str
    email: str


class Copy:
    """Deterministic copy generator; build one per process with a seed."""

    def __init__(self, seed: int = 20260105) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.sections = list(SECTION_WEIGHTS)
        self.section_weights = list(SECTION_WEIGHTS.values())
        self.topic_weights = {s: zipf_weights(len(t)) for s, t in TOPICS.items()}
        all_topics = [t for ts in TOPICS.values() for t in ts]
        # A pool of sentences to draw bodies from: building each one afresh for 1M
        # paragraphs would dominate the build time.
        self.sentences = [self._sentence(rng.choice(all_topics)) for _ in range(20_000)]
        self.places = [p for p, _ in PLACES]
        self.place_weights = [w for _, w in PLACES]

    # --- people and keywords ---

    def writers(self, n: int) -> list[Person]:
        people: list[Person] = []
        combos = list(itertools.product(FAMILY, SYLLABLES, SYLLABLES))
        self.rng.shuffle(combos)
        seen: set[str] = set()
        for (fam, fam_ko), (a, a_ko), (b, b_ko) in combos:
            if a == b:
                continue
            name = f"{fam} {a}-{b.lower()}"
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            if slug in seen:
                continue
            seen.add(slug)
            email = f"{fam.lower()}{a[0].lower()}{b[0].lower()}{len(people)}@hanbit.example"
            people.append(Person(name, f"{fam_ko}{a_ko}{b_ko}", slug, email))
            if len(people) == n:
                break
        return people

    def keywords(self, n: int) -> list[str]:
        """Unique keyword names: every topic, then topics qualified by a place or a year."""
        names = [t[:1].upper() + t[1:] for ts in TOPICS.values() for t in ts]
        qualifiers = [p.split(",")[0].split("/")[0].title() for p in self.places] + [
            str(y) for y in range(2015, 2027)
        ]
        for topic, q in itertools.product([t for ts in TOPICS.values() for t in ts], qualifiers):
            if len(names) >= n:
                break
            names.append(f"{topic[:1].upper() + topic[1:]} {q}")
        return names[:n]

    # --- text ---

    def _sentence(self, topic: str) -> str:
        rng = self.rng
        pattern = rng.randrange(4)
        if pattern == 0:
            return (
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CONNECTORS)} that "
                f"{topic} would be a priority, and {rng.choice(FILLER)}."
            )
        if pattern == 1:
            return f"On {topic}, {rng.choice(FILLER)}, {rng.choice(SUBJECTS).lower()} said."
        if pattern == 2:
            return (
                f"{rng.choice(FILLER).capitalize()}, according to {rng.choice(SUBJECTS).lower()}."
            )
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.choice(FILLER)} "
            f"{rng.choice(CONNECTORS)}."
        )

    def section(self) -> str:
        return self.rng.choices(self.sections, self.section_weights)[0]

    def topic(self, section: str) -> str:
        return self.rng.choices(TOPICS[section], self.topic_weights[section])[0]

    def place(self) -> str:
        return self.rng.choices(self.places, self.place_weights)[0]

    def headline(self, topic: str) -> str:
        rng = self.rng
        text = rng.choice(HEADLINE_PATTERNS).format(
            topic=topic[:1].upper() + topic[1:],
            verb=rng.choice(HEADLINE_VERBS),
            subject=rng.choice(SUBJECTS),
            verb2=rng.choice(VERBS),
            connector=rng.choice(CONNECTORS),
        )
        return text[:1].upper() + text[1:]

    def deck(self, topic: str) -> str:
        return self._sentence(topic)

    def paragraphs(self, topic: str, n: int | None = None) -> list[str]:
        rng = self.rng
        n = n or rng.randint(4, 8)
        lead = self._sentence(topic)
        out = [f"{lead} {rng.choice(self.sentences)}"]
        for _ in range(n - 1):
            out.append(" ".join(rng.choices(self.sentences, k=rng.randint(1, 3))))
        return out

    def caption(self, topic: str, place: str) -> str:
        return (
            f"People look on during an event on {topic} in {place.split(',')[0].title()} "
            f"on {self.rng.choice(CONNECTORS).replace('on ', '')}."
        )
