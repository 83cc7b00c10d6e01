// Transnational referrals and the linkage review queue: authorize (security::decide, cross-border
// referral) → validate (domain/transnational_referral) → seal and deliver when a package leaves →
// one transaction (row with its fields sealed by the key ring, field history, exchange log, audit).
#include "service/exchange/referral_service.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/country.h"
#include "core/id.h"
#include "domain/transnational_referral.h"
#include "exchange/instance_keys.h"
#include "exchange/trust_list.h"
#include "service/case_record_support.h"
#include "store/repositories/child_repository.h"

namespace haven::service {

namespace {

using domain::TransnationalAction;
using domain::TransnationalStatus;
using nlohmann::json;

constexpr const char* kTransnationalReferralTable = "transnational_referrals";
constexpr const char* kTransnationalReferralEntity = "transnational_referral";
constexpr const char* kPurposeCode = "cross_border_cooperation";

// Kinds of the packages that answer a request; a request's kind is its request type's code.
constexpr const char* kAcknowledgement = "referral_acknowledgement";
constexpr const char* kAnswer = "referral_answer";
constexpr const char* kRejection = "referral_rejection";
constexpr const char* kWithdrawal = "referral_withdrawal";

constexpr const char* kColumns =
    "id, direction, case_id, child_id, agency_id, country, request_type, partner_country, "
    "partner_authority, status, legal_basis, purpose, fields_ct, answer_ct, reason, approved_by, "
    "approved_at, message_id, answer_message_id, review_pair_id, created_by, created_at, "
    "updated_at, version, delivered_at, (SELECT COUNT(*) FROM exchange_outbox o WHERE "
    "o.referral_id = transnational_referrals.id AND o.delivered_at IS NULL)";

// A stored row with its ciphertexts still sealed.
struct Stored {
  CrossBorderReferral r;
  store::Blob fields_ct;
  std::optional<store::Blob> answer_ct;
};

Stored from_row(const store::Row& x) {
  Stored s;
  CrossBorderReferral& r = s.r;
  r.id = x.text(0);
  r.direction = x.text(1);
  r.case_id = x.opt_text(2).value_or("");
  r.child_id = x.opt_text(3).value_or("");
  r.agency_id = x.text(4);
  r.country = x.text(5);
  r.request_type = x.text(6);
  r.partner_country = x.text(7);
  r.partner_authority = x.text(8);
  r.status = x.text(9);
  r.legal_basis = x.text(10);
  r.purpose = x.text(11);
  s.fields_ct = x.blob(12);
  if (!x.is_null(13)) s.answer_ct = x.blob(13);
  r.reason = x.text(14);
  r.approved_by = x.opt_text(15).value_or("");
  r.approved_at = x.opt_integer(16).value_or(0);
  r.message_id = x.opt_text(17).value_or("");
  r.answer_message_id = x.opt_text(18).value_or("");
  r.review_pair_id = x.opt_text(19).value_or("");
  r.created_by = x.text(20);
  r.created_at = x.integer(21);
  r.updated_at = x.integer(22);
  r.version = x.integer(23);
  r.delivered_at = x.opt_integer(24).value_or(0);
  r.pending_deliveries = static_cast<int>(x.integer(25));
  return s;
}

std::optional<std::string> opt(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

FieldMap fields_of(const CrossBorderReferral& r) {
  return {{"request_type", r.request_type},
          {"partner", r.partner_country + " " + r.partner_authority},
          {"status", r.status},
          {"legal_basis", opt(r.legal_basis)},
          {"purpose", opt(r.purpose)},
          {"fields", r.fields},
          {"answer", opt(r.answer)},
          {"reason", opt(r.reason)},
          {"approved_by", opt(r.approved_by)},
          {"message_id", opt(r.message_id)},
          {"answer_message_id", opt(r.answer_message_id)}};
}

std::string details(const CrossBorderReferral& r, const std::string& message_id = "") {
  json d{{"direction", r.direction},
         {"request_type", r.request_type},
         {"partner", r.partner_country + " " + r.partner_authority},
         {"status", r.status}};
  if (!r.case_id.empty()) d["case_id"] = r.case_id;
  if (!message_id.empty()) d["message_id"] = message_id;
  return d.dump();
}

security::Resource resource_of(const CrossBorderReferral& r) {
  security::Resource res;
  res.kind = security::ResourceKind::kCrossBorderReferral;
  res.id = r.id;
  res.owning_agency_id = r.agency_id;
  res.country = r.country;
  res.created_by = r.created_by;
  return res;
}

std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> out;
  for (const auto& item : object.items()) out.push_back(item.key());
  return out;
}

std::string default_exchange_dir(std::string given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("HAVEN_EXCHANGE_DIR"); env && *env) return env;  // NOLINT
  return "var/exchange";
}

struct Exchange {
  exchange::InstanceKeys self;
  exchange::TrustList trust;
};

core::Result<Exchange> load_exchange(const std::string& dir) {
  auto self = exchange::InstanceKeys::load(dir);
  if (!self) return self.error();
  auto trust = exchange::TrustList::load((std::filesystem::path(dir) / "trust.toml").string());
  if (!trust) return trust.error();
  return Exchange{std::move(*self), std::move(*trust)};
}

bool is_supervisor(const Actor& actor) {
  return actor.principal && actor.principal->role == security::Role::kSupervisor;
}

// The identity fields every request type may carry, from the child's record.
json identity_fields(const store::ChildRow& c) {
  json f{{"given_names", c.given_names}, {"family_names", c.family_names}, {"sex", c.sex}};
  if (c.birth_date) f["birth_date"] = *c.birth_date;
  const json nat = json::parse(c.nationalities, nullptr, false);
  if (nat.is_array() && !nat.empty()) f["nationalities"] = nat;
  return f;
}

}  // namespace

CrossBorderReferralService::CrossBorderReferralService(
    store::Database& db, const core::Clock& clock, AccessService& access, CaseAccess& case_access,
    AuditService& audit, KeyService& keys, RecordHistory& history, std::string exchange_dir)
    : db_(db),
      clock_(clock),
      access_(access),
      case_access_(case_access),
      audit_(audit),
      keys_(keys),
      history_(history),
      exchange_(db, clock, audit),
      exchange_dir_(default_exchange_dir(std::move(exchange_dir))) {}

namespace {

// What the methods share, kept out of the class so the header stays small.
struct Impl {
  store::Database& db;
  const core::Clock& clock;
  AccessService& access;
  AuditService& audit;
  KeyService& keys;
  RecordHistory& history;

  core::Status authorize(const Actor& actor, security::Action action,
                         const security::Resource& res) {
    if (!actor.principal) return core::ok_status();  // the operator at the command line
    return access.authorize(*actor.principal, action, res, actor.request_id);
  }

