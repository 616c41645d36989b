"""What a framework expects at each level: what carries over from the levels
below, and what is new.

Expectations are cumulative: someone at level 3 is still expected to do what
levels 1 and 2 ask, unless level 3 says it again. A line that only points back
("All criteria from level one.", "Todos los criterios del nivel anterior")
asks nothing new: it is not counted as new, and the criteria it points to are
shown in its place.

Such a line is recognised by its shape, whatever the framework's language: it
is short, it names a level, and it points back, by an earlier level's id,
name or sublevel label (1, G, Learning, 1C), by a number word or ordinal, or
by a word such as previous, anterior, précédent or vorherige. The words come
from several languages at once, so a framework written in one language but
declared in another is read the same way.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from .framework import Criterion, Framework, Level, Topic, TopicLevel

_MAX_WORDS = 10  # a line that points back is short; a criterion that mentions a level in passing is not
_WORD = re.compile(r"\w+")
_PUNCTUATION = str.maketrans({mark: " " for mark in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»¿¡“”‘’–—…"})

# Words for "level" (and its kin) in English, Spanish, French, German, Portuguese and Italian, accents folded.
LEVEL_WORDS = frozenset("""
    level levels sublevel sublevels grade grades band bands stage tier step
    nivel niveles subnivel subniveles grado grados escalon etapa banda
    niveau niveaux echelon echelons palier
    stufe stufen ebene ebenen
    niveis grau graus
    livello livelli
""".split())
# Those words as a line split at its spaces gives them (accents kept, punctuation around them):
# a line with none of them, and no sublevel label, needs no closer look.
_SPELLED = LEVEL_WORDS | {"escalón", "échelon", "échelons", "níveis", "nível"}
LEVEL_TOKENS = frozenset(f"{before}{word}{after}" for word in _SPELLED for before in ("", "(", "«", "“", "'", '"')
                         for after in ("", ".", ",", ":", ";", ")", "»", "”", "'", '"', "?", "!"))
# Words that point to an earlier level, without naming it.
BACK_WORDS = frozenset("""
    previous prior earlier lower below preceding former
    anterior anteriores previo previos previa previas inferior inferiores precedente precedentes
    precedent precedents precedente inferieur inferieurs
    vorherige vorherigen vorigen unteren niedrigeren
    anteriori inferiore
""".split())
# Number words and ordinals, with the rank they name (1 for the first level).
NUMBER_WORDS = {word: n for n, words in enumerate([
    "one first uno una primer primero primera un une premier premiere eins erste ersten um primeiro primo",
    "two second dos segundo segunda deux deuxieme second zwei zweite zweiten dois segundo due secondo",
    "three third tres tercer tercero tercera trois troisieme drei dritte dritten tre terzo",
    "four fourth cuatro cuarto cuarta quatre quatrieme vier vierte vierten quattro quarto",
    "five fifth cinco quinto quinta cinq cinquieme funf funfte funften cinque",
    "six sixth seis sexto sexta sechs sechste sei sesto",
    "seven seventh siete septimo septima sept septieme sieben siebte sette settimo",
    "eight eighth ocho octavo octava huit huitieme acht achte otto ottavo",
    "nine ninth nueve noveno novena neuf neuvieme neun neunte nove nono",
    "ten tenth diez decimo decima dix dixieme zehn zehnte dieci decimo",
], start=1) for word in words.split()}


@dataclass(slots=True)
class Carried:
    """A criterion expected since a level below: `origin` says where ("1", "1B")."""

    criterion: Criterion
    origin: str
    html: str = ""  # its markup, made once for every level that carries it


@dataclass(slots=True)
class Expected:
    """Everything one topic expects at one level."""

    topic: Topic
    level: Level
    here: TopicLevel | None  # what the topic says at this level, if anything
    new: set[str] = field(default_factory=set)  # anchors of criteria first expected here
    pointers: set[str] = field(default_factory=set)  # anchors of lines that only point back
    carried: list[Carried] = field(default_factory=list)  # still expected from below, not said again here
    # The topic at the level below, when `carried` begins with all that it carries (nothing was
    # said again at either level): its markup can then be reused.
    extends: Expected | None = None
    carried_html: str = ""  # made once, by the pages, for this level and those that extend it
    again: dict[str, str] = field(default_factory=dict)  # anchor of a criterion said again here → where first said

    @property
    def anchor(self) -> str:
        """The topic's anchor at this level, as the framework page has it when the topic says something here."""
        return self.here.anchor if self.here is not None else f"{self.level.slug}-{self.topic.slug}"


