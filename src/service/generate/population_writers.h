// Where a generated population goes: straight into a haven database in one transaction (all or
// nothing), or into JSON-lines files, one per table, that appear only when the run completes.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "security/field_cipher.h"
#include "service/generate/population.h"
#include "store/database.h"
#include "synth/name_data.h"

namespace haven::service::generate {

// Rows already in the tables `generate` writes (agencies, children, persons, relationships,
// reports, cases): generating into a database that has any mixes two populations, so the command
// refuses unless told to append.
core::Result<int64_t> count_existing_records(store::Database& db);

// Generates into `db` inside ONE write transaction: when it fails or is cancelled, nothing is
// written. Sensitive columns are encrypted with `cipher` exactly as the services encrypt them
// (FieldCipher, bound to table, column and row id), on the generating thread; without a cipher
// (benchmarks that never read them) no sensitive content is generated at all
// (GenerateOptions::sensitive_content). After the commit, PostgreSQL gets ANALYZE so the planner
// knows the new tables' sizes. Case numbers continue from the counters already in the database. On
// SQLite the writer's page cache is enlarged for the run (and put back afterwards), and into an
// empty database the secondary indexes whose keys would arrive in random order (dates, names,
// blind indexes) are re-created after the load within the transaction (those led by an id, whose
// keys arrive in order, stay live), and
// the load runs in bulk-load mode (an in-memory rollback journal, no fsync: the pages are written
// once, not to the WAL and again by its checkpoint; no foreign-key look-ups; the index sorts on
// two threads), after which WAL, synchronous=FULL and foreign keys are restored before returning. A
// database that already holds records is written with the usual durability. Generation runs on a
// second thread; progress is reported as rows are written. Throws store::DbError for failures of
// the database itself (a duplicate id when appending with a seed used before, a full disk).
core::Result<GenerateStats> generate_into_database(store::Database& db,
                                                   const synth::NameData& names,
                                                   GenerateOptions options,
                                                   const RunControl& control = {},
                                                   const security::FieldCipher* cipher = nullptr);

// PostgreSQL: ANALYZE, so the planner has statistics for rows loaded in bulk (generate, import).
// SQLite: nothing. Throws store::DbError.
void analyze(store::Database& db);

// Makes `dir` (and its parents) if missing and checks that a file can be created in it; the error
// (kInvalidInput) names the folder and the reason.
core::Status prepare_output_directory(const std::string& dir);

// Writes <dir>/<table>.jsonl (one JSON object per row, keys in column order, list columns as JSON
// arrays). Files are written under a temporary name and renamed at the end, so a failed or
// cancelled run leaves earlier files as they were and no partial ones.
core::Result<GenerateStats> generate_into_directory(const std::string& dir,
                                                    const synth::NameData& names,
                                                    const GenerateOptions& options,
                                                    const RunControl& control = {});

}  // namespace haven::service::generate