  core::Result<CrossBorderReferral> open(const Stored& s) {
    const security::FieldCipher cipher = keys.cipher();
    CrossBorderReferral r = s.r;
    auto fields =
        cipher.decrypt(s.fields_ct.bytes, {kTransnationalReferralTable, "fields_ct", r.id});
    if (!fields) return fields.error();
    r.fields = std::string(fields->view());
    if (s.answer_ct) {
      auto answer =
          cipher.decrypt(s.answer_ct->bytes, {kTransnationalReferralTable, "answer_ct", r.id});
      if (!answer) return answer.error();
      r.answer = std::string(answer->view());
    }
    return r;
  }

  static std::optional<Stored> find(store::Tx& tx, const std::string& id) {
    auto row = tx.query_one(
        std::string("SELECT ") + kColumns + " FROM transnational_referrals WHERE id = $1",
        store::params(id));
    if (!row) return std::nullopt;
    return from_row(*row);
  }

  core::Result<CrossBorderReferral> load(const std::string& id) {
    if (!core::is_valid_id(id)) return core::Error::not_found("No such cross-border referral.");
    auto stored = read_tx(db, [&](store::Tx& tx) -> core::Result<Stored> {
      auto s = find(tx, id);
      if (!s) return core::Error::not_found("No such cross-border referral.");
      return std::move(*s);
    });
    if (!stored) return stored.error();
    return open(*stored);
  }

  core::Result<store::Blob> seal(const std::string& plain, const std::string& column,
                                 const std::string& id) {
    auto ct = keys.cipher().encrypt(plain, {kTransnationalReferralTable, column, id});
    if (!ct) return ct.error();
    return store::Blob{std::move(*ct)};
  }

  void insert(store::Tx& tx, const CrossBorderReferral& r, const store::Blob& fields_ct) {
    tx.execute(
        "INSERT INTO transnational_referrals (id, direction, case_id, child_id, agency_id, "
        "country, request_type, partner_country, partner_authority, status, legal_basis, purpose, "
        "fields_ct, reason, message_id, review_pair_id, created_by, created_at, updated_at, "
        "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
        "$17, $18, $19, 1)",
        store::params(r.id, r.direction, opt(r.case_id), opt(r.child_id), r.agency_id, r.country,
                      r.request_type, r.partner_country, r.partner_authority, r.status,
                      r.legal_basis, r.purpose, fields_ct, r.reason, opt(r.message_id),
                      opt(r.review_pair_id), r.created_by, r.created_at, r.updated_at));
  }

  // Writes `after` over the row at `before.version` with history and the audit event; kConflict
  // when the row changed meanwhile. `after.version` is set to the new version.
  core::Status save(store::Tx& tx, const Actor& actor, const CrossBorderReferral& before,
                    CrossBorderReferral& after, const std::string& audit_action,
                    const std::string& message_id = "") {
    after.updated_at = clock.now().ms;
    auto fields_ct = seal(after.fields, "fields_ct", after.id);
    if (!fields_ct) return fields_ct.error();
    std::optional<store::Blob> answer_ct;
    if (!after.answer.empty()) {
      auto a = seal(after.answer, "answer_ct", after.id);
      if (!a) return a.error();
      answer_ct = std::move(*a);
    }
    const int64_t changed = tx.execute(
        "UPDATE transnational_referrals SET status = $3, legal_basis = $4, purpose = $5, "
        "fields_ct = $6, answer_ct = $7, reason = $8, approved_by = $9, approved_at = $10, "
        "message_id = $11, answer_message_id = $12, updated_at = $13, version = version + 1 "
        "WHERE id = $1 AND version = $2",
        store::params(after.id, before.version, after.status, after.legal_basis, after.purpose,
                      *fields_ct, answer_ct, after.reason, opt(after.approved_by),
                      after.approved_at ? std::optional<int64_t>(after.approved_at) : std::nullopt,
                      opt(after.message_id), opt(after.answer_message_id), after.updated_at));
    if (changed != 1) {
      auto now_row = find(tx, after.id);
      return record_conflict("The cross-border referral", now_row ? now_row->r.version : 0);
    }
    after.version = before.version + 1;
    HAVEN_TRY(history.record(
        tx, actor, {kTransnationalReferralEntity, after.id, after.version, after.case_id},
        field_changes(fields_of(before), fields_of(after), {"fields", "answer"})));
    audit.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), audit_action,
                      kTransnationalReferralEntity, after.id, kPurposeCode, "success",
                      actor.request_id, details(after, message_id)});
    return core::ok_status();
  }
};

core::Status check_version(const CrossBorderReferral& r, int64_t version) {
  if (r.version != version) return record_conflict("The cross-border referral", r.version);
  return core::ok_status();
}

core::Result<TransnationalStatus> parse_status(const std::string& code) {
  for (auto s : domain::all_transnational_statuses())
    if (domain::to_code(s) == code) return s;
  return core::Error::internal("stored referral status '" + code + "' is unknown");
}

// The next status for `action`, or the domain's refusal.
core::Result<std::string> next_status(const CrossBorderReferral& r, TransnationalAction action,
                                      const domain::ReferralFacts& facts) {
  auto from = parse_status(r.status);
  if (!from) return from.error();
  auto t = domain::decide(*from, action, facts);
  if (!t) return t.error();
  return std::string(domain::to_code(t->to));
}

