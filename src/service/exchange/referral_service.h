// Transnational referrals ([X1], docs/EXCHANGE.md): a request about a child from this country's
// authority to a partner's, drafted from a case, approved by a supervisor with its legal basis and
// purpose, sealed and delivered to the partner's inbox (HTTPS POST, or a file carried by hand); and
// the other side of the same exchange: an accepted package becomes an incoming referral for this
// country's contact points, who acknowledge, answer or decline it with a package back. Also the
// linkage review queue: candidate pairs from a linkage run, each confirmed (a draft referral opens)
// or rejected by a contact point. Every method: authorize → validate
// (domain/transnational_referral) → one transaction (row, field history, exchange log, audit).
// Thread-safe once set_transport() has been called at start.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/exchange/exchange_service.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

// A referral as callers see it, its fields decrypted.
struct CrossBorderReferral {
  std::string id;
  std::string direction;  // outgoing | incoming
  std::string case_id;    // outgoing: the case it was drafted from ("" for incoming)
  std::string child_id;
  std::string agency_id;  // the case's agency ("" for incoming: the contact points' own)
  std::string country;    // this instance's country
  std::string request_type;
  std::string partner_country;
  std::string partner_authority;
  std::string status;  // domain::to_code(TransnationalStatus)
  std::string legal_basis;
  std::string purpose;
  std::string fields = "{}";  // JSON object: exactly what the request carries across the border
  std::string answer;         // JSON object, or "" before an answer
  std::string reason;         // why it was rejected or withdrawn
  std::string approved_by;
  int64_t approved_at = 0;
  std::string message_id;  // the request package (sent or received)
  std::string answer_message_id;
  std::string review_pair_id;
  std::string created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 1;
  // When the partner's signed receipt for the request package came back (0: not yet). Outgoing.
  int64_t delivered_at = 0;
  // Packages about this referral recorded as sent but not yet delivered to the partner's inbox
  // (the partner was down): send() delivers them again, the same packages with the same ids.
  int pending_deliveries = 0;
};

struct ReferralDraft {
  std::string case_id;
  std::string request_type;       // domain::to_code(RequestType)
  std::string partner_authority;  // on the trust list
  // JSON object of the template's fields; "" or "{}": the child's identity fields from the case.
  std::string fields;
  std::string purpose;      // may be left for the approving supervisor
  std::string legal_basis;  // likewise
};

// Exactly what leaves the country when the referral is sent: the inner message of the package
// (header and payload) before it is signed and sealed. `problems` lists what must change before a
// supervisor may approve it (a field outside the template, no purpose or legal basis).
struct ReferralPreview {
  std::string kind;  // the request type
  std::string sender_country, sender_authority;
  std::string receiver_country, receiver_authority;
  std::string purpose;
  std::string legal_basis;
  std::vector<std::string> data_categories;
  std::string payload = "{}";  // JSON object, as it will be sent
  std::vector<core::FieldError> problems;
};

// How a package is carried: POST to the partner's inbox URL, or handed back for a file.
enum class Carriage { kHttps, kFile };

// A step that sends a package (send, acknowledge, answer, reject/withdraw of a sent referral).
// The step is recorded before its package is delivered: when delivery fails the step stands, the
// package waits in the outbox (referral.pending_deliveries) and `delivery_error` says why.
struct ReferralStep {
  CrossBorderReferral referral;
  std::string message_id;      // "" when no package was sent
  std::string envelope;        // Carriage::kFile: what to carry to the partner
  bool delivered = false;      // Carriage::kHttps: the partner's inbox accepted it (signed receipt)
  std::string delivery_error;  // Carriage::kHttps, not delivered: why (it will be retried)
};

// What the inbox answers: the signed receipt for the sender (none for a receipt itself).
struct InboxAccepted {
  std::string message_id;
  std::string kind;
  std::string receipt_envelope;
  exchange::PackageHeader header;  // as opened
  std::string payload;             // JSON, as opened
  bool again = false;              // the same package was accepted before; nothing applied again
};

// POSTs an envelope to an inbox URL and returns the response body (the partner's signed receipt
// envelope), or kUnavailable saying why it could not be delivered. The http layer provides it.
using PackageTransport =
    std::function<core::Result<std::string>(const std::string& url, const std::string& envelope)>;

