"""Lay out aligned level scales side by side, against one scale used as bands.

Each scale's levels are placed on the bands through the alignments, directly
or through another scale (Customer Operations → e-skills → NOS). A level that
spans several bands spans several rows; levels that share a band in one
column are given separate lanes, so nothing is drawn on top of anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Alignment, Level, Mappings, Scale


@dataclass(slots=True)
class Cell:
    level: Level
    first: int  # first band (0-based)
    last: int  # last band, inclusive
    editorial: bool
    lane: int = 0


@dataclass(slots=True)
class Column:
    scale: Scale
    cells: list[Cell] = field(default_factory=list)
    unplaced: list[Level] = field(default_factory=list)
    lanes: int = 1
    offset: int = 0  # first grid column, after the columns before it


@dataclass(slots=True)
class Chart:
    bands: Scale
    columns: list[Column]
    unaligned: list[Scale]  # scales with no path to the bands

    @property
    def width(self) -> int:
        return sum(column.lanes for column in self.columns)


def band_scale(mappings: Mappings, scales: list[Scale]) -> Scale | None:
    """The scale named by `bands:`; else the reference scale (a ruler such as NOS
    levels) that most alignments touch; else the scale most alignments touch."""
    by_id = {scale.id: scale for scale in scales}
    if mappings.bands in by_id:
        return by_id[mappings.bands]
    counts: dict[str, int] = {}
    for alignment in mappings.alignments:
        for scale in (alignment.start, alignment.end):
            counts[scale.id] = counts.get(scale.id, 0) + 1
    if not counts:
        return None
    candidates = [s for s in scales if s.framework is None and s.id in counts] or scales
    best = max(counts.get(s.id, 0) for s in candidates)
    return next(scale for scale in candidates if counts.get(scale.id) == best)


def _place(alignments: list[Alignment], bands: Scale) -> dict[str, dict[str, tuple[set[int], bool]]]:
    """Scale id → level id → (bands covered, whether any step is editorial)."""
    placed = {bands.id: {level.id: ({level.rank}, False) for level in bands.levels}}
    progress = True
    while progress:
        progress = False
        for alignment in alignments:
            start, end = alignment.start.id, alignment.end.id
            if start in placed and end not in placed:
                found: dict[str, tuple[set[int], bool]] = {}
                for link in alignment.links:
                    if link.level.id not in placed[start]:
                        continue
                    covered, editorial = placed[start][link.level.id]
                    for target in link.targets:
                        old, old_editorial = found.get(target.id, (set(), False))
                        found[target.id] = (old | covered, old_editorial or editorial or link.editorial)
                placed[end] = found
                progress = True
            elif end in placed and start not in placed:
                found = {}
                for link in alignment.links:
                    covered, editorial = set(), link.editorial
                    for target in link.targets:
                        if target.id in placed[end]:
                            covered |= placed[end][target.id][0]
                            editorial = editorial or placed[end][target.id][1]
                    if covered:
                        found[link.level.id] = (covered, editorial)
                placed[start] = found
                progress = True
    return placed


def _assign_lanes(cells: list[Cell]) -> int:
    lanes: list[int] = []  # last band used in each lane
    for cell in sorted(cells, key=lambda c: (c.first, c.last, c.level.rank)):
        for lane, last in enumerate(lanes):
            if last < cell.first:
                cell.lane, lanes[lane] = lane, cell.last
                break
        else:
            cell.lane = len(lanes)
            lanes.append(cell.last)
    return max(1, len(lanes))


def build_chart(mappings: Mappings, scales: list[Scale], only: list[str] | None = None) -> Chart | None:
    """The alignment chart for `scales`, or for those whose ids are in `only`,
    in that order (a page about two frameworks names them in its title)."""
    bands = band_scale(mappings, scales)
    if bands is None:
        return None
    placed = _place(mappings.alignments, bands)
    columns, unaligned = [], []
    ordered = [bands] + [s for s in scales if s is not bands]
    if only is not None:
        ordered = [bands] + sorted((s for s in ordered if s.id in only and s is not bands), key=lambda s: only.index(s.id))
    for scale in ordered:
        if scale.id not in placed:
            if any(scale in (a.start, a.end) for a in mappings.alignments):
                unaligned.append(scale)
            continue
        column = Column(scale)
        for level in scale.levels:
            if level.id in placed[scale.id]:
                covered, editorial = placed[scale.id][level.id]
                column.cells.append(Cell(level, min(covered), max(covered), editorial))
            else:
                column.unplaced.append(level)
        column.lanes = _assign_lanes(column.cells)
        columns.append(column)
    offset = 0
    for column in columns:
        column.offset, offset = offset, offset + column.lanes
    return Chart(bands, columns, unaligned)