// Problems that block approval: fields outside the template, no purpose or legal basis.
std::vector<core::FieldError> approval_problems(const CrossBorderReferral& r) {
  std::vector<core::FieldError> out;
  const auto type = domain::request_type_from_code(r.request_type);
  const json fields = json::parse(r.fields, nullptr, false);
  if (type && fields.is_object()) out = domain::check_fields(*type, keys_of(fields));
  if (r.purpose.empty()) out.push_back({"purpose", "Record the purpose first."});
  if (r.legal_basis.empty()) out.push_back({"legal_basis", "Record the legal basis first."});
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Outgoing

core::Result<CrossBorderReferral> CrossBorderReferralService::draft(const Actor& actor,
                                                                    const ReferralDraft& d) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto c = read_tx(db_, [&](store::Tx& tx) -> core::Result<store::CaseRow> {
    if (!core::is_valid_id(d.case_id)) return core::Error::not_found("No such case.");
    auto row = CaseAccess::load(tx, d.case_id);
    if (!row) return core::Error::not_found("No such case.");
    return std::move(*row);
  });
  if (!c) return c.error();
  CrossBorderReferral r;
  r.id = core::new_id(clock_.now());
  r.direction = "outgoing";
  r.case_id = c->id;
  r.child_id = c->child_id;
  r.agency_id = c->agency_id;
  r.country = c->country;
  r.created_by = actor.actor_id();
  HAVEN_TRY(impl.authorize(actor, security::Action::kCreate, resource_of(r)));
  // Caseworkers and supervisors draft from a case they may read; contact points from any case of
  // their country (the policy has just said so).
  if (actor.principal && actor.principal->role != security::Role::kContactPoint)
    HAVEN_TRY(case_access_.authorize(actor, security::Action::kRead, *c));

  std::vector<core::FieldError> errors;
  const auto type = domain::request_type_from_code(d.request_type);
  if (!type) errors.push_back({"request_type", "Choose one of the seven request types."});
  auto ex = load_exchange(exchange_dir_);
  if (!ex) return ex.error();
  const exchange::Identity* partner = ex->trust.find(d.partner_authority);
  if (partner == nullptr)
    errors.push_back({"partner_authority", "Choose a partner authority on the trust list."});
  json fields = json::object();
  if (!d.fields.empty() && d.fields != "{}") {
    fields = json::parse(d.fields, nullptr, false);
    if (!fields.is_object()) errors.push_back({"fields", "The fields must be a JSON object."});
  }
  if (!errors.empty())
    return core::Error::invalid("The referral needs correcting; see the marked fields.",
                                std::move(errors));
  const auto now = clock_.now();
  r.request_type = d.request_type;
  r.partner_country = partner->country;
  r.partner_authority = partner->authority;
  r.status = "draft";
  r.purpose = d.purpose;
  r.legal_basis = d.legal_basis;
  r.created_at = r.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<CrossBorderReferral> {
    // No fields: the child's identity fields. A field given as null is filled in from the child
    // when it is one of those, and left out otherwise (the draft form asks for them this way).
    auto child = store::ChildRepository::find(tx, c->child_id);
    if (!child) return core::Error::not_found("The case's child is not on record.");
    const json identity = identity_fields(*child);
    if (fields.empty()) fields = identity;
    for (auto it = fields.begin(); it != fields.end();) {
      if (!it->is_null()) {
        ++it;
      } else if (identity.contains(it.key())) {
        *it = identity[it.key()];
        ++it;
      } else {
        it = fields.erase(it);
      }
    }
    r.fields = fields.dump();
    auto ct = impl.seal(r.fields, "fields_ct", r.id);
    if (!ct) return ct.error();
    impl.insert(tx, r, *ct);
    HAVEN_TRY(history_.record(tx, actor, {kTransnationalReferralEntity, r.id, 1, r.case_id},
                              field_changes({}, fields_of(r), {"fields", "answer"})));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                       "transnational_referral.draft", kTransnationalReferralEntity, r.id,
                       kPurposeCode, "success", actor.request_id, details(r)});
    return r;
  });
}

core::Result<CrossBorderReferral> CrossBorderReferralService::update_draft(
    const Actor& actor, const std::string& id, int64_t version, const std::string& fields,
    const std::string& purpose, const std::string& legal_basis) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kUpdate, resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  if (before->direction != "outgoing" || before->status != "draft")
    return core::Error::conflict("Only a draft can be changed; this referral is " + before->status +
                                 ".");
  const json parsed = json::parse(fields, nullptr, false);
  if (!parsed.is_object() || parsed.empty())
    return core::Error::invalid("The referral needs correcting; see the marked fields.",
                                {{"fields", "The fields must be a JSON object with a field."}});
  CrossBorderReferral after = *before;
  after.fields = parsed.dump();
  after.purpose = purpose;
  after.legal_basis = legal_basis;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<CrossBorderReferral> {
    HAVEN_TRY(impl.save(tx, actor, *before, after, "transnational_referral.update"));
    return after;
  });
}

core::Result<ReferralPreview> CrossBorderReferralService::preview(const Actor& actor,
                                                                  const std::string& id) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto r = impl.load(id);
  if (!r) return r.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kRead, resource_of(*r)));
  if (r->direction != "outgoing")
    return core::Error::conflict("Only an outgoing referral has a preview.");
  ReferralPreview p;
  p.kind = r->request_type;
  auto ex = load_exchange(exchange_dir_);
  if (ex) {
    p.sender_country = ex->self.identity().country;
    p.sender_authority = ex->self.identity().authority;
  }
  p.receiver_country = r->partner_country;
  p.receiver_authority = r->partner_authority;
  p.purpose = r->purpose;
  p.legal_basis = r->legal_basis;
  if (auto type = domain::request_type_from_code(r->request_type))
    for (auto c : domain::request_template(*type).data_categories)
      p.data_categories.emplace_back(c);
  p.payload = r->fields;
  p.problems = approval_problems(*r);
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(),
                           "transnational_referral.preview", kTransnationalReferralEntity, r->id,
                           kPurposeCode, "success", actor.request_id, details(*r)}));
  return p;
}

core::Result<CrossBorderReferral> CrossBorderReferralService::approve(
    const Actor& actor, const std::string& id, int64_t version, const std::string& legal_basis,
    const std::string& purpose) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kApprove, resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  if (before->direction != "outgoing")
    return core::Error::conflict("An incoming referral is not approved here.");
  CrossBorderReferral after = *before;
  if (!legal_basis.empty()) after.legal_basis = legal_basis;
  if (!purpose.empty()) after.purpose = purpose;
  domain::ReferralFacts facts;
  facts.actor_is_supervisor = is_supervisor(actor);
  facts.purpose_recorded = !after.purpose.empty();
  facts.legal_basis_recorded = !after.legal_basis.empty();
  facts.fields_within_template = true;
  std::vector<core::FieldError> problems;
  for (auto& p : approval_problems(after))
    if (p.field != "purpose" && p.field != "legal_basis") problems.push_back(p);
  facts.fields_within_template = problems.empty();
  auto to = next_status(after, TransnationalAction::kApprove, facts);
  if (!to) {
    core::Error e = to.error();
    for (auto& p : problems) e.fields.push_back(p);
    return e;
  }
  after.status = *to;
  after.approved_by = actor.actor_id();
  after.approved_at = clock_.now().ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<CrossBorderReferral> {
    HAVEN_TRY(impl.save(tx, actor, *before, after, "transnational_referral.approve"));
    return after;
  });
}

