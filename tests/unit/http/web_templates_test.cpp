// haven's Mustache renderer (http/web/templates.h) against mstch 1.0, whose output it must keep:
// hand-written cases for each rule (standalone lines, partial indentation, lambdas, look-up,
// escaping), and every embedded template rendered with a model that fills each of its tags.
#include <gtest/gtest.h>

#include <mstch/mstch.hpp>
#include <set>

#include "http/web/templates.h"

namespace haven::http::web {
namespace {

void expect_as_mstch(const std::string& text, const mstch::node& model,
                     const std::map<std::string, std::string>& partials = {}) {
  mstch::config::escape = escape_html;
  EXPECT_EQ(render_mustache(text, model, partials), mstch::render(text, model, partials))
      << "template:\n"
      << text;
}

mstch::node catalog_lambda() {
  return mstch::lambda{[](const std::string& key) -> mstch::node {
    if (key.find("greeting") != std::string::npos) return std::string("Hello {{name}} & <you>");
    return "T(" + key + ")";
  }};
}

TEST(WebTemplates, VariablesEscapeAndSpellOutValues) {
  mstch::map m{{"s", std::string("<a href='x'>&\"/</a>")},
               {"i", 42},
               {"zero", 0},
               {"d", 2.5},
               {"yes", true},
               {"no", false},
               {"nested", mstch::map{{"inner", mstch::map{{"leaf", std::string("deep")}}}}}};
  expect_as_mstch("{{s}}|{{{s}}}|{{&s}}|{{ s }}|{{i}}|{{d}}|{{yes}}|{{no}}|{{missing}}|", m);
  expect_as_mstch(
      "{{nested.inner.leaf}} {{nested.missing.leaf}} {{#nested}}{{inner.leaf}}{{/nested}}", m);
  expect_as_mstch("{{#zero}}never{{/zero}}{{^zero}}zero is empty{{/zero}}{{#d}}{{.}}{{/d}}", m);
}

TEST(WebTemplates, SectionsIterateAndLookOutward) {
  mstch::map m{{"title", std::string("outer")},
               {"rows", mstch::array{mstch::map{{"name", std::string("a")}},
                                     mstch::map{{"name", std::string("b<")},
                                                {"title", std::string("own")}}}},
               {"words", mstch::array{std::string("x"), std::string("y")}},
               {"grid", mstch::array{mstch::array{1, 2}, mstch::array{3}}},
               {"empty", mstch::array{}},
               {"flag", true}};
  expect_as_mstch("{{#rows}}[{{name}} {{title}}]{{/rows}}{{#words}}<{{.}}>{{/words}}", m);
  expect_as_mstch(
      "{{#grid}}({{#.}}{{.}}{{/.}}){{/grid}}{{#empty}}no{{/empty}}{{^empty}}none{{/empty}}", m);
  expect_as_mstch("{{#flag}}{{title}}{{#rows}}{{#flag}}{{name}}{{/flag}}{{/rows}}{{/flag}}", m);
}

TEST(WebTemplates, StandaloneLinesAndCommentsLoseTheirWhiteSpace) {
  mstch::map m{{"items", mstch::array{mstch::map{{"v", std::string("1")}},
                                      mstch::map{{"v", std::string("2")}}}},
               {"on", true}};
  expect_as_mstch("<ul>\n  {{#items}}\n  <li>{{v}}</li>\n  {{/items}}\n</ul>\n", m);
  expect_as_mstch("a\n  {{! a comment }}\nb {{#on}} c {{/on}}\n\t{{^on}}\n x\n{{/on}}\nend", m);
  expect_as_mstch("{{#on}}\nlast line{{/on}}", m);
  expect_as_mstch("  {{#on}}  \n\r\n{{/on}}", m);
}

TEST(WebTemplates, PartialsKeepTheirIndentation) {
  std::map<std::string, std::string> partials{{"item", "<li>{{v}}</li>\n<li>again</li>\n"},
                                              {"list", "{{#items}}\n  {{> item}}\n{{/items}}\n"},
                                              {"self", "{{#deeper}}{{> self}}{{/deeper}}x"}};
  mstch::map m{{"items", mstch::array{mstch::map{{"v", std::string("1")}},
                                      mstch::map{{"v", std::string("2")}}}},
               {"deeper", false}};
  expect_as_mstch("<ul>\n    {{> list}}\n</ul>\n{{> item}}{{> missing}}{{> self}}", m, partials);
  expect_as_mstch("  {{> item}}\n  {{#items}}\n    {{> item}}\n  {{/items}}\n", m, partials);
}

TEST(WebTemplates, LambdasReceiveTheSectionTextAndTheirResultIsATemplate) {
  mstch::map m{
      {"t", catalog_lambda()},
      {"name", std::string("Ann & Bo")},
      {"plain", mstch::lambda{[]() -> mstch::node { return std::string("<b>{{name}}</b>"); }}}};
  expect_as_mstch("{{#t}}nav.home{{/t}} {{#t}} greeting {{/t}} {{#t}}\nmulti\n{{/t}}", m);
  expect_as_mstch("{{plain}} {{{plain}}}", m);
}

// Every tag name of `text`: variables, and sections (opening and inverted).
void collect_names(const std::string& text, std::set<std::string>& variables,
                   std::set<std::string>& sections) {
  for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
    const size_t end = text.find("}}", at);
    if (end == std::string::npos) break;
    std::string tag = text.substr(at + 2, end - at - 2);
    if (!tag.empty() && tag.front() == '{') tag.erase(0, 1);
    const char kind = tag.empty() ? ' ' : tag.front();
    if (kind == '#' || kind == '^' || kind == '/' || kind == '>' || kind == '!' || kind == '&')
      tag.erase(0, 1);
    const size_t b = tag.find_first_not_of(' '), e = tag.find_last_not_of(' ');
    if (b == std::string::npos) continue;
    const std::string name = tag.substr(b, e - b + 1);
    if (kind == '#' || kind == '^')
      sections.insert(name);
    else if (kind != '/' && kind != '>' && kind != '!')
      variables.insert(name);
  }
}

// The names used by template `name` and the partials it includes, directly or not.
void collect_used(const std::map<std::string, std::string>& all, const std::string& name,
                  std::set<std::string>& seen, std::set<std::string>& variables,
                  std::set<std::string>& sections) {
  auto it = all.find(name);
  if (it == all.end() || !seen.insert(name).second) return;
  collect_names(it->second, variables, sections);
  for (size_t at = it->second.find("{{>"); at != std::string::npos;
       at = it->second.find("{{>", at + 3)) {
    std::string partial = it->second.substr(at + 3, it->second.find("}}", at) - at - 3);
    partial.erase(0, partial.find_first_not_of(' '));
    partial.erase(partial.find_last_not_of(' ') + 1);
    collect_used(all, partial, seen, variables, sections);
  }
}

TEST(WebTemplates, EveryEmbeddedTemplateRendersAsMstchDoes) {
  const Templates templates = Templates::embedded();
  ASSERT_GT(templates.all().size(), 10u);
  for (const auto& [name, text] : templates.all()) {
    SCOPED_TRACE(name);
    std::set<std::string> seen, variables, sections;
    collect_used(templates.all(), name, seen, variables, sections);
    // Every variable a value with characters to escape, every section two rows of the same, and
    // the catalog lambda, so each branch and loop of the template is taken.
    mstch::map row;
    for (const auto& v : variables) row[v] = "<" + v + " & 'x' \"/\">";
    for (const auto& s : sections) row.emplace(s, true);
    row["t"] = catalog_lambda();
    mstch::map model = row;
    for (const auto& s : sections)
      if (s != "t") model[s] = mstch::array{row, row};
    mstch::config::escape = escape_html;
    const std::string expected = mstch::render(text, model, templates.all());
    // A page's model as a map (rendered in place, as Site::send does) and as a node.
    EXPECT_EQ(templates.render(name, model), expected);
    EXPECT_EQ(templates.render(name, mstch::node(model)), expected);
  }
}

}  // namespace
}  // namespace haven::http::web
