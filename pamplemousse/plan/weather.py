"""The weather (météo) of a recommendation, a theme and the mission: decided here only.

One recommendation: dropped → none; done → sunny; blocked or overdue → rainy;
otherwise the lag = share of its start→due window gone by − progress: sunny up
to 10 points, cloudy up to 30 points, rainy beyond; and a recommendation that
needs attention for another reason (without news, a milestone late or missed:
plan/attention.py) is cloudy at best, so that nothing in « À traiter en
priorité » is sunny. A theme or the mission: rainy when a third or more of its
items are rainy; cloudy when any is rainy or a third or more are cloudy; sunny
otherwise.
"""

from __future__ import annotations

from pamplemousse.plan.attention import Reason

SUNNY, CLOUDY, RAINY = "sunny", "cloudy", "rainy"
# How far progress may lag behind the time elapsed before the sky darkens.
CLOUDY_LAG = 0.10
RAINY_LAG = 0.30


def weather_of(status: str, progress: int, elapsed: float, overdue: bool, reasons: tuple[Reason, ...] = ()) -> str | None:
    """The weather of one recommendation.

    dropped → none; done → sunny; blocked or overdue → rainy; otherwise compare
    progress with the time elapsed in its window: sunny while progress lags by
    at most 10 points, cloudy up to 30 points, rainy beyond; and cloudy at best
    when it needs attention (`reasons`, plan/attention.py: no news, a milestone
    late or missed).
    """
    if status == "dropped":
        return None
    if status == "done":
        return SUNNY
    if status == "blocked" or overdue:
        return RAINY
    # Rounded so that float noise cannot move an exact edge (0.4 - 0.3 is 0.10000000000000003).
    lag = round(elapsed - progress / 100, 9)
    if lag > RAINY_LAG:
        return RAINY
    if lag > CLOUDY_LAG or reasons:
        return CLOUDY
    return SUNNY


def weather_of_group(weathers: list[str | None]) -> str | None:
    """The weather of a theme or of the mission, from its items' weathers.

    Rainy when a third or more of the items are rainy; cloudy when any item is
    rainy or a third or more are cloudy; sunny otherwise; none without items.
    """
    counted = [w for w in weathers if w is not None]
    if not counted:
        return None
    rainy = counted.count(RAINY)
    cloudy = counted.count(CLOUDY)
    if rainy * 3 >= len(counted):
        return RAINY
    if rainy or cloudy * 3 >= len(counted):
        return CLOUDY
    return SUNNY
