// SDMX-CSV releases: what is written, that it reads back to the same tables, and that malformed or
// dishonest files are refused with the line and column — and never crash the reader.
#include "stats/sdmx_csv.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "stats/disclosure_control.h"
#include "test_tables.h"

namespace haven::stats {
namespace {

DataStructure structure() {
  DataStructure s;
  s.breakdowns = {flat_dimension("AGE", {"Y0T4", "Y5T9", "Y10T14", "Y15T17"}),
                  flat_dimension("SEX", {"F", "M", "_U"}),
                  Dimension{"CARE_TYPE",
                            {{"_T", -1}, {"FAM", 0}, {"KIN", 1}, {"FOS", 1}, {"RES", 0}},
                            DimensionKind::kAdditive}};
  s.indicators = {"CARE_STOCK", "SCREENING_DAYS_MEDIAN"};
  return s;
}

Table protected_care_stock() {
  const DataStructure s = structure();
  std::mt19937_64 rng(42);
  Table t = testing::random_cube(rng, {s.breakdowns[2], s.breakdowns[0]});
  Table out({"CARE_STOCK", "LV", "2026"}, Unit::kCount, t.dimensions());
  out.cells() = t.cells();
  EXPECT_TRUE(protect(out, {}).ok());
  return out;
}

std::string header() {
  std::string h;
  for (const std::string& c : sdmx_columns(structure())) h += (h.empty() ? "" : ",") + c;
  return h + "\n";
}

// A valid row with fields replaced by position.
std::string row(std::map<size_t, std::string> changes = {}) {
  std::vector<std::string> f = {"dataflow", "CBSS:CHILD_PROTECTION(1.0)",
                                "I",        "A",
                                "LV",       "CARE_STOCK",
                                "Y0T4",     "_Z",
                                "KIN",      "2026",
                                "12",       "A",
                                "F",        "NR",
                                ""};
  for (auto& [i, v] : changes) f[i] = v;
  std::string out;
  for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
  return out + "\n";
}

std::string sdmx_error(const std::string& text, SdmxLimits limits = {}) {
  auto r = read_sdmx_csv(text, structure(), limits);
  return r.ok() ? "" : r.error().message;
}

TEST(SdmxCsv, WritesTheSdmxCsv2Layout) {
  Table t = protected_care_stock();
  const Table* tables[] = {&t};
  auto text = write_sdmx_csv(tables, structure());
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(text->substr(0, text->find('\r')),
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,AGE,SEX,CARE_TYPE,TIME_PERIOD,"
            "OBS_VALUE,OBS_STATUS,CONF_STATUS,UNIT_MEASURE,ROUNDING");
  EXPECT_NE(text->find("\r\ndataflow,CBSS:CHILD_PROTECTION(1.0),I,A,LV,CARE_STOCK,_T,_Z,_T,2026,"),
            std::string::npos);
  EXPECT_NE(text->find(",,A,C,NR,"), std::string::npos);  // a primary-suppressed cell: no value
}

TEST(SdmxCsv, RoundTripGivesBackTheSameTable) {
  Table t = protected_care_stock();
  const Table* tables[] = {&t};
  auto text = write_sdmx_csv(tables, structure());
  ASSERT_TRUE(text.ok());
  auto dataset = read_sdmx_csv(*text, structure());
  ASSERT_TRUE(dataset.ok()) << dataset.error().message;
  EXPECT_EQ(dataset->observations.size(), t.size());
  auto back = tables_from_dataset(*dataset, structure());
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->size(), 1u);
  const Table& b = back->front();
  EXPECT_EQ(b.key(), t.key());
  ASSERT_EQ(b.dimensions().size(), 2u);
  EXPECT_EQ(b.dimensions()[0].id, "AGE");  // the structure's column order, not the table's
  EXPECT_EQ(b.dimensions()[1].id, "CARE_TYPE");
  for (size_t i = 0; i < t.size(); ++i) {
    std::vector<std::string_view> codes;
    for (const Dimension& d : b.dimensions()) {
      const size_t k = static_cast<size_t>(t.dimension_index(d.id));
      codes.push_back(t.dimensions()[k].codes[t.coord(i, k)].id);
    }
    auto found = b.find(codes);
    ASSERT_TRUE(found.has_value()) << t.describe(i);
    const Cell& c = b.at(*found);
    EXPECT_EQ(c.status, t.at(i).status) << t.describe(i);
    EXPECT_EQ(c.value, t.at(i).value) << t.describe(i);
  }
}

TEST(SdmxCsv, RoundedAndMedianCellsRoundTrip) {
  DisclosurePolicy policy;
  policy.rounding_base = 5;
  Table uam({"CARE_STOCK", "SE", "2026-Q2"}, Unit::kCount, {structure().breakdowns[1]});
  uam.at(1).count = 23;
  uam.at(2).count = 48;
  uam.at(3).count = 0;
  uam.sum_margins();
  ASSERT_TRUE(protect(uam, policy).ok());
  Table days({"SCREENING_DAYS_MEDIAN", "SE", "2026-Q2"}, Unit::kMedianDays,
             {structure().breakdowns[0]});
  const int64_t cases[] = {20, 0, 3, 8, 9};  // _T, Y0T4, Y5T9, Y10T14, Y15T17
  for (size_t i = 0; i < days.size(); ++i) {
    days.at(i).count = cases[i];
    days.at(i).median = 9.5 + static_cast<double>(i);
  }
  ASSERT_TRUE(protect(days, {}).ok());
  const Table* tables[] = {&uam, &days};
  auto text = write_sdmx_csv(tables, structure());
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find(",SE,CARE_STOCK,_Z,F,_Z,2026-Q2,25,A,F,NR,5\r\n"), std::string::npos);
  EXPECT_NE(text->find(",Q,SE,SCREENING_DAYS_MEDIAN,Y0T4,_Z,_Z,2026-Q2,,M,F,DAY,\r\n"),
            std::string::npos);
  auto back = tables_from_dataset(*read_sdmx_csv(*text, structure()), structure());
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].at(1).rounding_base, 5);
  EXPECT_EQ((*back)[0].at(1).count, 25);
  EXPECT_EQ((*back)[1].unit(), Unit::kMedianDays);
  EXPECT_EQ((*back)[1].at(0).status, CellStatus::kObserved);
  EXPECT_EQ((*back)[1].at(1).status, CellStatus::kNotApplicable);
  EXPECT_EQ((*back)[1].at(2).status, CellStatus::kPrimarySuppressed);
}

