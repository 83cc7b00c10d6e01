// Barnahus cases: authorize (security::decide through AccessService, with the Barnahus resource
// fields) → validate (domain/barnahus.h) → one transaction (rows and their audit event) → answer.
// Reads are audited after they are made; refusals by AccessService.
#include "service/barnahus_service.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "core/id.h"
#include "core/utf8.h"
#include "domain/person_types.h"
#include "service/case_json.h"
#include "service/case_record_support.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/case_repository.h"
#include "store/repositories/child_repository.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

using security::Action;
using security::ResourceKind;
using store::BarnahusRepository;
using store::BarnahusScope;

namespace {

constexpr const char* kPurpose = "barnahus";
constexpr const char* kLawEnforcementTable = "barnahus_law_enforcement_records";
constexpr const char* kBodyColumn = "body_ct";

std::optional<std::string> nullable(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// The policy's view of a case (its core), or of a record under it: `part` for the shared parts,
// `agency` the agency that recorded (or will record) it, `shared_with` for police and prosecutor
// records.
security::Resource resource_of(const store::BarnahusCaseRow& c,
                               ResourceKind kind = ResourceKind::kBarnahusCase,
                               const std::string& part = {}, const std::string& agency = {},
                               const std::string& record_id = {},
                               std::vector<std::string> shared_with = {}) {
  security::Resource r;
  r.kind = kind;
  r.id = record_id.empty() ? c.id : record_id;
  r.owning_agency_id = agency.empty() ? c.barnahus_agency_id : agency;
  r.country = c.country;
  r.created_by = c.created_by;
  r.barnahus_case_id = c.id;
  r.barnahus_agency_id = c.barnahus_agency_id;
  r.barnahus_part = part;
  r.shared_with = std::move(shared_with);
  return r;
}

// A Barnahus as a whole (its alerts, training records): what its coordinators may see.
security::Resource barnahus_resource(const std::string& agency_id, const std::string& country) {
  security::Resource r;
  r.kind = ResourceKind::kBarnahusCase;
  r.id = agency_id;
  r.owning_agency_id = agency_id;
  r.barnahus_agency_id = agency_id;
  r.country = country;
  return r;
}

core::Date referred_on(const store::BarnahusCaseRow& c) {
  return core::Date::of(core::Timestamp{c.referred_at});
}

core::Error no_such_case() {
  return core::Error::not_found("No such Barnahus case.");
}

core::Error closed_case() {
  return core::Error::conflict("The Barnahus case is closed; nothing more can be recorded on it.");
}

core::Status invalid(const domain::FieldErrors& errors, const char* what) {
  return errors.status(std::string("The ") + what + " needs correcting; see the marked fields.");
}

std::optional<core::Date> date_of(const std::optional<std::string>& text) {
  return parse_stored_date(text);
}

// The progress the deadlines depend on, from a case's records.
domain::BarnahusProgress progress_of(const store::BarnahusCaseRow& c,
                                     const std::vector<store::BarnahusInterviewRow>& interviews,
                                     const std::vector<store::BarnahusMedicalExamRow>& exams,
                                     const std::vector<store::BarnahusTherapyRow>& therapy) {
  domain::BarnahusProgress p;
  p.referred_at = core::Timestamp{c.referred_at};
  auto earliest = [](std::optional<core::Date>& slot, std::optional<core::Date> d) {
    if (d && (!slot || *d < *slot)) slot = d;
  };
  for (const auto& i : interviews)
    if (i.barnahus_case_id == c.id) earliest(p.first_interview_on, date_of(i.interviewed_on));
  for (const auto& e : exams) {
    if (e.barnahus_case_id != c.id) continue;
    if (e.acute) p.medical_exam_acute = true;
    if (e.done) earliest(p.medical_exam_on, date_of(e.examined_on));
  }
  for (const auto& t : therapy)
    if (t.barnahus_case_id == c.id && t.service == "mental_health_assessment" &&
        t.recipient == "child")
      earliest(p.assessment_on, date_of(t.started_on));
  return p;
}

std::string child_name_of(store::Tx& tx, const std::string& child_id) {
  auto child = store::ChildRepository::find(tx, child_id);
  if (!child) return "";
  if (child->family_names.empty()) return child->given_names;
  return child->given_names + " " + child->family_names;
}

// A kNotFound that only hides the caller's own lack of a Barnahus (no case is concealed) reads
// better as the policy's refusal.
core::Status coordinators_only(core::Status s) {
  if (s.ok() || s.error().code != core::ErrorCode::kNotFound) return s;
  return core::Error::forbidden("Only the coordinators of a Barnahus may do that.");
}

}  // namespace

core::Status BarnahusService::authorize(const Actor& actor, Action action,
                                        const security::Resource& resource) {
  if (!actor.principal) return core::ok_status();
  return access_.authorize(*actor.principal, action, resource, actor.request_id);
}

bool BarnahusService::may(const Actor& actor, Action action,
                          const security::Resource& resource) const {
  return !actor.principal || access_.check(*actor.principal, action, resource).allowed;
}

void BarnahusService::audit(store::Tx& tx, const Actor& actor, const std::string& action,
                            const std::string& entity, const std::string& entity_id,
                            const std::string& details) {
  audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), action, entity, entity_id,
                     kPurpose, "success", actor.request_id, details});
}

core::Status BarnahusService::audit_now(const Actor& actor, const std::string& action,
                                        const std::string& entity, const std::string& entity_id,
                                        const std::string& details) {
  return audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), action, entity,
                        entity_id, kPurpose, "success", actor.request_id, details});
}

