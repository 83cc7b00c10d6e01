// Reading a child.
#include "service/child_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "security/field_cipher.h"
#include "service/custom_fields.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/child_repository.h"

namespace haven::service {

core::Result<nlohmann::json> ChildService::get(const std::string& child_id, const Actor& actor) {
  if (!core::is_valid_id(child_id)) return core::Error::not_found("No such child.");
  std::optional<store::ChildRow> child;
  std::optional<store::AgencyRow> agency;
  std::optional<std::string> worker;
  try {
    db_.read([&](store::Tx& tx) {
      child = store::ChildRepository::find(tx, child_id);
      if (!child) return;
      agency = store::AgencyRepository::find(tx, child->agency_id);
      // The worker of the child's newest case may read the child wherever they are.
      if (auto r = tx.query_one("SELECT assigned_worker_id FROM cases WHERE child_id = $1 ORDER BY "
                                "opened_at DESC LIMIT 1",
                                store::params(child_id)))
        worker = r->opt_text(0);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!child || !agency) return core::Error::not_found("No such child.");
  if (actor.principal) {
    security::Resource r;
    r.kind = security::ResourceKind::kChild;
    r.id = child->id;
    r.owning_agency_id = child->agency_id;
    r.country = agency->country;
    r.assigned_worker_id = worker.value_or("");
    HAVEN_TRY(access_.authorize(*actor.principal, security::Action::kRead, r, actor.request_id));
  }
  const security::FieldCipher cipher = keys_.cipher();
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      nlohmann::json j{
          {"id", child->id},
          {"agency_id", child->agency_id},
          {"given_names", child->given_names},
          {"family_names", child->family_names},
          {"names_original_script", child->names_original_script},
          {"other_names", nlohmann::json::parse(child->other_names, nullptr, false)},
          {"sex", child->sex},
          {"birth_date", child->birth_date ? nlohmann::json(*child->birth_date) : nlohmann::json()},
          {"birth_date_estimated", child->birth_date_estimated},
          {"birth_date_estimate_basis", child->birth_date_estimate_basis
                                            ? nlohmann::json(*child->birth_date_estimate_basis)
                                            : nlohmann::json()},
          {"nationalities", nlohmann::json::parse(child->nationalities, nullptr, false)},
          {"stateless", child->stateless},
          {"languages", nlohmann::json::parse(child->languages, nullptr, false)},
          {"interpreter_needed", child->interpreter_needed},
          {"migration_status", child->migration_status},
          {"registered_on",
           child->registered_on ? nlohmann::json(*child->registered_on) : nlohmann::json()},
          {"young_adult_in_aftercare", child->young_adult_in_aftercare},
          // A duplicate merged into another record (service/duplicates/merge_service.h): the
          // child to read instead.
          {"merged_into",
           child->merged_into ? nlohmann::json(*child->merged_into) : nlohmann::json()},
          {"version", child->version}};
      auto custom = read_custom_fields(tx, cipher, child->id, child->custom_fields);
      if (!custom.ok()) return custom.take_error();
      j["custom_fields"] = std::move(*custom);
      nlohmann::json disabilities = nlohmann::json::array();
      if (child->disabilities_ct) {
        auto plain = cipher.decrypt(child->disabilities_ct->bytes,
                                    {"children", "disabilities_ct", child->id});
        if (!plain.ok()) return plain.take_error();
        disabilities = nlohmann::json::parse(plain->view(), nullptr, false);
      }
      j["disabilities"] = disabilities;
      nlohmann::json ids = nlohmann::json::array();
      for (const auto& n : store::ChildRepository::identity_numbers(tx, child->id)) {
        auto plain = cipher.decrypt(n.value_ct.bytes, {"identity_numbers", "value_ct", n.id});
        if (!plain.ok()) return plain.take_error();
        ids.push_back({{"kind", n.kind}, {"country", n.country}, {"value", plain->view()}});
      }
      j["identity_numbers"] = ids;
      nlohmann::json cases = nlohmann::json::array();
      for (const auto& r : tx.query("SELECT id FROM cases WHERE child_id = $1 ORDER BY opened_at",
                                    store::params(child->id)))
        cases.push_back(r.text(0));
      j["case_ids"] = cases;
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "child.read", "child",
                         child->id, "case_management", "success", actor.request_id, std::nullopt});
      return j;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
