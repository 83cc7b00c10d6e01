// The tamper-evident audit log's chaining: a canonical encoding of an event, the hash that links it
// to the previous one, and verification that names the first altered, missing or misplaced event.
// Pure: storing, ordering and group-committing events is the service's and store's work.
//
// What the chain proves: every event from the first verified one up to the head is exactly as
// written and none in between was removed, inserted or reordered. What it does not prove on its
// own: that nothing was cut from the END — someone able to write the database can delete the newest
// events (or rewrite the tail and recompute its hashes). Only a head hash recorded outside the
// database (an "anchor": `haven audit verify` prints it; operators record it elsewhere
// periodically) exposes that; ChainVerifier checks anchors. See docs/SECURITY.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "security/secret.h"

namespace haven::security {

// One audit event. Text fields are UTF-8 and may be empty where they do not apply (e.g. entity_id
// of a failed login). `details` is an optional JSON object (as text) with event-specific facts.
struct AuditEvent {
  int64_t seq = 0;       // 1, 2, 3, … without gaps, assigned when appended
  std::string id;        // UUIDv7 of the event
  core::Timestamp at;    // when it happened
  std::string actor_id;  // user id (or "system", or the typed username for a failed login)
  std::string role;
  std::string agency_id;
  std::string action;  // "case.read", "auth.login", "policy.deny", "case.break_glass", …
  std::string entity;  // "case", "child", "user", …
  std::string entity_id;
  std::string purpose;  // why: "casework", "supervision", a break-the-glass reason, …
  std::string outcome;  // "success", "failure", "denied"
  std::string request_id;
  std::optional<std::string> details;

  // Filled by seal(): the previous event's hash (32 zero bytes before the first) and this event's
  // hash.
  Digest prev_hash{};
  Digest hash{};
};

// The bytes hashed for an event, excluding prev_hash and hash. Deterministic and unambiguous:
//   "haven.audit.v1"                      (14 bytes, domain separation and format version)
//   seq, at.ms                            as 8-byte big-endian two's complement
//   id, actor_id, role, agency_id, action, entity, entity_id, purpose, outcome, request_id
//                                         each as 4-byte big-endian length, then the bytes
//   details                               1 byte 0x00 if absent; 0x01, then length and bytes if
//   present
// Changing the encoding means a new version string; verify must keep accepting v1.
std::string canonical_encoding(const AuditEvent& event);

// BLAKE2b-256(prev_hash || canonical_encoding(event)).
Digest audit_event_hash(const Digest& prev_hash, const AuditEvent& event);

// Sets event.prev_hash = prev_hash and event.hash accordingly. The caller serialises appends so
// that each event's prev_hash is the hash of the event with seq - 1.
void seal(AuditEvent& event, const Digest& prev_hash);

// The 32 zero bytes the first event (seq 1) links to.
inline constexpr Digest kGenesisHash{};

enum class ChainBreak {
  kNone,
  kAltered,     // the event's content or stored hash does not match its recorded hash
  kMissing,     // a sequence number is skipped: events were removed
  kOutOfOrder,  // a sequence number repeats or goes backwards: events were inserted or reordered
  kLinkBroken,  // the event's prev_hash differs from the previous event's hash
  kAnchorMismatch,  // an externally recorded head hash differs from the chain's
  kTruncated,       // the chain ends before an externally recorded anchor
};

// A head hash recorded outside the database at some point: "event `seq` had hash `hash`".
struct ChainAnchor {
  int64_t seq = 0;
  Digest hash{};
};

struct ChainVerification {
  ChainBreak problem = ChainBreak::kNone;
  std::optional<int64_t> first_broken_seq;  // the event to look at
  std::string reason;                       // one sentence naming it, for `haven audit verify`
  int64_t events_checked = 0;
  int64_t head_seq = 0;  // last event verified (0 if none)
  Digest head_hash{};    // its hash: record it elsewhere as an anchor
  bool intact() const { return problem == ChainBreak::kNone; }
};

// Verifies events fed in ascending seq order, one at a time, so `haven audit verify` can stream
// millions of rows in constant memory. Stops at the first problem (later feeds are ignored).
// Not thread-safe; use one per verification.
class ChainVerifier {
 public:
  // From genesis: the first event must be seq 1 and link to kGenesisHash.
  ChainVerifier() = default;
  // From a known-good point (e.g. the last anchor): the first event fed must be start.seq + 1 and
  // link to start.hash.
  explicit ChainVerifier(const ChainAnchor& start);

  // Anchors recorded elsewhere; checked when their seq is reached, and at finish() if never
  // reached.
  void expect_anchor(const ChainAnchor& anchor);

  // Returns false once a problem is found.
  bool feed(const AuditEvent& event);
  // Ends the run: reports a truncation if an anchor lies beyond the last event.
  ChainVerification finish();

 private:
  void fail(ChainBreak kind, int64_t seq, std::string reason);
  ChainVerification result_;
  int64_t expected_seq_ = 1;
  Digest expected_prev_{};
  std::vector<ChainAnchor> anchors_;
};

// Convenience over ChainVerifier for events already in memory (ascending seq).
ChainVerification verify_chain(std::span<const AuditEvent> events,
                               std::span<const ChainAnchor> anchors = {});

}  // namespace haven::security