core::Result<store::BarnahusCaseRow> BarnahusService::load_and_authorize(
    const Actor& actor, const std::string& barnahus_case_id, Action action, ResourceKind kind,
    const std::string& part) {
  if (!core::is_valid_id(barnahus_case_id)) return no_such_case();
  auto c = read_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusCaseRow> {
    auto row = BarnahusRepository::find_case(tx, barnahus_case_id);
    if (!row) return no_such_case();
    return *row;
  });
  if (!c.ok()) return c;
  // Knowing of the case at all (its core): the coordinators and the invited. A stranger is told
  // nothing more, whatever they asked for.
  HAVEN_TRY(authorize(actor, Action::kRead, resource_of(*c)));
  if (action != Action::kRead || kind != ResourceKind::kBarnahusCase || !part.empty()) {
    const std::string agency =
        action == Action::kCreate && actor.principal ? actor.principal->agency_id : "";
    HAVEN_TRY(authorize(actor, action, resource_of(*c, kind, part, agency)));
  }
  return c;
}

core::Status BarnahusService::authorize_on_case(const Actor& actor,
                                                const std::string& barnahus_case_id, Action action,
                                                ResourceKind kind, const std::string& part) {
  auto c = load_and_authorize(actor, barnahus_case_id, action, kind, part);
  if (!c.ok()) return c.take_error();
  return core::ok_status();
}

template <class Row, class Insert>
core::Result<Row> BarnahusService::write_record(const Actor& actor, const store::BarnahusCaseRow& c,
                                                Row row, const char* entity, Insert&& insert,
                                                const std::string& details) {
  const auto now = clock_.now();
  row.id = core::new_id(now);
  row.barnahus_case_id = c.id;
  row.agency_id = actor.principal ? actor.principal->agency_id : c.barnahus_agency_id;
  row.created_by = actor.actor_id();
  row.version = 1;
  row.created_at = row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<Row> {
    auto current = BarnahusRepository::find_case(tx, c.id);
    if (!current) return no_such_case();
    if (current->status != "open") return closed_case();
    HAVEN_TRY(insert(tx, row));
    audit(tx, actor, std::string(entity) + ".create", entity, row.id, details);
    return row;
  });
}

core::Status BarnahusService::authorize_open_case(const Actor& actor) {
  if (!actor.principal) return core::ok_status();
  const auto& p = *actor.principal;
  return coordinators_only(
      authorize(actor, Action::kCreate, barnahus_resource(p.agency_id, p.country)));
}

core::Result<store::BarnahusCaseRow> BarnahusService::create_case(const Actor& actor,
                                                                  BarnahusCaseInput in) {
  const auto now = clock_.now();
  const core::Date today = core::Date::of(now);
  std::string barnahus = actor.principal ? actor.principal->agency_id : in.barnahus_agency_id;
  HAVEN_TRY(authorize_open_case(actor));

  domain::FieldErrors errors;
  merge(errors, domain::validate_barnahus_case(in.details, now));
  if (in.child_id.empty() == !in.new_child.has_value())
    errors.add("child_id", "Name a known child (child_id) or register one (child), not both.");
  errors.id("child_id", in.child_id, domain::Presence::kOptional);
  errors.id("case_id", in.case_id, domain::Presence::kOptional);
  if (in.new_child) {
    merge(errors, domain::validate_child(*in.new_child, today), "child");
    if (!in.new_child->identity_numbers.empty() || !in.new_child->disabilities.empty())
      errors.add("child", "Record identity numbers and disabilities on the child's own record.");
  }
  HAVEN_TRY(invalid(errors, "Barnahus case"));

  store::BarnahusCaseRow row;
  row.id = core::new_id(now);
  row.barnahus_agency_id = barnahus;
  row.violence_types = codes_json(in.details.violence_types);
  row.child_role = in.details.child_role;
  row.referred_by = in.details.referred_by;
  row.referred_by_agency_id = nullable(in.details.referred_by_agency_id);
  row.referred_at = in.details.referred_at.ms;
  row.contact_person = in.details.contact_person;
  row.contact_person_user_id = nullable(in.details.contact_person_user_id);
  row.created_by = actor.actor_id();
  row.created_at = row.updated_at = now.ms;

  return write_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusCaseRow> {
    auto agency = store::AgencyRepository::find(tx, barnahus);
    if (!agency || agency->kind != "barnahus")
      return core::Error::invalid("Cases are opened for a Barnahus.",
                                  {{"barnahus_agency_id", "Name a Barnahus agency."}});
    row.country = agency->country;
    domain::FieldErrors refs;
    if (in.new_child) {
      const domain::Child& child = *in.new_child;
      store::ChildRow c;
      c.id = core::new_id(now);
      c.agency_id = barnahus;
      c.given_names = child.given_names;
      c.family_names = child.family_names;
      c.names_original_script = child.names_original_script;
      c.other_names = codes_json(child.other_names);
      c.sex = std::string(domain::to_code(child.sex));
      if (child.birth_date) c.birth_date = child.birth_date->to_string();
      c.birth_date_estimated = child.birth_date_estimated;
      if (child.birth_date_estimate_basis)
        c.birth_date_estimate_basis =
            std::string(domain::to_code(*child.birth_date_estimate_basis));
      c.nationalities = codes_json(child.nationalities);
      c.stateless = child.stateless;
      c.languages = codes_json(child.languages);
      c.interpreter_needed = child.interpreter_needed;
      c.registered_on = today.to_string();
      c.created_by = actor.actor_id();
      c.created_at = c.updated_at = now.ms;
      store::ChildRepository::insert(tx, c);
      row.child_id = c.id;
    } else {
      auto child = store::ChildRepository::find(tx, in.child_id);
      auto owner = child ? store::AgencyRepository::find(tx, child->agency_id) : std::nullopt;
      if (!child || !owner || owner->country != row.country || child->merged_into)
        refs.add("child_id", "No child with this id is registered in " + row.country + ".");
      row.child_id = in.child_id;
    }
    if (!in.case_id.empty()) {
      auto c = store::CaseRepository::find(tx, in.case_id);
      if (!c || c->child_id != row.child_id)
        refs.add("case_id", "No child protection case of this child has this id.");
      row.case_id = in.case_id;
    }
    for (const auto& [field, id] : {std::pair<const char*, std::string>{
             "referred_by_agency_id", in.details.referred_by_agency_id}}) {
      if (!id.empty() && !store::AgencyRepository::find(tx, id))
        refs.add(field, "No agency has this id.");
    }
    if (!in.details.contact_person_user_id.empty() &&
        !store::UserRepository::find(tx, in.details.contact_person_user_id))
      refs.add("contact_person_user_id", "No user has this id.");
    HAVEN_TRY(invalid(refs, "Barnahus case"));
    BarnahusRepository::insert_case(tx, row);
    audit(tx, actor, "barnahus_case.create", "barnahus_case", row.id,
          nlohmann::json{{"child_id", row.child_id},
                         {"new_child", in.new_child.has_value()},
                         {"referred_by", row.referred_by},
                         {"violence_types", in.details.violence_types}}
              .dump());
    return row;
  });
}

