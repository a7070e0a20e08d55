"""SVG chart primitives: a diverging colour scale, a heatmap and XY/line charts.

Charts are drawn in Python so the build-time prerender and the browser show
the same picture byte for byte. Every chart is a complete inline ``<svg>``:
``role="img"`` with a ``<title>`` and ``<desc>`` referenced by
``aria-labelledby``; every data-derived text is XML-escaped; only presentation
attributes are used (no ``style``, no scripts, no external references), so a
strict Content-Security-Policy allows it. Output is deterministic: numbers are
written with fixed decimals and nothing depends on time or randomness.

Colours: correlations use ColorBrewer's RdBu scale (blue for −1, near-white for
0, red for +1), which stays readable for the common forms of colour blindness;
lines use the Okabe–Ito palette.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#5f6368"
GRID_COLOUR = "#d9d9d9"
MISSING_COLOUR = "#e6e6e6"

# ColorBrewer RdBu, reversed so that −1 is blue and +1 is red.
DIVERGING: tuple[str, ...] = (
    "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
    "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f",
)  # fmt: skip

# Okabe–Ito: distinguishable with protanopia, deuteranopia and tritanopia.
PALETTE: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
)  # fmt: skip


def escape(text: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable bytes)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def safe_id(text: str) -> str:
    """An XML id built from `text` (letters, digits and hyphens only)."""
    cleaned = re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-")
    return cleaned if cleaned and cleaned[0].isalpha() else f"c-{cleaned}"


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as integers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def diverging_colour(value: float | None) -> str:
    """The fill for a correlation in [−1, 1] (grey when undefined), to 1/1000 of the scale."""
    if value is None or not math.isfinite(value):
        return MISSING_COLOUR
    return _colour_at(round(max(-1.0, min(1.0, value)) * 1000))


@functools.cache
def _colour_at(millis: int) -> str:
    """Linear RGB interpolation between the scale's stops (cached: heatmaps repeat values)."""
    position = (millis / 1000.0 + 1.0) / 2.0 * (len(DIVERGING) - 1)
    low = min(int(position), len(DIVERGING) - 2)
    share = position - low
    a, b = _hex_to_rgb(DIVERGING[low]), _hex_to_rgb(DIVERGING[low + 1])
    mixed = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [c / 255.0 for c in _hex_to_rgb(colour)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_colour_on(value: float | None) -> str:
    """White or near-black, whichever contrasts more with the cell's fill (WCAG ratio)."""
    return _text_colour_for(diverging_colour(value))


@functools.cache
def _text_colour_for(fill_colour: str) -> str:
    """Cached per fill: a heatmap asks for the same few hundred fills thousands of times."""
    fill = luminance(fill_colour)
    on_white = (1.05) / (fill + 0.05)
    on_dark = (fill + 0.05) / (luminance(TEXT_COLOUR) + 0.05)
    return "#ffffff" if on_white > on_dark else TEXT_COLOUR


def svg_open(chart_id: str, title: str, desc: str, width: float, height: float) -> list[str]:
    """The accessible opening of a chart: role, title, description, default font."""
    cid = safe_id(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" font-family="{FONT}" font-size="12" '
        f'fill="{TEXT_COLOUR}">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{num(width)}" height="{num(height)}" fill="#ffffff"/>',
    ]


def text(
    x: float,
    y: float,
    content: str,
    anchor: str = "start",
    size: float | None = None,
    fill: str | None = None,
    extra: str = "",
) -> str:
    """One escaped text element."""
    attrs = f'x="{num(x)}" y="{num(y)}" text-anchor="{anchor}"'
    if size is not None:
        attrs += f' font-size="{num(size)}"'
    if fill is not None:
        attrs += f' fill="{fill}"'
    if extra:
        attrs += " " + extra
    return f"<text {attrs}>{escape(content)}</text>"


def _label_width(labels: Sequence[str], size: float = 12.0) -> float:
    """A rough rendered width of the longest label (no font metrics available)."""
    return max((len(label) for label in labels), default=0) * size * 0.68


def heatmap_svg(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    cell: float = 0.0,
    weak: Sequence[Sequence[bool]] | None = None,
) -> str:
    """A labelled correlation heatmap with values in the cells and a −1…+1 legend.

    Cells where `weak` is true (e.g. p ≥ 0.05) are faded and hatched, so an
    insignificant strong-looking colour does not read as evidence; the legend
    says what the hatching means.
    """
    k = len(labels)
    cell = cell or max(28.0, min(56.0, 480.0 / max(k, 1)))
    left = 18.0 + _label_width(labels)
    top = 24.0 + _label_width(labels) * 0.72
    width = left + k * cell + 90.0
    height = max(top + k * cell + 20.0, top + (250.0 if weak else 200.0))
    hatch = f"{safe_id(chart_id)}-hatch"
    parts = svg_open(chart_id, title, desc, width, height)
    if weak is not None:
        parts.append(_hatch_pattern(hatch))
    parts.extend(_heatmap_labels(labels, left, top, cell))
    parts.extend(_heatmap_cells(labels, matrix, left, top, cell))
    if weak is not None:
        parts.extend(_weak_cells(weak, left, top, cell, hatch))
    parts.extend(_legend(left + k * cell + 24.0, top, 180.0))
    if weak is not None:
        parts.extend(_weak_legend(left + k * cell + 24.0, top + 200.0, hatch))
    parts.append("</svg>")
    return "\n".join(parts)


def _hatch_pattern(pattern_id: str) -> str:
    """Diagonal grey lines over a half-transparent white: the cell fades and is striped."""
    return (
        f'<defs><pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" '
        f'fill-opacity="0.55"/><line x1="0" y1="0" x2="0" y2="6" stroke="{MUTED_COLOUR}" '
        'stroke-width="1.5"/></pattern></defs>'
    )


def _weak_cells(
    weak: Sequence[Sequence[bool]], left: float, top: float, cell: float, hatch: str
) -> list[str]:
    """The hatch laid over each weak cell (after the values, which it lets show through)."""
    parts = ['<g aria-hidden="true" pointer-events="none">']
    side = num(cell)
    for i, line in enumerate(weak):
        for j, is_weak in enumerate(line):
            if is_weak:
                parts.append(
                    f'<rect x="{num(left + j * cell)}" y="{num(top + i * cell)}" '
                    f'width="{side}" height="{side}" fill="url(#{hatch})"/>'
                )
    parts.append("</g>")
    return parts


def _weak_legend(x: float, top: float, hatch: str) -> list[str]:
    """A hatched swatch and what it means."""
    return [
        '<g aria-hidden="true">',
        f'<rect x="{num(x)}" y="{num(top)}" width="14" height="14" fill="#b2182b"/>',
        f'<rect x="{num(x)}" y="{num(top)}" width="14" height="14" fill="url(#{hatch})"/>',
        text(x + 20.0, top + 11.0, "p ≥ 0.05", size=11.0, fill=MUTED_COLOUR),
        "</g>",
    ]


def _heatmap_labels(labels: Sequence[str], left: float, top: float, cell: float) -> list[str]:
    """Row labels on the left, column labels slanted above."""
    parts = ['<g font-size="12">']
    for index, label in enumerate(labels):
        middle = index * cell + cell / 2.0
        parts.append(text(left - 6.0, top + middle + 4.0, label, "end"))
        x, y = left + middle, top - 6.0
        parts.append(text(x, y, label, "start", extra=f'transform="rotate(-45 {num(x)} {num(y)})"'))
    parts.append("</g>")
    return parts


def _heatmap_cells(
    labels: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    left: float,
    top: float,
    cell: float,
) -> list[str]:
    """Coloured squares with their values (or a dash) and a tooltip naming the pair.

    Positions are formatted once per row and column: a 50-asset heatmap has
    2,500 cells, and this loop is most of its cost in the browser.
    """
    k = len(labels)
    xs = [num(left + j * cell) for j in range(k)]
    ys = [num(top + i * cell) for i in range(k)]
    text_xs = [num(left + j * cell + cell / 2) for j in range(k)]
    text_ys = [num(top + i * cell + cell / 2 + 4) for i in range(k)]
    names = [escape(label) for label in labels]
    size, show = ("11" if cell >= 36.0 else "9"), cell >= 26.0
    side = num(cell)
    parts = ['<g stroke="#ffffff" stroke-width="1">']
    for i in range(k):
        for j in range(k):
            value = matrix[i][j]
            tip = "undefined" if value is None else f"{value:.4f}"
            parts.append(
                f'<rect x="{xs[j]}" y="{ys[i]}" width="{side}" height="{side}" '
                f'fill="{diverging_colour(value)}"><title>{names[i]} and {names[j]}: {tip}'
                "</title></rect>"
            )
            if show:
                shown = "—" if value is None else f"{value:.2f}".replace("-0.00", "0.00")
                parts.append(
                    f'<text x="{text_xs[j]}" y="{text_ys[i]}" text-anchor="middle" '
                    f'font-size="{size}" fill="{text_colour_on(value)}" stroke="none">'
                    f"{shown}</text>"
                )
    parts.append("</g>")
    return parts


def _legend(x: float, top: float, height: float) -> list[str]:
    """A vertical −1…+1 colour bar drawn from discrete bands (no gradient ids needed)."""
    steps = 40
    band = height / steps
    parts = ['<g aria-hidden="true">']
    for step in range(steps):
        value = 1.0 - 2.0 * (step + 0.5) / steps
        parts.append(
            f'<rect x="{num(x)}" y="{num(top + step * band)}" width="14" '
            f'height="{num(band + 0.3)}" fill="{diverging_colour(value)}"/>'
        )
    for value, label in ((1.0, "+1"), (0.0, "0"), (-1.0, "−1")):
        y = top + (1.0 - value) / 2.0 * height
        parts.append(text(x + 20.0, y + 4.0, label, size=11.0, fill=MUTED_COLOUR))
    parts.append("</g>")
    return parts


@dataclass(frozen=True)
class Series:
    """One line on an XY chart; a None y breaks the line (a gap, never a zero)."""

    name: str
    points: Sequence[tuple[float, float | None]]
    colour: str = PALETTE[0]
    dashed: bool = False
    markers: bool = False


@dataclass(frozen=True)
class Axis:
    """An axis: its label, its range and its ticks as (value, text)."""

    label: str
    low: float
    high: float
    ticks: Sequence[tuple[float, str]]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 × 10^k steps)."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks: list[float] = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(0.0 if abs(value) < step * 1e-9 else round(value, 12))
        value = first + step * len(ticks)
    return ticks


