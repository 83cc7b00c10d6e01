// The exchange use cases: send (seal and log), receive (open, replay check, log, receipt), log.
#include "service/exchange/exchange_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "domain/transnational_referral.h"

namespace haven::service {

namespace {

using nlohmann::json;

// Thrown out of receive()'s transaction to roll it back when the accept hook refuses a package.
struct AcceptRefused {};

void insert_log(store::Tx& tx, const core::Timestamp now, const std::string& direction,
                const exchange::PackageHeader& h, const std::string& reason) {
  tx.execute(
      "INSERT INTO exchange_messages (id, message_id, direction, kind, sender_country, "
      "sender_authority, receiver_country, receiver_authority, legal_basis, purpose, "
      "data_categories, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
      "$13)",
      store::params(core::new_id(now), h.message_id, direction, h.kind, h.sender.country,
                    h.sender.authority, h.receiver.country, h.receiver.authority, h.legal_basis,
                    h.purpose, json(h.data_categories).dump(), reason, now.ms));
}

std::string audit_details(const exchange::PackageHeader& h, const std::string& reason = "") {
  json d{{"message_id", h.message_id},
         {"kind", h.kind},
         {"sender", h.sender.country + " " + h.sender.authority},
         {"receiver", h.receiver.country + " " + h.receiver.authority},
         {"legal_basis", h.legal_basis},
         {"purpose", h.purpose},
         {"data_categories", h.data_categories}};
  if (!reason.empty()) d["reason"] = reason;
  return d.dump();
}

}  // namespace

core::Result<ExchangeSealed> ExchangeService::seal(const exchange::InstanceKeys& self,
                                                   const exchange::TrustList& trust,
                                                   const ExchangeSendRequest& request) {
  const exchange::Identity* partner = trust.find(request.to_authority);
  if (partner == nullptr)
    return core::Error::not_found("'" + request.to_authority +
                                  "' is not on the trust list; add it with `haven exchange trust "
                                  "add`.");
  if (request.valid_days < 1 || request.valid_days > 365)
    return core::Error::invalid("A package is valid for 1 to 365 days.",
                                {{"valid_days", "1 to 365 days"}});
  std::vector<std::string> categories = request.data_categories;
  if (!request.request_type.empty()) {
    const auto type = domain::request_type_from_code(request.request_type);
    if (!type)
      return core::Error::invalid("'" + request.request_type + "' is not a request type.",
                                  {{"request_type", "not a request type"}});
    const json payload = json::parse(request.payload, nullptr, false);
    if (!payload.is_object())
      return core::Error::invalid("The package cannot be sent.",
                                  {{"payload", "the payload must be a JSON object"}});
    std::vector<std::string> fields;
    for (const auto& item : payload.items()) fields.push_back(item.key());
    if (auto errors = domain::check_fields(*type, fields); !errors.empty())
      return core::Error::invalid("The payload carries fields a " + request.request_type +
                                      " may not carry; nothing was sent.",
                                  std::move(errors));
    if (categories.empty())
      for (auto c : domain::request_template(*type).data_categories) categories.emplace_back(c);
  }
  const auto now = clock_.now();
  ExchangeSealed out;
  auto& h = out.package.header;
  h.message_id = core::new_id(now);
  h.kind = request.kind;
  h.sender = {self.identity().country, self.identity().authority};
  h.receiver = {partner->country, partner->authority};
  h.created_at = now.ms;
  h.expires_at = now.ms + int64_t{request.valid_days} * 24 * 3600 * 1000;
  h.purpose = request.purpose;
  h.legal_basis = request.legal_basis;
  h.data_categories = categories;
  out.package.payload = request.payload;
  auto envelope = exchange::seal(out.package, self, *partner);
  if (!envelope) return envelope.error();
  out.envelope = std::move(*envelope);
  return out;
}

void ExchangeService::record_sent(store::Tx& tx, const exchange::PackageHeader& h,
                                  const Actor& actor) {
  insert_log(tx, clock_.now(), "sent", h, "");
  audit_.record(
      tx, {actor.actor_id(), actor.role(), actor.agency_id(), "exchange.send", "exchange_messages",
           h.message_id, h.purpose, "success", actor.request_id, audit_details(h)});
}

core::Result<ExchangeSent> ExchangeService::send(const exchange::InstanceKeys& self,
                                                 const exchange::TrustList& trust,
                                                 const ExchangeSendRequest& request,
                                                 const Actor& actor) {
  auto sealed = seal(self, trust, request);
  if (!sealed) return sealed.error();
  try {
    db_.write([&](store::Tx& tx) { record_sent(tx, sealed->package.header, actor); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return ExchangeSent{sealed->package.header.message_id, std::move(sealed->envelope)};
}

core::Result<ExchangeReceived> ExchangeService::receive(const exchange::InstanceKeys& self,
                                                        const exchange::TrustList& trust,
                                                        std::string_view envelope,
                                                        const Actor& actor,
                                                        const ExchangeAcceptHook& on_accept) {
  const auto now = clock_.now();
  exchange::OpenResult opened = exchange::open(envelope, self, trust, now);

  // Logs a refusal in a transaction of its own and returns the error the caller sees.
  auto refused = [&](const exchange::Refusal& r) -> core::Error {
    const std::string code(exchange::rejection_code(r.reason));
    try {
      db_.write([&](store::Tx& tx) {
        insert_log(tx, now, "refused", r.claimed, code + ": " + r.message);
        audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "exchange.refuse",
                           "exchange_messages", r.claimed.message_id, r.claimed.purpose, "failure",
                           actor.request_id, audit_details(r.claimed, code)});
      });
    } catch (const store::DbError& e) {
      return store::to_error(e);
    }
    return core::Error::invalid("Package refused (" + code + "): " + r.message, {{"reason", code}});
  };
  if (opened.refused) return refused(*opened.refused);

  exchange::Opened& ok = *opened.accepted;
  const auto& h = ok.package.header;
  ExchangeReceived out;
  out.package = ok.package;
  out.digest = ok.digest;
  std::optional<exchange::Package> receipt;
  if (h.kind != "receipt") {
    receipt = exchange::make_receipt(ok, core::new_id(now), now);
    auto sealed = exchange::seal(*receipt, self, ok.sender);
    if (!sealed) return sealed.error();
    out.receipt_envelope = std::move(*sealed);
  }
  bool replay = false;
  std::optional<core::Error> meaningless;  // the hook's refusal
  try {
    db_.write([&](store::Tx& tx) {
      if (auto seen =
              tx.query_one("SELECT digest FROM exchange_seen_messages WHERE message_id = $1",
                           store::params(h.message_id))) {
        // The same bytes again is a sender retrying after losing our receipt: answer it again.
        if (seen->text(0).empty() || seen->text(0) != ok.digest) {
          replay = true;
          return;
        }
        out.again = true;
      } else {
        tx.execute(
            "INSERT INTO exchange_seen_messages (message_id, sender_country, sender, received_at, "
            "expires_at, digest) VALUES ($1, $2, $3, $4, $5, $6)",
            store::params(h.message_id, h.sender.country, h.sender.authority, now.ms, h.expires_at,
                          ok.digest));
        if (on_accept) {
          if (auto st = on_accept(tx, ok); !st.ok()) {
            meaningless = st.error();
            throw AcceptRefused{};
          }
        }
      }
      const std::string note =
          out.again ? "delivered again: nothing applied a second time, a new receipt sent" : "";
      insert_log(tx, now, "received", h, note);
      audit_.record(tx,
                    {actor.actor_id(), actor.role(), actor.agency_id(),
                     out.again ? "exchange.receive_again" : "exchange.receive", "exchange_messages",
                     h.message_id, h.purpose, "success", actor.request_id, audit_details(h, note)});
      if (receipt) {
        insert_log(tx, now, "sent", receipt->header, "");
        audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "exchange.send",
                           "exchange_messages", receipt->header.message_id, receipt->header.purpose,
                           "success", actor.request_id, audit_details(receipt->header)});
      }
    });
  } catch (const AcceptRefused&) {
    // rolled back; refused below
  } catch (const store::DbError& e) {
    // Two copies of one package received at once: the second insert of its id fails.
    if (e.kind() != store::DbError::Kind::kConstraint) return store::to_error(e);
    replay = true;
  }
  if (meaningless) return refused({exchange::Rejection::kMalformed, meaningless->message, h});
  if (replay)
    return refused({exchange::Rejection::kReplay,
                    "A package with message id " + h.message_id +
                        " was accepted before; a copy is not accepted twice.",
                    h});
  return out;
}