core::Result<std::vector<store::BarnahusCaseRow>> BarnahusService::list_cases(const Actor& actor,
                                                                              bool include_closed) {
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::BarnahusCaseRow>> {
    std::vector<store::BarnahusCaseRow> out;
    if (!actor.principal) return out;
    const auto& p = *actor.principal;
    if (p.role == security::Role::kBarnahusCoordinator)
      out = BarnahusRepository::cases(
          tx, BarnahusScope::of_barnahus(p.agency_id, 0, std::numeric_limits<int64_t>::max(),
                                         !include_closed));
    for (const auto& [id, invitation] : p.barnahus_invitations) {
      if (std::any_of(out.begin(), out.end(), [&](const auto& c) { return c.id == id; })) continue;
      auto c = BarnahusRepository::find_case(tx, id);
      if (c && (include_closed || c->status == "open")) out.push_back(*c);
    }
    return out;
  });
  if (!rows.ok()) return rows;
  std::vector<store::BarnahusCaseRow> visible;
  for (auto& c : *rows)
    if (may(actor, Action::kRead, resource_of(c))) visible.push_back(std::move(c));
  std::sort(visible.begin(), visible.end(),
            [](const auto& a, const auto& b) { return a.referred_at > b.referred_at; });
  HAVEN_TRY(audit_now(actor, "barnahus_case.list", "barnahus_case", "",
                      nlohmann::json{{"count", visible.size()}}.dump()));
  return visible;
}

core::Result<BarnahusLawEnforcementView> BarnahusService::view_of(
    const store::BarnahusLawEnforcementRow& row) {
  BarnahusLawEnforcementView v;
  v.row = row;
  v.row.body_ct = {};
  v.shared_with = codes_from_json(row.shared_with);
  auto body =
      keys_.cipher().decrypt(row.body_ct.bytes, {kLawEnforcementTable, kBodyColumn, row.id});
  if (!body.ok()) return body.take_error();
  v.body = std::string(body->view());
  return v;
}

core::Result<BarnahusTimeline> BarnahusService::timeline(const Actor& actor,
                                                         const std::string& barnahus_case_id) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kRead, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  BarnahusTimeline t;
  auto read = read_tx(db_, [&](store::Tx& tx) -> core::Status {
    const auto scope = BarnahusScope::one_case(c->id);
    auto current = BarnahusRepository::find_case(tx, c->id);
    if (!current) return no_such_case();
    t.barnahus_case = *current;
    t.child_name = child_name_of(tx, current->child_id);
    t.members = BarnahusRepository::members(tx, c->id);
    t.parties = BarnahusRepository::parties(tx, scope);
    t.meetings = BarnahusRepository::meetings(tx, scope);
    t.interviews = BarnahusRepository::interviews(tx, scope);
    t.medical_exams = BarnahusRepository::medical_exams(tx, scope);
    t.therapy = BarnahusRepository::therapy(tx, scope);
    t.court_dates = BarnahusRepository::court_dates(tx, scope);
    t.information = BarnahusRepository::information(tx, scope);
    for (auto& le : BarnahusRepository::law_enforcement(tx, scope)) {
      if (!may(actor, Action::kRead,
               resource_of(t.barnahus_case, ResourceKind::kBarnahusLawEnforcementRecord, "",
                           le.agency_id, le.id, codes_from_json(le.shared_with)))) {
        ++t.withheld_records;
        continue;
      }
      auto v = view_of(le);
      if (!v.ok()) return v.take_error();
      t.law_enforcement.push_back(std::move(*v));
    }
    return core::ok_status();
  });
  if (!read.ok()) return read.take_error();
  t.deadlines = domain::barnahus_deadlines(
      policies_.for_country(t.barnahus_case.country),
      progress_of(t.barnahus_case, t.interviews, t.medical_exams, t.therapy), clock_.now());

  // Leave out the parts not shared with the reader (the dates behind the deadlines are the core).
  auto keep = [&](auto& rows, const char* part) {
    auto end = std::remove_if(rows.begin(), rows.end(), [&](const auto& r) {
      return !may(actor, Action::kRead,
                  resource_of(t.barnahus_case, ResourceKind::kBarnahusCase, part, r.agency_id));
    });
    t.withheld_records += static_cast<int>(rows.end() - end);
    rows.erase(end, rows.end());
  };
  keep(t.interviews, "interview");
  keep(t.medical_exams, "medical");
  keep(t.therapy, "therapy");
  keep(t.court_dates, "court");

  HAVEN_TRY(audit_now(actor, "barnahus_case.read", "barnahus_case", c->id,
                      nlohmann::json{{"law_enforcement_records", t.law_enforcement.size()},
                                     {"withheld_records", t.withheld_records}}
                          .dump()));
  return t;
}

