// The vocabulary for describing a child and the people around them: sex, migration status, identity
// documents, age estimates, disabilities, relationships and roles. Each enum has a stable
// snake_case code (stored in the database, sent over the API), a parser, and the list of all values
// for forms.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace haven::domain {

// "unknown" is a real answer: an anonymous report may not say.
enum class Sex { kFemale, kMale, kOther, kUnknown };

// Unaccompanied: no adult responsible for the child is with them. Separated: with an adult, but not
// their parent or usual caregiver (UNHCR/UNICEF definitions).
enum class MigrationStatus {
  kNone,
  kAsylumSeeker,
  kRefugee,
  kUnaccompanied,
  kSeparated,
  kUndocumented,
  kTemporaryProtection,
};

enum class IdentityNumberKind {
  kNationalId,  // personal identity number (personnummer, personas kods)
  kPassport,
  kResidencePermit,
  kAsylumRegistration,
  kBirthCertificate,
  kOther,
};

// Why an estimated date of birth is believed; cross-border cases call this the age-assessment
// status.
enum class AgeEstimateBasis {
  kSelfDeclared,
  kRelativeStatement,
  kUnverifiedDocument,
  kMedicalAgeAssessment,
  kCaseworkerEstimate,
  kReporterEstimate,  // "a girl of about ten" in a report of concern
};

enum class DisabilityType {
  kPhysical,
  kVisual,
  kHearing,
  kIntellectual,
  kDevelopmental,  // e.g. autism, ADHD
  kPsychosocial,
  kLearning,
  kSpeechLanguage,
  kChronicHealth,
  kMultiple,
  kOther,
};

// How one person is related to another, read "from is the <type> of to" ("A is the mother of C").
// A family or household tie only: whether someone is an alleged perpetrator or a support person is
// their PersonRole in the case, because the same father can be both a parent and an alleged
// perpetrator.
enum class RelationshipType {
  kMother,
  kFather,
  kStepParent,
  kParentPartner,  // a parent's partner who is not a step-parent
  kAdoptiveParent,
  kFosterParent,
  kGuardian,
  kSibling,  // including half- and step-siblings
  kGrandparent,
  kOtherRelative,
  kHouseholdMember,  // lives with the child, not related
  kAcquaintance,     // known to the child: neighbour, coach, family friend
  kOther,
};

// The part a person plays in a case. A person may hold several roles.
enum class PersonRole {
  kCaregiver,
  kNonOffendingCaregiver,  // Barnahus: the caregiver who did not harm the child, a party in their
                           // own right
  kAllegedPerpetrator,
  kSupportPerson,
  kAppointedGuardian,  // e.g. the guardian appointed for an unaccompanied child
  kLegalRepresentative,
  kReporter,
  kWitness,
  kOther,
};

std::string_view to_code(Sex value);
std::string_view to_code(MigrationStatus value);
std::string_view to_code(IdentityNumberKind value);
std::string_view to_code(AgeEstimateBasis value);
std::string_view to_code(DisabilityType value);
std::string_view to_code(RelationshipType value);
std::string_view to_code(PersonRole value);

// Exact, case-sensitive match of a code; nullopt for anything else.
std::optional<Sex> parse_sex(std::string_view code);
std::optional<MigrationStatus> parse_migration_status(std::string_view code);
std::optional<IdentityNumberKind> parse_identity_number_kind(std::string_view code);
std::optional<AgeEstimateBasis> parse_age_estimate_basis(std::string_view code);
std::optional<DisabilityType> parse_disability_type(std::string_view code);
std::optional<RelationshipType> parse_relationship_type(std::string_view code);
std::optional<PersonRole> parse_person_role(std::string_view code);

// Every value in declaration order, for forms and validation.
std::span<const Sex> all_sexes();
std::span<const MigrationStatus> all_migration_statuses();
std::span<const IdentityNumberKind> all_identity_number_kinds();
std::span<const AgeEstimateBasis> all_age_estimate_bases();
std::span<const DisabilityType> all_disability_types();
std::span<const RelationshipType> all_relationship_types();
std::span<const PersonRole> all_person_roles();

}  // namespace haven::domain
