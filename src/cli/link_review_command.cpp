// `haven link review-import --pairs FILE --partner-country CC`: puts the candidate pairs of a
// linkage run (the CSV of `haven link match`, or what the regional hub returns) into the review
// queue, where this country's contact points confirm them — a draft transnational referral opens —
// or reject them ([X1], docs/EXCHANGE.md). Only this instance's references are resolved to
// children.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "exchange/key_file.h"
#include "service/app.h"
#include "service/exchange/referral_service.h"

namespace haven::cli {

namespace {

struct ReviewImportArgs {
  CommonOptions common;
  std::string file;
  std::string partner_country;
  std::string column = "a_record";
  std::string partner_column;  // default: the other column of a two-column file
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) {
    if (!cell.empty() && cell.back() == '\r') cell.pop_back();
    cells.push_back(cell);
  }
  return cells;
}

int run_review_import(const ReviewImportArgs& a) {
  auto text = exchange::read_text_file(a.file, "pairs file");
  if (!text) return report(text.error());
  std::istringstream in(*text);
  std::string header_line;
  std::getline(in, header_line);
  const auto header = split(header_line);
  int own = -1, partner = -1;
  for (int i = 0; i < static_cast<int>(header.size()); ++i) {
    if (header[i] == a.column) own = i;
    if (!a.partner_column.empty() && header[i] == a.partner_column) partner = i;
  }
  if (a.partner_column.empty() && header.size() == 2 && own >= 0) partner = 1 - own;
  if (own < 0) return report(core::Error::invalid(a.file + " has no column '" + a.column + "'"));
  if (partner < 0)
    return report(core::Error::invalid(a.file + " has no partner column; name it with "
                                                "--partner-column"));
  std::vector<service::CandidatePair> pairs;
  for (std::string line; std::getline(in, line);) {
    const auto cells = split(line);
    if (cells.size() <= static_cast<size_t>(std::max(own, partner))) continue;
    pairs.push_back({cells[own], cells[partner]});
  }
  return with_app(a.common, [&](service::App& app) -> int {
    auto done = app.cross_border.import_pairs(service::Actor::cli(), a.partner_country, pairs);
    if (!done) return report_fields(done.error());
    std::printf(
        "%d candidate pairs queued for review with %s; %d already in the queue; %d not resolved "
        "(not this instance's references, or a child without a case)\n",
        done->imported, a.partner_country.c_str(), done->already_queued, done->unresolved);
    return kExitOk;
  });
}

}  // namespace

void add_link_review_command(CLI::App& link, Action& action) {
  auto* review = link.add_subcommand(
      "review-import",
      "Queue the candidate pairs of a linkage run for the contact points' review (confirming one "
      "opens a draft referral)");
  auto ra = std::make_shared<ReviewImportArgs>();
  add_database_options(*review, ra->common);
  review->add_option("--pairs", ra->file, "The pairs CSV (haven link match, or the hub's)")
      ->required();
  review
      ->add_option("--partner-country", ra->partner_country,
                   "The country the other column's records belong to (LV, …)")
      ->required();
  review->add_option("--column", ra->column,
                     "The column holding this instance's references (default a_record)");
  review->add_option("--partner-column", ra->partner_column,
                     "The column holding the partner's references (default: the other one)");
  review->callback([&action, ra] { action = [ra]() -> int { return run_review_import(*ra); }; });
}

}  // namespace haven::cli
