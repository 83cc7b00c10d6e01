// Codes for the person vocabulary. The static_asserts prove every enumerator has exactly one code.
#include "domain/person_types.h"

#include "domain/enum_table.h"

namespace haven::domain {
namespace {

constexpr auto kSexes = make_enum_table<Sex>({
    {Sex::kFemale, "female"},
    {Sex::kMale, "male"},
    {Sex::kOther, "other"},
    {Sex::kUnknown, "unknown"},
});
static_assert(kSexes.complete_through(Sex::kUnknown));

constexpr auto kMigrationStatuses = make_enum_table<MigrationStatus>({
    {MigrationStatus::kNone, "none"},
    {MigrationStatus::kAsylumSeeker, "asylum_seeker"},
    {MigrationStatus::kRefugee, "refugee"},
    {MigrationStatus::kUnaccompanied, "unaccompanied"},
    {MigrationStatus::kSeparated, "separated"},
    {MigrationStatus::kUndocumented, "undocumented"},
    {MigrationStatus::kTemporaryProtection, "temporary_protection"},
});
static_assert(kMigrationStatuses.complete_through(MigrationStatus::kTemporaryProtection));

constexpr auto kIdentityNumberKinds = make_enum_table<IdentityNumberKind>({
    {IdentityNumberKind::kNationalId, "national_id"},
    {IdentityNumberKind::kPassport, "passport"},
    {IdentityNumberKind::kResidencePermit, "residence_permit"},
    {IdentityNumberKind::kAsylumRegistration, "asylum_registration"},
    {IdentityNumberKind::kBirthCertificate, "birth_certificate"},
    {IdentityNumberKind::kOther, "other"},
});
static_assert(kIdentityNumberKinds.complete_through(IdentityNumberKind::kOther));

constexpr auto kAgeEstimateBases = make_enum_table<AgeEstimateBasis>({
    {AgeEstimateBasis::kSelfDeclared, "self_declared"},
    {AgeEstimateBasis::kRelativeStatement, "relative_statement"},
    {AgeEstimateBasis::kUnverifiedDocument, "unverified_document"},
    {AgeEstimateBasis::kMedicalAgeAssessment, "medical_age_assessment"},
    {AgeEstimateBasis::kCaseworkerEstimate, "caseworker_estimate"},
    {AgeEstimateBasis::kReporterEstimate, "reporter_estimate"},
});
static_assert(kAgeEstimateBases.complete_through(AgeEstimateBasis::kReporterEstimate));

constexpr auto kDisabilityTypes = make_enum_table<DisabilityType>({
    {DisabilityType::kPhysical, "physical"},
    {DisabilityType::kVisual, "visual"},
    {DisabilityType::kHearing, "hearing"},
    {DisabilityType::kIntellectual, "intellectual"},
    {DisabilityType::kDevelopmental, "developmental"},
    {DisabilityType::kPsychosocial, "psychosocial"},
    {DisabilityType::kLearning, "learning"},
    {DisabilityType::kSpeechLanguage, "speech_language"},
    {DisabilityType::kChronicHealth, "chronic_health"},
    {DisabilityType::kMultiple, "multiple"},
    {DisabilityType::kOther, "other"},
});
static_assert(kDisabilityTypes.complete_through(DisabilityType::kOther));

constexpr auto kRelationshipTypes = make_enum_table<RelationshipType>({
    {RelationshipType::kMother, "mother"},
    {RelationshipType::kFather, "father"},
    {RelationshipType::kStepParent, "step_parent"},
    {RelationshipType::kParentPartner, "parent_partner"},
    {RelationshipType::kAdoptiveParent, "adoptive_parent"},
    {RelationshipType::kFosterParent, "foster_parent"},
    {RelationshipType::kGuardian, "guardian"},
    {RelationshipType::kSibling, "sibling"},
    {RelationshipType::kGrandparent, "grandparent"},
    {RelationshipType::kOtherRelative, "other_relative"},
    {RelationshipType::kHouseholdMember, "household_member"},
    {RelationshipType::kAcquaintance, "acquaintance"},
    {RelationshipType::kOther, "other"},
});
static_assert(kRelationshipTypes.complete_through(RelationshipType::kOther));

constexpr auto kPersonRoles = make_enum_table<PersonRole>({
    {PersonRole::kCaregiver, "caregiver"},
    {PersonRole::kNonOffendingCaregiver, "non_offending_caregiver"},
    {PersonRole::kAllegedPerpetrator, "alleged_perpetrator"},
    {PersonRole::kSupportPerson, "support_person"},
    {PersonRole::kAppointedGuardian, "appointed_guardian"},
    {PersonRole::kLegalRepresentative, "legal_representative"},
    {PersonRole::kReporter, "reporter"},
    {PersonRole::kWitness, "witness"},
    {PersonRole::kOther, "other"},
});
static_assert(kPersonRoles.complete_through(PersonRole::kOther));

}  // namespace

std::string_view to_code(Sex value) {
  return kSexes.code(value);
}
std::string_view to_code(MigrationStatus value) {
  return kMigrationStatuses.code(value);
}
std::string_view to_code(IdentityNumberKind value) {
  return kIdentityNumberKinds.code(value);
}
std::string_view to_code(AgeEstimateBasis value) {
  return kAgeEstimateBases.code(value);
}
std::string_view to_code(DisabilityType value) {
  return kDisabilityTypes.code(value);
}
std::string_view to_code(RelationshipType value) {
  return kRelationshipTypes.code(value);
}
std::string_view to_code(PersonRole value) {
  return kPersonRoles.code(value);
}

std::optional<Sex> parse_sex(std::string_view code) {
  return kSexes.parse(code);
}
std::optional<MigrationStatus> parse_migration_status(std::string_view code) {
  return kMigrationStatuses.parse(code);
}
std::optional<IdentityNumberKind> parse_identity_number_kind(std::string_view code) {
  return kIdentityNumberKinds.parse(code);
}
std::optional<AgeEstimateBasis> parse_age_estimate_basis(std::string_view code) {
  return kAgeEstimateBases.parse(code);
}
std::optional<DisabilityType> parse_disability_type(std::string_view code) {
  return kDisabilityTypes.parse(code);
}
std::optional<RelationshipType> parse_relationship_type(std::string_view code) {
  return kRelationshipTypes.parse(code);
}
std::optional<PersonRole> parse_person_role(std::string_view code) {
  return kPersonRoles.parse(code);
}

std::span<const Sex> all_sexes() {
  return kSexes.values();
}
std::span<const MigrationStatus> all_migration_statuses() {
  return kMigrationStatuses.values();
}
std::span<const IdentityNumberKind> all_identity_number_kinds() {
  return kIdentityNumberKinds.values();
}
std::span<const AgeEstimateBasis> all_age_estimate_bases() {
  return kAgeEstimateBases.values();
}
std::span<const DisabilityType> all_disability_types() {
  return kDisabilityTypes.values();
}
std::span<const RelationshipType> all_relationship_types() {
  return kRelationshipTypes.values();
}
std::span<const PersonRole> all_person_roles() {
  return kPersonRoles.values();
}

}  // namespace haven::domain
