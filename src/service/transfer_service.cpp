// Transfers: request (authorize on the case → validate → one transaction), answer (the receiving
// agency → lifecycle check → move case and child → history → audit, in one transaction).
//
// Who may answer is decided here rather than in security::decide(): the policy sees a case through
// its owning agency, and the receiving agency does not own it yet. The rule is narrow — a
// caseworker or supervisor holding case.transition, of exactly the agency the transfer names.
#include "service/transfer_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/utf8.h"
#include "domain/case_lifecycle.h"
#include "domain/field_errors.h"
#include "service/case_record_support.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/transfer_repository.h"

namespace haven::service {

namespace {

constexpr const char* kTransferEntity = "case_transfer";

TransferInfo to_info(const store::TransferRow& x) {
  TransferInfo t;
  t.id = x.id;
  t.case_id = x.case_id;
  t.case_number = x.case_number;
  t.from_agency_id = x.from_agency_id;
  t.from_agency_name = x.from_agency_name;
  t.to_agency_id = x.to_agency_id;
  t.to_agency_name = x.to_agency_name;
  t.requested_by = x.requested_by;
  t.requested_at = x.requested_at;
  t.reason = x.reason;
  t.state = x.state;
  t.decided_by = x.decided_by;
  t.decided_at = x.decided_at;
  t.comment = x.comment;
  t.version = x.version;
  return t;
}

core::Status deny(AuditService& audit, const Actor& actor, const std::string& transfer_id,
                  const std::string& reason) {
  HAVEN_TRY(audit.append({actor.actor_id(), actor.role(), actor.agency_id(), "policy.deny",
                          kTransferEntity, transfer_id, "", "denied", actor.request_id,
                          nlohmann::json{{"reason", reason}}.dump()}));
  return core::Error::forbidden(reason);
}

}  // namespace

core::Result<TransferInfo> TransferService::request(const Actor& actor, const std::string& case_id,
                                                    const std::string& to_agency_id,
                                                    const std::string& reason) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kTransition, case_id,
                                 security::ResourceKind::kCase);
  if (!c.ok()) return c.take_error();
  domain::FieldErrors errors;
  errors.id("to_agency_id", to_agency_id, domain::Presence::kRequired);
  errors.text("reason", reason, domain::kTextMaxChars, domain::Presence::kRequired);
  HAVEN_TRY(errors.status("The transfer needs correcting; see the marked fields."));

  const auto now = clock_.now();
  store::TransferRow row;
  row.id = core::new_id(now);
  row.case_id = case_id;
  row.to_agency_id = to_agency_id;
  row.requested_by = row.created_by = actor.actor_id();
  row.requested_at = row.created_at = row.updated_at = now.ms;
  row.reason = std::string(core::trim(reason));
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<TransferInfo> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    auto status = domain::parse_case_status(current->status);
    auto check = domain::evaluate(status.value_or(domain::CaseStatus::kClosed),
                                  domain::CaseAction::kTransfer, {});
    if (!check.to) return core::Error::conflict(check.reason);
    row.from_agency_id = current->agency_id;
    auto to = store::AgencyRepository::find(tx, to_agency_id);
    domain::FieldErrors agency_errors;
    if (!to)
      agency_errors.add("to_agency_id", "There is no agency with this id.");
    else if (to->id == current->agency_id)
      agency_errors.add("to_agency_id", "The case already belongs to this agency.");
    else if (to->country != current->country)
      agency_errors.add("to_agency_id",
                        "A case is transferred only within its country; for another country use "
                        "a cross-border referral.");
    else if (to->kind != "child_protection" || to->status != "active")
      agency_errors.add("to_agency_id",
                        "Cases are transferred only to an active child protection agency.");
    HAVEN_TRY(agency_errors.status("The transfer needs correcting; see the marked fields."));
    if (auto pending = store::TransferRepository::pending_for_case(tx, case_id))
      return core::Error::conflict("A transfer of this case to " + pending->to_agency_name +
                                   " is already waiting for an answer.");
    store::TransferRepository::insert(tx, row);
    HAVEN_TRY(history_.record(tx, actor, {kTransferEntity, row.id, 1, case_id},
                              {{"to_agency_id", std::nullopt, row.to_agency_id, false},
                               {"reason", std::nullopt, row.reason, false},
                               {"state", std::nullopt, std::string("requested"), false}}));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "case.transfer_request",
                       kTransferEntity, row.id, "case_work", "success", actor.request_id,
                       nlohmann::json{{"case_id", case_id},
                                      {"from_agency_id", row.from_agency_id},
                                      {"to_agency_id", row.to_agency_id}}
                           .dump()});
    auto stored = store::TransferRepository::find(tx, row.id);
    return to_info(*stored);
  });
}