def fold(text: str) -> str:
    """Lower case, accents and other non-ASCII marks dropped: "Précédent" → "precedent"."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")


def points_back(text: str, level: Level, below: list[Level], sublevel_labels: set[str]) -> bool:
    """Whether `text`, a line at `level`, only refers to a level below instead of asking something."""
    return len(text) <= 120 and _points_back(" ".join(text.lower().split()), level.rank, _names_of(below),
                                              sublevel_labels)


def _names_of(levels: list[Level]) -> frozenset[str]:
    """The words that name `levels`: their ids and the words of their names, folded."""
    return frozenset([fold(level.id) for level in levels]
                     + [word for level in levels if level.name for word in _WORD.findall(fold(level.name))])


def _points_back(compared: str, rank: int, names_below: frozenset[str], sublevel_labels: set[str]) -> bool:
    """`points_back` for a line already in lower case with single spaces, as it is compared."""
    if compared.count(" ") >= _MAX_WORDS:
        return False
    words = _words(compared)
    if not sublevel_labels.isdisjoint(words):  # "Everything in 1C"
        return True
    if LEVEL_WORDS.isdisjoint(words):
        return False
    for word in words:
        if word in BACK_WORDS or word in names_below:
            return True
        if 0 < NUMBER_WORDS.get(word, 0) <= rank:  # ranks start at 0: "one" is below level 2
            return True
    return False


def _words(compared: str) -> list[str]:
    return (compared if compared.isascii() else fold(compared)).translate(_PUNCTUATION).split()


@functools.lru_cache(maxsize=1)
def expectations(framework: Framework) -> dict[str, list[Expected]]:
    """For each level id, every topic with something expected there, in topic order.

    What carries over is kept in the order it was first expected. Every level
    page of every framework is made from this, so the work per criterion is
    kept small: a line is looked at closely only if it is short and, split at
    its spaces, has a word for level or a sublevel label. A framework's pages
    and files are made one after another, and its level pages and its JSON file
    both ask: the last framework's answer is kept (frameworks compare by
    identity, and a framework is not changed once read)."""
    levels = framework.levels
    by_level: dict[str, list[Expected]] = {level.id: [] for level in levels}
    sublevel_ranks = {fold(topic_level.level.id + sub.id): topic_level.level.rank for topic in framework.topics
                      for topic_level in topic.levels for sub in topic_level.sublevels}
    labels_below = [{label for label, rank in sublevel_ranks.items() if rank < level.rank} for level in levels]
    names_below = [_names_of(levels[:index]) for index in range(len(levels))]
    label_tokens = [frozenset(label + mark for label in labels for mark in ("", ".", ",", ":", ";", ")"))
                    for labels in labels_below]
    for topic in framework.topics:
        if not topic.levels:
            continue
        earlier: dict[str, Carried] = {}  # compared text → where it was first expected
        at = {topic_level.level.id: topic_level for topic_level in topic.levels}
        before: Expected | None = None  # the topic at the level below, if it carries all it could
        for index, level in enumerate(levels):
            here = at.get(level.id)
            if here is None:
                if earlier:
                    before = Expected(topic, level, None, set(), set(), list(earlier.values()), before)
                    by_level[level.id].append(before)
                continue
            pointers, new, said, fresh, again = set(), set(), set(), [], {}
            labels, tokens, names = labels_below[index], label_tokens[index], names_below[index]
            groups = [(here.criteria, level.id)] + [(sub.criteria, level.id + sub.id) for sub in here.sublevels]
            for criteria, origin in groups:
                for c in criteria:
                    compared = " ".join(c.text.lower().split())
                    if index and len(compared) <= 120 and compared.count(" ") < _MAX_WORDS \
                            and not (LEVEL_TOKENS.isdisjoint(split := compared.split()) and tokens.isdisjoint(split)) \
                            and _points_back(compared, level.rank, names, labels):
                        pointers.add(c.anchor)
                        continue
                    said.add(compared)
                    if compared in earlier:
                        again[c.anchor] = earlier[compared].criterion.anchor
                    else:
                        if index:
                            new.add(c.anchor)
                        fresh.append((compared, c, origin))
            repeated = bool(again)  # said here as well as below: not carried, but shown here
            carried = ([item for text, item in earlier.items() if text not in said] if repeated
                       else list(earlier.values()))
            expected = Expected(topic, level, here, new, pointers, carried, None if repeated else before, again=again)
            by_level[level.id].append(expected)
            for compared, c, origin in fresh:
                if compared not in earlier:
                    earlier[compared] = Carried(c, origin)
            before = None if repeated else expected
    return by_level
