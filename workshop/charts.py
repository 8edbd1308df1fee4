"""The dashboard's charts, drawn on the server as SVG: no chart library, no script, nothing to download.

Readable without colour: each bar carries its value, bars below zero are striped as well as red, both axes
are labelled, the chart has a title and a description listing every figure, and the page repeats the figures
in a table. Across the chart, positions are % of its width, so it fits any screen without shrinking its text;
down the chart they are pixels. The templates workshop/_chart_columns.html and _chart_rows.html draw them.
"""

from dataclasses import dataclass
from math import ceil, floor

from babel.dates import format_date
from django.utils.translation import gettext, ngettext, pgettext

from storefront.dates import page_locale, short_month

from .metrics import CategoryScores, MonthScores

# Columns, one a month: the plot's top and height in pixels, its left and right edges in % of the width.
COLUMNS_TOP, COLUMNS_PLOT_HEIGHT, COLUMNS_LEFT, COLUMNS_RIGHT = 28, 170, 12.0, 99.0
# Rows, one a category: the name on a line, then the bar. The value scale spans LEFT to RIGHT %, leaving room
# on both sides for the value written at the end of the longest bar.
ROW_HEIGHT, ROWS_LEFT, ROWS_RIGHT = 50, 14.0, 86.0


@dataclass(frozen=True)
class Tick:
    label: str
    at: str  # where on the value axis: "37.50%" across, or "112.0" pixels down


@dataclass(frozen=True)
class Bar:
    label: str
    label_y: str
    initial: str  # a month's narrow name (J, 1), in place of its name where the chart is narrow
    year: str  # under a month's name, where the year changes; left out where the chart is narrow
    value: int | None  # None: no answers
    below_zero: bool
    x: str
    y: str
    width: str
    height: str
    value_x: str
    value_y: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str  # every figure in words, for screen readers
    axis_title: str  # the values' axis
    height: int
    plot_left: str
    plot_right: str
    plot_bottom: str
    ticks: list[Tick]
    tick_labels_at: str  # columns: across, left of the plot; rows: down, under it
    zero_at: str
    bars: list[Bar]
    below_axis: str  # the line under the chart: what the columns are, or the values' axis title
    below_axis_y: int
    year_y: str = ""


def _axis(values: list[int | None]) -> tuple[int, int, int]:
    """The values' axis ends and step: whole steps of 25 (of 50 past a span of 100), zero always on it."""
    known = [value for value in values if value is not None] or [0]
    low, high = min(0, *known), max(0, *known)
    step = 25 if high - low <= 100 else 50
    low, high = floor(low / step) * step, ceil(high / step) * step
    return low, max(high, low + step), step


def _percent(value: float) -> str:
    return f"{value:.2f}%"


def _pixels(value: float) -> str:
    return f"{value:.1f}"


def _description(title: str, figures: list[tuple[str, int | None, int]]) -> str:
    """The title, then each bar's label, value and number of answers."""
    def figure(label: str, value: int | None, answers: int) -> str:
        if value is None:
            return gettext("%(label)s: no answers") % {"label": label}
        return ngettext("%(label)s: %(value)s (%(answers)s answer)", "%(label)s: %(value)s (%(answers)s answers)",
                        answers) % {"label": label, "value": value, "answers": answers}

    # Translators: a chart's description for screen readers: its title, then every bar's figure.
    return gettext("%(title)s. %(figures)s.") % {
        "title": title, "figures": pgettext("between a chart's figures", "; ").join(figure(*bar) for bar in figures)}


def _narrow_month(day) -> str:
    """A month's narrowest name, "J" in English; a language that names months by number ("1" in Chinese, "10월" in
    Korean, too wide for twelve columns on a phone) gets the bare number."""
    narrow = format_date(day, "LLLLL", locale=page_locale())
    return narrow if narrow.isalpha() else str(day.month)


