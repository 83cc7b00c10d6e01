// Sending and receiving exchange packages ([X1]) with the memory the pure layer (src/exchange/)
// does not have: the message ids already accepted (a second package with one is a replay) and the
// log of every package sent, received or refused — sender and receiver authority, legal basis,
// purpose, data categories, date — in the database, each with an audit event in the same
// transaction. Thread-safe (holds only references).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "exchange/instance_keys.h"
#include "exchange/package.h"
#include "exchange/trust_list.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"

namespace haven::service {

struct ExchangeSendRequest {
  std::string to_authority;  // a partner on the trust list
  std::string kind = "referral";
  std::string purpose;
  std::string legal_basis;
  std::vector<std::string> data_categories;
  std::string payload = "{}";  // a JSON object
  int valid_days = 14;         // 1–365
  // A transnational request type ("family_home_assessment", domain/transnational_referral.h): the
  // payload's fields must all be in its template, and its data categories are logged when none
  // are given. Empty: a free package (the caller vouches for its fields).
  std::string request_type;
};

struct ExchangeSent {
  std::string message_id;
  std::string envelope;  // to carry to the partner (file or HTTPS)
};

// A package sealed but not yet logged: the caller delivers it, then logs it with record_sent() in
// the transaction that records what the package did (ReferralService).
struct ExchangeSealed {
  exchange::Package package;
  std::string envelope;
};

// Runs inside receive()'s transaction for an accepted package, receipts included: what the
// package means to this instance (an incoming referral, an answer to one sent, the delivery of one
// sent). An error rolls the whole receipt back and refuses the package as malformed, with the
// error's message as the reason. It does not run again for the same package delivered twice.
using ExchangeAcceptHook = std::function<core::Status(store::Tx&, const exchange::Opened&)>;

struct ExchangeReceived {
  exchange::Package package;
  std::string digest;  // of the envelope, as the receipt names it
  // The signed receipt sealed to the sender; none for a package that is itself a receipt.
  std::optional<std::string> receipt_envelope;
  // The very same package (same message id, same digest) was accepted before: nothing was applied
  // again, and a new receipt is given (the sender retried after losing the first).
  bool again = false;
};

// An exchange with the regional hub, for the national instance's own log: a linkage upload sent,
// or the pairs received back.
struct HubExchange {
  std::string direction;  // sent | received
  std::string kind;       // linkage_upload | linkage_pairs
  std::string id;         // the hub's upload or run id
  std::string hub;        // the hub's URL
  std::string partner;    // linkage_pairs: the partner country
  int64_t records = 0;    // encodings uploaded, or pairs received
};

struct ExchangeLogEntry {
  std::string message_id;
  std::string direction;  // sent | received | refused
  std::string kind;
  exchange::Party sender, receiver;
  std::string legal_basis, purpose;
  std::vector<std::string> data_categories;
  std::string reason;  // refused: the rejection code and message
  int64_t at = 0;
};

class ExchangeService {
 public:
  ExchangeService(store::Database& db, const core::Clock& clock, AuditService& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  // Seals a package to a partner on the trust list and logs it as sent. kNotFound for an
  // authority not on the list; kInvalidInput (with fields) for a missing purpose, legal basis, a
  // payload that is not a JSON object, bad category codes or validity, an unknown request type or
  // a payload field its template does not allow.
  core::Result<ExchangeSent> send(const exchange::InstanceKeys& self,
                                  const exchange::TrustList& trust,
                                  const ExchangeSendRequest& request, const Actor& actor);

  // The checks and the seal of send(), without the log: for a caller that logs the package with
  // record_sent() inside its own transaction once it is delivered.
  core::Result<ExchangeSealed> seal(const exchange::InstanceKeys& self,
                                    const exchange::TrustList& trust,
                                    const ExchangeSendRequest& request);
  // Logs a sealed package as sent (exchange_messages) with its audit event exchange.send, inside
  // the caller's transaction.
  void record_sent(store::Tx& tx, const exchange::PackageHeader& header, const Actor& actor);

  // Opens a package addressed to this instance. Accepted: its message id and digest are
  // remembered, it is logged as received (audit exchange.receive) and, unless it is a receipt, a
  // signed receipt is sealed back to the sender and logged as sent. The same package delivered
  // again (same id and digest: a sender retrying) is accepted without effect and answered with a
  // new receipt (`again`, audit exchange.receive_again); another package under a used id is a
  // replay. Refused: logged as refused with the reason (audit
  // exchange.refuse) and kInvalidInput is returned, its message the reason in a sentence and a
  // field "reason" holding the code (exchange::rejection_code: malformed, not_for_us,
  // unknown_sender, bad_signature, expired, replay).
  // `on_accept`, when given, runs in the same transaction for every package accepted the first
  // time (see ExchangeAcceptHook).
  core::Result<ExchangeReceived> receive(const exchange::InstanceKeys& self,
                                         const exchange::TrustList& trust,
                                         std::string_view envelope, const Actor& actor,
                                         const ExchangeAcceptHook& on_accept = {});

  // Logs an exchange with the regional hub in this instance's message log, with its audit event
  // (linkage.upload, linkage.pairs). `self` names this instance.
  core::Status record_hub_exchange(const exchange::Identity& self, const HubExchange& what,
                                   const Actor& actor);

  // The message log, newest first.
  core::Result<std::vector<ExchangeLogEntry>> log(int limit = 100);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AuditService& audit_;
};

}  // namespace haven::service