namespace {

// Seals a package about `r` to its partner and, in one transaction, logs it as sent and runs
// `record` (the step it carries); over HTTPS the sealed envelope goes into the outbox in that same
// transaction, to be delivered afterwards (record, then deliver: a crash or a partner that is down
// loses nothing, and a retry sends the very same package). For a file the envelope is handed back.
template <class Record>
core::Result<ReferralStep> record_package(store::Database& db, const core::Clock& clock,
                                          ExchangeService& exchange_service, bool can_deliver,
                                          const Exchange& ex, const Actor& actor,
                                          const CrossBorderReferral& r, const std::string& kind,
                                          const json& payload, std::vector<std::string> categories,
                                          bool is_request, Carriage carriage, Record&& record) {
  const exchange::Identity* partner = ex.trust.find(r.partner_authority);
  if (partner == nullptr)
    return core::Error::invalid(
        "'" + r.partner_authority + "' is no longer on the trust list; nothing was sent.",
        {{"partner_authority", "not on the trust list"}});
  if (carriage == Carriage::kHttps) {
    if (partner->inbox_url.empty())
      return core::Error::invalid(
          partner->authority + " has no inbox URL on the trust list; carry the package as a file.",
          {{"carriage", "no inbox URL for this partner"}});
    if (!can_deliver)
      return core::Error::unavailable(
          "This process cannot deliver over HTTPS; carry the package "
          "as a file.");
  }
  ExchangeSendRequest req;
  req.to_authority = r.partner_authority;
  req.kind = kind;
  req.purpose = r.purpose;
  req.legal_basis = r.legal_basis;
  req.data_categories = std::move(categories);
  req.payload = payload.dump();
  if (is_request) req.request_type = r.request_type;
  auto sealed = exchange_service.seal(ex.self, ex.trust, req);
  if (!sealed) return sealed.error();
  ReferralStep step;
  step.message_id = sealed->package.header.message_id;
  if (carriage == Carriage::kFile) step.envelope = sealed->envelope;
  auto recorded = write_tx(db, [&](store::Tx& tx) -> core::Result<CrossBorderReferral> {
    exchange_service.record_sent(tx, sealed->package.header, actor);
    auto after = record(tx, step.message_id);
    if (!after) return after.error();
    if (carriage == Carriage::kHttps)
      tx.execute(
          "INSERT INTO exchange_outbox (message_id, referral_id, kind, partner_authority, "
          "envelope, created_at, attempts, last_error, version) VALUES ($1, $2, $3, $4, $5, $6, "
          "0, '', 1)",
          store::params(step.message_id, r.id, kind, r.partner_authority, sealed->envelope,
                        clock.now().ms));
    return after;
  });
  if (!recorded) return recorded.error();
  step.referral = std::move(*recorded);
  return step;
}

}  // namespace

core::Result<ReferralStep> CrossBorderReferralService::send(const Actor& actor,
                                                            const std::string& id, int64_t version,
                                                            Carriage carriage) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kTransition, resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  if (before->pending_deliveries > 0) {  // a delivery failed: the same packages again
    ReferralStep retry;
    retry.referral = *before;
    retry.message_id = before->message_id;
    return delivered(Carriage::kHttps, actor.request_id, std::move(retry));
  }
  if (before->direction != "outgoing")
    return core::Error::conflict("An incoming referral is answered, not sent.");
  auto to = next_status(*before, TransnationalAction::kSend, {});
  if (!to) return to.error();
  auto ex = load_exchange(exchange_dir_);
  if (!ex) return ex.error();
  const json payload = json::parse(before->fields, nullptr, false);
  return delivered(
      carriage, actor.request_id,
      record_package(
          db_, clock_, exchange_, has_transport(), *ex, actor, *before, before->request_type,
          payload, {}, true, carriage,
          [&](store::Tx& tx, const std::string& message_id) -> core::Result<CrossBorderReferral> {
            CrossBorderReferral after = *before;
            after.status = *to;
            after.message_id = message_id;
            HAVEN_TRY(
                impl.save(tx, actor, *before, after, "transnational_referral.send", message_id));
            return after;
          }));
}

core::Result<ReferralStep> CrossBorderReferralService::end_with_reason(
    const Actor& actor, const CrossBorderReferral& before, const std::string& status,
    const std::string& reason, const std::string& audit_action, const std::string& package_kind,
    Carriage carriage) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  CrossBorderReferral after = before;
  after.status = status;
  after.reason = reason;
  auto record = [&](store::Tx& tx,
                    const std::string& message_id) -> core::Result<CrossBorderReferral> {
    HAVEN_TRY(impl.save(tx, actor, before, after, audit_action, message_id));
    return after;
  };
  if (package_kind.empty()) {
    auto saved = write_tx(db_, [&](store::Tx& tx) { return record(tx, ""); });
    if (!saved) return saved.error();
    return ReferralStep{std::move(*saved), "", "", false, ""};
  }
  auto ex = load_exchange(exchange_dir_);
  if (!ex) return ex.error();
  return delivered(
      carriage, actor.request_id,
      record_package(db_, clock_, exchange_, has_transport(), *ex, actor, before, package_kind,
                     json{{"in_reply_to", before.message_id}, {"reason", reason}}, {}, false,
                     carriage, record));
}

