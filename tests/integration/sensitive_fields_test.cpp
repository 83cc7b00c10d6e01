// Country form fields marked sensitive (config/forms/se.toml: the child's LSS decision, the
// assessment's school health contact) on both databases: the API reads them back as typed, the
// database holds them only encrypted — not in the record's custom_fields column, not in the
// history — and a change to them is in the history with its old value still encrypted.
#include <gtest/gtest.h>

#include "case_fixture.h"
#include "core/date.h"
#include "service/app.h"

namespace haven::testing {
namespace {

class SensitiveFieldsTest : public CaseApiTest {
 protected:
  // Every text column of every row of `table` concatenated: where a leak would show.
  std::string all_text(const std::string& table) {
    return db().read([&](store::Tx& tx) {
      std::string out;
      for (const auto& row : tx.query("SELECT * FROM " + table))
        for (size_t i = 0; i < row.size(); ++i)
          if (const auto* text = std::get_if<std::string>(&row[i])) out += *text + "\n";
      return out;
    });
  }
};

TEST_P(SensitiveFieldsTest, SensitiveCountryFieldsAreReadableThroughTheApiButStoredOnlyEncrypted) {
  const std::string anna = sign_in("anna", "caseworker");
  nlohmann::json intake = intake_body();
  intake["child"]["custom_fields"] = {{"registered_municipality", "Malmö"}, {"lss_decision", true}};
  auto r = send("POST", anna, "/api/v1/reports", intake);
  ASSERT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
  const auto created = body_of(r);
  const std::string case_id = created["case_id"];
  const std::string base = "/api/v1/cases/" + case_id;

  // Move the case to assessment and record one with a sensitive field.
  auto c = body_of(send("GET", anna, base));
  c = body_of(send("POST", anna, base + "/transitions",
                   {{"action", "start_screening"}, {"version", c["version"]}}));
  send("POST", anna, base + "/screening",
       {{"open_assessment", true}, {"reasons", "Signs of neglect reported by school."}});
  c = body_of(send("GET", anna, base));
  c = body_of(send("POST", anna, base + "/transitions",
                   {{"action", "screen_in"}, {"version", c["version"]}}));
  ASSERT_EQ(c["status"], "assessment") << c.dump();
  r = send("POST", anna, base + "/assessments",
           {{"safety", "No immediate danger."},
            {"started_on", core::Date::of(clock_->now()).to_string()},
            {"custom_fields", {{"school_health_contact", "Nurse Karin Ekholm, 040-123 45"}}}});
  ASSERT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
  c = body_of(r);
  ASSERT_EQ(c["assessments"].size(), 1u);
  const std::string assessment_id = c["assessments"][0]["id"];
  EXPECT_EQ(c["assessments"][0]["custom_fields"]["school_health_contact"],
            "Nurse Karin Ekholm, 040-123 45");

  // The worker reads everything back as typed.
  auto child =
      body_of(send("GET", anna, "/api/v1/children/" + created["child_id"].get<std::string>()));
  EXPECT_EQ(child["custom_fields"]["lss_decision"], true) << child.dump();
  EXPECT_EQ(child["custom_fields"]["registered_municipality"], "Malmö");

  // Change the sensitive value: the history names the change, its values stay encrypted.
  r = send("PUT", anna, base + "/assessments/" + assessment_id,
           {{"safety", "No immediate danger."},
            {"started_on", core::Date::of(clock_->now()).to_string()},
            {"version", c["assessments"][0]["version"]},
            {"custom_fields", {{"school_health_contact", "Dr Jonas Lind"}}}});
  ASSERT_EQ(r ? r->status : 0, 200) << (r ? r->body : "");
  EXPECT_EQ(body_of(r)["assessments"][0]["custom_fields"]["school_health_contact"],
            "Dr Jonas Lind");
  auto history = body_of(send("GET", anna, base + "/history"));
  bool found = false;
  for (const auto& e : history["entries"])
    if (e["field"] == "custom_fields_sensitive" && e["entity_id"] == assessment_id &&
        e.contains("old_value") && e["old_value"].is_string() &&
        e["old_value"].get<std::string>().find("Karin") != std::string::npos)
      found = true;
  EXPECT_TRUE(found) << "the history shows the old sensitive value to the worker: "
                     << history.dump();

  // The database holds none of it in the clear; the readable field stays readable.
  const std::string children = all_text("children");
  EXPECT_EQ(children.find("lss_decision"), std::string::npos);
  EXPECT_NE(children.find("Malmö"), std::string::npos);
  for (const std::string table : {"assessments", "record_history", "sensitive_custom_fields"}) {
    const std::string text = all_text(table);
    EXPECT_EQ(text.find("Karin"), std::string::npos) << table;
    EXPECT_EQ(text.find("Jonas"), std::string::npos) << table;
  }
  EXPECT_EQ(count("sensitive_custom_fields"), 2);  // the child's and the assessment's

  // Clearing the sensitive value removes its sealed row; the readable parts stay.
  auto current = body_of(send("GET", anna, base));
  r = send("PUT", anna, base + "/assessments/" + assessment_id,
           {{"safety", "No immediate danger."},
            {"started_on", core::Date::of(clock_->now()).to_string()},
            {"version", current["assessments"][0]["version"]},
            {"custom_fields", nlohmann::json::object()}});
  ASSERT_EQ(r ? r->status : 0, 200) << (r ? r->body : "");
  EXPECT_FALSE(body_of(r)["assessments"][0]["custom_fields"].contains("school_health_contact"));
  EXPECT_EQ(count("sensitive_custom_fields"), 1);  // the child's only
}

HAVEN_INSTANTIATE_BACKENDS(SensitiveFieldsTest);

}  // namespace
}  // namespace haven::testing
