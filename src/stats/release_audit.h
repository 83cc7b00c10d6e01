// The check a receiver runs on a release before accepting it (the regional hub re-runs it on every
// release it is sent): from the published figures alone, no count below the threshold is shown and
// the attacker pins or narrows no withheld cell, with tables of one cube attacked together.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "stats/disclosure_control.h"
#include "stats/indicator_catalogue.h"
#include "stats/table.h"

namespace haven::stats {

struct AuditFinding {
  TableKey table;
  std::string cell;     // "AGE=Y0T4, SEX=F"
  std::string problem;  // one sentence
};

// Findings for every problem; empty means the release passes. Covers count tables (unit NR): rates,
// shares and ratios are checked only through the counts they are derived from, which a release must
// carry (the catalogue's derived_from and base_indicator). Tables whose indicators share a cube in
// the catalogue, country and period are attacked together.
std::vector<AuditFinding> audit_release(std::span<const Table> tables, const Catalogue& catalogue,
                                        const DisclosurePolicy& policy);

}  // namespace haven::stats