core::Result<ReferralStep> CrossBorderReferralService::withdraw(const Actor& actor,
                                                                const std::string& id,
                                                                int64_t version,
                                                                const std::string& reason,
                                                                Carriage carriage) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  const bool gone = before->status == "sent" || before->status == "acknowledged";
  HAVEN_TRY(impl.authorize(actor, gone ? security::Action::kTransition : security::Action::kUpdate,
                           resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  if (before->direction != "outgoing")
    return core::Error::conflict("An incoming referral is declined, not withdrawn.");
  domain::ReferralFacts facts;
  facts.reason_recorded = !reason.empty();
  auto to = next_status(*before, TransnationalAction::kWithdraw, facts);
  if (!to) return to.error();
  return end_with_reason(actor, *before, *to, reason, "transnational_referral.withdraw",
                         gone ? kWithdrawal : "", carriage);
}

core::Result<ReferralStep> CrossBorderReferralService::reject(const Actor& actor,
                                                              const std::string& id,
                                                              int64_t version,
                                                              const std::string& reason,
                                                              Carriage carriage) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  const bool incoming = before->direction == "incoming";
  HAVEN_TRY(impl.authorize(actor,
                           incoming ? security::Action::kTransition : security::Action::kApprove,
                           resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  if (!incoming && before->status != "draft")
    return core::Error::conflict(
        "Only the partner declines a referral that has left the country; withdraw it instead.");
  domain::ReferralFacts facts;
  facts.actor_is_supervisor = is_supervisor(actor);
  facts.reason_recorded = !reason.empty();
  auto to = next_status(*before, TransnationalAction::kReject, facts);
  if (!to) return to.error();
  return end_with_reason(actor, *before, *to, reason, "transnational_referral.reject",
                         incoming ? kRejection : "", carriage);
}

core::Result<CrossBorderReferral> CrossBorderReferralService::close(const Actor& actor,
                                                                    const std::string& id,
                                                                    int64_t version) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kTransition, resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  auto to = next_status(*before, TransnationalAction::kClose, {});
  if (!to) return to.error();
  CrossBorderReferral after = *before;
  after.status = *to;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<CrossBorderReferral> {
    HAVEN_TRY(impl.save(tx, actor, *before, after, "transnational_referral.close"));
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Incoming

core::Result<ReferralStep> CrossBorderReferralService::acknowledge(const Actor& actor,
                                                                   const std::string& id,
                                                                   int64_t version,
                                                                   Carriage carriage) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kTransition, resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  if (before->direction != "incoming")
    return core::Error::conflict("Only the partner acknowledges a referral this country sent.");
  auto to = next_status(*before, TransnationalAction::kAcknowledge, {});
  if (!to) return to.error();
  auto ex = load_exchange(exchange_dir_);
  if (!ex) return ex.error();
  return delivered(
      carriage, actor.request_id,
      record_package(
          db_, clock_, exchange_, has_transport(), *ex, actor, *before, kAcknowledgement,
          json{{"in_reply_to", before->message_id}}, {}, false, carriage,
          [&](store::Tx& tx, const std::string& message_id) -> core::Result<CrossBorderReferral> {
            CrossBorderReferral after = *before;
            after.status = *to;
            HAVEN_TRY(impl.save(tx, actor, *before, after, "transnational_referral.acknowledge",
                                message_id));
            return after;
          }));
}

core::Result<ReferralStep> CrossBorderReferralService::answer(const Actor& actor,
                                                              const std::string& id,
                                                              int64_t version,
                                                              const std::string& answer,
                                                              Carriage carriage) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto before = impl.load(id);
  if (!before) return before.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kTransition, resource_of(*before)));
  HAVEN_TRY(check_version(*before, version));
  if (before->direction != "incoming")
    return core::Error::conflict("Only the partner answers a referral this country sent.");
  const json parsed = json::parse(answer, nullptr, false);
  std::vector<core::FieldError> errors;
  if (!parsed.is_object() || !parsed.contains("answer") || !parsed["answer"].is_string() ||
      parsed["answer"].get<std::string>().empty()) {
    errors.push_back({"answer", "Write the answer."});
  } else if (auto type = domain::request_type_from_code(before->request_type)) {
    std::vector<std::string> extra;
    for (const auto& k : keys_of(parsed))
      if (k != "answer") extra.push_back(k);
    if (!extra.empty())
      for (auto& e : domain::check_fields(*type, extra)) errors.push_back(e);
  }
  if (!errors.empty())
    return core::Error::invalid("The answer needs correcting; see the marked fields.",
                                std::move(errors));
  auto to = next_status(*before, TransnationalAction::kAnswer, {});
  if (!to) return to.error();
  auto ex = load_exchange(exchange_dir_);
  if (!ex) return ex.error();
  std::vector<std::string> categories;
  if (auto type = domain::request_type_from_code(before->request_type))
    for (auto c : domain::request_template(*type).data_categories) categories.emplace_back(c);
  return delivered(
      carriage, actor.request_id,
      record_package(
          db_, clock_, exchange_, has_transport(), *ex, actor, *before, kAnswer,
          json{{"in_reply_to", before->message_id}, {"answer", parsed}}, categories, false,
          carriage,
          [&](store::Tx& tx, const std::string& message_id) -> core::Result<CrossBorderReferral> {
            CrossBorderReferral after = *before;
            after.status = *to;
            after.answer = parsed.dump();
            after.answer_message_id = message_id;
            HAVEN_TRY(
                impl.save(tx, actor, *before, after, "transnational_referral.answer", message_id));
            return after;
          }));
}

namespace {

// A partner's signed receipt: the package it names is delivered. Its outbox entry (HTTPS) is
// closed, and the referral it is about — found through the outbox, or as the request or answer
// package of a referral (a receipt carried back as a file) — gets its delivery audited; a request's
// receipt also sets the referral's delivered_at (no new version: nobody's edit is overtaken by
// it). A receipt for a package that is no referral's changes nothing more.
core::Status delivered_by_receipt(store::Tx& tx, Impl& impl, const Actor& actor,
                                  const exchange::Opened& o, const json& payload) {
  const std::string receipt_for =
      payload.contains("receipt_for") && payload["receipt_for"].is_string()
          ? payload["receipt_for"].get<std::string>()
          : "";
  if (receipt_for.empty()) return core::Error::invalid("The receipt names no package.");
  const int64_t now = impl.clock.now().ms;
  std::string referral_id;
  if (auto out = tx.query_one("SELECT referral_id FROM exchange_outbox WHERE message_id = $1",
                              store::params(receipt_for))) {
    referral_id = out->text(0);
    tx.execute(
        "UPDATE exchange_outbox SET delivered_at = $2, envelope = '', version = version + 1 "
        "WHERE message_id = $1 AND delivered_at IS NULL",
        store::params(receipt_for, now));
  } else if (auto ref =
                 tx.query_one("SELECT id FROM transnational_referrals WHERE message_id = $1 OR "
                              "answer_message_id = $1",
                              store::params(receipt_for))) {
    referral_id = ref->text(0);
  }
  if (referral_id.empty()) return core::ok_status();
  auto stored = Impl::find(tx, referral_id);
  if (!stored || stored->r.partner_authority != o.sender.authority ||
      stored->r.partner_country != o.sender.country)
    return core::Error::invalid("The receipt is for a package sent to another authority.");
  CrossBorderReferral& r = stored->r;
  if (r.direction == "outgoing" && r.message_id == receipt_for && r.delivered_at == 0) {
    tx.execute(
        "UPDATE transnational_referrals SET delivered_at = $2 WHERE id = $1 AND delivered_at IS "
        "NULL",
        store::params(r.id, now));
    r.delivered_at = now;
  }
  impl.audit.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                         "transnational_referral.delivered", kTransnationalReferralEntity, r.id,
                         kPurposeCode, "success", actor.request_id, details(r, receipt_for)});
  return core::ok_status();
}

}  // namespace

CrossBorderReferralService::Delivery CrossBorderReferralService::deliver_pending(
    const std::string& referral_id, const std::string& request_id) {
  Delivery d;
  struct Pending {
    std::string message_id, partner_authority, envelope;
  };
  std::vector<Pending> pending;
  try {
    db_.read([&](store::Tx& tx) {
      for (const auto& row :
           tx.query("SELECT message_id, partner_authority, envelope FROM exchange_outbox WHERE "
                    "referral_id = $1 AND delivered_at IS NULL ORDER BY created_at, message_id",
                    store::params(referral_id)))
        pending.push_back({row.text(0), row.text(1), row.text(2)});
    });
  } catch (const store::DbError& e) {
    d.error = store::to_error(e).message;
    return d;
  }
  if (pending.empty()) return d;
  auto ex = load_exchange(exchange_dir_);
  if (!ex) {
    d.error = ex.error().message;
    return d;
  }
  for (const auto& p : pending) {
    const exchange::Identity* partner = ex->trust.find(p.partner_authority);
    core::Result<std::string> answered =
        partner == nullptr ? core::Result<std::string>(core::Error::invalid(
                                 "'" + p.partner_authority + "' is no longer on the trust list."))
        : !transport_      ? core::Result<std::string>(
                            core::Error::unavailable("This process cannot deliver over HTTPS."))
                      : transport_(partner->inbox_url, p.envelope);
    std::string failure;
    if (!answered) {
      failure = "The package could not be delivered to " + p.partner_authority + ": " +
                answered.error().message + " It is kept and will be sent again.";
    } else {
      auto got = receive(*answered, request_id, "receipt");
      d.receipt_ok = got.ok() && got->kind == "receipt";
      if (!d.receipt_ok)
        failure = "The partner's answer was not a good receipt" +
                  (got.ok() ? std::string(".") : ": " + got.error().message) +
                  " The package is kept and will be sent again.";
    }
    if (failure.empty()) {
      ++d.delivered;
      continue;
    }
    d.error = failure;
    try {
      db_.write([&](store::Tx& tx) {
        tx.execute(
            "UPDATE exchange_outbox SET attempts = attempts + 1, last_error = $2, version = "
            "version + 1 WHERE message_id = $1",
            store::params(p.message_id, failure));
      });
    } catch (const store::DbError&) {
      // the attempt is not counted; the package stays pending all the same
    }
    break;  // later packages wait: the partner must see them in order
  }
  return d;
}

