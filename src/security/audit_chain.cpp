// Canonical encoding, BLAKE2b chaining and streaming verification of audit events.
#include "security/audit_chain.h"

#include <sodium.h>

#include <algorithm>

#include "security/encoding.h"

namespace haven::security {

namespace {

constexpr std::string_view kVersionTag = "haven.audit.v1";

void put_u64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void put_field(std::string& out, std::string_view s) {
  auto n = static_cast<uint32_t>(s.size());
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
  out.append(s);
}

std::string short_hex(const Digest& d) {
  return to_hex(std::span(d).first(8)) + "…";
}

}  // namespace

std::string canonical_encoding(const AuditEvent& e) {
  std::string out;
  out.reserve(128 + e.id.size() + e.actor_id.size() + e.action.size() + e.entity_id.size() +
              e.purpose.size() + (e.details ? e.details->size() : 0));
  out.append(kVersionTag);
  put_u64(out, static_cast<uint64_t>(e.seq));
  put_u64(out, static_cast<uint64_t>(e.at.ms));
  for (const std::string* f : {&e.id, &e.actor_id, &e.role, &e.agency_id, &e.action, &e.entity,
                               &e.entity_id, &e.purpose, &e.outcome, &e.request_id}) {
    put_field(out, *f);
  }
  if (e.details) {
    out.push_back('\x01');
    put_field(out, *e.details);
  } else {
    out.push_back('\x00');
  }
  return out;
}

Digest audit_event_hash(const Digest& prev_hash, const AuditEvent& event) {
  ensure_sodium();
  std::string body = canonical_encoding(event);
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
  crypto_generichash_update(&st, prev_hash.data(), prev_hash.size());
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(body.data()), body.size());
  Digest d{};
  crypto_generichash_final(&st, d.data(), d.size());
  return d;
}

void seal(AuditEvent& event, const Digest& prev_hash) {
  event.prev_hash = prev_hash;
  event.hash = audit_event_hash(prev_hash, event);
}

ChainVerifier::ChainVerifier(const ChainAnchor& start)
    : expected_seq_(start.seq + 1), expected_prev_(start.hash) {
  result_.head_seq = start.seq;
  result_.head_hash = start.hash;
}

void ChainVerifier::expect_anchor(const ChainAnchor& anchor) {
  anchors_.push_back(anchor);
  std::sort(anchors_.begin(), anchors_.end(),
            [](const ChainAnchor& a, const ChainAnchor& b) { return a.seq < b.seq; });
}

void ChainVerifier::fail(ChainBreak kind, int64_t seq, std::string reason) {
  result_.problem = kind;
  result_.first_broken_seq = seq;
  result_.reason = std::move(reason);
}

bool ChainVerifier::feed(const AuditEvent& e) {
  if (!result_.intact()) return false;
  const std::string s = std::to_string(e.seq);
  if (e.seq > expected_seq_) {
    std::string missing =
        e.seq == expected_seq_ + 1
            ? "event " + std::to_string(expected_seq_) + " is"
            : "events " + std::to_string(expected_seq_) + "–" + std::to_string(e.seq - 1) + " are";
    fail(ChainBreak::kMissing, expected_seq_,
         "Audit " + missing + " missing: the log jumps from " + std::to_string(expected_seq_ - 1) +
             " to " + s + ".");
    return false;
  }
  if (e.seq < expected_seq_) {
    fail(ChainBreak::kOutOfOrder, e.seq,
         "Audit event " + s + " appears after event " + std::to_string(expected_seq_ - 1) +
             ": an event was duplicated, inserted or reordered.");
    return false;
  }
  // The event's own hash first: a changed byte anywhere in the row (content, prev_hash or hash) is
  // reported at that row.
  if (!constant_time_equal(audit_event_hash(e.prev_hash, e), e.hash)) {
    fail(ChainBreak::kAltered, e.seq,
         "Audit event " + s + " (" + e.id + ") was altered: its content does not match its hash.");
    return false;
  }
  if (!constant_time_equal(e.prev_hash, expected_prev_)) {
    if (e.seq == 1) {
      fail(
          ChainBreak::kLinkBroken, e.seq,
          "Audit event 1 (" + e.id + ") does not start the chain (its previous hash is not zero).");
    } else {
      // The previous row is self-consistent but not what this one recorded: the previous event was
      // rewritten with a recomputed hash, or this one was re-linked.
      fail(ChainBreak::kLinkBroken, e.seq - 1,
           "Audit event " + std::to_string(e.seq - 1) + " was rewritten (its hash " +
               short_hex(expected_prev_) + " differs from the one event " + s + " recorded, " +
               short_hex(e.prev_hash) + "), or event " + s + " was re-linked.");
    }
    return false;
  }
  for (const ChainAnchor& a : anchors_) {
    if (a.seq == e.seq && !constant_time_equal(a.hash, e.hash)) {
      fail(ChainBreak::kAnchorMismatch, e.seq,
           "Audit event " + s + " does not match the anchor recorded for it (" + short_hex(a.hash) +
               "): the log up to it was rewritten.");
      return false;
    }
  }
  expected_prev_ = e.hash;
  expected_seq_ = e.seq + 1;
  result_.events_checked += 1;
  result_.head_seq = e.seq;
  result_.head_hash = e.hash;
  return true;
}

ChainVerification ChainVerifier::finish() {
  if (result_.intact() && !anchors_.empty() && anchors_.back().seq > result_.head_seq) {
    fail(ChainBreak::kTruncated, result_.head_seq + 1,
         "The audit log ends at event " + std::to_string(result_.head_seq) +
             " but an anchor was recorded for event " + std::to_string(anchors_.back().seq) +
             ": events from " + std::to_string(result_.head_seq + 1) + " on were removed.");
  }
  if (result_.intact()) {
    result_.reason = "The audit log is intact: " + std::to_string(result_.events_checked) +
                     " events checked, head is event " + std::to_string(result_.head_seq) + ".";
  }
  return result_;
}

ChainVerification verify_chain(std::span<const AuditEvent> events,
                               std::span<const ChainAnchor> anchors) {
  ChainVerifier v;
  for (const ChainAnchor& a : anchors) v.expect_anchor(a);
  for (const AuditEvent& e : events) {
    if (!v.feed(e)) break;
  }
  return v.finish();
}

}  // namespace haven::security
