// Group commit, chain sealing, streaming verification and export of the audit log.
#include "service/audit_service.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "security/encoding.h"
#include "store/repositories/audit_repository.h"

namespace haven::service {

namespace {

security::Digest to_digest(const store::Blob& b) {
  security::Digest d{};
  // A stored hash of the wrong length cannot match anything: leave it zero-padded/truncated, and
  // the verifier reports the event as altered.
  std::memcpy(d.data(), b.bytes.data(), std::min(b.bytes.size(), d.size()));
  return d;
}

store::Blob to_blob(const security::Digest& d) {
  return store::Blob{{d.begin(), d.end()}};
}

security::AuditEvent to_event(const store::AuditRow& r) {
  security::AuditEvent e;
  e.seq = r.seq;
  e.id = r.id;
  e.at = core::Timestamp{r.at};
  e.actor_id = r.actor_id;
  e.role = r.role;
  e.agency_id = r.agency_id;
  e.action = r.action;
  e.entity = r.entity;
  e.entity_id = r.entity_id;
  e.purpose = r.purpose;
  e.outcome = r.outcome;
  e.request_id = r.request_id;
  e.details = r.details;
  e.prev_hash = to_digest(r.prev_hash);
  e.hash = to_digest(r.hash);
  // A hash column of the wrong length was altered: make sure it cannot verify.
  if (r.hash.bytes.size() != e.hash.size()) e.hash[0] ^= 0xff;
  if (r.prev_hash.bytes.size() != e.prev_hash.size()) e.prev_hash[0] ^= 0xff;
  return e;
}

void append_sealed(store::Tx& tx, const AuditRecord& rec, core::Timestamp at, int64_t& seq,
                   security::Digest& prev) {
  security::AuditEvent e;
  e.seq = ++seq;
  e.id = core::new_id(at);
  e.at = at;
  e.actor_id = rec.actor_id;
  e.role = rec.role;
  e.agency_id = rec.agency_id;
  e.action = rec.action;
  e.entity = rec.entity;
  e.entity_id = rec.entity_id;
  e.purpose = rec.purpose;
  e.outcome = rec.outcome;
  e.request_id = rec.request_id;
  e.details = rec.details;
  security::seal(e, prev);
  prev = e.hash;
  store::AuditRow row{e.seq,       e.id,         e.at.ms,   e.actor_id,           e.role,
                      e.agency_id, e.action,     e.entity,  e.entity_id,          e.purpose,
                      e.outcome,   e.request_id, e.details, to_blob(e.prev_hash), to_blob(e.hash)};
  store::AuditRepository::insert(tx, row);
}

std::pair<int64_t, security::Digest> locked_head(store::Tx& tx) {
  store::AuditRepository::lock_chain(tx);
  auto head = store::AuditRepository::head(tx);
  if (!head) return {0, security::kGenesisHash};
  return {head->first, to_digest(head->second)};
}

}  // namespace

void AuditService::record(store::Tx& tx, const AuditRecord& record) {
  auto [seq, prev] = locked_head(tx);
  append_sealed(tx, record, clock_.now(), seq, prev);
}

void AuditService::write_batch(store::Tx& tx, const std::vector<std::shared_ptr<Pending>>& batch) {
  auto [seq, prev] = locked_head(tx);
  for (const auto& p : batch) append_sealed(tx, p->record, p->at, seq, prev);
}

namespace {
// The Deferral active on this thread, if any (AuditService::Deferral).
thread_local AuditService::Deferral* t_deferral = nullptr;
}  // namespace

core::Status AuditService::append(AuditRecord record) {
  auto mine =
      std::make_shared<Pending>(Pending{std::move(record), clock_.now(), false, std::nullopt});
  std::unique_lock lock(mu_);
  queue_.push_back(mine);
  if (t_deferral != nullptr && &t_deferral->audit_ == this) {
    t_deferral->pending_.push_back(std::move(mine));  // waited for by Deferral::wait()
    return core::ok_status();
  }
  return wait_for(*mine, lock);
}

core::Status AuditService::wait_for(Pending& mine, std::unique_lock<std::mutex>& lock) {
  while (!mine.done) {
    if (flushing_) {
      cv_.wait(lock);
      continue;
    }
    // Become the flusher: take everything queued so far (including our own event).
    flushing_ = true;
    std::vector<std::shared_ptr<Pending>> batch(queue_.begin(), queue_.end());
    queue_.clear();
    lock.unlock();
    std::optional<core::Error> error;
    for (int attempt = 0; attempt < 3; ++attempt) {
      try {
        db_.write([&](store::Tx& tx) { write_batch(tx, batch); });
        error.reset();
        break;
      } catch (const store::DbError& e) {
        error = store::to_error(e);
        if (e.kind() != store::DbError::Kind::kBusy &&
            e.kind() != store::DbError::Kind::kConstraint)
          break;  // kConstraint: another process took the same seq without the lock; retry
      }
    }
    lock.lock();
    for (const auto& p : batch) {
      p->done = true;
      p->error = error;
    }
    if (!error) {
      stats_.appended += static_cast<int64_t>(batch.size());
      stats_.commits += 1;
    }
    flushing_ = false;
    cv_.notify_all();
  }
  if (mine.error)
    return core::Error::unavailable("The audit log could not be written: " + mine.error->message);
  return core::ok_status();
}

AuditService::Deferral::Deferral(AuditService& audit) : audit_(audit) {
  t_deferral = this;
}

AuditService::Deferral::~Deferral() {
  (void)wait();  // events queued on a path that sent nothing still reach the log
  t_deferral = nullptr;
}

core::Status AuditService::Deferral::wait() {
  core::Status result = core::ok_status();
  std::unique_lock lock(audit_.mu_);
  for (const auto& p : pending_) {
    core::Status one = audit_.wait_for(*p, lock);
    if (!one.ok() && result.ok()) result = std::move(one);
  }
  pending_.clear();
  return result;
}

AuditStats AuditService::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

security::ChainVerification AuditService::verify(
    const std::vector<security::ChainAnchor>& anchors) {
  security::ChainVerifier verifier;
  for (const auto& a : anchors) verifier.expect_anchor(a);
  store::AuditRepository::scan(
      db_, 0, 2000, [&](const store::AuditRow& row) { return verifier.feed(to_event(row)); });
  return verifier.finish();
}

std::string audit_event_json(const security::AuditEvent& e) {
  nlohmann::ordered_json j;
  j["seq"] = e.seq;
  j["id"] = e.id;
  j["at"] = core::to_rfc3339(e.at);
  j["actor_id"] = e.actor_id;
  j["role"] = e.role;
  j["agency_id"] = e.agency_id;
  j["action"] = e.action;
  j["entity"] = e.entity;
  j["entity_id"] = e.entity_id;
  j["purpose"] = e.purpose;
  j["outcome"] = e.outcome;
  j["request_id"] = e.request_id;
  if (e.details) {
    auto parsed = nlohmann::ordered_json::parse(*e.details, nullptr, false);
    j["details"] = parsed.is_discarded() ? nlohmann::ordered_json(*e.details) : parsed;
  } else {
    j["details"] = nullptr;
  }
  j["prev_hash"] = security::to_hex(e.prev_hash);
  j["hash"] = security::to_hex(e.hash);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Result<int64_t> AuditService::export_jsonl(
    core::Timestamp from, core::Timestamp to, const std::function<void(const std::string&)>& line) {
  if (to <= from) return core::Error::invalid("--to must be after --from");
  int64_t n = 0;
  try {
    store::AuditRepository::scan_time(db_, from.ms, to.ms, 2000, [&](const store::AuditRow& row) {
      line(audit_event_json(to_event(row)));
      ++n;
      return true;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return n;
}

std::vector<security::AuditEvent> AuditService::about(const std::string& entity,
                                                      const std::string& entity_id, int limit) {
  return db_.read([&](store::Tx& tx) {
    std::vector<security::AuditEvent> out;
    for (const auto& row : store::AuditRepository::by_entity(tx, entity, entity_id, limit))
      out.push_back(to_event(row));
    return out;
  });
}

core::Result<AuditPage> AuditService::search(const store::AuditFilter& filter, int page,
                                             int page_size) {
  if (page < 1 || page > 1000000) return core::Error::invalid("The page must be 1 or more.");
  if (page_size < 1 || page_size > 500) page_size = 50;
  if (filter.from_ms && filter.to_ms && *filter.to_ms <= *filter.from_ms)
    return core::Error::invalid("The end of the period must be after its start.",
                                {{"to", "The end of the period must be after its start."}});
  try {
    return db_.read([&](store::Tx& tx) {
      AuditPage out;
      out.page = page;
      auto rows = store::AuditRepository::search(tx, filter, page_size + 1,
                                                 static_cast<int64_t>(page - 1) * page_size);
      out.has_more = static_cast<int>(rows.size()) > page_size;
      if (out.has_more) rows.pop_back();
      for (const auto& row : rows) out.events.push_back(to_event(row));
      return out;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
