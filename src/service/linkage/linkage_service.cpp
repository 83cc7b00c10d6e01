// Encoding every child for linkage, and keeping the reference map that only this instance holds.
#include "service/linkage/linkage_service.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>

#include "core/date.h"
#include "core/id.h"
#include "linkage/bloom_encoder.h"
#include "search/name_normalizer.h"

namespace haven::service {

namespace {

constexpr size_t kBatch = 4096;

// The words of a name as both countries spell them: the primary Latin spelling of each word the
// normalizer keeps (not the alternative writings), joined by spaces. "" for an unusable name.
std::string linkage_name(const search::NameNormalizer& normalizer, const std::string& text,
                         search::NamePart part) {
  auto name = normalizer.normalize(text, part);
  if (!name) return "";
  std::string out;
  for (const auto& token : name->tokens) {
    if (token.alternative || token.spellings.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += token.primary();
  }
  return out;
}

linkage::Sex sex_of(const std::string& sex) {
  if (sex == "female") return linkage::Sex::kFemale;
  if (sex == "male") return linkage::Sex::kMale;
  return linkage::Sex::kUnknown;
}

// A fresh random reference not used before in this export (0 is never used).
uint64_t fresh_ref(std::unordered_set<uint64_t>& used) {
  for (;;) {
    uint64_t r = 0;
    randombytes_buf(&r, sizeof r);
    if (r != 0 && used.insert(r).second) return r;
  }
}

}  // namespace

std::string ref_hex(uint64_t ref) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(ref));
  return buf;
}

LinkageService::LinkageService(store::Database& db, const core::Clock& clock, AuditService& audit)
    : db_(db), clock_(clock), audit_(audit) {}

LinkageService::~LinkageService() = default;

core::Result<LinkageExport> LinkageService::encode_all(
    const linkage::LinkageSecret& secret, const std::function<void(uint64_t, uint64_t)>& progress) {
  if (!normalizer_) {
    auto created = search::NameNormalizer::create();
    if (!created) return created.error();
    normalizer_ = std::make_unique<search::NameNormalizer>(std::move(*created));
  }
  auto encoder = linkage::BloomEncoder::create(secret);
  if (!encoder) return encoder.error();

  struct ChildRow {
    std::string id, given, family, sex;
    std::optional<core::Date> birth;
  };
  std::vector<ChildRow> rows;
  try {
    db_.read([&](store::Tx& tx) {
      // Merged children are skipped here, not in the WHERE clause: SQLite would read them all
      // through the merged_into index and sort them again (see SearchService::build_locked).
      for (const auto& r : tx.query("SELECT id, given_names, family_names, sex, birth_date, "
                                    "merged_into FROM children ORDER BY id")) {
        if (!r.is_null(5)) continue;
        ChildRow c{r.text(0), r.text(1), r.text(2), r.text(3), std::nullopt};
        if (auto d = r.opt_text(4)) c.birth = core::Date::parse(*d);
        rows.push_back(std::move(c));
      }
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }

  LinkageExport out;
  out.children = rows.size();
  out.set = linkage::EncodingSet({encoder->params(), encoder->key_fingerprint()});
  out.set.reserve(rows.size());
  out.child_ids.reserve(rows.size());
  std::unordered_set<uint64_t> used;
  used.reserve(rows.size() * 2);

  std::vector<std::string> given(kBatch), family(kBatch);
  std::vector<linkage::LinkageFields> fields(kBatch);
  std::vector<linkage::EncodedRecord> encoded(kBatch);
  for (size_t start = 0; start < rows.size(); start += kBatch) {
    const size_t n = std::min(kBatch, rows.size() - start);
    std::vector<bool> usable(n, true);
    for (size_t i = 0; i < n; ++i) {
      const ChildRow& c = rows[start + i];
      given[i] = linkage_name(*normalizer_, c.given, search::NamePart::kGiven);
      family[i] = linkage_name(*normalizer_, c.family, search::NamePart::kFamily);
      const linkage::Sex sex = sex_of(c.sex);
      fields[i] = {given[i], family[i], c.birth, sex, linkage::salt_from_sex(sex)};
    }
    const auto failed =
        encoder->encode_batch(std::span(fields.data(), n), std::span(encoded.data(), n));
    for (size_t f : failed) usable[f] = false;
    for (size_t i = 0; i < n; ++i) {
      if (!usable[i]) {
        ++out.skipped;
        continue;
      }
      out.set.add(fresh_ref(used), encoded[i]);
      out.child_ids.push_back(rows[start + i].id);
    }
    if (progress) progress(start + n, rows.size());
  }
  return out;
}

core::Result<std::string> LinkageService::record(const LinkageExport& exported,
                                                 const Actor& actor) {
  if (actor.principal)
    return core::Error::forbidden(
        "Linkage encodings are made by the `haven link encode` batch job, not by a signed-in "
        "user.");
  const auto now = clock_.now();
  const std::string export_id = core::new_id(now);
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<std::string> {
      tx.execute(
          "INSERT INTO linkage_exports (id, key_fingerprint, records, skipped, created_by, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
          store::params(export_id, ref_hex(exported.set.header().key_fingerprint),
                        static_cast<int64_t>(exported.set.size()),
                        static_cast<int64_t>(exported.skipped), actor.actor_id(), now.ms));
      for (size_t i = 0; i < exported.set.size(); ++i)
        tx.execute("INSERT INTO linkage_refs (export_id, ref, child_id) VALUES ($1, $2, $3)",
                   store::params(export_id, ref_hex(exported.set.ref(i)), exported.child_ids[i]));
      const nlohmann::json details{
          {"children", exported.children},
          {"encoded", exported.set.size()},
          {"skipped", exported.skipped},
          {"key_fingerprint", ref_hex(exported.set.header().key_fingerprint)}};
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "linkage.encode",
                         "linkage_exports", export_id, "cross_border_linkage", "success",
                         actor.request_id, details.dump()});
      return export_id;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::vector<std::pair<std::string, std::string>>> LinkageService::resolve(
    const std::vector<std::string>& refs) {
  std::vector<std::pair<std::string, std::string>> out;
  try {
    db_.read([&](store::Tx& tx) {
      for (const auto& ref : refs) {
        auto row = tx.query_one(
            "SELECT r.child_id FROM linkage_refs r JOIN linkage_exports e ON e.id = r.export_id "
            "WHERE r.ref = $1 ORDER BY e.created_at DESC LIMIT 1",
            store::params(ref));
        if (row) out.emplace_back(ref, row->text(0));
      }
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return out;
}

}  // namespace haven::service