core::Result<store::BarnahusCaseRow> BarnahusService::close_case(
    const Actor& actor, const std::string& barnahus_case_id, int64_t version) {
  auto c = load_and_authorize(actor, barnahus_case_id, Action::kTransition,
                              ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c;
  const auto now = clock_.now();
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusCaseRow> {
    auto current = BarnahusRepository::find_case(tx, c->id);
    if (!current) return no_such_case();
    if (current->status != "open") return closed_case();
    if (current->version != version || !BarnahusRepository::close_case(tx, c->id, version, now.ms))
      return record_conflict("The Barnahus case", current->version);
    audit(tx, actor, "barnahus_case.close", "barnahus_case", c->id, "{}");
    return *BarnahusRepository::find_case(tx, c->id);
  });
}

core::Result<store::BarnahusMemberRow> BarnahusService::invite(const Actor& actor,
                                                               const std::string& barnahus_case_id,
                                                               domain::BarnahusInvite invite) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kInvite, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_barnahus_invite(invite));
  const auto now = clock_.now();
  store::BarnahusMemberRow row;
  row.id = core::new_id(now);
  row.barnahus_case_id = c->id;
  row.user_id = nullable(invite.user_id);
  row.agency_id = nullable(invite.agency_id);
  row.shared_parts = codes_json(invite.shared_parts);
  row.invited_by = actor.actor_id();
  row.invited_at = row.created_at = row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusMemberRow> {
    auto current = BarnahusRepository::find_case(tx, c->id);
    if (!current) return no_such_case();
    if (current->status != "open") return closed_case();
    std::string agency_id = invite.agency_id;
    if (!invite.user_id.empty()) {
      auto user = store::UserRepository::find(tx, invite.user_id);
      if (!user || user->status != "active")
        return core::Error::invalid("The invitation needs correcting; see the marked fields.",
                                    {{"user_id", "No active user has this id."}});
      agency_id = user->agency_id;
    }
    auto agency = store::AgencyRepository::find(tx, agency_id);
    if (!agency || agency->country != current->country)
      return core::Error::invalid(
          "The invitation needs correcting; see the marked fields.",
          {{invite.user_id.empty() ? "agency_id" : "user_id",
            "Only users and agencies of " + current->country + " can be invited."}});
    for (const auto& m : BarnahusRepository::members(tx, c->id)) {
      if (m.revoked_at) continue;
      if ((row.user_id && m.user_id == row.user_id) ||
          (row.agency_id && m.agency_id == row.agency_id))
        return core::Error::conflict("Already invited to this Barnahus case.");
    }
    BarnahusRepository::insert_member(tx, row);
    audit(tx, actor, "barnahus_member.invite", "barnahus_case", c->id,
          nlohmann::json{{"member_id", row.id},
                         {"user_id", invite.user_id},
                         {"agency_id", invite.agency_id},
                         {"shared_parts", invite.shared_parts}}
              .dump());
    return row;
  });
}

core::Result<store::BarnahusMemberRow> BarnahusService::revoke_invitation(
    const Actor& actor, const std::string& barnahus_case_id, const std::string& member_id,
    int64_t version) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kInvite, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  if (!core::is_valid_id(member_id))
    return core::Error::not_found("No such invitation to this Barnahus case.");
  const auto now = clock_.now();
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusMemberRow> {
    auto current = BarnahusRepository::find_case(tx, c->id);
    if (!current) return no_such_case();
    if (current->status != "open") return closed_case();
    std::optional<store::BarnahusMemberRow> member;
    for (auto& m : BarnahusRepository::members(tx, c->id))
      if (m.id == member_id) member = std::move(m);
    if (!member) return core::Error::not_found("No such invitation to this Barnahus case.");
    if (member->revoked_at) return core::Error::conflict("This invitation was already revoked.");
    if (member->version != version ||
        !BarnahusRepository::revoke_member(tx, member_id, version, now.ms))
      return record_conflict("The invitation", member->version);
    audit(tx, actor, "barnahus_member.revoke", "barnahus_case", c->id,
          nlohmann::json{{"member_id", member_id},
                         {"user_id", member->user_id.value_or("")},
                         {"agency_id", member->agency_id.value_or("")}}
              .dump());
    member->revoked_at = now.ms;
    member->updated_at = now.ms;
    member->version = version + 1;
    return *member;
  });
}

core::Result<BarnahusDirectory> BarnahusService::directory(const Actor& actor) {
  std::string country;
  if (actor.principal) {
    const auto& p = *actor.principal;
    if (p.role != security::Role::kBarnahusCoordinator && p.barnahus_invitations.empty())
      return core::Error::forbidden(
          "Only Barnahus coordinators and members of a Barnahus team see its directory.");
    country = p.country;
  }
  return read_tx(db_, [&](store::Tx& tx) -> core::Result<BarnahusDirectory> {
    BarnahusDirectory d;
    std::set<std::string> agencies;
    for (auto& a : store::AgencyRepository::list(tx)) {
      if ((!country.empty() && a.country != country) || a.status != "active") continue;
      agencies.insert(a.id);
      d.agencies.push_back(std::move(a));
    }
    for (const auto& u : store::UserRepository::list(tx)) {
      if (u.status != "active" || agencies.count(u.agency_id) == 0) continue;
      d.people.push_back({u.id, u.display_name.empty() ? u.username : u.display_name, u.agency_id});
    }
    std::sort(d.agencies.begin(), d.agencies.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(d.people.begin(), d.people.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return d;
  });
}

core::Result<store::BarnahusPartyRow> BarnahusService::add_party(
    const Actor& actor, const std::string& barnahus_case_id, domain::BarnahusParty party) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kCreate, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_barnahus_party(party));
  store::BarnahusPartyRow row;
  row.role = party.role;
  row.name = party.name;
  row.relationship = party.relationship;
  return write_record(
      actor, *c, std::move(row), "barnahus_party",
      [](store::Tx& tx, const store::BarnahusPartyRow& r) {
        BarnahusRepository::insert_party(tx, r);
        return core::ok_status();
      },
      nlohmann::json{{"barnahus_case_id", c->id}, {"role", party.role}}.dump());
}

