// SQL for children and identity numbers.
#include "store/repositories/child_repository.h"

namespace haven::store {

namespace {
constexpr const char* kChildSelect =
    "SELECT id, agency_id, given_names, family_names, names_original_script, other_names, sex, "
    "birth_date, birth_date_estimated, birth_date_estimate_basis, nationalities, stateless, "
    "languages, interpreter_needed, disabilities_ct, migration_status, registered_on, "
    "young_adult_in_aftercare, custom_fields, created_by, merged_into, version, created_at, "
    "updated_at FROM children ";

ChildRow child_from_row(const Row& r) {
  ChildRow c;
  c.id = r.text(0);
  c.agency_id = r.text(1);
  c.given_names = r.text(2);
  c.family_names = r.text(3);
  c.names_original_script = r.opt_text(4).value_or("");
  c.other_names = r.text(5);
  c.sex = r.text(6);
  c.birth_date = r.opt_text(7);
  c.birth_date_estimated = r.boolean(8);
  c.birth_date_estimate_basis = r.opt_text(9);
  c.nationalities = r.text(10);
  c.stateless = r.boolean(11);
  c.languages = r.text(12);
  c.interpreter_needed = r.boolean(13);
  if (!r.is_null(14)) c.disabilities_ct = r.blob(14);
  c.migration_status = r.text(15);
  c.registered_on = r.opt_text(16);
  c.young_adult_in_aftercare = r.boolean(17);
  c.custom_fields = r.text(18);
  c.created_by = r.opt_text(19).value_or("");
  c.merged_into = r.opt_text(20);
  c.version = r.integer(21);
  c.created_at = r.integer(22);
  c.updated_at = r.integer(23);
  return c;
}

}  // namespace

void ChildRepository::insert(Tx& tx, const ChildRow& c) {
  Params p = params(c.id, c.agency_id, c.given_names, c.family_names,
                    c.names_original_script.empty() ? std::optional<std::string>()
                                                    : std::optional(c.names_original_script),
                    c.other_names, c.sex, c.birth_date, c.birth_date_estimated,
                    c.birth_date_estimate_basis, c.nationalities, c.stateless, c.languages,
                    c.interpreter_needed);
  p.push_back(to_value(c.disabilities_ct));
  for (Value v : params(c.migration_status, c.registered_on, c.young_adult_in_aftercare,
                        c.custom_fields, c.created_by, c.created_at))
    p.push_back(std::move(v));
  tx.execute(
      "INSERT INTO children (id, agency_id, given_names, family_names, names_original_script, "
      "other_names, sex, birth_date, birth_date_estimated, birth_date_estimate_basis, "
      "nationalities, stateless, languages, interpreter_needed, disabilities_ct, migration_status, "
      "registered_on, young_adult_in_aftercare, custom_fields, created_by, version, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
      "$17, $18, $19, $20, 1, $21, $21)",
      p);
}

std::optional<ChildRow> ChildRepository::find(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string(kChildSelect) + "WHERE id = $1", params(id));
  if (!row) return std::nullopt;
  return child_from_row(*row);
}

void ChildRepository::insert_identity_number(Tx& tx, const IdentityNumberRow& n) {
  Params p = params(n.id, n.child_id, n.kind, n.country);
  p.push_back(n.value_ct);
  p.push_back(n.value_bidx);
  p.push_back(n.created_at);
  tx.execute(
      "INSERT INTO identity_numbers (id, child_id, kind, country, value_ct, value_bidx, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      p);
}

std::vector<IdentityNumberRow> ChildRepository::identity_numbers(Tx& tx,
                                                                 const std::string& child_id) {
  std::vector<IdentityNumberRow> out;
  for (const Row& r :
       tx.query("SELECT id, child_id, kind, country, value_ct, value_bidx, created_at FROM "
                "identity_numbers WHERE child_id = $1 ORDER BY created_at, id",
                params(child_id)))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.blob(4), r.text(5), r.integer(6)});
  return out;
}

std::vector<std::string> ChildRepository::find_by_identity_bidx(Tx& tx, const std::string& bidx) {
  std::vector<std::string> out;
  for (const Row& r : tx.query(
           "SELECT child_id FROM identity_numbers WHERE value_bidx = $1 AND child_id IS NOT NULL",
           params(bidx)))
    out.push_back(r.text(0));
  return out;
}

}  // namespace haven::store