core::Result<std::vector<TransferInfo>> TransferService::for_case(const Actor& actor,
                                                                  const std::string& case_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 security::ResourceKind::kCase);
  if (!c.ok()) return c.take_error();
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::TransferRow>> {
    return store::TransferRepository::for_case(tx, case_id);
  });
  if (!rows.ok()) return rows.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "case_transfer.list",
                           "case", case_id, "case_work", "success", actor.request_id,
                           nlohmann::json{{"count", rows->size()}}.dump()}));
  std::vector<TransferInfo> out;
  for (const auto& x : *rows) out.push_back(to_info(x));
  return out;
}

core::Result<std::vector<TransferInfo>> TransferService::list(const Actor& actor, bool incoming,
                                                              const std::string& state, int limit) {
  if (!actor.principal || !works_cases(actor, "case.transition"))
    return deny(audit_, actor, "", "Only caseworkers and supervisors see their agency's transfers.")
        .error();
  if (!state.empty() && state != "requested" && state != "accepted" && state != "rejected")
    return core::Error::invalid("The state filter is not valid.",
                                {{"state", "Give requested, accepted or rejected."}});
  if (limit < 1 || limit > 500)
    return core::Error::invalid("Ask for 1 to 500 transfers.",
                                {{"limit", "Give a number from 1 to 500."}});
  const std::string agency = actor.principal->agency_id;
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::TransferRow>> {
    return store::TransferRepository::for_agency(tx, agency, incoming, state, limit);
  });
  if (!rows.ok()) return rows.take_error();
  HAVEN_TRY(audit_.append(
      {actor.actor_id(), actor.role(), agency, "case_transfer.list", "agency", agency, "case_work",
       "success", actor.request_id,
       nlohmann::json{{"direction", incoming ? "incoming" : "outgoing"}, {"count", rows->size()}}
           .dump()}));
  std::vector<TransferInfo> out;
  for (const auto& x : *rows) out.push_back(to_info(x));
  return out;
}

core::Result<TransferInfo> TransferService::accept(const Actor& actor,
                                                   const std::string& transfer_id,
                                                   const std::string& comment) {
  return decide(actor, transfer_id, true, comment);
}

core::Result<TransferInfo> TransferService::reject(const Actor& actor,
                                                   const std::string& transfer_id,
                                                   const std::string& comment) {
  return decide(actor, transfer_id, false, comment);
}

