"""builder.charts: the SVG is well-formed, named for assistive technology, and drawn to scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from builder.charts import BAR_SPAN, Bar, bar_chart, meter

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def bars_of(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class", "").split() and r.get("y") != "0.3em"]


def test_chart_is_an_image_named_by_its_title_and_description():
    root = parse(bar_chart("c1", "各镇隐患数", "城区街道 3 项；索镇镇 6 项。", [Bar("城区街道", 3), Bar("索镇镇", 6)]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-t c1-d"
    assert root.find(f"{SVG}title").get("id") == "c1-t"
    assert root.find(f"{SVG}title").text == "各镇隐患数"
    assert root.find(f"{SVG}desc").text == "城区街道 3 项；索镇镇 6 项。"


def test_bar_lengths_are_proportional_and_the_longest_spans_the_bar_area():
    root = parse(bar_chart("c", "t", "d", [Bar("甲", 50), Bar("乙", 100), Bar("丙", 25)]))
    widths = [float(r.get("width").rstrip("%")) for r in bars_of(root)]
    assert widths == [BAR_SPAN / 2, BAR_SPAN, BAR_SPAN / 4]


def test_labels_and_values_are_text_a_reader_can_select():
    root = parse(bar_chart("c", "t", "d", [Bar("马桥镇", 1234)]))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "马桥镇" in texts
    assert "1,234" in texts


def test_part_of_a_bar_is_drawn_inside_it_with_a_legend():
    root = parse(bar_chart("c", "t", "d", [Bar("城区街道", 40, 30)], legend=("发现", "已整改")))
    whole, part = bars_of(root)
    assert "bar-whole" in whole.get("class")
    assert float(part.get("width").rstrip("%")) == BAR_SPAN * 30 / 40
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "发现" in texts and "已整改" in texts and "30 / 40" in texts


def test_target_line_sits_at_the_target_on_a_percentage_scale():
    root = parse(bar_chart("c", "t", "d", [Bar("A", 50)], max_value=100, target=100, fmt=lambda v: f"{v:.0f}%"))
    line = root.find(f"{SVG}line")
    assert line.get("x1") == f"{BAR_SPAN:g}%"
    assert any(t.text == "目标 100%" for t in root.iter(f"{SVG}text"))


def test_value_text_is_placed_past_the_target_line():
    root = parse(bar_chart("c", "t", "d", [Bar("A", 50)], max_value=100, target=100))
    value = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "chart-value")
    assert value.get("x") == f"{BAR_SPAN:g}%"


def test_text_is_escaped():
    markup = str(bar_chart("c", "<b>", "a & b", [Bar("<script>", 1)]))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    parse(markup)  # still well-formed


def test_short_labels_go_left_in_a_nested_viewport():
    root = parse(bar_chart("c", "t", "d", [Bar("1月", 3), Bar("2月", 5)], label_width=2.6))
    nested = root.find(f"{SVG}svg")
    assert nested is not None and nested.get("x") == "3.2em"
    assert len(bars_of(nested)) == 2


def test_zero_values_do_not_divide_by_zero():
    root = parse(bar_chart("c", "t", "d", [Bar("A", 0), Bar("B", 0)]))
    assert len(bars_of(root)) == 2


def test_meter_clamps_and_names_its_value_and_target():
    root = parse(meter("m", "覆盖率", 104.0, 100))
    assert root.find(f"{SVG}title").text == "覆盖率：104.0%，目标 100%"
    fill = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "meter-fill")
    assert fill.get("width") == "100%"
    assert parse(meter("n", "整改率", None)).find(f"{SVG}title").text == "整改率：无数据"
