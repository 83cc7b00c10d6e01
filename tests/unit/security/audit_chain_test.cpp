// The audit chain as `haven audit verify` uses it: any altered byte, removed, inserted or reordered
// event, and (with an anchor) a cut tail is detected and the event named.
#include "security/audit_chain.h"

#include <gtest/gtest.h>

#include "security/encoding.h"

namespace haven::security {
namespace {

std::vector<AuditEvent> make_chain(int n) {
  std::vector<AuditEvent> events;
  Digest prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEvent e;
    e.seq = i;
    e.id = "0190b6c1-0000-7000-8000-" + std::string(12 - std::to_string(i).size(), '0') +
           std::to_string(i);
    e.at = {1'700'000'000'000 + int64_t{i} * 1000};
    e.actor_id = "user-" + std::to_string(i % 3);
    e.role = "caseworker";
    e.agency_id = "agency-1";
    e.action = i % 2 ? "case.read" : "note.update";
    e.entity = "case";
    e.entity_id = "case-42";
    e.purpose = "casework";
    e.outcome = "success";
    e.request_id = "req-" + std::to_string(i);
    if (i % 4 == 0) e.details = R"({"fields":["narrative"]})";
    seal(e, prev);
    prev = e.hash;
    events.push_back(e);
  }
  return events;
}

// Resealing one event as an attacker with write access would (recomputing its own hash).
void reseal(AuditEvent& e) {
  seal(e, e.prev_hash);
}

TEST(AuditChain, AnUntouchedChainVerifiesAndReportsItsHead) {
  auto events = make_chain(50);
  ChainVerification v = verify_chain(events);
  EXPECT_TRUE(v.intact()) << v.reason;
  EXPECT_EQ(v.events_checked, 50);
  EXPECT_EQ(v.head_seq, 50);
  EXPECT_EQ(to_hex(v.head_hash), to_hex(events.back().hash));
  EXPECT_NE(v.reason.find("intact"), std::string::npos);
}

TEST(AuditChain, EmptyChainIsIntact) {
  ChainVerification v = verify_chain({});
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.head_seq, 0);
}

TEST(AuditChain, FirstEventLinksToZeroHash) {
  auto events = make_chain(1);
  EXPECT_EQ(to_hex(events[0].prev_hash), std::string(64, '0'));
}

TEST(AuditChain, ChangingAnyFieldOfAnyEventNamesThatEvent) {
  using Mutator = void (*)(AuditEvent&);
  const std::pair<const char*, Mutator> mutations[] = {
      {"actor", [](AuditEvent& e) { e.actor_id += "x"; }},
      {"role", [](AuditEvent& e) { e.role = "supervisor"; }},
      {"agency", [](AuditEvent& e) { e.agency_id = "agency-2"; }},
      {"action", [](AuditEvent& e) { e.action = "case.export"; }},
      {"entity", [](AuditEvent& e) { e.entity = "child"; }},
      {"entity_id", [](AuditEvent& e) { e.entity_id = "case-43"; }},
      {"purpose", [](AuditEvent& e) { e.purpose = "curiosity"; }},
      {"outcome", [](AuditEvent& e) { e.outcome = "denied"; }},
      {"request", [](AuditEvent& e) { e.request_id += "0"; }},
      {"id", [](AuditEvent& e) { e.id[0] = 'f'; }},
      {"time", [](AuditEvent& e) { e.at.ms += 1; }},
      {"details changed", [](AuditEvent& e) { e.details = "{}"; }},
      {"details removed or added",
       [](AuditEvent& e) {
         if (e.details) {
           e.details.reset();
         } else {
           e.details = "";
         }
       }},
      {"stored hash", [](AuditEvent& e) { e.hash[31] ^= 1; }},
      {"stored prev hash", [](AuditEvent& e) { e.prev_hash[0] ^= 1; }},
  };
  for (const auto& [name, mutate] : mutations) {
    for (int target : {1, 16, 17, 30}) {  // 16 has details, the others none
      auto events = make_chain(30);
      mutate(events[static_cast<size_t>(target - 1)]);
      ChainVerification v = verify_chain(events);
      ASSERT_FALSE(v.intact()) << name << " at " << target;
      EXPECT_EQ(v.first_broken_seq, target) << name << ": " << v.reason;
      EXPECT_NE(v.reason.find(std::to_string(target)), std::string::npos) << v.reason;
    }
  }
}

TEST(AuditChain, OneFlippedByteInEveryPositionOfTheEncodingIsDetected) {
  auto events = make_chain(5);
  const AuditEvent original = events[2];
  std::string enc = canonical_encoding(original);
  // Changing any single byte of any text field changes the encoding and therefore the hash.
  for (size_t i = 0; i < original.purpose.size(); ++i) {
    auto copy = events;
    copy[2].purpose[i] ^= 0x20;
    EXPECT_EQ(verify_chain(copy).first_broken_seq, 3);
  }
  EXPECT_EQ(enc.rfind("haven.audit.v1", 0), 0u);
}