def auto_axis(
    label: str,
    values: Sequence[float],
    fmt: Callable[[float], str] = lambda v: f"{v:g}",
    bounds: tuple[float, float] | None = None,
) -> Axis:
    """An axis spanning `values` (or fixed `bounds`) with round ticks."""
    if bounds is not None:
        low, high = bounds
    else:
        finite = [v for v in values if math.isfinite(v)] or [0.0, 1.0]
        low, high = min(finite), max(finite)
        if high - low < 1e-12:
            low, high = low - 1.0, high + 1.0
    return Axis(label, low, high, [(t, fmt(t)) for t in nice_ticks(low, high)])


@dataclass(frozen=True)
class Frame:
    """Where the plotting area sits inside the SVG."""

    left: float
    top: float
    width: float
    height: float

    def x(self, axis: Axis, value: float) -> float:
        """The horizontal pixel of `value`."""
        return self.left + (value - axis.low) / (axis.high - axis.low) * self.width

    def y(self, axis: Axis, value: float) -> float:
        """The vertical pixel of `value` (up is larger)."""
        return self.top + self.height - (value - axis.low) / (axis.high - axis.low) * self.height


def xy_chart_svg(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    x_axis: Axis,
    y_axis: Axis,
    reference_lines: Sequence[tuple[float, str]] = (),
    width: float = 720.0,
    height: float = 380.0,
) -> str:
    """A labelled XY chart: axes with ticks, grid, lines, optional markers and a legend."""
    frame = Frame(64.0, 36.0 if len(series) > 1 else 20.0, width - 112.0, height - 96.0)
    parts = svg_open(chart_id, title, desc, width, height)
    parts.extend(_grid_and_axes(frame, x_axis, y_axis))
    parts.extend(_reference_lines(frame, y_axis, reference_lines))
    for line in series:
        parts.extend(_series_path(frame, x_axis, y_axis, line))
    if len(series) > 1:
        parts.extend(_series_legend(frame, series))
    parts.append("</svg>")
    return "\n".join(parts)