TEST(SdmxCsv, WriterNeverEmitsAWithheldValue) {
  Table t = protected_care_stock();
  for (Cell& c : t.cells()) {
    if (is_suppressed(c.status)) {
      c.value = 3;  // whatever a caller did wrong
      break;
    }
  }
  const Table* tables[] = {&t};
  auto text = write_sdmx_csv(tables, structure());
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message.find("withheld"), std::string::npos);
}

TEST(SdmxCsv, WriterRefusesDimensionsOutsideTheStructure) {
  Table t({"CARE_STOCK", "LV", "2026"}, Unit::kCount, {flat_dimension("COLOUR", {"RED"})});
  for (Cell& c : t.cells()) c.value = 0;
  const Table* tables[] = {&t};
  EXPECT_FALSE(write_sdmx_csv(tables, structure()).ok());
}

TEST(SdmxCsvReader, AcceptsAValidFile) {
  auto r = read_sdmx_csv(header() + row() + row({{6, "Y5T9"}, {10, ""}, {12, "C"}}), structure());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->observations.size(), 2u);
  EXPECT_EQ(r->observations[1].status, CellStatus::kPrimarySuppressed);
  EXPECT_EQ(r->observations[1].line, 3u);
}

TEST(SdmxCsvReader, WrongHeaderNamesTheColumn) {
  std::string h = header();
  h.replace(h.find("SEX"), 3, "GENDER");
  EXPECT_EQ(sdmx_error(h + row()), "line 1, column 8: expected header SEX, found 'GENDER'.");
  EXPECT_EQ(sdmx_error("STRUCTURE,STRUCTURE_ID\n"),
            "line 1, column 3: expected header ACTION, found nothing.");
  EXPECT_EQ(sdmx_error(header().substr(0, header().size() - 1) + ",EXTRA\n"),
            "line 1, column 16: unexpected column 'EXTRA'.");
  EXPECT_EQ(sdmx_error(""), "line 1: the release is empty; expected a header row.");
}