core::Result<TransferInfo> TransferService::decide(const Actor& actor,
                                                   const std::string& transfer_id, bool accept,
                                                   const std::string& comment) {
  if (!core::is_valid_id(transfer_id)) return core::Error::not_found("No such transfer.");
  auto pre = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::optional<store::TransferRow>> {
    return store::TransferRepository::find(tx, transfer_id);
  });
  if (!pre.ok()) return pre.take_error();
  if (!*pre) return core::Error::not_found("No such transfer.");
  const store::TransferRow& t = **pre;
  if (actor.principal) {
    const std::string& agency = actor.principal->agency_id;
    if (agency != t.to_agency_id && agency != t.from_agency_id) {
      HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), agency, "policy.deny",
                               kTransferEntity, transfer_id, "", "denied", actor.request_id,
                               nlohmann::json{{"reason", "another agency's transfer"}}.dump()}));
      return core::Error::not_found("No such transfer.");
    }
    if (agency != t.to_agency_id)
      return deny(audit_, actor, transfer_id,
                  "Only the receiving agency accepts or rejects a transfer.")
          .error();
    if (!works_cases(actor, "case.transition"))
      return deny(audit_, actor, transfer_id,
                  "Only caseworkers and supervisors of the receiving agency answer a transfer.")
          .error();
  }
  domain::FieldErrors errors;
  errors.text("comment", comment, domain::kTextMaxChars,
              accept ? domain::Presence::kOptional : domain::Presence::kRequired);
  HAVEN_TRY(errors.status(accept ? "The comment needs correcting."
                                 : "Say why the transfer is rejected."));

  const auto now = clock_.now();
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<TransferInfo> {
    auto stored = store::TransferRepository::find(tx, transfer_id);
    if (!stored) return core::Error::not_found("No such transfer.");
    if (stored->state != "requested")
      return core::Error::conflict("This transfer was already " + stored->state + ".");
    store::TransferRow row = *stored;
    row.state = accept ? "accepted" : "rejected";
    row.decided_by = actor.actor_id();
    row.decided_at = now.ms;
    row.comment = std::string(core::trim(comment));
    row.updated_at = now.ms;

    if (accept) {
      auto c = CaseAccess::load(tx, row.case_id);
      if (!c) return core::Error::not_found("No such case.");
      if (c->agency_id != row.from_agency_id)
        return core::Error::conflict("The case no longer belongs to the agency that asked.");
      auto status = domain::parse_case_status(c->status);
      if (!status) return core::Error::internal("case " + c->id + " has an unknown status");
      domain::CaseFacts facts;
      facts.transfer_accepted = true;
      auto allowed = domain::check(*status, domain::CaseAction::kTransfer, facts);
      if (!allowed.ok()) return allowed.take_error();
      if (!store::TransferRepository::move_case(tx, c->id, row.to_agency_id, now.ms, c->version))
        return core::Error::conflict(
            "The case changed while the transfer was answered; try again.");
      HAVEN_TRY(history_.record(tx, actor, {"case", c->id, c->version + 1, c->id},
                                {{"agency_id", c->agency_id, row.to_agency_id, false},
                                 {"assigned_worker_id", c->assigned_worker_id, std::nullopt, false},
                                 {"team_id", c->team_id, std::nullopt, false}}));
      if (store::TransferRepository::move_child(tx, c->child_id, c->id, row.from_agency_id,
                                                row.to_agency_id, now.ms)) {
        auto child_version =
            tx.query_one("SELECT version FROM children WHERE id = $1", store::params(c->child_id));
        HAVEN_TRY(history_.record(
            tx, actor, {"child", c->child_id, child_version ? child_version->integer(0) : 0, c->id},
            {{"agency_id", row.from_agency_id, row.to_agency_id, false}}));
      }
    }
    if (!store::TransferRepository::decide(tx, row, stored->version))
      return core::Error::conflict("This transfer was answered by someone else; reload it.");
    HAVEN_TRY(history_.record(
        tx, actor, {kTransferEntity, row.id, stored->version + 1, row.case_id},
        {{"state", stored->state, row.state, false},
         {"decided_by", std::nullopt, row.decided_by, false},
         {"comment", std::nullopt,
          row.comment.empty() ? std::nullopt : std::optional<std::string>(row.comment), false}}));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                       accept ? "case.transfer_accept" : "case.transfer_reject", kTransferEntity,
                       row.id, "case_work", "success", actor.request_id,
                       nlohmann::json{{"case_id", row.case_id},
                                      {"from_agency_id", row.from_agency_id},
                                      {"to_agency_id", row.to_agency_id}}
                           .dump()});
    auto updated = store::TransferRepository::find(tx, row.id);
    return to_info(*updated);
  });
}

}  // namespace haven::service