def _grid_and_axes(frame: Frame, x_axis: Axis, y_axis: Axis) -> list[str]:
    """Horizontal grid lines, tick labels and the two axis titles."""
    parts = [f'<g stroke="{GRID_COLOUR}" stroke-width="1">']
    for value, _ in y_axis.ticks:
        y = frame.y(y_axis, value)
        parts.append(
            f'<line x1="{num(frame.left)}" y1="{num(y)}" '
            f'x2="{num(frame.left + frame.width)}" y2="{num(y)}"/>'
        )
    parts.append("</g>")
    parts.append(f'<g font-size="11" fill="{MUTED_COLOUR}">')
    for value, label in y_axis.ticks:
        parts.append(text(frame.left - 6.0, frame.y(y_axis, value) + 4.0, label, "end"))
    bottom = frame.top + frame.height
    for value, label in x_axis.ticks:
        parts.append(text(frame.x(x_axis, value), bottom + 16.0, label, "middle"))
    parts.append("</g>")
    parts.append(
        f'<line x1="{num(frame.left)}" y1="{num(bottom)}" x2="{num(frame.left + frame.width)}" '
        f'y2="{num(bottom)}" stroke="{MUTED_COLOUR}" stroke-width="1"/>'
    )
    if x_axis.label:
        parts.append(text(frame.left + frame.width / 2.0, bottom + 36.0, x_axis.label, "middle"))
    mid = frame.top + frame.height / 2.0
    parts.append(
        text(16.0, mid, y_axis.label, "middle", extra=f'transform="rotate(-90 16 {num(mid)})"')
    )
    return parts