TEST(SdmxCsvReader, UnknownStatusCodesAreRefused) {
  EXPECT_EQ(sdmx_error(header() + row({{11, "X"}})),
            "line 2, column 12 (OBS_STATUS): unknown observation status 'X' (A, M or L).");
  EXPECT_EQ(sdmx_error(header() + row({{12, "S"}})),
            "line 2, column 13 (CONF_STATUS): confidentiality status 'S' is not valid with "
            "observation status A (F, C or D; F when missing).");
  EXPECT_EQ(sdmx_error(header() + row({{10, ""}, {11, "M"}, {12, "C"}})).substr(0, 30),
            "line 2, column 13 (CONF_STATUS");
}

TEST(SdmxCsvReader, AValueUnderAConfidentialStatusIsRefused) {
  EXPECT_EQ(
      sdmx_error(header() + row() + row({{6, "Y5T9"}, {10, "3"}, {12, "D"}})),
      "line 3, column 11 (OBS_VALUE): a value is given for a cell whose status withholds it.");
}

TEST(SdmxCsvReader, BadQuotingAndFieldCountsAreRefused) {
  EXPECT_EQ(sdmx_error(header() + row() + "dataflow,\"CBSS:CHILD_PROTECTION(1.0),I\n"),
            "line 3, column 2: a quoted field is not closed before the end of the file.");
  EXPECT_EQ(sdmx_error(header() + "dataflow,CBSS:CHILD_PROTECTION(1.0),I\n"),
            "line 2: expected 15 fields, found 3.");
}

TEST(SdmxCsvReader, HugeFieldsAndTooManyRowsAreRefused) {
  EXPECT_EQ(sdmx_error(header() + row({{5, std::string(5000, 'A')}})),
            "line 2, column 6: field longer than 256 bytes.");
  SdmxLimits limits;
  limits.max_rows = 2;
  EXPECT_NE(sdmx_error(header() + row() + row({{6, "Y5T9"}}) + row({{6, "Y10T14"}}), limits)
                .find("more than"),
            std::string::npos);
  limits = {};
  limits.max_bytes = 100;
  EXPECT_NE(sdmx_error(header() + row(), limits).find("larger than 100 bytes"), std::string::npos);
}