core::Result<ReferralStep> CrossBorderReferralService::delivered(Carriage carriage,
                                                                 const std::string& request_id,
                                                                 core::Result<ReferralStep> step) {
  if (!step || carriage != Carriage::kHttps) return step;
  const Delivery d = deliver_pending(step->referral.id, request_id);
  step->delivered = d.error.empty() && d.receipt_ok;
  step->delivery_error = d.error;
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  if (auto now = impl.load(step->referral.id)) step->referral = std::move(*now);
  return step;
}

core::Result<InboxAccepted> CrossBorderReferralService::receive(std::string_view envelope,
                                                                const std::string& request_id,
                                                                const std::string& via,
                                                                bool other_kinds) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto ex = load_exchange(exchange_dir_);
  if (!ex)  // no keys, no inbox: as if the route were not there
    return core::Error::not_found("This instance takes no packages: " + ex.error().message);
  Actor actor;
  actor.name = "exchange:" + via;
  actor.request_id = request_id;
  const std::string own_country = ex->self.identity().country;

  auto on_accept = [&](store::Tx& tx, const exchange::Opened& o) -> core::Status {
    const auto& h = o.package.header;
    const json payload = json::parse(o.package.payload, nullptr, false);
    if (!payload.is_object()) return core::Error::invalid("The payload is not a JSON object.");
    if (h.kind == "receipt") return delivered_by_receipt(tx, impl, actor, o, payload);
    if (auto type = domain::request_type_from_code(h.kind)) {
      if (auto errors = domain::check_fields(*type, keys_of(payload)); !errors.empty()) {
        std::string names;
        for (const auto& e : errors) names += (names.empty() ? "" : ", ") + e.field;
        return core::Error::invalid("The request carries fields a " + h.kind +
                                    " may not carry: " + names + ".");
      }
      CrossBorderReferral r;
      const auto now = clock_.now();
      r.id = core::new_id(now);
      r.direction = "incoming";
      r.country = own_country;
      r.request_type = h.kind;
      r.partner_country = o.sender.country;
      r.partner_authority = o.sender.authority;
      r.status = "sent";
      r.legal_basis = h.legal_basis;
      r.purpose = h.purpose;
      r.fields = payload.dump();
      r.message_id = h.message_id;
      r.created_by = actor.actor_id();
      r.created_at = r.updated_at = now.ms;
      auto ct = impl.seal(r.fields, "fields_ct", r.id);
      if (!ct) return ct.error();
      impl.insert(tx, r, *ct);
      HAVEN_TRY(history_.record(tx, actor, {kTransnationalReferralEntity, r.id, 1, ""},
                                field_changes({}, fields_of(r), {"fields", "answer"})));
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                         "transnational_referral.receive", kTransnationalReferralEntity, r.id,
                         kPurposeCode, "success", request_id, details(r, h.message_id)});
      return core::ok_status();
    }
    const bool response = h.kind == kAcknowledgement || h.kind == kAnswer || h.kind == kRejection ||
                          h.kind == kWithdrawal;
    if (!response && other_kinds) return core::ok_status();  // logged by the exchange only
    if (!response)
      return core::Error::invalid("A package of kind '" + h.kind +
                                  "' is not a referral or a reply to one.");
    const std::string in_reply_to =
        payload.contains("in_reply_to") && payload["in_reply_to"].is_string()
            ? payload["in_reply_to"].get<std::string>()
            : "";
    auto row = tx.query_one(
        std::string("SELECT ") + kColumns + " FROM transnational_referrals WHERE message_id = $1",
        store::params(in_reply_to));
    if (!row) return core::Error::invalid("It replies to no referral known here.");
    auto before = impl.open(from_row(*row));
    if (!before) return before.error();
    if (before->partner_authority != o.sender.authority ||
        before->partner_country != o.sender.country)
      return core::Error::invalid("It replies to a referral exchanged with another authority.");
    const bool ours = before->direction == "outgoing";
    if ((h.kind == kWithdrawal) == ours)
      return core::Error::invalid("A " + h.kind + " does not apply to a referral going this way.");
    CrossBorderReferral after = *before;
    domain::ReferralFacts facts;
    facts.reason_recorded = true;
    std::string action = "transnational_referral.partner_";
    auto step = [&](TransnationalAction a) -> core::Status {
      auto to = next_status(after, a, facts);
      if (!to) return to.error();
      after.status = *to;
      return core::ok_status();
    };
    const std::string reason = payload.contains("reason") && payload["reason"].is_string()
                                   ? payload["reason"].get<std::string>()
                                   : "";
    if (h.kind == kAcknowledgement) {
      HAVEN_TRY(step(TransnationalAction::kAcknowledge));
      action += "acknowledge";
    } else if (h.kind == kAnswer) {
      if (after.status == "sent") HAVEN_TRY(step(TransnationalAction::kAcknowledge));
      HAVEN_TRY(step(TransnationalAction::kAnswer));
      if (!payload.contains("answer") || !payload["answer"].is_object())
        return core::Error::invalid("The answer carries no answer.");
      after.answer = payload["answer"].dump();
      after.answer_message_id = h.message_id;
      action += "answer";
    } else if (h.kind == kRejection) {
      HAVEN_TRY(step(TransnationalAction::kReject));
      after.reason = reason.empty() ? "declined by the partner" : reason;
      action += "reject";
    } else {
      HAVEN_TRY(step(TransnationalAction::kWithdraw));
      after.reason = reason.empty() ? "withdrawn by the partner" : reason;
      action += "withdraw";
    }
    return impl.save(tx, actor, *before, after, action, h.message_id);
  };

  auto got = exchange_.receive(ex->self, ex->trust, envelope, actor, on_accept);
  if (!got) return got.error();
  return InboxAccepted{got->package.header.message_id,
                       got->package.header.kind,
                       got->receipt_envelope.value_or(""),
                       got->package.header,
                       got->package.payload,
                       got->again};
}

