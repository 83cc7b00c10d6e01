// Agency use cases: authorize → validate → one transaction (with its audit event).
#include "service/agency_service.h"

#include <nlohmann/json.hpp>

#include "core/country.h"
#include "core/id.h"
#include "core/utf8.h"

namespace haven::service {

core::Status AgencyService::authorize(const Actor& actor) {
  if (!actor.principal) return core::ok_status();  // the operator at the command line
  security::Resource r;
  r.kind = security::ResourceKind::kUserAdmin;
  r.country = actor.principal->country;
  r.owning_agency_id = actor.principal->agency_id;
  return access_.authorize(*actor.principal, security::Action::kAdministerUsers, r,
                           actor.request_id);
}

core::Result<store::AgencyRow> AgencyService::create(const NewAgency& in, const Actor& actor) {
  HAVEN_TRY(authorize(actor));
  std::vector<core::FieldError> errors;
  if (in.name.empty() || in.name.size() > 200 || !core::is_valid_utf8(in.name))
    errors.push_back({"name", "Give the agency a name of 1 to 200 characters."});
  if (!security::parse_agency_kind(in.kind)) {
    std::string kinds;
    for (auto k : security::kAllAgencyKinds)
      kinds += (kinds.empty() ? "" : ", ") + std::string(security::agency_kind_name(k));
    errors.push_back({"kind", "The kind must be one of: " + kinds + "."});
  }
  if (!core::is_country_code(in.country))
    errors.push_back({"country", "The country must be an ISO 3166-1 alpha-2 code such as SE."});
  if (!errors.empty())
    return core::Error::invalid("The agency cannot be created as given.", errors);

  store::AgencyRow row{
      core::new_id(clock_.now()), in.name, in.kind, in.country, "active", 1, clock_.now().ms};
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<store::AgencyRow> {
      if (!store::AgencyRepository::find_by_name(tx, in.name).empty()) {
        for (const auto& a : store::AgencyRepository::find_by_name(tx, in.name))
          if (a.country == in.country)
            return core::Error::conflict("An agency named \"" + in.name + "\" already exists in " +
                                         in.country + ".");
      }
      store::AgencyRepository::insert(tx, row);
      nlohmann::json details{{"name", row.name}, {"kind", row.kind}, {"country", row.country}};
      audit_.record(
          tx, {actor.actor_id(), actor.role(), actor.agency_id(), "agency.create", "agency", row.id,
               "administration", "success", actor.request_id, details.dump()});
      return row;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::vector<store::AgencyRow>> AgencyService::list(const Actor& actor) {
  HAVEN_TRY(authorize(actor));
  try {
    return db_.read([](store::Tx& tx) { return store::AgencyRepository::list(tx); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<store::AgencyRow> AgencyService::resolve(const std::string& id_or_name) {
  try {
    return db_.read([&](store::Tx& tx) -> core::Result<store::AgencyRow> {
      if (core::is_valid_id(id_or_name)) {
        if (auto a = store::AgencyRepository::find(tx, id_or_name)) return *a;
      }
      auto found = store::AgencyRepository::find_by_name(tx, id_or_name);
      if (found.empty())
        return core::Error::not_found("No agency is named or has the id \"" + id_or_name +
                                      "\"; see `haven agency list`.");
      if (found.size() > 1)
        return core::Error::invalid("Several agencies are named \"" + id_or_name +
                                    "\"; give the agency's id instead.");
      return found.front();
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
