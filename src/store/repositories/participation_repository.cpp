// SQL for participation records and the information-given log.
#include "store/repositories/participation_repository.h"

namespace haven::store {

namespace {
constexpr const char* kParticipationSelect =
    "SELECT id, case_id, stage, decision, offered_on, setting, support_person, "
    "interpreter_language, accessible_format, views_ct, declined, decision_maker, weight_given, "
    "feedback_given_on, feedback_how, created_by, version, created_at, updated_at "
    "FROM participation_records ";

ParticipationRow participation_from_row(const Row& r) {
  ParticipationRow x;
  x.id = r.text(0);
  x.case_id = r.text(1);
  x.stage = r.text(2);
  x.decision = r.text(3);
  x.offered_on = r.opt_text(4);
  x.setting = r.text(5);
  x.support_person = r.text(6);
  x.interpreter_language = r.text(7);
  x.accessible_format = r.opt_text(8);
  if (!r.is_null(9)) x.views_ct = r.blob(9);
  x.declined = r.boolean(10);
  x.decision_maker = r.text(11);
  x.weight_given = r.text(12);
  x.feedback_given_on = r.opt_text(13);
  x.feedback_how = r.text(14);
  x.created_by = r.text(15);
  x.version = r.integer(16);
  x.created_at = r.integer(17);
  x.updated_at = r.integer(18);
  return x;
}

constexpr const char* kSelectInformation =
    "SELECT id, case_id, given_on, stage, what, language, format, recipient_person_id, "
    "given_by, created_by, version, created_at, updated_at FROM information_given ";

InformationGivenRow information_from_row(const Row& r) {
  InformationGivenRow x;
  x.id = r.text(0);
  x.case_id = r.text(1);
  x.given_on = r.text(2);
  x.stage = r.text(3);
  x.what = r.text(4);
  x.language = r.text(5);
  x.format = r.text(6);
  x.recipient_person_id = r.opt_text(7);
  x.given_by = r.text(8);
  x.created_by = r.text(9);
  x.version = r.integer(10);
  x.created_at = r.integer(11);
  x.updated_at = r.integer(12);
  return x;
}

}  // namespace

void ParticipationRepository::insert(Tx& tx, const ParticipationRow& x) {
  Params p = params(x.id, x.case_id, x.stage, x.decision, x.offered_on, x.setting, x.support_person,
                    x.interpreter_language, x.accessible_format);
  p.push_back(to_value(x.views_ct));
  for (Value v : params(x.declined, x.decision_maker, x.weight_given, x.feedback_given_on,
                        x.feedback_how, x.created_by, x.created_at))
    p.push_back(std::move(v));
  tx.execute(
      "INSERT INTO participation_records (id, case_id, stage, decision, offered_on, setting, "
      "support_person, interpreter_language, accessible_format, views_ct, declined, "
      "decision_maker, weight_given, feedback_given_on, feedback_how, created_by, version, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, $15, $16, 1, $17, $17)",
      p);
}

std::optional<ParticipationRow> ParticipationRepository::find(Tx& tx, const std::string& case_id,
                                                              const std::string& id) {
  auto row = tx.query_one(std::string(kParticipationSelect) + "WHERE id = $1 AND case_id = $2",
                          params(id, case_id));
  if (!row) return std::nullopt;
  return participation_from_row(*row);
}

std::vector<ParticipationRow> ParticipationRepository::for_case(Tx& tx,
                                                                const std::string& case_id) {
  std::vector<ParticipationRow> out;
  for (const Row& r :
       tx.query(std::string(kParticipationSelect) + "WHERE case_id = $1 ORDER BY created_at, id",
                params(case_id)))
    out.push_back(participation_from_row(r));
  return out;
}

bool ParticipationRepository::update(Tx& tx, const ParticipationRow& x, int64_t expected_version) {
  Params p = params(x.stage, x.decision, x.offered_on, x.setting, x.support_person,
                    x.interpreter_language, x.accessible_format);
  p.push_back(to_value(x.views_ct));
  for (Value v : params(x.declined, x.decision_maker, x.weight_given, x.feedback_given_on,
                        x.feedback_how, x.updated_at, x.id, expected_version))
    p.push_back(std::move(v));
  return tx.execute(
             "UPDATE participation_records SET stage = $1, decision = $2, offered_on = $3, "
             "setting = $4, support_person = $5, interpreter_language = $6, "
             "accessible_format = $7, views_ct = $8, declined = $9, decision_maker = $10, "
             "weight_given = $11, feedback_given_on = $12, feedback_how = $13, updated_at = $14, "
             "version = version + 1 WHERE id = $15 AND version = $16",
             p) == 1;
}

void ParticipationRepository::insert(Tx& tx, const InformationGivenRow& x) {
  tx.execute(
      "INSERT INTO information_given (id, case_id, given_on, stage, what, language, format, "
      "recipient_person_id, given_by, created_by, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)",
      params(x.id, x.case_id, x.given_on, x.stage, x.what, x.language, x.format,
             x.recipient_person_id, x.given_by, x.created_by, x.created_at));
}

std::optional<InformationGivenRow> ParticipationRepository::find_information(
    Tx& tx, const std::string& case_id, const std::string& id) {
  auto row = tx.query_one(std::string(kSelectInformation) + "WHERE id = $1 AND case_id = $2",
                          params(id, case_id));
  if (!row) return std::nullopt;
  return information_from_row(*row);
}

std::vector<InformationGivenRow> ParticipationRepository::information_for_case(
    Tx& tx, const std::string& case_id) {
  std::vector<InformationGivenRow> out;
  for (const Row& r :
       tx.query(std::string(kSelectInformation) + "WHERE case_id = $1 ORDER BY given_on, id",
                params(case_id)))
    out.push_back(information_from_row(r));
  return out;
}

bool ParticipationRepository::update(Tx& tx, const InformationGivenRow& x,
                                     int64_t expected_version) {
  return tx.execute(
             "UPDATE information_given SET given_on = $1, stage = $2, what = $3, language = $4, "
             "format = $5, recipient_person_id = $6, given_by = $7, updated_at = $8, "
             "version = version + 1 WHERE id = $9 AND version = $10",
             params(x.given_on, x.stage, x.what, x.language, x.format, x.recipient_person_id,
                    x.given_by, x.updated_at, x.id, expected_version)) == 1;
}

}  // namespace haven::store