core::Result<store::BarnahusMeetingRow> BarnahusService::record_meeting(
    const Actor& actor, const std::string& barnahus_case_id, domain::BarnahusMeeting meeting) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kCreate, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_barnahus_meeting(meeting, referred_on(*c), today(clock_)));
  store::BarnahusMeetingRow row;
  row.kind = meeting.kind;
  row.held_on = meeting.held_on.to_string();
  row.agencies_present = codes_json(meeting.agencies_present);
  row.decisions = meeting.decisions;
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& task : meeting.tasks)
    tasks.push_back(
        {{"agency_id", task.agency_id},
         {"task", task.task},
         {"due_on", task.due_on ? nlohmann::json(task.due_on->to_string()) : nlohmann::json()}});
  row.tasks = tasks.dump();
  return write_record(
      actor, *c, std::move(row), "barnahus_meeting",
      [&](store::Tx& tx, const store::BarnahusMeetingRow& r) -> core::Status {
        domain::FieldErrors refs;
        for (size_t i = 0; i < meeting.agencies_present.size(); ++i)
          if (!store::AgencyRepository::find(tx, meeting.agencies_present[i]))
            refs.add(domain::indexed_field("agencies_present", i), "No agency has this id.");
        for (size_t i = 0; i < meeting.tasks.size(); ++i)
          if (!store::AgencyRepository::find(tx, meeting.tasks[i].agency_id))
            refs.add(domain::indexed_field("tasks", i, "agency_id"), "No agency has this id.");
        HAVEN_TRY(invalid(refs, "meeting"));
        BarnahusRepository::insert_meeting(tx, r);
        return core::ok_status();
      },
      nlohmann::json{{"barnahus_case_id", c->id},
                     {"kind", meeting.kind},
                     {"held_on", meeting.held_on.to_string()}}
          .dump());
}

core::Result<store::BarnahusInterviewRow> BarnahusService::record_interview(
    const Actor& actor, const std::string& barnahus_case_id, domain::ForensicInterview interview) {
  auto c = load_and_authorize(actor, barnahus_case_id, Action::kCreate, ResourceKind::kBarnahusCase,
                              "interview");
  if (!c.ok()) return c.take_error();
  auto earlier = read_tx(db_, [&](store::Tx& tx) -> core::Result<int> {
    return static_cast<int>(
        BarnahusRepository::interviews(tx, BarnahusScope::one_case(c->id)).size());
  });
  if (!earlier.ok()) return earlier.take_error();
  HAVEN_TRY(
      domain::validate_forensic_interview(interview, referred_on(*c), *earlier, today(clock_)));
  store::BarnahusInterviewRow row;
  row.sequence = *earlier + 1;
  row.interviewed_on = interview.interviewed_on.to_string();
  row.interviewer = interview.interviewer;
  row.interviewer_user_id = nullable(interview.interviewer_user_id);
  row.interviewer_trained = interview.interviewer_trained;
  row.protocol = interview.protocol;
  row.recorded = interview.recorded;
  row.place = interview.place;
  if (interview.used_in_court) row.used_in_court = *interview.used_in_court ? 1 : 0;
  row.repeat_reason = nullable(std::string(core::trim(interview.repeat_reason)));
  return write_record(
      actor, *c, std::move(row), "barnahus_interview",
      [&](store::Tx& tx, const store::BarnahusInterviewRow& r) -> core::Status {
        const auto now_count =
            BarnahusRepository::interviews(tx, BarnahusScope::one_case(c->id)).size();
        if (static_cast<int>(now_count) != *earlier)
          return core::Error::conflict(
              "Another interview was recorded in this case meanwhile; reload the case and record "
              "this one again.");
        BarnahusRepository::insert_interview(tx, r);
        return core::ok_status();
      },
      nlohmann::json{{"barnahus_case_id", c->id},
                     {"sequence", *earlier + 1},
                     {"interviewed_on", interview.interviewed_on.to_string()}}
          .dump());
}

core::Result<store::BarnahusInterviewRow> BarnahusService::set_interview_used_in_court(
    const Actor& actor, const std::string& barnahus_case_id, const std::string& interview_id,
    int64_t version, std::optional<bool> used_in_court) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kRead, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  auto find = [&](store::Tx& tx) -> std::optional<store::BarnahusInterviewRow> {
    for (auto& i : BarnahusRepository::interviews(tx, BarnahusScope::one_case(c->id)))
      if (i.id == interview_id) return i;
    return std::nullopt;
  };
  auto stored = read_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusInterviewRow> {
    auto i = find(tx);
    if (!i) return core::Error::not_found("No such interview in this Barnahus case.");
    return *i;
  });
  if (!stored.ok()) return stored;
  HAVEN_TRY(authorize(
      actor, Action::kUpdate,
      resource_of(*c, ResourceKind::kBarnahusCase, "interview", stored->agency_id, stored->id)));
  const auto now = clock_.now();
  std::optional<int64_t> value;
  if (used_in_court) value = *used_in_court ? 1 : 0;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusInterviewRow> {
    auto current = find(tx);
    if (!current) return core::Error::not_found("No such interview in this Barnahus case.");
    if (current->version != version ||
        !BarnahusRepository::set_interview_used_in_court(tx, current->id, value, version, now.ms))
      return record_conflict("The interview", current->version);
    audit(tx, actor, "barnahus_interview.update", "barnahus_interview", current->id,
          nlohmann::json{
              {"barnahus_case_id", c->id},
              {"used_in_court", used_in_court ? nlohmann::json(*used_in_court) : nlohmann::json()}}
              .dump());
    return *find(tx);
  });
}

