"""KPI arithmetic: progress, RAG status, forecast and roll-up. Pure functions, no database.

Values are `Decimal`. Progress is a percentage of the way from baseline to target, clamped to
0-100. RAG compares progress with the progress expected by now (the share of the goal's time
that has passed), so a goal starts green and turns amber or red when it falls behind its pace;
for a range KPI it says whether the current value sits inside the range (green), within the
tolerance band around it (amber) or beyond (red).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)

INCREASE = "increase"
DECREASE = "decrease"
RANGE = "range"

GREEN = "green"
AMBER = "amber"
RED = "red"


@dataclass(frozen=True)
class Thresholds:
    """`green_at` and `amber_at`: percent of the expected progress reached; `range_tolerance`:
    the amber band on either side of a range, in percent of the range's width."""

    green_at: Decimal = Decimal(90)
    amber_at: Decimal = Decimal(70)
    range_tolerance: Decimal = Decimal(10)

    def overridden(
        self,
        green_at: Decimal | None,
        amber_at: Decimal | None,
        range_tolerance: Decimal | None,
    ) -> Thresholds:
        """These thresholds with a goal's own in place of each one it sets (None: not set)."""
        return Thresholds(
            green_at=self.green_at if green_at is None else green_at,
            amber_at=self.amber_at if amber_at is None else amber_at,
            range_tolerance=self.range_tolerance if range_tolerance is None else range_tolerance,
        )


@dataclass(frozen=True)
class Kpi:
    direction: str
    baseline: Decimal | None = None
    target: Decimal | None = None
    current: Decimal | None = None
    range_low: Decimal | None = None
    range_high: Decimal | None = None


def _clamp(value: Decimal, low: Decimal = ZERO, high: Decimal = HUNDRED) -> Decimal:
    return max(low, min(high, value))


def progress_percent(kpi: Kpi, value: Decimal | None = None) -> Decimal | None:
    """How far `value` (default: the current value) is from baseline to target, 0-100.

    None when the KPI lacks what is needed (no current value, no target, no baseline).
    """
    value = kpi.current if value is None else value
    if value is None:
        return None
    if kpi.direction == RANGE:
        if kpi.range_low is None or kpi.range_high is None:
            return None
        if kpi.range_low <= value <= kpi.range_high:
            return HUNDRED
        width = kpi.range_high - kpi.range_low
        distance = kpi.range_low - value if value < kpi.range_low else value - kpi.range_high
        if width <= 0:
            return ZERO
        return _clamp(HUNDRED - distance / width * HUNDRED)
    if kpi.target is None or kpi.baseline is None:
        return None
    span = kpi.target - kpi.baseline
    moved = value - kpi.baseline
    if kpi.direction == DECREASE:
        span, moved = -span, -moved
    if span <= 0:
        # Target already at (or behind) the baseline: done once the value is at the target.
        reached = value >= kpi.target if kpi.direction == INCREASE else value <= kpi.target
        return HUNDRED if reached else ZERO
    return _clamp(moved / span * HUNDRED)


def expected_percent(start: date | None, due: date | None, today: date) -> Decimal:
    """The share of the goal's time that has passed, 0-100 (100 without dates)."""
    if start is None or due is None or due <= start:
        return HUNDRED
    elapsed = Decimal((today - start).days) / Decimal((due - start).days) * HUNDRED
    return _clamp(elapsed)


@dataclass(frozen=True)
class Share:
    """A share, exactly: `part` of `whole` (`whole` > 0). What the RAG status compares,
    so that no division rounds it (a third of the time gone is not 33.33...3 %)."""

    part: Decimal
    whole: Decimal


ALL = Share(Decimal(1), Decimal(1))
# Enough digits that the products `rag_status` compares never round (KPI values have 16).
_EXACT = Context(prec=200)


def time_passed(start: date | None, due: date | None, today: date) -> Share:
    """`expected_percent` as an exact share: the days gone (clamped to the goal's time) of
    the goal's days; all of it without dates."""
    if start is None or due is None or due <= start:
        return ALL
    whole = (due - start).days
    return Share(Decimal(max(0, min(whole, (today - start).days))), Decimal(whole))


def progress_share(kpi: Kpi) -> Share | None:
    """`progress_percent` of an increase or decrease KPI's current value as an exact share
    of the way from baseline to target (clamped to 0-1); None when it cannot say."""
    value, target, baseline = kpi.current, kpi.target, kpi.baseline
    if value is None or target is None or baseline is None:
        return None
    span = _EXACT.subtract(target, baseline)
    moved = _EXACT.subtract(value, baseline)
    if kpi.direction == DECREASE:
        span, moved = -span, -moved
    if span <= 0:
        reached = value >= target if kpi.direction == INCREASE else value <= target
        return ALL if reached else Share(ZERO, Decimal(1))
    return Share(max(ZERO, min(span, moved)), span)


