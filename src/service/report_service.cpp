// Intake: child + report + case in one transaction.
#include "service/report_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "domain/case_number.h"
#include "domain/case_types.h"
#include "security/field_cipher.h"
#include "service/case_json.h"
#include "service/custom_fields.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/case_repository.h"
#include "store/repositories/child_repository.h"
#include "store/repositories/report_repository.h"

namespace haven::service {

core::Result<IntakeResult> ReportService::intake(const nlohmann::json& body, const Actor& actor) {
  const core::Timestamp now = clock_.now();
  const core::Date today = core::Date::of(now);
  domain::FieldErrors errors;
  if (!expect_object(body, errors, "body"))
    return core::Error::invalid("Send the report as a JSON object.", errors.errors());

  // Where the case will live: the user's own agency.
  std::string agency_id = actor.agency_id();
  if (!actor.principal && body.contains("agency_id") && body["agency_id"].is_string())
    agency_id = body["agency_id"].get<std::string>();
  std::optional<store::AgencyRow> agency;
  try {
    agency = db_.read([&](store::Tx& tx) { return store::AgencyRepository::find(tx, agency_id); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!agency)
    return core::Error::invalid("Name the agency that receives the report.",
                                {{"agency_id", "No such agency."}});

  // Authorize: creating a report and a case in this agency (and a child, or reading the child).
  if (actor.principal) {
    security::Resource where;
    where.owning_agency_id = agency->id;
    where.country = agency->country;
    where.assigned_worker_id = actor.principal->user_id;
    for (auto kind : {security::ResourceKind::kReport, security::ResourceKind::kCase}) {
      where.kind = kind;
      HAVEN_TRY(
          access_.authorize(*actor.principal, security::Action::kCreate, where, actor.request_id));
    }
  }

  // Validate everything at once.
  const bool existing_child = body.contains("child_id") && !body["child_id"].is_null();
  domain::Child child;
  std::optional<store::ChildRow> existing;
  if (existing_child) {
    if (!body["child_id"].is_string() ||
        !core::is_valid_id(body["child_id"].get_ref<const std::string&>())) {
      errors.add("child_id", "Give the id of a registered child.");
    } else {
      try {
        existing = db_.read([&](store::Tx& tx) {
          return store::ChildRepository::find(tx, body["child_id"].get<std::string>());
        });
      } catch (const store::DbError& e) {
        return store::to_error(e);
      }
      if (!existing) {
        errors.add("child_id", "No such child.");
      } else if (actor.principal) {
        security::Resource r;
        r.kind = security::ResourceKind::kChild;
        r.id = existing->id;
        r.owning_agency_id = existing->agency_id;
        r.country = agency->country;
        HAVEN_TRY(
            access_.authorize(*actor.principal, security::Action::kRead, r, actor.request_id));
      }
    }
  } else if (!body.contains("child")) {
    errors.add("child", "Describe the child, or give child_id for a child already registered.");
  } else {
    child = read_child(body["child"], errors, "child");
    merge(errors, domain::validate_child(child, today), "child");
  }
  static const nlohmann::json kNull;
  const nlohmann::json& report_json_in = body.contains("report") ? body["report"] : kNull;
  if (report_json_in.is_null()) errors.add("report", "Describe the report of concern.");
  domain::Report report = read_report(report_json_in, errors, "report", now);
  if (!report_json_in.is_null()) merge(errors, domain::validate_report(report, now), "report");

  auto field_check = [&](const char* type, const nlohmann::json& holder, const std::string& at) {
    const nlohmann::json& v =
        holder.is_object() && holder.contains("custom_fields") ? holder["custom_fields"] : kNull;
    auto check = forms_.check(agency->country, type, v);
    for (core::FieldError f : check.errors) {
      f.field = at + f.field;
      errors.add(std::move(f));
    }
    return check;
  };
  const CustomFieldsCheck child_fields =
      existing_child
          ? CustomFieldsCheck{}
          : field_check("child", body.contains("child") ? body["child"] : kNull, "child.");
  const CustomFieldsCheck report_fields = field_check("report", report_json_in, "report.");
  const CustomFieldsCheck case_fields = field_check("case", body, "");

  // Blind indexes of identity numbers (fails only on numbers the normaliser cannot read).
  std::vector<std::string> bidx;
  for (size_t i = 0; i < child.identity_numbers.size(); ++i) {
    const auto& n = child.identity_numbers[i];
    auto b = keys_.blind_index(domain::to_code(n.kind), n.value);
    if (!b.ok()) {
      errors.add(domain::indexed_field("child.identity_numbers", i, "value"), b.error().message);
      bidx.emplace_back();
    } else {
      bidx.push_back(*b);
    }
  }
  if (!errors.empty())
    return core::Error::invalid("The report cannot be recorded as given; see the marked fields.",
                                errors.errors());

  IntakeResult out;
  out.report_id = core::new_id(now);
  out.case_id = core::new_id(now);
  out.child_id = existing ? existing->id : core::new_id(now);
  out.new_child = !existing;
  const security::FieldCipher cipher = keys_.cipher();

  try {
    return db_.write([&](store::Tx& tx) -> core::Result<IntakeResult> {
      if (!existing) {
        store::ChildRow row;
        row.id = out.child_id;
        row.agency_id = agency->id;
        row.given_names = child.given_names;
        row.family_names = child.family_names;
        row.names_original_script = child.names_original_script;
        row.other_names = codes_json(child.other_names);
        row.sex = domain::to_code(child.sex);
        if (child.birth_date) row.birth_date = child.birth_date->to_string();
        row.birth_date_estimated = child.birth_date_estimated;
        if (child.birth_date_estimate_basis)
          row.birth_date_estimate_basis =
              std::string(domain::to_code(*child.birth_date_estimate_basis));
        row.nationalities = codes_json(child.nationalities);
        row.stateless = child.stateless;
        row.languages = codes_json(child.languages);
        row.interpreter_needed = child.interpreter_needed;
        if (!child.disabilities.empty()) {
          auto ct = cipher.encrypt(child_json(child)["disabilities"].dump(),
                                   {"children", "disabilities_ct", row.id});
          if (!ct.ok()) return ct.take_error();
          row.disabilities_ct = store::Blob{std::move(*ct)};
        }
        row.migration_status = domain::to_code(child.migration_status);
        row.registered_on = today.to_string();
        row.young_adult_in_aftercare = child.young_adult_in_aftercare;
        row.custom_fields = child_fields.json;
        row.created_by = actor.actor_id();
        row.created_at = now.ms;
        store::ChildRepository::insert(tx, row);
        HAVEN_TRY(seal_custom_fields(tx, cipher, {"child", row.id, ""}, child_fields, now.ms));
        for (size_t i = 0; i < child.identity_numbers.size(); ++i) {
          const auto& n = child.identity_numbers[i];
          store::IdentityNumberRow in;
          in.id = core::new_id(now);
          in.child_id = row.id;
          in.kind = domain::to_code(n.kind);
          in.country = n.country;
          auto ct = cipher.encrypt(n.value, {"identity_numbers", "value_ct", in.id});
          if (!ct.ok()) return ct.take_error();
          in.value_ct = store::Blob{std::move(*ct)};
          in.value_bidx = bidx[i];
          in.created_at = now.ms;
          store::ChildRepository::insert_identity_number(tx, in);
        }
      }

      const int year = core::Date::of(now).year();
      auto number = domain::make_case_number(
          agency->country, year,
          store::CaseRepository::next_case_counter(tx, agency->country, year));
      if (!number.ok()) return number.take_error();
      store::CaseRow c;
      c.id = out.case_id;
      c.case_number = number->to_string();
      c.child_id = out.child_id;
      c.agency_id = agency->id;
      c.status = domain::to_code(domain::CaseStatus::kReported);
      if (actor.principal) c.assigned_worker_id = actor.principal->user_id;
      c.opened_at = now.ms;
      c.created_by = actor.actor_id();
      c.custom_fields = case_fields.json;
      c.urgency = domain::to_code(report.urgency);
      c.reported_at = report.received_at.ms;
      c.status_changed_at = now.ms;
      c.created_at = now.ms;
      store::CaseRepository::insert(tx, c);
      out.case_number = c.case_number;

      store::ReportRow r;
      r.id = out.report_id;
      r.agency_id = agency->id;
      r.received_at = report.received_at.ms;
      r.received_by = actor.principal ? actor.principal->user_id : "";
      r.channel = domain::to_code(report.channel);
      r.reporter_type = domain::to_code(report.reporter_type);
      r.reporter_organisation = report.reporter_organisation;
      r.concern_categories = report_json(report)["concern_categories"].dump();
      if (!report.narrative.empty()) {
        auto ct = cipher.encrypt(report.narrative, {"reports", "narrative_ct", r.id});
        if (!ct.ok()) return ct.take_error();
        r.narrative_ct = store::Blob{std::move(*ct)};
      }
      r.urgency = domain::to_code(report.urgency);
      r.child_id = out.child_id;
      r.case_id = out.case_id;
      r.custom_fields = report_fields.json;
      r.created_by = actor.actor_id();
      r.created_at = now.ms;
      store::ReportRepository::insert(tx, r);

      std::vector<FieldChange> case_changes{
          {"status", std::nullopt, c.status, false},
          {"case_number", std::nullopt, c.case_number, false},
          {"assigned_worker_id", std::nullopt, c.assigned_worker_id, false}};
      HAVEN_TRY(store_custom_fields(tx, cipher, {"case", c.id, c.id}, case_fields, std::nullopt,
                                    now.ms, case_changes));
      HAVEN_TRY(history_.record(tx, actor, {"case", c.id, 1, c.id}, case_changes));
      std::vector<FieldChange> report_changes{
          {"reporter_type", std::nullopt, r.reporter_type, false},
          {"urgency", std::nullopt, r.urgency, false},
          {"narrative", std::nullopt,
           report.narrative.empty() ? std::nullopt : std::optional(report.narrative), true}};
      HAVEN_TRY(store_custom_fields(tx, cipher, {"report", r.id, c.id}, report_fields, std::nullopt,
                                    now.ms, report_changes));
      HAVEN_TRY(history_.record(tx, actor, {"report", r.id, 1, c.id}, report_changes));
      nlohmann::json details{{"case_number", c.case_number}, {"new_child", out.new_child}};
      audit_.record(tx, {actor.actor_id(), actor.role(), agency->id, "report.create", "report",
                         r.id, "case_management", "success", actor.request_id, details.dump()});
      audit_.record(tx, {actor.actor_id(), actor.role(), agency->id, "case.create", "case", c.id,
                         "case_management", "success", actor.request_id, details.dump()});
      return out;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