// ---------------------------------------------------------------------------------------------
// Reading

core::Result<CrossBorderReferral> CrossBorderReferralService::get(const Actor& actor,
                                                                  const std::string& id) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto r = impl.load(id);
  if (!r) return r.error();
  HAVEN_TRY(impl.authorize(actor, security::Action::kRead, resource_of(*r)));
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(),
                           "transnational_referral.read", kTransnationalReferralEntity, r->id,
                           kPurposeCode, "success", actor.request_id, details(*r)}));
  return r;
}

core::Result<std::vector<CrossBorderReferral>> CrossBorderReferralService::list(
    const Actor& actor, const std::string& direction, const std::string& case_id) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  if (!direction.empty() && direction != "outgoing" && direction != "incoming")
    return core::Error::invalid("The direction is outgoing or incoming.",
                                {{"direction", "outgoing or incoming"}});
  if (actor.principal) {
    security::Resource any;
    any.kind = security::ResourceKind::kCrossBorderReferral;
    any.country = actor.principal->country;
    any.owning_agency_id = actor.principal->agency_id;
    HAVEN_TRY(impl.authorize(actor, security::Action::kRead, any));
  }
  auto stored = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<Stored>> {
    std::vector<Stored> out;
    for (const auto& row :
         tx.query(std::string("SELECT ") + kColumns +
                      " FROM transnational_referrals WHERE ($1 = '' OR direction = $1) AND "
                      "($2 = '' OR case_id = $2) ORDER BY created_at DESC, id DESC LIMIT 500",
                  store::params(direction, case_id)))
      out.push_back(from_row(row));
    return out;
  });
  if (!stored) return stored.error();
  std::vector<CrossBorderReferral> out;
  for (const auto& s : *stored) {
    if (actor.principal &&
        !access_.check(*actor.principal, security::Action::kRead, resource_of(s.r)))
      continue;
    auto r = impl.open(s);
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(),
                           "transnational_referral.list", kTransnationalReferralEntity, "",
                           kPurposeCode, "success", actor.request_id,
                           json{{"direction", direction}, {"count", out.size()}}.dump()}));
  return out;
}

bool CrossBorderReferralService::has_referrals(store::Tx& tx, const std::string& case_id) {
  return tx
      .query_one("SELECT 1 FROM transnational_referrals WHERE case_id = $1 LIMIT 1",
                 store::params(case_id))
      .has_value();
}

bool CrossBorderReferralService::risk_security_assessment_completed(store::Tx& tx,
                                                                    const std::string& case_id) {
  return tx
      .query_one(
          "SELECT 1 FROM transnational_referrals WHERE case_id = $1 AND direction = 'outgoing' "
          "AND request_type = 'risk_security_assessment' AND status IN ('answered', 'closed') "
          "AND answer_message_id IS NOT NULL",
          store::params(case_id))
      .has_value();
}

// ---------------------------------------------------------------------------------------------
// The linkage review queue

namespace {

constexpr const char* kPairColumns =
    "p.id, p.child_id, c.given_names, c.family_names, c.birth_date, p.country, p.agency_id, "
    "p.local_reference, p.partner_country, p.partner_reference, p.status, p.referral_id, "
    "p.imported_by, p.imported_at, p.decided_by, p.decided_at, p.version";

ReviewPair pair_from_row(const store::Row& x) {
  ReviewPair p;
  p.id = x.text(0);
  p.child_id = x.text(1);
  p.child_name = x.text(2) + " " + x.text(3);
  p.birth_date = x.opt_text(4).value_or("");
  p.country = x.text(5);
  p.agency_id = x.text(6);
  p.local_reference = x.text(7);
  p.partner_country = x.text(8);
  p.partner_reference = x.text(9);
  p.status = x.text(10);
  p.referral_id = x.opt_text(11).value_or("");
  p.imported_by = x.text(12);
  p.imported_at = x.integer(13);
  p.decided_by = x.opt_text(14).value_or("");
  p.decided_at = x.opt_integer(15).value_or(0);
  p.version = x.integer(16);
  return p;
}

security::Resource pair_resource(const std::string& id, const std::string& country) {
  security::Resource res;
  res.kind = security::ResourceKind::kCrossBorderReferral;
  res.id = id;
  res.country = country;  // no owning agency: the country's contact points review the queue
  return res;
}

std::optional<ReviewPair> find_pair(store::Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string("SELECT ") + kPairColumns +
                              " FROM linkage_review_pairs p JOIN children c ON c.id = p.child_id "
                              "WHERE p.id = $1",
                          store::params(id));
  if (!row) return std::nullopt;
  return pair_from_row(*row);
}

// The child's latest case with its agency's country, if any.
std::optional<store::CaseRow> latest_case(store::Tx& tx, const std::string& child_id) {
  auto row = tx.query_one(
      "SELECT id FROM cases WHERE child_id = $1 ORDER BY opened_at DESC, id DESC LIMIT 1",
      store::params(child_id));
  if (!row) return std::nullopt;
  return CaseAccess::load(tx, row->text(0));
}

// The candidate pair `pair_id` at `version`, still pending, that `actor` may decide.
core::Result<ReviewPair> pending_pair(store::Database& db, Impl& impl, const Actor& actor,
                                      const std::string& pair_id, int64_t version) {
  if (!core::is_valid_id(pair_id)) return core::Error::not_found("No such candidate pair.");
  auto pair = read_tx(db, [&](store::Tx& tx) -> core::Result<ReviewPair> {
    auto p = find_pair(tx, pair_id);
    if (!p) return core::Error::not_found("No such candidate pair.");
    return std::move(*p);
  });
  if (!pair) return pair.error();
  HAVEN_TRY(
      impl.authorize(actor, security::Action::kUpdate, pair_resource(pair->id, pair->country)));
  if (pair->version != version) return record_conflict("The candidate pair", pair->version);
  if (pair->status != "pending")
    return core::Error::conflict("This pair was " + pair->status + " already.");
  return pair;
}

}  // namespace

