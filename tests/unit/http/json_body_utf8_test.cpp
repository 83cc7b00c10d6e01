// Invalid UTF-8 in a JSON body names the member it sits in (a 422 a form can mark), while a body
// that is not JSON at all stays a plain 400 without fields.
#include <gtest/gtest.h>

#include <string>

#include "http/json_body.h"
#include "http/problem.h"

namespace haven::http {
namespace {

std::vector<std::string> fields_of(const core::Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(JsonBodyUtf8, InvalidBytesInATopLevelStringNameTheMember) {
  auto r = parse_json_text("{\"given_names\": \"Elin\", \"narrative\": \"caf\xe9 au lait\"}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(http_status(r.error()), 422);
  EXPECT_EQ(fields_of(r.error()), std::vector<std::string>{"narrative"});
  EXPECT_NE(r.error().fields[0].message.find("UTF-8"), std::string::npos);
}

TEST(JsonBodyUtf8, NestedMembersAndListItemsAreNamedAsTheApiNamesFields) {
  auto r = parse_json_text(
      "{\"report\": {\"custom_fields\": {\"school\": \"Bj\xf6rkskolan\"}},"
      " \"goals\": [{\"description\": \"ok\"}, {\"description\": \"\xc3\x28\"}],"
      " \"other_names\": [\"Ella\", \"\xff\"]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(http_status(r.error()), 422);
  EXPECT_EQ(fields_of(r.error()),
            (std::vector<std::string>{"report.custom_fields.school", "goals[1].description",
                                      "other_names[1]"}));
}

TEST(JsonBodyUtf8, OverlongsAndSurrogatesAreInvalidToo) {
  auto overlong = parse_json_text("{\"note\": \"\xc0\xaf\"}");
  ASSERT_FALSE(overlong.ok());
  EXPECT_EQ(fields_of(overlong.error()), std::vector<std::string>{"note"});
  auto surrogate = parse_json_text("{\"note\": \"\xed\xa0\x80\"}");
  ASSERT_FALSE(surrogate.ok());
  EXPECT_EQ(fields_of(surrogate.error()), std::vector<std::string>{"note"});
  // Valid multi-byte text passes.
  auto fine = parse_json_text("{\"note\": \"Öberg – 北京 😀\"}");
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ((*fine)["note"], "Öberg – 北京 😀");
}

TEST(JsonBodyUtf8, ABadKeyNamesTheKeyAsFarAsItCanBeRead) {
  auto r = parse_json_text("{\"child\": {\"sch\xf6ol\": \"x\"}}");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field.rfind("child.sch", 0), 0u) << r.error().fields[0].field;
}

TEST(JsonBodyUtf8, ABodyThatIsNotJsonStaysA400WithoutFields) {
  auto latin1 = parse_json_text(
      "namn=\xd6"
      "berg");
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(http_status(latin1.error()), 400);
  EXPECT_TRUE(latin1.error().fields.empty());
  // Invalid bytes outside any string, or a broken document around a bad string.
  auto outside = parse_json_text("{\"a\": 1\xff}");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(http_status(outside.error()), 400);
  auto broken = parse_json_text("{\"a\": \"\xff\", ");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(http_status(broken.error()), 400);
}

}  // namespace
}  // namespace haven::http
