// SQL for referrals.
#include "store/repositories/referral_repository.h"

namespace haven::store {

namespace {
constexpr const char* kReferralSelect =
    "SELECT id, case_id, service_type, provider, status, referred_on, consent_required, "
    "consent_given_by, consent_given_on, consent_recorded_by, override_by, override_reason, "
    "override_on, notes, created_by, version, created_at, updated_at FROM referrals ";

ReferralRow referral_from_row(const Row& r) {
  ReferralRow x;
  x.id = r.text(0);
  x.case_id = r.text(1);
  x.service_type = r.text(2);
  x.provider = r.text(3);
  x.status = r.text(4);
  x.referred_on = r.opt_text(5);
  x.consent_required = r.boolean(6);
  x.consent_given_by = r.opt_text(7);
  x.consent_given_on = r.opt_text(8);
  x.consent_recorded_by = r.opt_text(9);
  x.override_by = r.opt_text(10);
  x.override_reason = r.opt_text(11);
  x.override_on = r.opt_text(12);
  x.notes = r.text(13);
  x.created_by = r.text(14);
  x.version = r.integer(15);
  x.created_at = r.integer(16);
  x.updated_at = r.integer(17);
  return x;
}
}  // namespace

void ReferralRepository::insert(Tx& tx, const ReferralRow& x) {
  tx.execute(
      "INSERT INTO referrals (id, case_id, service_type, provider, status, referred_on, "
      "consent_required, consent_given_by, consent_given_on, consent_recorded_by, override_by, "
      "override_reason, override_on, notes, created_by, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16)",
      params(x.id, x.case_id, x.service_type, x.provider, x.status, x.referred_on,
             x.consent_required, x.consent_given_by, x.consent_given_on, x.consent_recorded_by,
             x.override_by, x.override_reason, x.override_on, x.notes, x.created_by, x.created_at));
}

std::optional<ReferralRow> ReferralRepository::find(Tx& tx, const std::string& case_id,
                                                    const std::string& id) {
  auto row = tx.query_one(std::string(kReferralSelect) + "WHERE id = $1 AND case_id = $2",
                          params(id, case_id));
  if (!row) return std::nullopt;
  return referral_from_row(*row);
}

std::vector<ReferralRow> ReferralRepository::for_case(Tx& tx, const std::string& case_id) {
  std::vector<ReferralRow> out;
  for (const Row& r :
       tx.query(std::string(kReferralSelect) + "WHERE case_id = $1 ORDER BY created_at, id",
                params(case_id)))
    out.push_back(referral_from_row(r));
  return out;
}

bool ReferralRepository::update(Tx& tx, const ReferralRow& x, int64_t expected_version) {
  return tx.execute(
             "UPDATE referrals SET service_type = $1, provider = $2, status = $3, "
             "referred_on = $4, consent_required = $5, consent_given_by = $6, "
             "consent_given_on = $7, consent_recorded_by = $8, override_by = $9, "
             "override_reason = $10, override_on = $11, notes = $12, updated_at = $13, "
             "version = version + 1 WHERE id = $14 AND version = $15",
             params(x.service_type, x.provider, x.status, x.referred_on, x.consent_required,
                    x.consent_given_by, x.consent_given_on, x.consent_recorded_by, x.override_by,
                    x.override_reason, x.override_on, x.notes, x.updated_at, x.id,
                    expected_version)) == 1;
}

}  // namespace haven::store
