// SQL for reports of concern.
#include "store/repositories/report_repository.h"

namespace haven::store {

namespace {
constexpr const char* kReportSelect =
    "SELECT id, agency_id, received_at, received_by, channel, reporter_type, "
    "reporter_organisation, concern_categories, narrative_ct, urgency, status, child_id, case_id, "
    "custom_fields, created_by, version, created_at FROM reports ";

ReportRow report_from_row(const Row& r) {
  ReportRow x;
  x.id = r.text(0);
  x.agency_id = r.text(1);
  x.received_at = r.integer(2);
  x.received_by = r.opt_text(3).value_or("");
  x.channel = r.text(4);
  x.reporter_type = r.text(5);
  x.reporter_organisation = r.opt_text(6).value_or("");
  x.concern_categories = r.text(7);
  if (!r.is_null(8)) x.narrative_ct = r.blob(8);
  x.urgency = r.text(9);
  x.status = r.text(10);
  x.child_id = r.opt_text(11).value_or("");
  x.case_id = r.opt_text(12).value_or("");
  x.custom_fields = r.text(13);
  x.created_by = r.opt_text(14).value_or("");
  x.version = r.integer(15);
  x.created_at = r.integer(16);
  return x;
}
std::optional<std::string> nonempty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional(s);
}
}  // namespace

void ReportRepository::insert(Tx& tx, const ReportRow& x) {
  Params p = params(x.id, x.agency_id, x.received_at, nonempty(x.received_by), x.channel,
                    x.reporter_type, nonempty(x.reporter_organisation), x.concern_categories);
  p.push_back(x.narrative_ct ? Value(*x.narrative_ct) : Value(std::monostate{}));
  for (Value v : params(x.urgency, x.status, nonempty(x.child_id), nonempty(x.case_id),
                        x.custom_fields, nonempty(x.created_by), x.created_at))
    p.push_back(std::move(v));
  tx.execute(
      "INSERT INTO reports (id, agency_id, received_at, received_by, channel, reporter_type, "
      "reporter_organisation, concern_categories, narrative_ct, urgency, status, child_id, "
      "case_id, custom_fields, created_by, version, created_at, updated_at) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16)",
      p);
}

std::optional<ReportRow> ReportRepository::find(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string(kReportSelect) + "WHERE id = $1", params(id));
  if (!row) return std::nullopt;
  return report_from_row(*row);
}

std::vector<ReportRow> ReportRepository::for_case(Tx& tx, const std::string& case_id) {
  std::vector<ReportRow> out;
  for (const Row& r :
       tx.query(std::string(kReportSelect) + "WHERE case_id = $1 ORDER BY received_at, id",
                params(case_id)))
    out.push_back(report_from_row(r));
  return out;
}

}  // namespace haven::store