def _reference_lines(frame: Frame, y_axis: Axis, lines: Sequence[tuple[float, str]]) -> list[str]:
    """Dotted horizontal lines with a small label (e.g. zero, a full-sample ρ)."""
    parts: list[str] = []
    for value, label in lines:
        if not y_axis.low <= value <= y_axis.high:
            continue
        y = frame.y(y_axis, value)
        parts.append(
            f'<line x1="{num(frame.left)}" y1="{num(y)}" x2="{num(frame.left + frame.width)}" '
            f'y2="{num(y)}" stroke="{MUTED_COLOUR}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
        if label:
            x = frame.left + frame.width - 4.0
            parts.append(text(x, y - 4.0, label, "end", 10.0, MUTED_COLOUR))
    return parts


def _segments(frame: Frame, x_axis: Axis, y_axis: Axis, line: Series) -> list[list[str]]:
    """Runs of consecutive defined points as pixel pairs; None starts a new run.

    The axis transform is unrolled into two multiply-adds: a 5,000-row series
    is formatted here point by point.
    """
    sx = frame.width / (x_axis.high - x_axis.low)
    sy = frame.height / (y_axis.high - y_axis.low)
    ox, oy = frame.left - x_axis.low * sx, frame.top + frame.height + y_axis.low * sy
    runs: list[list[str]] = [[]]
    current = runs[0]
    for x, y in line.points:
        if y is None or y - y != 0.0:  # missing, NaN or infinite: a gap
            if current:
                current = []
                runs.append(current)
            continue
        current.append(f"{ox + x * sx:.1f},{oy - y * sy:.1f}")
    return [run for run in runs if run]


def _series_path(frame: Frame, x_axis: Axis, y_axis: Axis, line: Series) -> list[str]:
    """One series as polylines (and dots for single points or when markers are asked for)."""
    dash = ' stroke-dasharray="6 4"' if line.dashed else ""
    parts = [f'<g fill="none" stroke="{line.colour}" stroke-width="1.8"{dash}>']
    parts.append(f"<title>{escape(line.name)}</title>")
    for run in _segments(frame, x_axis, y_axis, line):
        if len(run) > 1:
            parts.append(f'<polyline points="{" ".join(run)}"/>')
        if len(run) == 1 or line.markers:
            for point in run:
                cx, cy = point.split(",")
                parts.append(
                    f'<circle cx="{cx}" cy="{cy}" r="2.6" fill="{line.colour}" stroke="none"/>'
                )
    parts.append("</g>")
    return parts


def _series_legend(frame: Frame, series: Sequence[Series]) -> list[str]:
    """Swatches and names in a row above the plot."""
    parts = ['<g font-size="11">']
    x = frame.left
    for line in series:
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        parts.append(
            f'<line x1="{num(x)}" y1="14" x2="{num(x + 22)}" y2="14" stroke="{line.colour}" '
            f'stroke-width="2"{dash}/>'
        )
        parts.append(text(x + 27.0, 18.0, line.name))
        x += 40.0 + len(line.name) * 6.6
    parts.append("</g>")
    return parts


def label_ticks(labels: Sequence[str], count: int = 6) -> list[tuple[float, str]]:
    """About `count` evenly spaced row labels for an index-based x axis."""
    n = len(labels)
    if n == 0:
        return []
    if n <= count:
        return [(float(i), labels[i]) for i in range(n)]
    step = (n - 1) / (count - 1)
    return [(float(round(i * step)), labels[round(i * step)]) for i in range(count)]


def line_chart_svg(
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    y_label: str,
    y_bounds: tuple[float, float] | None = None,
    reference_lines: Sequence[tuple[float, str]] = (),
) -> str:
    """A time-series line chart: x is the row position, labelled with row labels (dates)."""
    lines = [
        Series(name, [(float(i), v) for i, v in enumerate(values)], PALETTE[k % len(PALETTE)])
        for k, (name, values) in enumerate(series)
    ]
    x_axis = Axis("", 0.0, float(max(len(x_labels) - 1, 1)), label_ticks(x_labels))
    finite = [v for _, values in series for v in values if v is not None]
    y_axis = auto_axis(y_label, finite, bounds=y_bounds)
    return xy_chart_svg(chart_id, title, desc, lines, x_axis, y_axis, reference_lines)
