"""Grouped horizontal bar charts, built on the primitives of :mod:`calculators.display.svg`.

Bars suit the comparisons the risk calculators make (calm against stressed
correlation, normal against stressed risk contributions). The chart follows the same
rules as every other chart: accessible title and description, escaped text,
presentation attributes only, fixed decimals so the bytes are deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from calculators.display.svg import (
    GRID_COLOUR,
    MUTED_COLOUR,
    Axis,
    escape,
    num,
    svg_open,
    text,
)

__all__ = ["BarSeries", "bar_chart_svg"]

BAR = 16.0
INNER_GAP = 3.0
GROUP_GAP = 14.0
WIDTH = 720.0


@dataclass(frozen=True)
class BarSeries:
    """One bar per category; a None value leaves the slot empty.

    `colours`, when given, colours each bar on its own (e.g. a correlation on the
    diverging scale); bars get a thin outline so pale fills stay visible.
    """

    name: str
    colour: str
    values: Sequence[float | None]
    colours: Sequence[str] = ()


@dataclass(frozen=True)
class _Layout:
    """Pixel geometry shared by the drawing helpers."""

    left: float
    top: float
    width: float
    axis: Axis

    def x(self, value: float) -> float:
        """Horizontal pixel of a value, clamped to the axis range."""
        clamped = max(self.axis.low, min(self.axis.high, value))
        return self.left + (clamped - self.axis.low) / (self.axis.high - self.axis.low) * self.width


def bar_chart_svg(
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[BarSeries],
    axis: Axis,
    value_text: Callable[[float], str],
) -> str:
    """A labelled grouped bar chart: one group per category, one bar per series."""
    label_width = max((len(c) for c in categories), default=0) * 7.2
    group = len(series) * BAR + (len(series) - 1) * INNER_GAP
    top = 40.0 if len(series) > 1 else 16.0
    layout = _Layout(16.0 + label_width, top, WIDTH - label_width - 90.0, axis)
    plot_height = len(categories) * (group + GROUP_GAP)
    parts = svg_open(chart_id, title, desc, WIDTH, top + plot_height + 48.0)
    parts.extend(_grid(layout, plot_height))
    for index, category in enumerate(categories):
        y = top + index * (group + GROUP_GAP) + GROUP_GAP / 2.0
        parts.append(text(layout.left - 8.0, y + group / 2.0 + 4.0, category, "end"))
        parts.extend(_group_bars(layout, y, category, series, index, value_text))
    if len(series) > 1:
        parts.extend(_legend(layout.left, series))
    parts.append("</svg>")
    return "\n".join(parts)


def _grid(layout: _Layout, plot_height: float) -> list[str]:
    """Vertical grid lines with tick labels under the plot, and the axis title."""
    bottom = layout.top + plot_height
    parts = [f'<g stroke="{GRID_COLOUR}" stroke-width="1">']
    for value, _ in layout.axis.ticks:
        x = num(layout.x(value))
        parts.append(f'<line x1="{x}" y1="{num(layout.top)}" x2="{x}" y2="{num(bottom)}"/>')
    parts.append("</g>")
    parts.append(f'<g font-size="11" fill="{MUTED_COLOUR}">')
    for value, label in layout.axis.ticks:
        parts.append(text(layout.x(value), bottom + 16.0, label, "middle"))
    parts.append("</g>")
    centre = layout.left + layout.width / 2.0
    parts.append(text(centre, bottom + 36.0, layout.axis.label, "middle"))
    return parts


def _group_bars(
    layout: _Layout,
    y: float,
    category: str,
    series: Sequence[BarSeries],
    index: int,
    value_text: Callable[[float], str],
) -> list[str]:
    """The bars of one category, each with its value written beside it."""
    parts: list[str] = []
    zero = layout.x(0.0)
    for k, line in enumerate(series):
        value = line.values[index]
        if value is None:
            continue
        top = y + k * (BAR + INNER_GAP)
        end = layout.x(value)
        tip = f"{category}, {line.name}: {value_text(value)}"
        fill = line.colours[index] if line.colours else line.colour
        parts.append(
            f'<rect x="{num(min(zero, end))}" y="{num(top)}" width="{num(abs(end - zero))}" '
            f'height="{num(BAR)}" fill="{fill}" stroke="{MUTED_COLOUR}" stroke-width="0.5">'
            f"<title>{escape(tip)}</title></rect>"
        )
        anchor, shift = ("start", 4.0) if value >= 0 else ("end", -4.0)
        parts.append(
            text(end + shift, top + BAR / 2.0 + 4.0, value_text(value), anchor, 11.0, MUTED_COLOUR)
        )
    return parts


def _legend(left: float, series: Sequence[BarSeries]) -> list[str]:
    """Colour swatches and series names above the plot."""
    parts = ['<g font-size="11">']
    x = left
    for line in series:
        parts.append(f'<rect x="{num(x)}" y="8" width="12" height="12" fill="{line.colour}"/>')
        parts.append(text(x + 17.0, 18.0, line.name))
        x += 36.0 + len(line.name) * 6.6
    parts.append("</g>")
    return parts