TEST(SdmxCsvReader, EveryFieldIsValidated) {
  struct Case {
    std::map<size_t, std::string> change;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{{0, "datastructure"}},
       "line 2, column 1 (STRUCTURE): expected 'dataflow', found 'datastructure'."},
      {{{1, "ESTAT:X(1.0)"}},
       "line 2, column 2 (STRUCTURE_ID): expected dataflow CBSS:CHILD_PROTECTION(1.0), found "
       "'ESTAT:X(1.0)'."},
      {{{2, "D"}}, "line 2, column 3 (ACTION): action 'D' is not supported (use I, A or R)."},
      {{{3, "M"}}, "line 2, column 4 (FREQ): frequency 'M' is not A or Q."},
      {{{4, "XX"}}, "line 2, column 5 (REF_AREA): 'XX' is not an ISO country code."},
      {{{5, "UNKNOWN"}}, "line 2, column 6 (INDICATOR): unknown indicator 'UNKNOWN'."},
      {{{6, "Y0T5"}}, "line 2, column 7 (AGE): code 'Y0T5' is not in the AGE code list."},
      {{{9, "2026-Q1"}}, "line 2, column 10 (TIME_PERIOD): '2026-Q1' is not a year (2026)."},
      {{{3, "Q"}, {9, "2026-Q5"}},
       "line 2, column 10 (TIME_PERIOD): '2026-Q5' is not a quarter (2026-Q1)."},
      {{{10, "-3"}}, "line 2, column 11 (OBS_VALUE): '-3' is not a non-negative number."},
      {{{10, "1e3"}}, "line 2, column 11 (OBS_VALUE): '1e3' is not a non-negative number."},
      {{{10, "12.5"}}, "line 2, column 11 (OBS_VALUE): a count must be a whole number."},
      {{{10, "1e99"}}, "line 2, column 11 (OBS_VALUE): '1e99' is not a non-negative number."},
      {{{10, "99999999999999"}}, "line 2, column 11 (OBS_VALUE): the value is implausibly large."},
      {{{10, ""}}, "line 2, column 11 (OBS_VALUE): the value is missing for an observed cell."},
      {{{13, "PERSONS"}}, "line 2, column 14 (UNIT_MEASURE): unknown unit 'PERSONS'."},
      {{{14, "5"}},
       "line 2, column 11 (OBS_VALUE): a count rounded to base 5 must be a multiple of it."},
      {{{14, "1"}}, "line 2, column 15 (ROUNDING): the rounding base must be between 2 and 1000."},
      {{{14, "x"}}, "line 2, column 15 (ROUNDING): 'x' is not a rounding base."},
  };
  for (const Case& c : cases) EXPECT_EQ(sdmx_error(header() + row(c.change)), c.error);
}

TEST(SdmxCsvReader, RowsOfOneTableMustAgree) {
  EXPECT_EQ(sdmx_error(header() + row() + row()), "line 3: the same observation as line 2.");
  EXPECT_EQ(
      sdmx_error(header() + row() + row({{6, "Y5T9"}, {13, "P_HTHAB"}})),
      "line 3, column 14 (UNIT_MEASURE): the unit differs from line 2 for the same indicator, "
      "country and period.");
  EXPECT_EQ(sdmx_error(header() + row() + row({{6, "Y5T9"}, {7, "F"}})),
            "line 3, column 8 (SEX): line 2 of the same indicator is not broken down by SEX.");
  EXPECT_EQ(sdmx_error(header() + row() + row({{6, "Y5T9"}, {2, "A"}})),
            "line 3, column 3 (ACTION): every row of a release must have the same action.");
}

// A cheap stand-in for the libFuzzer target: thousands of mutated releases, each either read or
// refused, none crashing (ASan and UBSan watch).
TEST(SdmxCsvReader, MutatedInputNeverCrashes) {
  Table t = protected_care_stock();
  const Table* tables[] = {&t};
  const std::string valid = *write_sdmx_csv(tables, structure());
  std::mt19937_64 rng(2026);
  const std::string alphabet = ",\"\r\n;AaZz_09.-\xC3\xA9\xFF ";
  size_t accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = valid;
    const int edits = std::uniform_int_distribution<int>(1, 8)(rng);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const size_t pos = std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng);
      const char c = alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
      switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0:
          text[pos] = c;
          break;
        case 1:
          text.insert(pos, 1, c);
          break;
        default:
          text.erase(pos, 1);
      }
    }
    auto r = read_sdmx_csv(text, structure());
    if (r.ok()) {
      ++accepted;
      EXPECT_TRUE(tables_from_dataset(*r, structure()).ok());
    } else {
      EXPECT_EQ(r.error().message.rfind("line ", 0), 0u) << r.error().message;
    }
  }
  EXPECT_LT(accepted, 3000u);
}

}  // namespace
}  // namespace haven::stats