TEST(AuditChain, RewrittenEventWithRecomputedHashIsCaughtByItsSuccessor) {
  auto events = make_chain(10);
  events[4].purpose = "rewritten by someone";
  reseal(events[4]);  // self-consistent now, but event 6 recorded the old hash
  ChainVerification v = verify_chain(events);
  ASSERT_FALSE(v.intact());
  EXPECT_EQ(v.problem, ChainBreak::kLinkBroken);
  EXPECT_EQ(v.first_broken_seq, 5) << v.reason;
}

TEST(AuditChain, RemovedEventIsReportedAsMissing) {
  auto events = make_chain(10);
  events.erase(events.begin() + 6);  // seq 7
  ChainVerification v = verify_chain(events);
  EXPECT_EQ(v.problem, ChainBreak::kMissing);
  EXPECT_EQ(v.first_broken_seq, 7);
  EXPECT_NE(v.reason.find("event 7 is missing"), std::string::npos) << v.reason;
  events.erase(events.begin() + 6);  // seq 8 too
  v = verify_chain(events);
  EXPECT_NE(v.reason.find("events 7–8 are missing"), std::string::npos) << v.reason;
}

TEST(AuditChain, RemovedAndRenumberedEventIsStillCaught) {
  auto events = make_chain(10);
  events.erase(events.begin() + 6);
  for (size_t i = 6; i < events.size(); ++i) events[i].seq -= 1;  // hide the gap
  ChainVerification v = verify_chain(events);
  ASSERT_FALSE(v.intact());
  EXPECT_EQ(v.first_broken_seq, 7) << "seq is part of the hashed content";
}

TEST(AuditChain, DuplicatedOrReorderedEventsAreCaught) {
  auto events = make_chain(6);
  auto dup = events;
  dup.insert(dup.begin() + 3, dup[2]);
  EXPECT_EQ(verify_chain(dup).problem, ChainBreak::kOutOfOrder);
  auto swapped = events;
  std::swap(swapped[2], swapped[3]);
  ChainVerification v = verify_chain(swapped);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.first_broken_seq, 3);
}

TEST(AuditChain, ForgedGenesisIsCaught) {
  auto events = make_chain(3);
  events[0].prev_hash[5] = 9;
  reseal(events[0]);
  ChainVerification v = verify_chain(events);
  EXPECT_EQ(v.problem, ChainBreak::kLinkBroken);
  EXPECT_EQ(v.first_broken_seq, 1);
}

TEST(AuditChain, WithoutAnAnchorACutTailGoesUnnoticed_WithOneItIsCaught) {
  auto events = make_chain(20);
  ChainAnchor anchor{20, events[19].hash};
  events.resize(15);  // someone deleted the newest five events
  EXPECT_TRUE(verify_chain(events).intact()) << "the limitation the docs describe";
  ChainVerification v = verify_chain(events, std::span(&anchor, 1));
  EXPECT_EQ(v.problem, ChainBreak::kTruncated);
  EXPECT_EQ(v.first_broken_seq, 16);
  EXPECT_NE(v.reason.find("from 16 on were removed"), std::string::npos) << v.reason;
}

TEST(AuditChain, AnchorCatchesAFullyRecomputedRewrite) {
  auto events = make_chain(12);
  ChainAnchor anchor{12, events[11].hash};
  // The attacker rewrites event 3 and recomputes every hash after it: no internal trace remains.
  events[2].purpose = "covered up";
  Digest prev = events[1].hash;
  for (size_t i = 2; i < events.size(); ++i) {
    seal(events[i], prev);
    prev = events[i].hash;
  }
  EXPECT_TRUE(verify_chain(events).intact());
  ChainVerification v = verify_chain(events, std::span(&anchor, 1));
  EXPECT_EQ(v.problem, ChainBreak::kAnchorMismatch);
  EXPECT_EQ(v.first_broken_seq, 12);
}

TEST(AuditChain, StreamingVerificationFromAnAnchorCoversOnlyNewEvents) {
  auto events = make_chain(30);
  ChainVerifier v(ChainAnchor{20, events[19].hash});
  for (size_t i = 20; i < 30; ++i) ASSERT_TRUE(v.feed(events[i]));
  ChainVerification r = v.finish();
  EXPECT_TRUE(r.intact()) << r.reason;
  EXPECT_EQ(r.events_checked, 10);
  EXPECT_EQ(r.head_seq, 30);
  // Starting from a wrong anchor fails at the first event.
  ChainVerifier wrong(ChainAnchor{20, events[18].hash});
  EXPECT_FALSE(wrong.feed(events[20]));
  EXPECT_EQ(wrong.finish().first_broken_seq, 20);
}

TEST(AuditChain, CanonicalEncodingSeparatesFieldsUnambiguously) {
  AuditEvent a, b;
  a.actor_id = "ab";
  a.role = "c";
  b.actor_id = "a";
  b.role = "bc";
  EXPECT_NE(canonical_encoding(a), canonical_encoding(b));
  AuditEvent empty_details = a, no_details = a;
  empty_details.details = "";
  EXPECT_NE(canonical_encoding(empty_details), canonical_encoding(no_details));
}

}  // namespace
}  // namespace haven::security