core::Result<store::BarnahusMedicalExamRow> BarnahusService::record_medical_exam(
    const Actor& actor, const std::string& barnahus_case_id, domain::MedicalExamination exam) {
  auto c = load_and_authorize(actor, barnahus_case_id, Action::kCreate, ResourceKind::kBarnahusCase,
                              "medical");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_medical_examination(exam, referred_on(*c), today(clock_)));
  store::BarnahusMedicalExamRow row;
  row.offered = exam.offered || exam.done;
  row.offered_on = date_text(exam.offered_on);
  row.done = exam.done;
  row.examined_on = date_text(exam.examined_on);
  row.acute = exam.acute;
  row.examined_by = exam.examined_by;
  return write_record(
      actor, *c, std::move(row), "barnahus_medical_exam",
      [](store::Tx& tx, const store::BarnahusMedicalExamRow& r) {
        BarnahusRepository::insert_medical_exam(tx, r);
        return core::ok_status();
      },
      nlohmann::json{{"barnahus_case_id", c->id}, {"done", exam.done}, {"acute", exam.acute}}
          .dump());
}

namespace {
// A party named by a record must be one of the case's.
core::Status check_party(store::Tx& tx, const std::string& case_id, const std::string& party_id,
                         const char* what) {
  if (party_id.empty()) return core::ok_status();
  for (const auto& p : BarnahusRepository::parties(tx, BarnahusScope::one_case(case_id)))
    if (p.id == party_id) return core::ok_status();
  domain::FieldErrors errors;
  errors.add("party_id", "No party of this Barnahus case has this id.");
  return invalid(errors, what);
}
}  // namespace

core::Result<store::BarnahusTherapyRow> BarnahusService::record_therapy(
    const Actor& actor, const std::string& barnahus_case_id, domain::TherapyService therapy) {
  auto c = load_and_authorize(actor, barnahus_case_id, Action::kCreate, ResourceKind::kBarnahusCase,
                              "therapy");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_therapy_service(therapy, today(clock_)));
  store::BarnahusTherapyRow row;
  row.service = therapy.service;
  row.recipient = therapy.recipient;
  row.party_id = nullable(therapy.party_id);
  row.offered_on = date_text(therapy.offered_on);
  row.started_on = date_text(therapy.started_on);
  return write_record(
      actor, *c, std::move(row), "barnahus_therapy",
      [&](store::Tx& tx, const store::BarnahusTherapyRow& r) -> core::Status {
        HAVEN_TRY(check_party(tx, c->id, therapy.party_id, "service"));
        BarnahusRepository::insert_therapy(tx, r);
        return core::ok_status();
      },
      nlohmann::json{{"barnahus_case_id", c->id},
                     {"service", therapy.service},
                     {"recipient", therapy.recipient}}
          .dump());
}

core::Result<store::BarnahusCourtDateRow> BarnahusService::record_court_date(
    const Actor& actor, const std::string& barnahus_case_id, domain::CourtDate court) {
  auto c = load_and_authorize(actor, barnahus_case_id, Action::kCreate, ResourceKind::kBarnahusCase,
                              "court");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_court_date(court, referred_on(*c)));
  store::BarnahusCourtDateRow row;
  row.kind = court.kind;
  row.held_on = court.held_on.to_string();
  row.court = court.court;
  return write_record(
      actor, *c, std::move(row), "barnahus_court_date",
      [](store::Tx& tx, const store::BarnahusCourtDateRow& r) {
        BarnahusRepository::insert_court_date(tx, r);
        return core::ok_status();
      },
      nlohmann::json{{"barnahus_case_id", c->id}, {"kind", court.kind}}.dump());
}

core::Result<store::BarnahusInformationRow> BarnahusService::record_information(
    const Actor& actor, const std::string& barnahus_case_id, domain::BarnahusInformation info) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kCreate, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_barnahus_information(info, today(clock_)));
  store::BarnahusInformationRow row;
  row.given_on = info.given_on.to_string();
  row.stage = info.stage;
  row.what = info.what;
  row.language = info.language;
  row.format = info.format;
  row.recipient = info.recipient;
  row.party_id = nullable(info.party_id);
  row.given_by = info.given_by;
  return write_record(
      actor, *c, std::move(row), "barnahus_information",
      [&](store::Tx& tx, const store::BarnahusInformationRow& r) -> core::Status {
        HAVEN_TRY(check_party(tx, c->id, info.party_id, "information entry"));
        BarnahusRepository::insert_information(tx, r);
        return core::ok_status();
      },
      nlohmann::json{
          {"barnahus_case_id", c->id}, {"stage", info.stage}, {"recipient", info.recipient}}
          .dump());
}

core::Result<BarnahusLawEnforcementView> BarnahusService::record_law_enforcement(
    const Actor& actor, const std::string& barnahus_case_id, domain::LawEnforcementRecord record) {
  auto c = load_and_authorize(actor, barnahus_case_id, Action::kCreate,
                              ResourceKind::kBarnahusLawEnforcementRecord, "");
  if (!c.ok()) return c.take_error();
  HAVEN_TRY(domain::validate_law_enforcement_record(record, today(clock_)));
  store::BarnahusLawEnforcementRow row;
  row.kind = record.kind;
  row.recorded_on = record.recorded_on.to_string();
  row.title = record.title;
  row.shared_with = "[]";
  const security::FieldCipher cipher = keys_.cipher();
  auto saved = write_record(
      actor, *c, std::move(row), "barnahus_law_enforcement_record",
      [&](store::Tx& tx, store::BarnahusLawEnforcementRow& r) -> core::Status {
        auto ct = cipher.encrypt(record.body, {kLawEnforcementTable, kBodyColumn, r.id});
        if (!ct.ok()) return ct.take_error();
        r.body_ct = store::Blob{std::move(*ct)};
        BarnahusRepository::insert_law_enforcement(tx, r);
        return core::ok_status();
      },
      nlohmann::json{{"barnahus_case_id", c->id}, {"kind", record.kind}}.dump());
  if (!saved.ok()) return saved.take_error();
  BarnahusLawEnforcementView v;
  v.row = std::move(*saved);
  v.row.body_ct = {};
  v.body = std::move(record.body);
  return v;
}

