// The dashboard's XLSX download: figures as numeric cells a spreadsheet can sum and chart, their
// codes and flags as text beside them. Separate from the export XlsxWriter, which writes every
// cell as text on purpose (case lists hold identifiers that must not turn into numbers).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace haven::service {

// Writes `rows` (the first is the header) to a workbook at `path`, one sheet "statistics". A cell
// under a header named in `numeric_headers` that reads as a decimal number is written as a number
// shown with the decimals it was given; an empty cell stays empty; anything else is text.
core::Status write_statistics_xlsx(const std::string& path,
                                   const std::vector<std::vector<std::string>>& rows,
                                   const std::vector<std::string>& numeric_headers);

}  // namespace haven::service
