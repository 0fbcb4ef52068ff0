"""One search box over procedures, offices, FAQ and news: ranked, tolerant of accents and typos.

Text is folded (lower case, accents dropped: "licéncia" = "licencia") and split into words.
Each query word matches index words exactly, by prefix (3 letters or more: "licen"), or
within a Levenshtein distance that grows with its length (1 from 5 letters, 2 from 8:
"lisencia", "funcionamento"), scored by BM25 with a penalty per edit and titles counting
triple. The index is small (the catalogue, not the files) and rebuilt when its sources change.
"""

import bisect
import math
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

SPANISH_STOPWORDS = ("a al como con de del el en es la las lo los me mi mis o para por que se "
                     "su sus un una y")
ENGLISH_STOPWORDS = "the of to and for in on my is how what where do i"
STOPWORDS = frozenset(SPANISH_STOPWORDS.split() + ENGLISH_STOPWORDS.split())
TITLE_WEIGHT = 3.0
K1, B = 1.2, 0.75
# What a resident at a kiosk most likely wants first: a procedure, then where to go.
KIND_PRIOR = {"procedure": 1.25, "office": 1.1, "faq": 1.0, "news": 0.8}
TITLE_START_BONUS = 1.3


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    folded = "".join(ch if ch.isalnum() else " " for ch in fold(text))
    return [w for w in folded.split() if w not in STOPWORDS]


@dataclass(frozen=True)
class Entry:
    kind: str  # procedure | office | faq | news
    ref: str
    title: str
    body: str


@dataclass
class Index:
    entries: list[Entry]
    postings: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    lengths: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        for i, entry in enumerate(self.entries):
            tf: Counter = Counter()
            for w in words(entry.title):
                tf[w] += TITLE_WEIGHT
            for w in words(entry.body):
                tf[w] += 1.0
            self.lengths.append(sum(tf.values()))
            for w, n in tf.items():
                self.postings[w][i] = n
        self.vocabulary = sorted(self.postings)
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0

    def _expand(self, word: str) -> dict[str, float]:
        """Index words a query word stands for, each with a factor (1 exact, less if not)."""
        found = {word: 1.0} if word in self.postings else {}
        if len(word) >= 3:
            # The vocabulary is sorted, so the words starting with `word` are one run.
            for term in self.vocabulary[bisect.bisect_left(self.vocabulary, word):]:
                if not term.startswith(word):
                    break
                if term != word:
                    found.setdefault(term, 0.8)
        allowed = 0 if len(word) < 5 else 1 if len(word) < 8 else 2
        if allowed and len(found) < 3:
            for term, dist, _ in process.extract(word, self.vocabulary, limit=8,
                                                 scorer=Levenshtein.distance,
                                                 score_cutoff=allowed):
                found.setdefault(term, 0.7 if dist == 1 else 0.5)
        return found

    def search(self, query: str, limit: int = 10) -> list[tuple[Entry, float]]:
        n = len(self.entries)
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        qwords = list(dict.fromkeys(words(query)))
        for word in qwords:
            best: dict[int, float] = {}
            for term, factor in self._expand(word).items():
                posting = self.postings[term]
                idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
                for doc, tf in posting.items():
                    norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.lengths[doc]
                                                       / self.average))
                    best[doc] = max(best.get(doc, 0.0), factor * idf * norm)
            for doc, score in best.items():
                scores[doc] += score
                matched[doc] += 1
        # A title that starts with the first word typed (or what it stands for) is most
        # likely what was meant: "licencia ..." before "Cese ... de licencia".
        first = set(self._expand(qwords[0])) if qwords else set()
        for doc in scores:
            entry = self.entries[doc]
            scores[doc] *= KIND_PRIOR.get(entry.kind, 1.0)
            title = words(entry.title)
            if title and title[0] in first:
                scores[doc] *= TITLE_START_BONUS
        # Entries that match every word of the query come first.
        ranked = sorted(scores, key=lambda d: (-matched[d], -scores[d], d))
        return [(self.entries[d], round(scores[d], 3)) for d in ranked[:limit]]