def rag_status(
    kpi: Kpi, thresholds: Thresholds, *, expected: Decimal | Share = HUNDRED
) -> str | None:
    """Green, amber or red; None when there is nothing to judge yet (no current value).

    Increase/decrease: the score is progress in percent of `expected` (a percent, or the
    exact `time_passed`); green from `green_at` on, amber from `amber_at` on, red below
    (boundaries are inclusive). Nothing expected yet (`expected` 0) is green. Range: inside
    [low, high] is green, within the tolerance band outside it amber (inclusive), beyond red.

    Compared exactly, by products instead of quotients (score >= threshold as progress x
    100 x time >= threshold x time passed x way): what `goals.selectors.goal_rag_expression`
    compares in SQL, so that both agree on every boundary.
    """
    if kpi.current is None:
        return None
    if kpi.direction == RANGE:
        low, high = kpi.range_low, kpi.range_high
        if low is None or high is None:
            return None
        if low <= kpi.current <= high:
            return GREEN
        # Within the band of `range_tolerance` percent of the width: x 100 on every side.
        band = _EXACT.multiply(_EXACT.subtract(high, low), thresholds.range_tolerance)
        current = _EXACT.multiply(kpi.current, HUNDRED)
        if (
            _EXACT.subtract(_EXACT.multiply(low, HUNDRED), band)
            <= current
            <= _EXACT.add(_EXACT.multiply(high, HUNDRED), band)
        ):
            return AMBER
        return RED
    progress = progress_share(kpi)
    if progress is None:
        return None
    time = expected if isinstance(expected, Share) else Share(expected, HUNDRED)
    if time.part <= 0:
        return GREEN
    # (progress.part / progress.whole) / (time.part / time.whole) x 100 >= threshold
    score = _EXACT.multiply(_EXACT.multiply(progress.part, time.whole), HUNDRED)
    if score >= _EXACT.multiply(_EXACT.multiply(thresholds.green_at, time.part), progress.whole):
        return GREEN
    if score >= _EXACT.multiply(_EXACT.multiply(thresholds.amber_at, time.part), progress.whole):
        return AMBER
    return RED


@dataclass(frozen=True)
class Forecast:
    value_at_due: Decimal
    progress_at_due: Decimal | None
    likely_to_miss: bool


def forecast(
    kpi: Kpi, points: Sequence[tuple[date, Decimal]], *, due: date | None
) -> Forecast | None:
    """Fit a straight line (least squares) through the dated values and read it at `due`.

    `likely_to_miss` when the line does not reach the target (for a range: ends outside it).
    None with fewer than two distinct dates or without a due date.
    """
    if due is None or len({day for day, _ in points}) < 2:
        return None
    origin = min(day for day, _ in points)
    xs = [Decimal((day - origin).days) for day, _ in points]
    ys = [Decimal(value) for _, value in points]
    n = Decimal(len(points))
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    projected = mean_y + slope * (Decimal((due - origin).days) - mean_x)
    if kpi.direction == RANGE:
        if kpi.range_low is None or kpi.range_high is None:
            return None
        miss = not (kpi.range_low <= projected <= kpi.range_high)
    elif kpi.target is None:
        return None
    elif kpi.direction == DECREASE:
        miss = projected > kpi.target
    else:
        miss = projected < kpi.target
    return Forecast(
        value_at_due=projected.quantize(Decimal("0.0001")),
        progress_at_due=progress_percent(kpi, projected),
        likely_to_miss=miss,
    )


def dated_points(
    recorded: Iterable[tuple[date, Decimal]], *, baseline: Decimal | None, start: date | None
) -> list[tuple[date, Decimal]]:
    """The dated values a goal's forecast and sparkline read: its updates (oldest first), led
    by the baseline on the start date when the goal has both and they come first."""
    points = list(recorded)
    if baseline is not None and start is not None and (not points or start < points[0][0]):
        points.insert(0, (start, baseline))
    return points


def likely_to_miss(
    kpi: Kpi,
    recorded: Iterable[tuple[date, Decimal]],
    *,
    baseline: Decimal | None,
    start: date | None,
    due: date | None,
) -> bool | None:
    """The forecast's verdict from a goal's updates (oldest first) and dates; None when no
    forecast can be made. What `Goal.forecast_misses` stores."""
    line = forecast(kpi, dated_points(recorded, baseline=baseline, start=start), due=due)
    return None if line is None else line.likely_to_miss


def rollup(
    goal_id: int,
    *,
    children: Mapping[int, Iterable[int]],
    own_progress: Mapping[int, Decimal | None],
    weights: Mapping[int, Decimal],
    memo: dict[int, Decimal | None] | None = None,
) -> Decimal | None:
    """A goal's progress rolled up from the goals aligned to it, weighted, through every level.

    A goal without children reports its own progress. A goal with children reports the
    weighted mean of its children's rolled-up progress (children without progress are left
    out; with zero total weight the plain mean is used). Alignment cannot have cycles, but a
    goal met twice on one path is counted once.

    `memo` keeps each goal's result for the next call over the same forest (a page rolls up
    many goals whose subtrees overlap): a goal's roll-up is the same whichever way it is
    reached, as it already is within one call.
    """
    memo = {} if memo is None else memo

    def visit(node: int, path: frozenset[int]) -> Decimal | None:
        if node in memo:
            return memo[node]
        kids = [kid for kid in children.get(node, ()) if kid not in path]
        if not kids:
            result = own_progress.get(node)
        else:
            scored = [(kid, visit(kid, path | {kid})) for kid in kids]
            scored = [(kid, value) for kid, value in scored if value is not None]
            if not scored:
                result = own_progress.get(node)
            else:
                total = sum((weights.get(kid, ZERO) for kid, _ in scored), ZERO)
                if total > 0:
                    result = sum(weights.get(kid, ZERO) * value for kid, value in scored) / total
                else:
                    result = sum(value for _, value in scored) / Decimal(len(scored))
                result = result.quantize(Decimal("0.01"))
        memo[node] = result
        return result

    return visit(goal_id, frozenset({goal_id}))


def weighted_score(items: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Weighted mean of (progress, weight) pairs, leaving out goals without progress."""
    scored = [(value, weight) for value, weight in items if value is not None]
    if not scored:
        return None
    total = sum((weight for _, weight in scored), ZERO)
    if total <= 0:
        return (sum(value for value, _ in scored) / Decimal(len(scored))).quantize(Decimal("0.01"))
    return (sum(value * weight for value, weight in scored) / total).quantize(Decimal("0.01"))
