// Assembling the subject-access bundle for one child (with third parties redacted) and rendering it
// as a print-friendly HTML summary.
#include "service/export/subject_access.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/id.h"
#include "core/markup.h"
#include "domain/field_errors.h"
#include "security/field_cipher.h"
#include "service/case_record_support.h"
#include "service/custom_fields.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/audit_repository.h"
#include "store/repositories/case_note_repository.h"
#include "store/repositories/child_repository.h"
#include "store/repositories/document_repository.h"
#include "store/repositories/participation_repository.h"
#include "store/repositories/placement_repository.h"
#include "store/repositories/record_history_repository.h"
#include "store/repositories/referral_repository.h"
#include "store/repositories/report_repository.h"
#include "store/repositories/transfer_repository.h"

namespace haven::service {

namespace {

constexpr const char* kWithheld = "[withheld: third party]";
constexpr int kMaxRows = 100000;  // history and access-log rows per record; far above real use

nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
nlohmann::json opt(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(core::to_rfc3339(core::Timestamp{*v})) : nlohmann::json();
}
std::string instant(int64_t ms) {
  return core::to_rfc3339(core::Timestamp{ms});
}
nlohmann::json parse_or_string(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json(text) : j;
}

bool withheld(const SubjectAccessRequest& r, std::string_view part) {
  return std::find(r.withhold.begin(), r.withhold.end(), part) != r.withhold.end();
}

// One of the child's cases, and whether the requester may see it (with the reason if not).
struct HeldCase {
  store::CaseRow row;
  bool allowed = false;
  std::string reason;
};

}  // namespace

core::Result<nlohmann::json> SubjectAccessService::bundle(const std::string& child_id,
                                                          const SubjectAccessRequest& request,
                                                          const Actor& actor) {
  // Validate what the caller asked to withhold.
  domain::FieldErrors errors;
  for (const auto& part : request.withhold) {
    bool known = false;
    for (const char* p : kWithholdableParts) known = known || part == p;
    if (!known)
      errors.add("withhold",
                 "Withhold only reports, assessments, notes, participation, "
                 "documents, history or access_log.");
  }
  if (!request.withhold.empty() && request.legal_basis.size() < 10)
    errors.add("legal_basis", "Name the legal basis for withholding (at least 10 characters).");
  if (request.format != "json" && request.format != "html")
    errors.add("format", "Ask for json or html.");
  if (!errors.empty())
    return core::Error::invalid("The subject-access export cannot be made that way.",
                                errors.errors());
  if (!core::is_valid_id(child_id)) return core::Error::not_found("No such child.");

  // The child and their cases, to describe them to the policy.
  std::optional<store::ChildRow> child;
  std::optional<store::AgencyRow> agency;
  std::vector<HeldCase> cases;
  try {
    db_.read([&](store::Tx& tx) {
      child = store::ChildRepository::find(tx, child_id);
      if (!child) return;
      agency = store::AgencyRepository::find(tx, child->agency_id);
      for (const auto& r : tx.query("SELECT id FROM cases WHERE child_id = $1 ORDER BY opened_at",
                                    store::params(child_id)))
        if (auto c = CaseAccess::load(tx, r.text(0))) cases.push_back({*c, false, {}});
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!child || !agency) return core::Error::not_found("No such child.");

  // The export of the child as a whole: the child's agency, their newest case's worker, team and
  // restriction decide, as for every record about the child.
  if (actor.principal) {
    security::Resource r;
    r.kind = security::ResourceKind::kChild;
    r.id = child->id;
    r.owning_agency_id = child->agency_id;
    r.country = agency->country;
    if (!cases.empty()) {
      const auto& newest = cases.back().row;
      r.assigned_worker_id = newest.assigned_worker_id.value_or("");
      r.team_id = newest.team_id.value_or("");
      if (newest.restricted) r.sensitivity = security::Sensitivity::kRestricted;
    }
    HAVEN_TRY(access_.authorize(*actor.principal, security::Action::kExport, r, actor.request_id));
  }
  // Each case on its own: a restricted case of another team, or one another agency holds, stays
  // out, and the bundle says so (the holder must answer for it).
  for (auto& c : cases) {
    auto allowed = case_access_.authorize(actor, security::Action::kExport, c.row);
    c.allowed = allowed.ok();
    if (!allowed.ok()) c.reason = allowed.error().message;
  }

  const security::FieldCipher cipher = keys_.cipher();
  const core::Timestamp now = clock_.now();
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      nlohmann::json redactions = nlohmann::json::array();
      auto redact = [&](const std::string& what, const std::string& why) {
        redactions.push_back({{"what", what}, {"why", why}});
      };

      // The child, in full: every field is the child's own data.
      nlohmann::json cj{{"id", child->id},
                        {"agency", agency->name},
                        {"given_names", child->given_names},
                        {"family_names", child->family_names},
                        {"names_original_script", child->names_original_script},
                        {"other_names", parse_or_string(child->other_names)},
                        {"sex", child->sex},
                        {"birth_date", opt(child->birth_date)},
                        {"birth_date_estimated", child->birth_date_estimated},
                        {"nationalities", parse_or_string(child->nationalities)},
                        {"stateless", child->stateless},
                        {"languages", parse_or_string(child->languages)},
                        {"interpreter_needed", child->interpreter_needed},
                        {"migration_status", child->migration_status},
                        {"registered_on", opt(child->registered_on)},
                        {"young_adult_in_aftercare", child->young_adult_in_aftercare}};
      auto custom = read_custom_fields(tx, cipher, child->id, child->custom_fields);
      if (!custom.ok()) return custom.take_error();
      cj["custom_fields"] = std::move(*custom);
      auto disabilities =
          decrypt_text(cipher, child->disabilities_ct, "children", "disabilities_ct", child->id);
      if (!disabilities.ok()) return disabilities.take_error();
      cj["disabilities"] =
          disabilities->empty() ? nlohmann::json::array() : parse_or_string(*disabilities);
      nlohmann::json ids = nlohmann::json::array();
      for (const auto& n : store::ChildRepository::identity_numbers(tx, child->id)) {
        auto plain = cipher.decrypt(n.value_ct.bytes, {"identity_numbers", "value_ct", n.id});
        if (!plain.ok()) return plain.take_error();
        ids.push_back({{"kind", n.kind}, {"country", n.country}, {"value", plain->view()}});
      }
      cj["identity_numbers"] = ids;

      // People around the child: their role only. Names, birth dates, contact details and
      // identity numbers of other people are third-party data.
      nlohmann::json relationships = nlohmann::json::array();
      std::map<std::string, std::string> person_labels;
      auto label_of = [&](const std::string& person_id) {
        auto it = person_labels.find(person_id);
        if (it != person_labels.end()) return it->second;
        std::string label = "person " + std::to_string(person_labels.size() + 1);
        person_labels[person_id] = label;
        return label;
      };
      for (const auto& r :
           tx.query("SELECT from_child_id, from_person_id, to_child_id, to_person_id, type, "
                    "legal_guardian, valid_from, valid_to FROM relationships "
                    "WHERE from_child_id = $1 OR to_child_id = $1 ORDER BY created_at, id",
                    store::params(child->id))) {
        const bool from_child = r.opt_text(0) == child->id;
        const auto other_person = from_child ? r.opt_text(3) : r.opt_text(1);
        const auto other_child = from_child ? r.opt_text(2) : r.opt_text(0);
        nlohmann::json rel{{"type", r.text(4)},
                           {"direction", from_child ? "child_to_other" : "other_to_child"},
                           {"legal_guardian", r.boolean(5)},
                           {"valid_from", opt(r.opt_text(6))},
                           {"valid_to", opt(r.opt_text(7))}};
        if (other_person)
          rel["other"] = label_of(*other_person);
        else if (other_child)
          rel["other"] = "another child";
        relationships.push_back(rel);
      }
      if (!person_labels.empty())
        redact("names, birth dates, contact details and identity numbers of " +
                   std::to_string(person_labels.size()) + " related person(s)",
               "Third parties: only their role towards the child is given.");

      // Reports of concern about the child: what was reported, never who reported it.
      nlohmann::json reports = nlohmann::json::array();
      std::vector<std::string> report_ids;
      if (!withheld(request, "reports")) {
        int with_organisation = 0;
        for (const auto& r :
             tx.query("SELECT id FROM reports WHERE child_id = $1 ORDER BY received_at, id",
                      store::params(child->id))) {
          auto rep = store::ReportRepository::find(tx, r.text(0));
          if (!rep) continue;
          auto narrative =
              decrypt_text(cipher, rep->narrative_ct, "reports", "narrative_ct", rep->id);
          if (!narrative.ok()) return narrative.take_error();
          if (!rep->reporter_organisation.empty()) ++with_organisation;
          report_ids.push_back(rep->id);
          reports.push_back({{"id", rep->id},
                             {"case_id", rep->case_id},
                             {"received_at", instant(rep->received_at)},
                             {"channel", rep->channel},
                             {"reporter_type", rep->reporter_type},
                             {"reporter", kWithheld},
                             {"concern_categories", parse_or_string(rep->concern_categories)},
                             {"narrative", *narrative},
                             {"urgency", rep->urgency},
                             {"status", rep->status}});
        }
        redact("the identity, contact details and organisation of every reporter",
               "Third parties: a reporter's identity is protected; the kind of reporter is given.");
      }

      // Every case the actor may export, with every record under it.
      nlohmann::json case_list = nlohmann::json::array();
      nlohmann::json withheld_cases = nlohmann::json::array();
      std::vector<std::string> exported_case_ids;
      std::set<std::string> redacted_placement_kinds;
      bool support_person_redacted = false;
      for (const auto& ref : cases) {
        if (!ref.allowed) {
          withheld_cases.push_back({{"case_number", ref.row.case_number},
                                    {"opened_at", instant(ref.row.opened_at)},
                                    {"reason", ref.reason}});
          continue;
        }
        const auto& c = ref.row;
        auto view = cases_.view(tx, c, actor);
        if (!view.ok()) return view.take_error();
        nlohmann::json j = std::move(*view);
        j.erase("available_actions");
        j.erase("tasks");
        j.erase("reports");  // listed once, redacted, at the top
        j.erase("child");
        if (withheld(request, "assessments")) j.erase("assessments");
        exported_case_ids.push_back(c.id);

        nlohmann::json referrals = nlohmann::json::array();
        for (const auto& r : store::ReferralRepository::for_case(tx, c.id))
          referrals.push_back({{"id", r.id},
                               {"service_type", r.service_type},
                               {"provider", r.provider},
                               {"status", r.status},
                               {"referred_on", opt(r.referred_on)},
                               {"consent_required", r.consent_required},
                               {"consent_given_by", opt(r.consent_given_by)},
                               {"consent_given_on", opt(r.consent_given_on)},
                               {"override_reason", opt(r.override_reason)},
                               {"notes", r.notes}});
        j["referrals"] = referrals;

        // Foster and kinship carers are private people: their names stay out.
        nlohmann::json placements = nlohmann::json::array();
        std::set<std::string> private_placements;
        for (const auto& p : store::PlacementRepository::for_case(tx, c.id)) {
          const bool private_carer = p.type == "foster_care" || p.type == "kinship_care";
          if (private_carer) {
            redacted_placement_kinds.insert(p.type);
            private_placements.insert(p.id);
          }
          placements.push_back(
              {{"id", p.id},
               {"type", p.type},
               {"provider", private_carer ? nlohmann::json(kWithheld) : nlohmann::json(p.provider)},
               {"start_on", p.start_on},
               {"end_on", opt(p.end_on)},
               {"entry_reasons", p.entry_reasons},
               {"reason", p.reason},
               {"exit_destination", opt(p.exit_destination)},
               {"end_reason", p.end_reason},
               {"review_dates", parse_or_string(p.review_dates)}});
        }
        j["placements"] = placements;

        if (!withheld(request, "participation")) {
          nlohmann::json participation = nlohmann::json::array();
          for (const auto& p : store::ParticipationRepository::for_case(tx, c.id)) {
            auto views =
                decrypt_text(cipher, p.views_ct, "participation_records", "views_ct", p.id);
            if (!views.ok()) return views.take_error();
            if (!p.support_person.empty()) support_person_redacted = true;
            participation.push_back(
                {{"id", p.id},
                 {"stage", p.stage},
                 {"decision", p.decision},
                 {"offered_on", opt(p.offered_on)},
                 {"setting", p.setting},
                 {"support_person",
                  p.support_person.empty() ? nlohmann::json() : nlohmann::json(kWithheld)},
                 {"interpreter_language", p.interpreter_language},
                 {"accessible_format", opt(p.accessible_format)},
                 {"views", *views},
                 {"declined", p.declined},
                 {"decision_maker", p.decision_maker},
                 {"weight_given", p.weight_given},
                 {"feedback_given_on", opt(p.feedback_given_on)},
                 {"feedback_how", p.feedback_how}});
          }
          j["participation"] = participation;
          nlohmann::json information = nlohmann::json::array();
          for (const auto& i : store::ParticipationRepository::information_for_case(tx, c.id))
            information.push_back(
                {{"id", i.id},
                 {"given_on", i.given_on},
                 {"stage", i.stage},
                 {"what", i.what},
                 {"language", i.language},
                 {"format", i.format},
                 {"recipient", i.recipient_person_id
                                   ? nlohmann::json(label_of(*i.recipient_person_id))
                                   : nlohmann::json("the child")}});
          j["information_given"] = information;
        }

        if (!withheld(request, "notes")) {
          nlohmann::json notes = nlohmann::json::array();
          for (const auto& n : store::CaseNoteRepository::for_case(tx, c.id)) {
            auto body = decrypt_text(cipher, n.body_ct, "case_notes", "body_ct", n.id);
            if (!body.ok()) return body.take_error();
            notes.push_back({{"id", n.id},
                             {"written_at", instant(n.written_at)},
                             {"occurred_on", opt(n.occurred_on)},
                             {"author", n.created_by},
                             {"body", *body}});
          }
          j["notes"] = notes;
        }

        if (!withheld(request, "documents")) {
          nlohmann::json documents = nlohmann::json::array();
          for (const auto& d : store::DocumentRepository::for_case(tx, c.id))
            documents.push_back({{"id", d.id},
                                 {"document_type", d.document_type},
                                 {"file_name", d.original_name},
                                 {"media_type", d.media_type},
                                 {"size_bytes", d.size_bytes},
                                 {"uploaded_at", instant(d.uploaded_at)}});
          j["documents"] = documents;
        }

        nlohmann::json transfers = nlohmann::json::array();
        for (const auto& t : store::TransferRepository::for_case(tx, c.id))
          transfers.push_back({{"from_agency", t.from_agency_name},
                               {"to_agency", t.to_agency_name},
                               {"requested_at", instant(t.requested_at)},
                               {"state", t.state},
                               {"decided_at", opt(t.decided_at)}});
        j["transfers"] = transfers;

        // The history of the case and its records: clear values as recorded; protected values
        // (encrypted fields) only as "changed", since they may hold third-party details.
        if (!withheld(request, "history")) {
          nlohmann::json history = nlohmann::json::array();
          for (const auto& h : store::RecordHistoryRepository::for_case(tx, c.id, kMaxRows)) {
            if (h.entity == "person" || h.entity == "report") continue;
            // The same third parties as in the records: private carers, support persons.
            const bool third_party =
                (h.entity == "placement" && h.field == "provider" &&
                 private_placements.count(h.entity_id)) ||
                (h.entity == "participation_record" && h.field == "support_person");
            const bool protected_value = h.old_value_ct || h.new_value_ct;
            history.push_back({{"record", h.entity},
                               {"record_id", h.entity_id},
                               {"field", h.field},
                               {"old_value", third_party       ? nlohmann::json(kWithheld)
                                             : protected_value ? nlohmann::json("[protected value]")
                                                               : opt(h.old_value)},
                               {"new_value", third_party       ? nlohmann::json(kWithheld)
                                             : protected_value ? nlohmann::json("[protected value]")
                                                               : opt(h.new_value)},
                               {"changed_by", h.changed_by},
                               {"changed_at", instant(h.changed_at)}});
          }
          j["history"] = history;
        }
        case_list.push_back(std::move(j));
      }
      if (!redacted_placement_kinds.empty())
        redact("the names of foster and kinship carers",
               "Third parties: private carers are named only by the kind of placement.");
      if (support_person_redacted)
        redact("the names of support persons at participation meetings",
               "Third parties: the support person's presence is given, not their name.");

      // Who read, changed and disclosed the child's records: the audit events about the child, each
      // exported case and each report (staff act in their official capacity and are named by id).
      nlohmann::json access_log = nlohmann::json::array();
      if (!withheld(request, "access_log")) {
        std::vector<store::AuditRow> events;
        auto add = [&](const char* entity, const std::string& id) {
          auto rows = store::AuditRepository::by_entity(tx, entity, id, kMaxRows);
          events.insert(events.end(), rows.begin(), rows.end());
        };
        add("child", child->id);
        for (const auto& id : exported_case_ids) add("case", id);
        for (const auto& id : report_ids) add("report", id);
        std::sort(events.begin(), events.end(),
                  [](const auto& a, const auto& b) { return a.seq < b.seq; });
        for (const auto& e : events)
          access_log.push_back({{"at", instant(e.at)},
                                {"actor_id", e.actor_id},
                                {"role", e.role},
                                {"agency_id", e.agency_id},
                                {"action", e.action},
                                {"record", e.entity},
                                {"record_id", e.entity_id},
                                {"purpose", e.purpose},
                                {"outcome", e.outcome}});
      }

      nlohmann::json restrictions = nlohmann::json::array();
      for (const auto& part : request.withhold)
        restrictions.push_back({{"part", part}, {"legal_basis", request.legal_basis}});

      nlohmann::json bundle{{"format", "haven.subject_access.v1"},
                            {"generated_at", instant(now.ms)},
                            {"generated_by",
                             {{"user_id", actor.actor_id()},
                              {"role", actor.role()},
                              {"agency_id", actor.agency_id()}}},
                            {"child", cj},
                            {"relationships", relationships},
                            {"reports", reports},
                            {"cases", case_list},
                            {"withheld_cases", withheld_cases},
                            {"access_log", access_log},
                            {"redactions", redactions},
                            {"restrictions", restrictions}};

      nlohmann::json details{{"format", request.format},
                             {"cases", exported_case_ids.size()},
                             {"withheld_cases", withheld_cases.size()},
                             {"redactions", redactions.size()}};
      if (!request.withhold.empty()) details["restrictions"] = restrictions;
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "child.subject_access",
                         "child", child->id, "subject_access_disclosure", "success",
                         actor.request_id, details.dump()});
      return bundle;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

// ---- HTML summary -----------------------------------------------------------------------------

namespace {

std::string escape(std::string_view s) {
  return core::escape_markup(s);
}

std::string label(std::string key) {
  std::replace(key.begin(), key.end(), '_', ' ');
  if (!key.empty() && key[0] >= 'a' && key[0] <= 'z') key[0] = static_cast<char>(key[0] - 32);
  return escape(key);
}

std::string scalar(const nlohmann::json& v) {
  if (v.is_null()) return "<span class=\"none\">—</span>";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_string()) return escape(v.get<std::string>());
  return escape(v.dump());
}

void render(std::string& out, const nlohmann::json& v);

void render_object(std::string& out, const nlohmann::json& o) {
  out += "<dl>";
  for (const auto& [k, v] : o.items()) {
    out += "<dt>" + label(k) + "</dt><dd>";
    render(out, v);
    out += "</dd>";
  }
  out += "</dl>";
}

void render(std::string& out, const nlohmann::json& v) {
  if (v.is_object()) {
    if (v.empty()) {
      out += "<span class=\"none\">—</span>";
      return;
    }
    render_object(out, v);
  } else if (v.is_array()) {
    if (v.empty()) {
      out += "<span class=\"none\">none</span>";
      return;
    }
    bool scalars =
        std::all_of(v.begin(), v.end(), [](const auto& e) { return !e.is_structured(); });
    if (scalars) {
      std::string joined;
      for (const auto& e : v) joined += (joined.empty() ? "" : ", ") + scalar(e);
      out += joined;
      return;
    }
    for (const auto& e : v) {
      out += "<div class=\"item\">";
      render(out, e);
      out += "</div>";
    }
  } else {
    out += scalar(v);
  }
}

void section(std::string& out, const char* title, const nlohmann::json& v) {
  out += "<section><h2>" + escape(title) + "</h2>";
  render(out, v);
  out += "</section>";
}

}  // namespace

std::string SubjectAccessService::render_html(const nlohmann::json& b) {
  std::string out =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Subject access export</title><style>"
      "body{font:11pt/1.4 system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;"
      "color:#111}h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #999;"
      "margin-top:2rem}h3{font-size:1.05rem}dl{display:grid;grid-template-columns:14rem 1fr;"
      "gap:.15rem .75rem;margin:.25rem 0}dt{font-weight:600;color:#333}dd{margin:0}"
      ".item{border:1px solid #ccc;border-radius:4px;padding:.4rem .6rem;margin:.4rem 0;"
      "break-inside:avoid}.none{color:#777}.notice{border-left:4px solid #a60;padding:.4rem .8rem;"
      "background:#fff6e5}@media print{body{margin:0;max-width:none;font-size:10pt}"
      "section{break-inside:auto}h2{break-after:avoid}}"
      "</style></head><body>";
  const auto& child = b.value("child", nlohmann::json::object());
  out += "<h1>Subject access export: " +
         escape(child.value("given_names", "") + " " + child.value("family_names", "")) + "</h1>";
  out += "<p>Everything haven holds about this child, generated " +
         escape(b.value("generated_at", "")) + " by user " +
         escape(b["generated_by"].value("user_id", "")) + " (" +
         escape(b["generated_by"].value("role", "")) +
         "). Details of other people are redacted as listed below.</p>";
  if (!b.value("redactions", nlohmann::json::array()).empty()) {
    out += "<div class=\"notice\"><strong>Redacted</strong><ul>";
    for (const auto& r : b["redactions"])
      out += "<li>" + escape(r.value("what", "")) + " — " + escape(r.value("why", "")) + "</li>";
    out += "</ul></div>";
  }
  if (!b.value("restrictions", nlohmann::json::array()).empty()) {
    out += "<div class=\"notice\"><strong>Withheld under a legal restriction</strong><ul>";
    for (const auto& r : b["restrictions"])
      out += "<li>" + label(r.value("part", "")) + " — " + escape(r.value("legal_basis", "")) +
             "</li>";
    out += "</ul></div>";
  }
  section(out, "The child", child);
  section(out, "Relationships", b.value("relationships", nlohmann::json::array()));
  section(out, "Reports of concern", b.value("reports", nlohmann::json::array()));
  out += "<section><h2>Cases</h2>";
  for (const auto& c : b.value("cases", nlohmann::json::array())) {
    out += "<h3>Case " + escape(c.value("case_number", "")) + "</h3>";
    render(out, c);
  }
  if (b.value("cases", nlohmann::json::array()).empty()) out += "<p class=\"none\">none</p>";
  out += "</section>";
  if (!b.value("withheld_cases", nlohmann::json::array()).empty())
    section(out, "Cases not included (held elsewhere or restricted)", b["withheld_cases"]);
  section(out, "Who accessed and disclosed the records",
          b.value("access_log", nlohmann::json::array()));
  out += "</body></html>";
  return out;
}

}  // namespace haven::service
