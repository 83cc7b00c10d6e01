// The bar chart's geometry: one row per bar, its label and figure on one line above the bar, the
// bar scaled to the largest value (or the given maximum) over a track of the chart's full width.
// Text and bars never share a line, so the stylesheet can enlarge the text on a narrow screen
// (where the viewBox scales everything down) without the figure running into the bar.
#include "http/web/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "core/markup.h"

namespace haven::http::web {

namespace {

constexpr int kBarWidth = 700;
constexpr int kRowHeight = 64;
constexpr int kBarHeight = 22;
constexpr int kTop = 4;

std::string number(int n) {
  return std::to_string(n);
}

}  // namespace

std::string escape_xml(const std::string& text) {
  return core::escape_markup(text);
}

std::string render_bar_chart(const BarChart& chart) {
  double most = chart.max_value;
  if (most <= 0)
    for (const auto& b : chart.bars)
      if (b.value) most = std::max(most, *b.value);
  if (most <= 0) most = 1;
  std::string description = chart.description;
  if (description.empty()) {
    for (const auto& b : chart.bars) {
      if (!description.empty()) description += "; ";
      description += b.label + ": " + b.value_text;
    }
    if (!description.empty()) description += ".";
  }
  const int width = kBarWidth;
  const int height = kTop * 2 + kRowHeight * static_cast<int>(chart.bars.size());
  const std::string title_id = chart.id + "-title";
  const std::string desc_id = chart.id + "-desc";
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-chart\" viewBox=\"0 0 " +
                    number(width) + " " + number(height) +
                    "\" width=\"100%\" role=\"img\" focusable=\"false\" aria-labelledby=\"" +
                    escape_xml(title_id) + " " + escape_xml(desc_id) + "\">";
  svg += "<title id=\"" + escape_xml(title_id) + "\">" + escape_xml(chart.title) + "</title>";
  svg += "<desc id=\"" + escape_xml(desc_id) + "\">" + escape_xml(description) + "</desc>";
  // Each row: the label at the start of its line and the figure at the end (room for long labels
  // in any language, and for text up to twice the desktop size), the bar under them.
  int y = kTop;
  for (const auto& b : chart.bars) {
    const int label_y = y + 26;
    const int bar_y = y + 34;
    svg += "<g class=\"chart-row\">";
    svg += "<text class=\"chart-label\" x=\"0\" y=\"" + number(label_y) + "\">" +
           escape_xml(b.label) + "</text>";
    // The full scale behind the bar, so a short bar reads as short.
    svg += "<rect class=\"chart-track\" x=\"0\" y=\"" + number(bar_y) + "\" width=\"" +
           number(kBarWidth) + "\" height=\"" + number(kBarHeight) + "\"></rect>";
    if (b.value && *b.value > 0) {
      const int w =
          std::max(2, static_cast<int>(std::lround(std::min(*b.value, most) / most * kBarWidth)));
      svg += "<rect class=\"" + escape_xml(chart.bar_class) + "\" x=\"0\" y=\"" + number(bar_y) +
             "\" width=\"" + number(w) + "\" height=\"" + number(kBarHeight) + "\"></rect>";
    }
    svg += "<text class=\"chart-count\" x=\"" + number(kBarWidth) + "\" y=\"" + number(label_y) +
           "\" text-anchor=\"end\">" + escape_xml(b.value_text) + "</text></g>";
    y += kRowHeight;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace haven::http::web
