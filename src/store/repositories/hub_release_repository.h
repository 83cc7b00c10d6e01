// The regional hub's statistics releases (table hub_releases, migration 0014): every version of
// every release a national instance published and the hub accepted, kept as received (the signed
// SDMX-CSV text, its detached signature and the signer's key). Reading and inserting only; checking
// a release before it is stored is service/hub/HubService's work.
//
// For readers (the dashboard): `list` for an overview, `latest` for the figures to show — the
// newest accepted version of each (country, period). Turn `sdmx_csv` into tables with
// stats::read_sdmx_csv + stats::tables_from_dataset (the hub checked it parses before storing it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct HubReleaseRow {
  std::string id;               // UUIDv7
  std::string country;          // ISO 3166-1 alpha-2 ("SE")
  std::string authority;        // the publishing authority, as on the hub's trust list
  std::string period;           // "2026" or "2026-Q1"
  int64_t release_version = 0;  // 1, 2, … per (country, period), in the order accepted
  int64_t prepared_at = 0;      // ms UTC, when the country computed it (signed by it)
  int64_t received_at = 0;      // ms UTC, when the hub accepted it
  std::string dataflow;         // "CBSS:CHILD_PROTECTION(1.0)"
  std::string digest;           // BLAKE2b-256 of sdmx_csv, hex
  std::string signature;        // Ed25519 detached signature, base64
  std::string signer_key;       // Ed25519 public key, base64
  int64_t observations = 0;     // rows of the CSV
  int64_t withheld = 0;         // rows withheld by disclosure control (CONF_STATUS C or D)
  std::string sdmx_csv;         // empty in list results unless ReleaseQuery::with_text
};

struct ReleaseQuery {
  std::string country;  // "" = every country
  std::string period;   // "" = every period
  bool with_text = false;
  int limit = 500;
};

class HubReleaseRepository {
 public:
  // Every stored version, newest accepted first (received_at, then release_version).
  static std::vector<HubReleaseRow> list(Tx& tx, const ReleaseQuery& query = {});
  // The newest version of each (country, period), ordered by period then country; with the text.
  // `country`/`period` of the query narrow it; `limit` is ignored.
  static std::vector<HubReleaseRow> latest(Tx& tx, const ReleaseQuery& query = {});
  // One version by id, with the text.
  static std::optional<HubReleaseRow> find(Tx& tx, const std::string& id);
  // The newest version of (country, period), with the text; nullopt if none.
  static std::optional<HubReleaseRow> latest_for(Tx& tx, const std::string& country,
                                                 const std::string& period);
  // Inserts `row` (release_version as given; the UNIQUE (country, period, release_version) makes a
  // concurrent second insert of the same version fail with DbError kConstraint).
  static void insert(Tx& tx, const HubReleaseRow& row);
};

}  // namespace haven::store
