// Server-rendered SVG charts for pages: a horizontal bar chart as one <svg> string with its text
// alternative (<title> and <desc>, referenced by aria-labelledby), drawn with attributes and
// haven.css classes only because the page CSP allows no inline style. Every text is escaped here,
// so a page may insert the result with the triple mustache ({{{chart}}}). A chart never stands
// alone: put the table with the same figures beside it. Pure; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace haven::http::web {

struct ChartBar {
  std::string label;            // the category, shown left of the bar
  std::optional<double> value;  // nullopt: no figure (no bar is drawn, value_text says why)
  std::string value_text;       // the figure as the reader should read it ("75 %", "12 days")
};

struct BarChart {
  std::string id;           // unique on the page: the title and desc ids derive from it
  std::string title;        // short text alternative (what the chart shows)
  std::string description;  // long text alternative; "" builds "label: value_text; …" from bars
  std::vector<ChartBar> bars;
  double max_value = 0;                 // the value of a full-width bar; 0 uses the largest bar
  std::string bar_class = "chart-bar";  // haven.css class of the bars (fill colour)
};

// The chart as <svg role="img" …>…</svg>, scaling to its container's width.
std::string render_bar_chart(const BarChart& chart);

// Text made safe inside SVG/XML elements and attributes.
std::string escape_xml(const std::string& text);

}  // namespace haven::http::web
