// People around the child and the relationships between them.
#include "domain/person.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/relationship.h"
#include "fixtures.h"

namespace haven::domain {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using namespace fixtures;

TEST(Person, AValidPersonPasses) {
  auto status = validate_person(a_person(), kToday);
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(Person, AnUnknownPersonCanBeDescribedInsteadOfNamed) {
  Person p;
  p.roles = {PersonRole::kAllegedPerpetrator};
  EXPECT_THAT(message_for(validate_person(p, kToday), "given_names"),
              HasSubstr("describe the person"));
  p.description = "Man, about 40, drives a red van";
  EXPECT_TRUE(validate_person(p, kToday).ok());
}

TEST(Person, OneParentCanBeBothCaregiverAndAllegedPerpetratorButNotTwiceEither) {
  Person p = a_person();
  p.roles = {PersonRole::kCaregiver, PersonRole::kAllegedPerpetrator};
  EXPECT_TRUE(validate_person(p, kToday).ok());
  EXPECT_TRUE(has_role(p, PersonRole::kAllegedPerpetrator));
  EXPECT_FALSE(has_role(p, PersonRole::kSupportPerson));
  p.roles.push_back(PersonRole::kCaregiver);
  EXPECT_THAT(fields_of(validate_person(p, kToday)), Contains("roles[2]"));
}

TEST(Person, ChecksContactDetailsAndBirthDate) {
  Person p = a_person();
  p.phone = "call me";
  p.email = "ilze.example.org";
  p.birth_date = kToday.plus_days(1);
  auto fields = fields_of(validate_person(p, kToday));
  EXPECT_THAT(fields, Contains("phone"));
  EXPECT_THAT(fields, Contains("email"));
  EXPECT_THAT(fields, Contains("birth_date"));
}

TEST(Relationship, LinksTwoDifferentPeopleByValidIds) {
  Relationship r{
      "", std::string(kPersonA), std::string(kPersonB), RelationshipType::kMother, true, true, ""};
  EXPECT_TRUE(validate_relationship(r).ok());

  r.to_person_id = kPersonA;
  EXPECT_THAT(message_for(validate_relationship(r), "to_person_id"), HasSubstr("two different"));

  r.to_person_id = "child-7";
  EXPECT_THAT(fields_of(validate_relationship(r)), Contains("to_person_id"));
  r.from_person_id.clear();
  EXPECT_THAT(fields_of(validate_relationship(r)), Contains("from_person_id"));
}

}  // namespace
}  // namespace haven::domain
