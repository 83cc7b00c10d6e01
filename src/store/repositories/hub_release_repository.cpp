// SQL for the regional hub's statistics releases.
#include "store/repositories/hub_release_repository.h"

namespace haven::store {

namespace {

constexpr const char* kHubReleaseColumns =
    "r.id, r.country, r.authority, r.period, r.release_version, r.prepared_at, r.received_at, "
    "r.dataflow, r.digest, r.signature, r.signer_key, r.observations, r.withheld";

// Both filters are parameters: "" matches everything.
constexpr const char* kFilter =
    "(CAST($1 AS TEXT) = '' OR r.country = $1) AND (CAST($2 AS TEXT) = '' OR r.period = $2)";

HubReleaseRow hub_release_from_row(const Row& r, bool with_text) {
  HubReleaseRow h;
  h.id = r.text(0);
  h.country = r.text(1);
  h.authority = r.text(2);
  h.period = r.text(3);
  h.release_version = r.integer(4);
  h.prepared_at = r.integer(5);
  h.received_at = r.integer(6);
  h.dataflow = r.text(7);
  h.digest = r.text(8);
  h.signature = r.text(9);
  h.signer_key = r.text(10);
  h.observations = r.integer(11);
  h.withheld = r.integer(12);
  if (with_text) h.sdmx_csv = r.text(13);
  return h;
}

std::string select(bool with_text) {
  return std::string("SELECT ") + kHubReleaseColumns + (with_text ? ", r.sdmx_csv" : "") +
         " FROM hub_releases r ";
}

}  // namespace

std::vector<HubReleaseRow> HubReleaseRepository::list(Tx& tx, const ReleaseQuery& q) {
  const std::string sql = select(q.with_text) + "WHERE " + kFilter +
                          " ORDER BY r.received_at DESC, r.release_version DESC LIMIT $3";
  std::vector<HubReleaseRow> out;
  for (const Row& r : tx.query(sql, params(q.country, q.period, int64_t{q.limit})))
    out.push_back(hub_release_from_row(r, q.with_text));
  return out;
}

std::vector<HubReleaseRow> HubReleaseRepository::latest(Tx& tx, const ReleaseQuery& q) {
  const std::string sql = select(true) + "WHERE " + kFilter +
                          " AND r.release_version = (SELECT MAX(m.release_version) FROM "
                          "hub_releases m WHERE m.country = r.country AND m.period = r.period) "
                          "ORDER BY r.period, r.country";
  std::vector<HubReleaseRow> out;
  for (const Row& r : tx.query(sql, params(q.country, q.period)))
    out.push_back(hub_release_from_row(r, true));
  return out;
}

std::optional<HubReleaseRow> HubReleaseRepository::find(Tx& tx, const std::string& id) {
  auto r = tx.query_one(select(true) + "WHERE r.id = $1", params(id));
  if (!r) return std::nullopt;
  return hub_release_from_row(*r, true);
}

std::optional<HubReleaseRow> HubReleaseRepository::latest_for(Tx& tx, const std::string& country,
                                                              const std::string& period) {
  auto r = tx.query_one(select(true) +
                            "WHERE r.country = $1 AND r.period = $2 "
                            "ORDER BY r.release_version DESC LIMIT 1",
                        params(country, period));
  if (!r) return std::nullopt;
  return hub_release_from_row(*r, true);
}

void HubReleaseRepository::insert(Tx& tx, const HubReleaseRow& h) {
  tx.execute(
      "INSERT INTO hub_releases (id, country, authority, period, release_version, prepared_at, "
      "received_at, dataflow, sdmx_csv, digest, signature, signer_key, observations, withheld) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
      params(h.id, h.country, h.authority, h.period, h.release_version, h.prepared_at,
             h.received_at, h.dataflow, h.sdmx_csv, h.digest, h.signature, h.signer_key,
             h.observations, h.withheld));
}

}  // namespace haven::store