def nps_by_month_chart(by_month: list[MonthScores]) -> Chart:
    """A column a month, oldest on the left: above zero a column rises from the zero line, below it hangs."""
    low, high, step = _axis([month.scores.nps for month in by_month])

    def down(value: float) -> float:
        return COLUMNS_TOP + (high - value) / (high - low) * COLUMNS_PLOT_HEIGHT

    slot = (COLUMNS_RIGHT - COLUMNS_LEFT) / max(len(by_month), 1)
    plot_bottom = COLUMNS_TOP + COLUMNS_PLOT_HEIGHT
    bars = []
    for index, month in enumerate(by_month):
        value = month.scores.nps
        below_zero = value is not None and value < 0
        top, bottom = down(max(value or 0, 0)), down(min(value or 0, 0))
        centre = COLUMNS_LEFT + (index + 0.5) * slot
        bars.append(Bar(
            label=short_month(month.month), label_y=_pixels(plot_bottom + 36), initial=_narrow_month(month.month),
            year=str(month.month.year) if index == 0 or month.month.month == 1 else "",
            value=value, below_zero=below_zero, x=_percent(centre - 0.3 * slot), width=_percent(0.6 * slot),
            y=_pixels(top), height=_pixels(bottom - top),
            value_x=_percent(centre), value_y=_pixels(bottom + 16 if below_zero else top - 6)))
    title = gettext("Net Promoter Score by month")
    height = plot_bottom + 82
    return Chart(
        id="cx-chart-months", title=title, axis_title="NPS", height=height,
        description=_description(title, [(month.label, month.scores.nps, month.scores.answers) for month in by_month]),
        plot_left=_percent(COLUMNS_LEFT), plot_right=_percent(COLUMNS_RIGHT), plot_bottom=_pixels(plot_bottom),
        ticks=[Tick(label=str(value), at=_pixels(down(value))) for value in range(low, high + 1, step)],
        tick_labels_at=_percent(COLUMNS_LEFT - 1), zero_at=_pixels(down(0)), bars=bars,
        year_y=_pixels(plot_bottom + 54),
        below_axis=gettext("Month the answers came in"), below_axis_y=height - 6)


def nps_by_category_chart(by_category: list[CategoryScores]) -> Chart:
    """A row a top-level category: its name, then a bar from the zero line, rightwards above zero, left below."""
    low, high, step = _axis([row.scores.nps for row in by_category])

    def across(value: float) -> float:
        return ROWS_LEFT + (value - low) / (high - low) * (ROWS_RIGHT - ROWS_LEFT)

    bars = []
    for index, row in enumerate(by_category):
        value = row.scores.nps or 0  # a category is listed only when it has answers, so it has a score
        left, right = across(min(value, 0)), across(max(value, 0))
        row_top = index * ROW_HEIGHT
        bars.append(Bar(
            label=row.category, label_y=_pixels(row_top + 16), initial="", year="", value=value, below_zero=value < 0,
            x=_percent(left), width=_percent(right - left), y=_pixels(row_top + 23), height="20",
            value_x=_percent(left if value < 0 else right), value_y=_pixels(row_top + 38)))
    title = gettext("Net Promoter Score by product category")
    rows_bottom = len(by_category) * ROW_HEIGHT
    height = rows_bottom + 50
    return Chart(
        id="cx-chart-categories", title=title, axis_title="NPS", height=height,
        description=_description(title, [(row.label, row.scores.nps, row.scores.answers) for row in by_category]),
        plot_left=_percent(ROWS_LEFT), plot_right=_percent(ROWS_RIGHT), plot_bottom=_pixels(rows_bottom),
        ticks=[Tick(label=str(value), at=_percent(across(value))) for value in range(low, high + 1, step)],
        tick_labels_at=_pixels(rows_bottom + 18), zero_at=_percent(across(0)), bars=bars,
        below_axis=gettext("NPS, from −100 to 100"), below_axis_y=height - 6)