core::Result<BarnahusLawEnforcementView> BarnahusService::law_enforcement_record(
    const Actor& actor, const std::string& barnahus_case_id, const std::string& record_id) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kRead, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  auto row = read_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusLawEnforcementRow> {
    auto r = core::is_valid_id(record_id) ? BarnahusRepository::find_law_enforcement(tx, record_id)
                                          : std::nullopt;
    if (!r || r->barnahus_case_id != c->id)
      return core::Error::not_found("No such record in this Barnahus case.");
    return *r;
  });
  if (!row.ok()) return row.take_error();
  HAVEN_TRY(authorize(actor, Action::kRead,
                      resource_of(*c, ResourceKind::kBarnahusLawEnforcementRecord, "",
                                  row->agency_id, row->id, codes_from_json(row->shared_with))));
  auto v = view_of(*row);
  if (!v.ok()) return v;
  HAVEN_TRY(audit_now(actor, "barnahus_law_enforcement_record.read",
                      "barnahus_law_enforcement_record", row->id,
                      nlohmann::json{{"barnahus_case_id", c->id}, {"kind", row->kind}}.dump()));
  return v;
}

core::Result<BarnahusLawEnforcementView> BarnahusService::share_law_enforcement(
    const Actor& actor, const std::string& barnahus_case_id, const std::string& record_id,
    int64_t version, std::vector<std::string> shared_with) {
  auto c =
      load_and_authorize(actor, barnahus_case_id, Action::kRead, ResourceKind::kBarnahusCase, "");
  if (!c.ok()) return c.take_error();
  auto row = read_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusLawEnforcementRow> {
    auto r = core::is_valid_id(record_id) ? BarnahusRepository::find_law_enforcement(tx, record_id)
                                          : std::nullopt;
    if (!r || r->barnahus_case_id != c->id)
      return core::Error::not_found("No such record in this Barnahus case.");
    return *r;
  });
  if (!row.ok()) return row.take_error();
  HAVEN_TRY(authorize(actor, Action::kShare,
                      resource_of(*c, ResourceKind::kBarnahusLawEnforcementRecord, "",
                                  row->agency_id, row->id, codes_from_json(row->shared_with))));
  domain::FieldErrors errors;
  std::sort(shared_with.begin(), shared_with.end());
  shared_with.erase(std::unique(shared_with.begin(), shared_with.end()), shared_with.end());
  for (size_t i = 0; i < shared_with.size(); ++i)
    errors.id(domain::indexed_field("shared_with", i), shared_with[i], domain::Presence::kRequired);
  HAVEN_TRY(invalid(errors, "sharing"));
  const auto now = clock_.now();
  auto saved = write_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusLawEnforcementRow> {
    domain::FieldErrors refs;
    for (size_t i = 0; i < shared_with.size(); ++i)
      if (!store::UserRepository::find(tx, shared_with[i]) &&
          !store::AgencyRepository::find(tx, shared_with[i]))
        refs.add(domain::indexed_field("shared_with", i), "No user or agency has this id.");
    HAVEN_TRY(invalid(refs, "sharing"));
    auto current = BarnahusRepository::find_law_enforcement(tx, row->id);
    if (!current) return core::Error::not_found("No such record in this Barnahus case.");
    if (current->version != version || !BarnahusRepository::share_law_enforcement(
                                           tx, row->id, codes_json(shared_with), version, now.ms))
      return record_conflict("The record", current->version);
    audit(tx, actor, "barnahus_law_enforcement_record.share", "barnahus_law_enforcement_record",
          row->id,
          nlohmann::json{{"barnahus_case_id", c->id}, {"shared_with", shared_with}}.dump());
    return *BarnahusRepository::find_law_enforcement(tx, row->id);
  });
  if (!saved.ok()) return saved.take_error();
  return view_of(*saved);
}

core::Result<std::vector<BarnahusAlert>> BarnahusService::alerts(const Actor& actor) {
  if (!actor.principal) return std::vector<BarnahusAlert>{};
  const auto& p = *actor.principal;
  HAVEN_TRY(coordinators_only(
      authorize(actor, Action::kRead, barnahus_resource(p.agency_id, p.country))));
  const auto now = clock_.now();
  const auto& policy = policies_.for_country(p.country);
  auto alerts = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<BarnahusAlert>> {
    const auto scope =
        BarnahusScope::of_barnahus(p.agency_id, 0, std::numeric_limits<int64_t>::max(), true);
    const auto cases = BarnahusRepository::cases(tx, scope);
    const auto interviews = BarnahusRepository::interviews(tx, scope);
    const auto exams = BarnahusRepository::medical_exams(tx, scope);
    const auto therapy = BarnahusRepository::therapy(tx, scope);
    std::vector<BarnahusAlert> out;
    for (const auto& c : cases) {
      for (auto& d :
           domain::barnahus_deadlines(policy, progress_of(c, interviews, exams, therapy), now)) {
        if (d.state != "overdue" && d.state != "due_soon") continue;
        out.push_back({c.id, c.child_id, c.referred_at, c.contact_person, std::move(d),
                       child_name_of(tx, c.child_id)});
      }
    }
    return out;
  });
  if (!alerts.ok()) return alerts;
  std::stable_sort(alerts->begin(), alerts->end(), [](const auto& a, const auto& b) {
    const bool ao = a.deadline.state == "overdue", bo = b.deadline.state == "overdue";
    if (ao != bo) return ao;
    return a.deadline.due.late_from < b.deadline.due.late_from;
  });
  HAVEN_TRY(audit_now(actor, "barnahus.alerts", "agency", p.agency_id,
                      nlohmann::json{{"count", alerts->size()}}.dump()));
  return alerts;
}