core::Status ExchangeService::record_hub_exchange(const exchange::Identity& self,
                                                  const HubExchange& what, const Actor& actor) {
  const auto now = clock_.now();
  exchange::PackageHeader h;
  h.message_id = what.id;
  h.kind = what.kind;
  const exchange::Party us{self.country, self.authority};
  const exchange::Party hub{"", "regional hub " + what.hub};
  h.sender = what.direction == "sent" ? us : hub;
  h.receiver = what.direction == "sent" ? hub : us;
  h.purpose = what.kind == "linkage_upload"
                  ? "record linkage: " + std::to_string(what.records) + " encodings"
                  : "record linkage with " + what.partner + ": " + std::to_string(what.records) +
                        " pairs of references";
  h.data_categories = {"linkage_encoding"};
  try {
    db_.write([&](store::Tx& tx) {
      insert_log(tx, now, what.direction, h, "");
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                         what.kind == "linkage_upload" ? "linkage.upload" : "linkage.pairs",
                         "exchange_messages", h.message_id, "cross_border_cooperation", "success",
                         actor.request_id, audit_details(h)});
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return core::ok_status();
}

core::Result<std::vector<ExchangeLogEntry>> ExchangeService::log(int limit) {
  if (limit < 1 || limit > 10000) return core::Error::invalid("The limit must be 1 to 10,000.");
  std::vector<ExchangeLogEntry> out;
  try {
    db_.read([&](store::Tx& tx) {
      for (const auto& r :
           tx.query("SELECT message_id, direction, kind, sender_country, sender_authority, "
                    "receiver_country, receiver_authority, legal_basis, purpose, data_categories, "
                    "reason, at FROM exchange_messages ORDER BY at DESC, id DESC LIMIT $1",
                    store::params(limit))) {
        ExchangeLogEntry e;
        e.message_id = r.text(0);
        e.direction = r.text(1);
        e.kind = r.text(2);
        e.sender = {r.text(3), r.text(4)};
        e.receiver = {r.text(5), r.text(6)};
        e.legal_basis = r.text(7);
        e.purpose = r.text(8);
        const json cats = json::parse(r.text(9), nullptr, false);
        if (cats.is_array())
          for (const auto& c : cats)
            if (c.is_string()) e.data_categories.push_back(c.get<std::string>());
        e.reason = r.text(10);
        e.at = r.integer(11);
        out.push_back(std::move(e));
      }
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return out;
}

}  // namespace haven::service