core::Result<ReviewImportResult> CrossBorderReferralService::import_pairs(
    const Actor& actor, const std::string& partner_country,
    const std::vector<CandidatePair>& pairs) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  if (actor.principal)
    HAVEN_TRY(impl.authorize(actor, security::Action::kCreate,
                             pair_resource("", actor.principal->country)));
  if (!core::is_country_code(partner_country))
    return core::Error::invalid("The partner country is an ISO 3166-1 code such as LV.",
                                {{"partner_country", "an ISO 3166-1 alpha-2 code"}});
  const auto now = clock_.now();
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<ReviewImportResult> {
    ReviewImportResult out;
    for (const auto& p : pairs) {
      auto ref = tx.query_one(
          "SELECT r.child_id FROM linkage_refs r JOIN linkage_exports e ON e.id = r.export_id "
          "WHERE r.ref = $1 ORDER BY e.created_at DESC LIMIT 1",
          store::params(p.local_reference));
      std::optional<store::CaseRow> c;
      if (ref) c = latest_case(tx, ref->text(0));
      if (!c || p.partner_reference.empty() ||
          (actor.principal && c->country != actor.principal->country)) {
        ++out.unresolved;
        continue;
      }
      const std::string id = core::new_id(now);
      const int64_t added = tx.execute(
          "INSERT INTO linkage_review_pairs (id, child_id, country, agency_id, local_reference, "
          "partner_country, partner_reference, status, imported_by, imported_at, version) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, 1) ON CONFLICT (child_id, "
          "partner_country, partner_reference) DO NOTHING",
          store::params(id, c->child_id, c->country, c->agency_id, p.local_reference,
                        partner_country, p.partner_reference, actor.actor_id(), now.ms));
      if (added == 1)
        ++out.imported;
      else
        ++out.already_queued;
    }
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "linkage_review.import",
                       "linkage_review_pairs", "", kPurposeCode, "success", actor.request_id,
                       json{{"partner_country", partner_country},
                            {"imported", out.imported},
                            {"already_queued", out.already_queued},
                            {"unresolved", out.unresolved}}
                           .dump()});
    return out;
  });
}

core::Result<std::vector<ReviewPair>> CrossBorderReferralService::review_queue(
    const Actor& actor, const std::string& status) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  if (!status.empty() && status != "pending" && status != "confirmed" && status != "rejected")
    return core::Error::invalid("The status is pending, confirmed or rejected.",
                                {{"status", "pending, confirmed or rejected"}});
  const std::string country = actor.principal ? actor.principal->country : "";
  if (actor.principal)
    HAVEN_TRY(impl.authorize(actor, security::Action::kRead, pair_resource("", country)));
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<ReviewPair>> {
    std::vector<ReviewPair> out;
    for (const auto& row :
         tx.query(std::string("SELECT ") + kPairColumns +
                      " FROM linkage_review_pairs p JOIN children c ON c.id = p.child_id WHERE "
                      "($1 = '' OR p.status = $1) AND ($2 = '' OR p.country = $2) ORDER BY "
                      "p.imported_at, p.id LIMIT 1000",
                  store::params(status, country)))
      out.push_back(pair_from_row(row));
    return out;
  });
  if (!rows) return rows.error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "linkage_review.list",
                           "linkage_review_pairs", "", kPurposeCode, "success", actor.request_id,
                           json{{"status", status}, {"count", rows->size()}}.dump()}));
  return rows;
}

core::Result<CrossBorderReferral> CrossBorderReferralService::confirm_pair(
    const Actor& actor, const std::string& pair_id, int64_t version,
    const std::string& request_type, const std::string& partner_authority) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto pair = pending_pair(db_, impl, actor, pair_id, version);
  if (!pair) return pair.error();
  std::vector<core::FieldError> errors;
  if (!domain::request_type_from_code(request_type))
    errors.push_back({"request_type", "Choose one of the seven request types."});
  auto ex = load_exchange(exchange_dir_);
  if (!ex) return ex.error();
  const exchange::Identity* partner = ex->trust.find(partner_authority);
  if (partner == nullptr)
    errors.push_back({"partner_authority", "Choose a partner authority on the trust list."});
  else if (partner->country != pair->partner_country)
    errors.push_back({"partner_authority", "Choose an authority of " + pair->partner_country +
                                               ", the country the child was found in."});
  if (!errors.empty())
    return core::Error::invalid("The referral needs correcting; see the marked fields.",
                                std::move(errors));
  const auto now = clock_.now();
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<CrossBorderReferral> {
    auto c = latest_case(tx, pair->child_id);
    if (!c) return core::Error::conflict("The child has no case to draft a referral from.");
    auto child = store::ChildRepository::find(tx, pair->child_id);
    if (!child) return core::Error::not_found("The child is not on record.");
    CrossBorderReferral r;
    r.id = core::new_id(now);
    const int64_t changed = tx.execute(
        "UPDATE linkage_review_pairs SET status = 'confirmed', decided_by = $3, decided_at = $4, "
        "referral_id = $5, version = version + 1 WHERE id = $1 AND version = $2 AND status = "
        "'pending'",
        store::params(pair->id, version, actor.actor_id(), now.ms, r.id));
    if (changed != 1) return record_conflict("The candidate pair", version + 1);
    r.direction = "outgoing";
    r.case_id = c->id;
    r.child_id = c->child_id;
    r.agency_id = c->agency_id;
    r.country = c->country;
    r.request_type = request_type;
    r.partner_country = partner->country;
    r.partner_authority = partner->authority;
    r.status = "draft";
    r.fields = identity_fields(*child).dump();
    r.review_pair_id = pair->id;
    r.created_by = actor.actor_id();
    r.created_at = r.updated_at = now.ms;
    auto ct = impl.seal(r.fields, "fields_ct", r.id);
    if (!ct) return ct.error();
    impl.insert(tx, r, *ct);
    HAVEN_TRY(history_.record(tx, actor, {kTransnationalReferralEntity, r.id, 1, r.case_id},
                              field_changes({}, fields_of(r), {"fields", "answer"})));
    audit_.record(tx,
                  {actor.actor_id(), actor.role(), actor.agency_id(), "linkage_review.confirm",
                   "linkage_review_pairs", pair->id, kPurposeCode, "success", actor.request_id,
                   json{{"referral_id", r.id}, {"partner_country", pair->partner_country}}.dump()});
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                       "transnational_referral.draft", kTransnationalReferralEntity, r.id,
                       kPurposeCode, "success", actor.request_id, details(r)});
    return r;
  });
}

core::Result<ReviewPair> CrossBorderReferralService::reject_pair(const Actor& actor,
                                                                 const std::string& pair_id,
                                                                 int64_t version) {
  Impl impl{db_, clock_, access_, audit_, keys_, history_};
  auto pair = pending_pair(db_, impl, actor, pair_id, version);
  if (!pair) return pair.error();
  const auto now = clock_.now();
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<ReviewPair> {
    const int64_t changed = tx.execute(
        "UPDATE linkage_review_pairs SET status = 'rejected', decided_by = $3, decided_at = $4, "
        "version = version + 1 WHERE id = $1 AND version = $2 AND status = 'pending'",
        store::params(pair->id, version, actor.actor_id(), now.ms));
    if (changed != 1) return record_conflict("The candidate pair", version + 1);
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "linkage_review.reject",
                       "linkage_review_pairs", pair->id, kPurposeCode, "success", actor.request_id,
                       json{{"partner_country", pair->partner_country}}.dump()});
    auto after = find_pair(tx, pair->id);
    if (!after) return core::Error::not_found("No such candidate pair.");
    return std::move(*after);
  });
}

}  // namespace haven::service