core::Result<BarnahusQualityReport> BarnahusService::quality_report(
    const Actor& actor, const std::string& barnahus_agency_id, core::Date from, core::Date to) {
  domain::FieldErrors errors;
  errors.id("barnahus_agency_id", barnahus_agency_id, domain::Presence::kRequired);
  errors.not_before("to", to, from, "the start of the period");
  HAVEN_TRY(invalid(errors, "report period"));
  auto agency = read_tx(db_, [&](store::Tx& tx) -> core::Result<store::AgencyRow> {
    auto a = store::AgencyRepository::find(tx, barnahus_agency_id);
    if (!a || a->kind != "barnahus") return core::Error::not_found("No such Barnahus.");
    return *a;
  });
  if (!agency.ok()) return agency.take_error();
  security::Resource r;
  r.kind = ResourceKind::kStatisticsAggregate;
  r.id = barnahus_agency_id;
  r.country = agency->country;
  HAVEN_TRY(authorize(actor, Action::kViewAggregates, r));

  const int64_t from_ms = from.days_since_epoch() * 86'400'000;
  const int64_t to_ms = to.plus_days(1).days_since_epoch() * 86'400'000;
  auto facts =
      read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<domain::BarnahusCaseFacts>> {
        const auto scope = BarnahusScope::of_barnahus(barnahus_agency_id, from_ms, to_ms, false);
        std::map<std::string, domain::BarnahusCaseFacts> by_case;
        for (const auto& c : BarnahusRepository::cases(tx, scope))
          by_case[c.id].referred_on = referred_on(c);
        auto earliest = [](std::optional<core::Date>& slot, std::optional<core::Date> d) {
          if (d && (!slot || *d < *slot)) slot = d;
        };
        for (const auto& i : BarnahusRepository::interviews(tx, scope)) {
          auto& f = by_case[i.barnahus_case_id];
          ++f.interviews;
          earliest(f.first_interview_on, date_of(i.interviewed_on));
        }
        for (const auto& m : BarnahusRepository::meetings(tx, scope))
          earliest(by_case[m.barnahus_case_id].first_meeting_on, date_of(m.held_on));
        for (const auto& e : BarnahusRepository::medical_exams(tx, scope))
          if (e.done) earliest(by_case[e.barnahus_case_id].medical_exam_on, date_of(e.examined_on));
        for (const auto& t : BarnahusRepository::therapy(tx, scope))
          if (t.recipient == "child") by_case[t.barnahus_case_id].therapy_offered = true;
        for (const auto& d : BarnahusRepository::court_dates(tx, scope))
          by_case[d.barnahus_case_id].court = true;
        for (const auto& i : BarnahusRepository::information(tx, scope))
          by_case[i.barnahus_case_id].informed[i.stage].insert(i.recipient);
        std::vector<domain::BarnahusCaseFacts> out;
        for (auto& [id, f] : by_case) out.push_back(std::move(f));
        return out;
      });
  if (!facts.ok()) return facts.take_error();
  BarnahusQualityReport report{barnahus_agency_id, from, to, domain::barnahus_quality(*facts)};
  HAVEN_TRY(audit_now(
      actor, "barnahus.quality_report", "agency", barnahus_agency_id,
      nlohmann::json{
          {"from", from.to_string()}, {"to", to.to_string()}, {"cases", report.quality.cases}}
          .dump()));
  return report;
}

core::Result<store::BarnahusTrainingRow> BarnahusService::record_training(
    const Actor& actor, domain::TrainingRecord training) {
  if (!actor.principal)
    return core::Error::invalid("Training records are kept by a Barnahus coordinator.");
  const auto& p = *actor.principal;
  HAVEN_TRY(coordinators_only(
      authorize(actor, Action::kCreate, barnahus_resource(p.agency_id, p.country))));
  HAVEN_TRY(domain::validate_training_record(training, today(clock_)));
  const auto now = clock_.now();
  store::BarnahusTrainingRow row;
  row.id = core::new_id(now);
  row.barnahus_agency_id = p.agency_id;
  row.user_id = training.user_id;
  row.training = training.training;
  row.completed_on = training.completed_on.to_string();
  row.created_by = actor.actor_id();
  row.created_at = row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<store::BarnahusTrainingRow> {
    if (!store::UserRepository::find(tx, training.user_id))
      return core::Error::invalid("The training record needs correcting; see the marked fields.",
                                  {{"user_id", "No user has this id."}});
    BarnahusRepository::insert_training(tx, row);
    audit(tx, actor, "barnahus_training_record.create", "barnahus_training_record", row.id,
          nlohmann::json{{"user_id", row.user_id}}.dump());
    return row;
  });
}

core::Result<std::vector<store::BarnahusTrainingRow>> BarnahusService::list_training(
    const Actor& actor) {
  if (!actor.principal) return std::vector<store::BarnahusTrainingRow>{};
  const auto& p = *actor.principal;
  HAVEN_TRY(coordinators_only(
      authorize(actor, Action::kRead, barnahus_resource(p.agency_id, p.country))));
  auto rows =
      read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::BarnahusTrainingRow>> {
        return BarnahusRepository::training(tx, p.agency_id);
      });
  if (!rows.ok()) return rows;
  HAVEN_TRY(audit_now(actor, "barnahus_training_record.list", "agency", p.agency_id,
                      nlohmann::json{{"count", rows->size()}}.dump()));
  return rows;
}

}  // namespace haven::service