struct ReviewPair {
  std::string id;
  std::string child_id;
  std::string child_name;  // for the reviewer; never leaves the country
  std::string birth_date;
  std::string country;
  std::string agency_id;
  std::string local_reference;
  std::string partner_country;
  std::string partner_reference;
  std::string status;  // pending | confirmed | rejected
  std::string referral_id;
  std::string imported_by;
  int64_t imported_at = 0;
  std::string decided_by;
  int64_t decided_at = 0;
  int64_t version = 1;
};

// One line of a pairs file: this instance's reference (resolved through linkage_refs to a child)
// and the partner's reference or link number.
struct CandidatePair {
  std::string local_reference;
  std::string partner_reference;
};

struct ReviewImportResult {
  int imported = 0;
  int already_queued = 0;  // the same child and partner reference is in the queue already
  int unresolved = 0;      // not a reference of this instance's exports, or a child without a case
};

class CrossBorderReferralService {
 public:
  // `exchange_dir` holds the instance keys and the trust list (docs/EXCHANGE.md); "" means
  // $HAVEN_EXCHANGE_DIR, then var/exchange.
  CrossBorderReferralService(store::Database& db, const core::Clock& clock, AccessService& access,
                             CaseAccess& case_access, AuditService& audit, KeyService& keys,
                             RecordHistory& history, std::string exchange_dir);

  // Called once at start, before requests are served; without a transport, HTTPS carriage answers
  // kUnavailable (use Carriage::kFile).
  void set_transport(PackageTransport transport) { transport_ = std::move(transport); }
  bool has_transport() const { return static_cast<bool>(transport_); }
  const std::string& exchange_dir() const { return exchange_dir_; }

  // --- outgoing -------------------------------------------------------------------------------
  // A draft from a case (a caseworker of the case, a supervisor or a contact point). kInvalidInput
  // for an unknown request type, a partner not on the trust list, fields that are not a JSON
  // object; fields outside the template are kept in the draft but block approval (the preview
  // names them).
  core::Result<CrossBorderReferral> draft(const Actor& actor, const ReferralDraft& draft);
  // Changes a draft's fields, purpose and legal basis (kConflict unless it is a draft at
  // `version`).
  core::Result<CrossBorderReferral> update_draft(const Actor& actor, const std::string& id,
                                                 int64_t version, const std::string& fields,
                                                 const std::string& purpose,
                                                 const std::string& legal_basis);
  // What will leave the country, from the stored draft; audited (it shows personal data).
  core::Result<ReferralPreview> preview(const Actor& actor, const std::string& id);
  // A supervisor (not the author) records the legal basis and purpose and approves.
  core::Result<CrossBorderReferral> approve(const Actor& actor, const std::string& id,
                                            int64_t version, const std::string& legal_basis,
                                            const std::string& purpose);
  // Seals the approved referral (exactly the preview), records it as `sent` with the package in the
  // outbox (one transaction), then delivers it: over HTTPS to the partner's inbox (the signed
  // receipt marks it delivered), or handed back as the envelope for a file. A failed delivery
  // leaves it sent and pending (ReferralStep::delivery_error). Called for a referral with pending
  // deliveries (either direction), it delivers them again — the same packages, same message ids,
  // which the partner's inbox accepts once — and changes nothing else.
  core::Result<ReferralStep> send(const Actor& actor, const std::string& id, int64_t version,
                                  Carriage carriage = Carriage::kHttps);
  // Withdraws a draft, approved or sent referral with a reason; a sent one tells the partner.
  core::Result<ReferralStep> withdraw(const Actor& actor, const std::string& id, int64_t version,
                                      const std::string& reason,
                                      Carriage carriage = Carriage::kHttps);
  // A supervisor refuses a draft; a contact point declines an incoming referral (the partner is
  // told).
  core::Result<ReferralStep> reject(const Actor& actor, const std::string& id, int64_t version,
                                    const std::string& reason,
                                    Carriage carriage = Carriage::kHttps);
  // Closes an answered referral (no package).
  core::Result<CrossBorderReferral> close(const Actor& actor, const std::string& id,
                                          int64_t version);

