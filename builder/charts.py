"""Build-time SVG charts: static, accessible, and the same on screen, in print and without JS.

Each chart is an inline <svg role="img"> named by its <title> and <desc>; the page shows the
same figures in a data table beside it, so the chart is never the only way to read them.

Why hand-made SVG rather than a charting library: pygal writes an embedded <style> block and
tooltip script, which the site's Content-Security-Policy (style-src 'self', no inline script)
blocks. The charts here need only horizontal bars, and ~150 lines cover them.

Sizing: bar lengths are percentages of the chart's width and every vertical measure is in
em, so the chart fills any column from a phone to a desktop while its text keeps the page's
font size, including after the reader switches to 大字 (large type).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Share of the chart's width the longest bar may take; the rest holds the value text.
BAR_SPAN = 64.0
ROW_LABEL_ABOVE = 3.2   # em per row when the label sits above its bar
ROW_LABEL_LEFT = 2.0    # em per row when the label sits left of its bar
BAR_HEIGHT = 1.1        # em


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a bar chart: a label, a value and optionally the part of it done."""

    label: str
    value: float
    part: float | None = None   # e.g. hazards rectified out of `value` found


def _plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _num(x: float) -> str:
    """An SVG coordinate: short, deterministic text."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def bar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar], *,
              fmt: Callable[[float], str] = _plain, max_value: float | None = None,
              target: float | None = None, target_label: str = "",
              legend: tuple[str, str] | None = None, label_width: float | None = None) -> Markup:
    """A horizontal bar chart as inline SVG.

    `label_width` (em) puts short labels (月份) left of the bars; without it each label sits
    above its bar, so long names (镇街, 行业) never get cut. `legend` names the whole bar and
    the darker part when bars carry a `part`. `target` draws a dashed line at that value.
    """
    top = 2.0 if legend else 0.4
    row = ROW_LABEL_LEFT if label_width else ROW_LABEL_ABOVE
    bottom = top + row * len(bars)
    height = bottom + (1.6 if target is not None else 0.4)
    scale = max([max_value or 0, target or 0, *(b.value for b in bars)]) or 1
    out = [f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
           f'width="100%" height="{_num(height)}em" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{chart_id}-t">{escape(title)}</title>',
           f'<desc id="{chart_id}-d">{escape(desc)}</desc>']
    if legend:
        out.append(_legend(legend))
    plot = []  # bars, values and the target line, in percent of the chart's width from x = 0
    for index, bar in enumerate(bars):
        y = top + row * index
        bar_y = y + (0.45 if label_width else 1.55)
        width = BAR_SPAN * bar.value / scale
        if label_width:
            out.append(f'<text class="chart-label" x="{_num(label_width)}em" y="{_num(bar_y + 0.85)}em" '
                       f'text-anchor="end">{escape(bar.label)}</text>')
        else:
            out.append(f'<text class="chart-label" x="0" y="{_num(y + 1.2)}em">{escape(bar.label)}</text>')
        if bar.part is None:
            plot.append(_rect("bar", bar_y, width))
            value_text = fmt(bar.value)
        else:
            plot.append(_rect("bar bar-whole", bar_y, width))
            plot.append(_rect("bar", bar_y, BAR_SPAN * bar.part / scale))
            value_text = f"{fmt(bar.part)} / {fmt(bar.value)}"
        # The value sits past the bar, and past the target line where there is one, so the
        # dashed line never runs through the figure.
        value_x = max(width, BAR_SPAN * target / scale if target is not None else 0)
        plot.append(f'<text class="chart-value" x="{_num(value_x)}%" dx="0.4em" y="{_num(bar_y + 0.85)}em">'
                    f'{escape(value_text)}</text>')
    if target is not None:
        x = f"{_num(BAR_SPAN * target / scale)}%"
        plot.append(f'<line class="chart-target" x1="{x}" x2="{x}" y1="{_num(top)}em" y2="{_num(bottom)}em" '
                    f'stroke="#b3191f" stroke-width="2" stroke-dasharray="4 3"/>')
        plot.append(f'<text class="chart-target-label" x="{x}" y="{_num(bottom + 1.1)}em" text-anchor="middle">'
                    f'{escape(target_label or "目标 " + fmt(target))}</text>')
    if label_width:
        # A nested viewport shifted right by the label column: percentages inside it still
        # refer to the chart's full width, and no pixel arithmetic is needed (SVG attributes
        # cannot use calc()).
        out.append(f'<svg x="{_num(label_width + 0.6)}em" width="100%" height="100%" overflow="visible">')
        out.extend(plot)
        out.append("</svg>")
    else:
        out.extend(plot)
    out.append("</svg>")
    return Markup("\n".join(out))


def _rect(css_class: str, y: float, width_pct: float) -> str:
    fill = "#9fbbe0" if "bar-whole" in css_class else "#1d4f91"
    return (f'<rect class="{css_class}" x="0" y="{_num(y)}em" width="{_num(max(width_pct, 0.3))}%" '
            f'height="{BAR_HEIGHT}em" fill="{fill}" stroke="#1d4f91" stroke-width="1"/>')


def _legend(names: tuple[str, str]) -> str:
    whole, part = names
    return (f'<g class="chart-legend"><rect class="bar bar-whole" x="0" y="0.3em" width="1em" height="0.9em" '
            f'fill="#9fbbe0" stroke="#1d4f91" stroke-width="1"/>'
            f'<text x="1.4em" y="1.1em">{escape(whole)}</text>'
            f'<rect class="bar" x="{_num(1.8 + len(whole))}em" y="0.3em" width="1em" height="0.9em" '
            f'fill="#1d4f91" stroke="#1d4f91" stroke-width="1"/>'
            f'<text x="{_num(3.2 + len(whole))}em" y="1.1em">{escape(part)}</text></g>')


def meter(chart_id: str, label: str, percent: float | None, target: float | None = None) -> Markup:
    """A one-line progress bar for a rate against its target (首页 key figures)."""
    value = 0.0 if percent is None else max(0.0, min(percent, 100.0))
    text = label + ("：无数据" if percent is None else f"：{percent:.1f}%")
    if target is not None:
        text += f"，目标 {target:.0f}%"
    out = [f'<svg class="meter" role="img" aria-labelledby="{chart_id}-t" width="100%" height="0.9em" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{chart_id}-t">{escape(text)}</title>',
           '<rect class="meter-track" x="0" y="0" width="100%" height="0.9em" fill="#dfe6ef"/>',
           f'<rect class="meter-fill" x="0" y="0" width="{_num(value)}%" height="0.9em" fill="#1d4f91"/>']
    if target is not None:
        out.append(f'<rect class="meter-target" x="{_num(min(target, 100.0) - 0.6)}%" y="0" width="0.6%" '
                   f'height="0.9em" fill="#b3191f"/>')
    out.append("</svg>")
    return Markup("".join(out))