  // --- incoming -------------------------------------------------------------------------------
  // Acknowledges an incoming referral; the partner's referral becomes acknowledged.
  core::Result<ReferralStep> acknowledge(const Actor& actor, const std::string& id, int64_t version,
                                         Carriage carriage = Carriage::kHttps);
  // Answers an acknowledged incoming referral: `answer` is a JSON object with "answer" (text) and
  // any of the request type's fields; the partner's referral becomes answered.
  core::Result<ReferralStep> answer(const Actor& actor, const std::string& id, int64_t version,
                                    const std::string& answer,
                                    Carriage carriage = Carriage::kHttps);

  // The inbox: opens a package from a partner (ExchangeService::receive: signature, trust list,
  // expiry, replay; every refusal logged) and, in the same transaction, makes a request into an
  // incoming referral or applies an acknowledgement, answer, rejection or withdrawal to the
  // referral it replies to. kInvalidInput with field "reason" holding the rejection code when
  // refused. A receipt marks the package it names delivered (and the referral, for a request).
  // The file route (`haven exchange receive`) runs the same path; `other_kinds` lets it also
  // accept a free-form package that is no referral (logged only). `request_id` and `via` name the
  // request in the audit trail.
  core::Result<InboxAccepted> receive(std::string_view envelope, const std::string& request_id,
                                      const std::string& via = "inbox", bool other_kinds = false);

  // --- reading --------------------------------------------------------------------------------
  core::Result<CrossBorderReferral> get(const Actor& actor, const std::string& id);
  // Referrals the actor may see, newest first: direction "outgoing", "incoming" or "" (both);
  // case_id "" for all cases.
  core::Result<std::vector<CrossBorderReferral>> list(const Actor& actor,
                                                      const std::string& direction,
                                                      const std::string& case_id = "");

  // --- the return-decision guard --------------------------------------------------------------
  // Whether the case has a completed risk and security assessment: an outgoing referral of type
  // risk_security_assessment that was answered (or closed after its answer). Inside the caller's
  // transaction: CaseRecordService asks it before recording a transfer or return decision.
  static bool risk_security_assessment_completed(store::Tx& tx, const std::string& case_id);
  // True when the case has any transnational referral, in any state.
  static bool has_referrals(store::Tx& tx, const std::string& case_id);

  // --- the linkage review queue ---------------------------------------------------------------
  // Puts candidate pairs into the queue (contact points, or the operator at the command line).
  core::Result<ReviewImportResult> import_pairs(const Actor& actor,
                                                const std::string& partner_country,
                                                const std::vector<CandidatePair>& pairs);
  // The queue: status "pending", "confirmed", "rejected" or "" (all), oldest first.
  core::Result<std::vector<ReviewPair>> review_queue(const Actor& actor, const std::string& status);
  // Confirms a pending pair and opens a draft referral for that child to that country (of
  // `request_type`, to `partner_authority` on the trust list, from the child's latest case).
  core::Result<CrossBorderReferral> confirm_pair(const Actor& actor, const std::string& pair_id,
                                                 int64_t version, const std::string& request_type,
                                                 const std::string& partner_authority);
  core::Result<ReviewPair> reject_pair(const Actor& actor, const std::string& pair_id,
                                       int64_t version);

 private:
  // Delivers the referral's packages waiting in the outbox, oldest first, stopping at the first
  // failure (its reason returned in `error`); each receipt goes through receive().
  struct Delivery {
    int delivered = 0;
    std::string error;
    bool receipt_ok = false;  // the last package delivered came back with a good receipt
  };
  Delivery deliver_pending(const std::string& referral_id, const std::string& request_id);
  // The tail withdraw() and reject() share: the referral moves to `status` with `reason`, recorded
  // here only (`package_kind` "") or with a package telling the partner.
  core::Result<ReferralStep> end_with_reason(const Actor& actor, const CrossBorderReferral& before,
                                             const std::string& status, const std::string& reason,
                                             const std::string& audit_action,
                                             const std::string& package_kind, Carriage carriage);
  // A recorded step, delivered when its carriage is HTTPS (the referral read again afterwards).
  core::Result<ReferralStep> delivered(Carriage carriage, const std::string& request_id,
                                       core::Result<ReferralStep> step);

  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  CaseAccess& case_access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
  ExchangeService exchange_;
  std::string exchange_dir_;
  PackageTransport transport_;
};

}  // namespace haven::service
