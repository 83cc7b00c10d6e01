// `haven link secret|encode|match|resolve`: privacy-preserving record linkage on the command line
// ([X1]). A national instance encodes its children under the shared secret (the map from record
// references to children stays in its database); whoever matches — the regional hub, or an
// operator offline — needs only the two encoding files, never the secret, and writes only the
// pairs of references above the threshold, never a score. `upload` and `pairs` do the same through
// the regional hub: each country sends its signed encodings and gets back only its own references
// beside link numbers the partner's list shares.
#include <sodium.h>

#include <CLI/CLI.hpp>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli/command.h"
#include "cli/hub_client.h"
#include "cli/progress.h"
#include "core/clock.h"
#include "core/country.h"
#include "exchange/detached_signature.h"
#include "exchange/instance_keys.h"
#include "exchange/key_file.h"
#include "linkage/country_links.h"
#include "linkage/encoding_set.h"
#include "linkage/matcher.h"
#include "service/app.h"
#include "service/exchange/exchange_service.h"
#include "service/linkage/linkage_service.h"

namespace haven::cli {

namespace {

constexpr const char* kSecretWhat = "linkage secret";

core::Result<linkage::LinkageSecret> load_secret(const std::string& path) {
  auto bytes = exchange::read_key_file(path, kSecretWhat, linkage::LinkageSecret::kBytes);
  if (!bytes) return bytes.error();
  auto secret = linkage::LinkageSecret::from_bytes(bytes->bytes());
  if (!secret)
    return core::Error::invalid("The linkage secret in " + path +
                                " is not usable: " + secret.error().message);
  return secret;
}

core::Result<linkage::EncodingSet> load_encodings(const std::string& path) {
  auto bytes = exchange::read_text_file(path, "encoding file");
  if (!bytes) return bytes.error();
  auto set = linkage::parse_encodings(*bytes);
  if (!set)
    return core::Error::invalid(path + " is not a usable encoding file: " + set.error().message);
  return set;
}

// Writes `text` to `path` through a temporary file, so a failed run leaves no partial output.
int write_output(const std::string& path, std::string_view text) {
  if (auto st = exchange::write_text_file(path, text); !st.ok()) return report(st.error());
  return kExitOk;
}

struct EncodeArgs {
  CommonOptions common;
  std::string secret_file;
  std::string out;
};

int run_encode(const EncodeArgs& a) {
  if (a.out.empty()) return report(core::Error::invalid("--out is required"));
  auto secret = load_secret(a.secret_file);  // before the database: bad input costs nothing
  if (!secret) return report(secret.error());
  return with_app(a.common, [&](service::App& app) -> int {
    service::LinkageService linkage(app.db, app.clock, app.audit);
    ProgressOptions popts;
    popts.what = "children";
    std::optional<Progress> progress;
    auto exported = linkage.encode_all(*secret, [&](uint64_t done, uint64_t total) {
      if (!progress) progress.emplace("link encode", total, stderr, popts);
      progress->update(done);
    });
    if (!exported) {
      if (progress) progress->abandon();
      return report(exported.error());
    }
    if (progress) progress->finish(exported->children);
    if (int rc = write_output(a.out, linkage::serialize_encodings(exported->set)); rc != kExitOk)
      return rc;
    auto id = linkage.record(*exported, service::Actor::cli());
    if (!id) {
      std::remove(a.out.c_str());  // without its map the file could never be resolved
      return report(id.error());
    }
    std::printf(
        "encoded %s of %s children into %s (export %s, key fingerprint %s)%s\n",
        group_digits(exported->set.size()).c_str(), group_digits(exported->children).c_str(),
        a.out.c_str(), id->c_str(),
        service::ref_hex(exported->set.header().key_fingerprint).c_str(),
        exported->skipped
            ? (": " + group_digits(exported->skipped) + " without a usable name left out").c_str()
            : "");
    return kExitOk;
  });
}

struct MatchArgs {
  std::string a, b, out;
  std::string out_a, out_b;  // the hub's answer: each country's own references beside link numbers
  double threshold = linkage::MatchOptions{}.threshold;
  unsigned threads = 2;
};

int run_match(const MatchArgs& m) {
  using Clock = std::chrono::steady_clock;
  if (!(m.threshold > 0 && m.threshold <= 1))
    return report(core::Error::invalid("--threshold must be above 0 and at most 1"));
  if (m.threads < 1 || m.threads > 64)
    return report(core::Error::invalid("--threads must be 1 to 64"));
  if (m.out.empty()) return report(core::Error::invalid("--out is required"));
  const auto started = Clock::now();
  auto a = load_encodings(m.a);
  if (!a) return report(a.error());
  auto b = load_encodings(m.b);
  if (!b) return report(b.error());
  if (auto st = linkage::check_comparable(*a, *b); !st.ok())
    return report(
        core::Error::invalid(m.a + " and " + m.b + " cannot be compared: " + st.error().message));
  linkage::MatchOptions options;
  options.threshold = m.threshold;
  options.threads = m.threads;
  auto result = linkage::match(*a, *b, options);
  if (!result) return report(result.error());
  // References only, sorted by the first column: no score, no rank, nothing else of either file.
  std::ostringstream csv;
  csv << "a_record,b_record\n";
  for (const auto& p : result->pairs)
    csv << service::ref_hex(a->ref(p.a)) << ',' << service::ref_hex(b->ref(p.b)) << '\n';
  if (int rc = write_output(m.out, csv.str()); rc != kExitOk) return rc;
  if (!m.out_a.empty() || !m.out_b.empty()) {
    // What the hub returns: to each country only its own references, each beside a link number
    // both lists share, keyed with a run key that is forgotten at once.
    std::array<uint8_t, 32> run_key{};
    security::ensure_sodium();
    randombytes_buf(run_key.data(), run_key.size());
    const auto links = linkage::split_for_countries(*a, *b, result->pairs, run_key);
    sodium_memzero(run_key.data(), run_key.size());
    for (const auto& [path, rows] : {std::pair{m.out_a, &links.a}, std::pair{m.out_b, &links.b}}) {
      if (path.empty()) continue;
      std::ostringstream list;
      list << "link,record\n";
      for (const auto& row : *rows)
        list << service::ref_hex(row.link) << ',' << service::ref_hex(row.record) << '\n';
      if (int rc = write_output(path, list.str()); rc != kExitOk) return rc;
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("compared %s of %s candidate pairs (%s × %s records); %s pairs written to %s in %s\n",
              group_digits(result->compare.compared).c_str(),
              group_digits(result->compare.candidate_pairs).c_str(),
              group_digits(a->size()).c_str(), group_digits(b->size()).c_str(),
              group_digits(result->pairs.size()).c_str(), m.out.c_str(),
              format_duration(seconds).c_str());
  return kExitOk;
}

struct ResolveArgs {
  CommonOptions common;
  std::string file;
  std::string column = "a_record";
};

int run_resolve(const ResolveArgs& r) {
  auto text = exchange::read_text_file(r.file, "pairs file");
  if (!text) return report(text.error());
  std::istringstream in(*text);
  std::string header;
  std::getline(in, header);
  int column = -1;
  {
    std::istringstream h(header);
    std::string name;
    for (int i = 0; std::getline(h, name, ','); ++i)
      if (name == r.column) column = i;
  }
  if (column < 0) return report(core::Error::invalid(r.file + " has no column '" + r.column + "'"));
  std::vector<std::string> refs;
  for (std::string line; std::getline(in, line);) {
    std::istringstream l(line);
    std::string cell;
    for (int i = 0; std::getline(l, cell, ','); ++i)
      if (i == column) refs.push_back(cell);
  }
  return with_app(r.common, [&](service::App& app) -> int {
    service::LinkageService linkage(app.db, app.clock, app.audit);
    auto resolved = linkage.resolve(refs);
    if (!resolved) return report(resolved.error());
    std::printf("record,child_id\n");
    for (const auto& [ref, child] : *resolved) std::printf("%s,%s\n", ref.c_str(), child.c_str());
    if (resolved->size() < refs.size())
      std::fprintf(stderr, "%zu of %zu references are not from this instance's exports\n",
                   refs.size() - resolved->size(), refs.size());
    return kExitOk;
  });
}

struct UploadArgs {
  HubTarget hub;
  std::string encodings;
  CommonOptions common;
};

// Whether this instance's database can be found: named with --db/--config or in the environment,
// or the defaults (./haven.toml, var/haven.db) exist. The hub commands record what they exchanged
// there; without one they say it was not recorded.
bool has_database(const CommonOptions& c) {
  std::error_code ec;
  return !c.db.empty() || !c.config.empty() || std::getenv("HAVEN_DB") != nullptr ||  // NOLINT
         std::getenv("HAVEN_CONFIG") != nullptr ||                                    // NOLINT
         std::filesystem::exists("haven.toml", ec) || std::filesystem::exists("var/haven.db", ec);
}

// Logs an exchange with the hub in this instance's message log and audit trail.
int record_with_hub(const CommonOptions& common, const exchange::InstanceKeys& keys,
                    const service::HubExchange& what) {
  if (!has_database(common)) {
    std::printf("not recorded: no database of this instance (give --db)\n");
    return kExitOk;
  }
  return with_app(common, [&](service::App& app) -> int {
    service::ExchangeService exchange(app.db, app.clock, app.audit);
    if (auto st = exchange.record_hub_exchange(keys.identity(), what, service::Actor::cli());
        !st.ok()) {
      std::fprintf(stderr, "haven: the hub has it, but it could not be recorded here: %s\n",
                   st.error().message.c_str());
      return kExitFailure;
    }
    std::printf("recorded in this instance's exchange log and audit trail\n");
    return kExitOk;
  });
}

// Signs the encoding file with the instance's key and sends it to the hub, which keeps it (in
// place of this country's previous upload) until a partner asks for pairs.
int run_upload(const UploadArgs& u) {
  auto set = load_encodings(u.encodings);  // refuse a damaged file before anything is sent
  if (!set) return report(set.error());
  auto bytes = exchange::read_text_file(u.encodings, "encoding file");
  if (!bytes) return report(bytes.error());
  auto keys = exchange::InstanceKeys::load(resolve_exchange_dir(u.hub.exchange_dir));
  if (!keys) return report(keys.error());
  const auto sig = exchange::sign_detached("linkage-upload", "",
                                           core::SystemClock::instance().now().ms, *bytes, *keys);
  const nlohmann::json body{{"signature", nlohmann::json::parse(sig.to_json())},
                            {"encodings", exchange::to_base64(*bytes)}};
  auto reply = post_to_hub(u.hub, "/api/v1/linkage/uploads", body.dump());
  if (!reply) return report(reply.error());
  if (reply->status != 201) return report_hub_refusal(*reply, "the encodings");
  auto answer = nlohmann::json::parse(reply->body, nullptr, false);
  std::printf("uploaded %s encodings of %s to %s (upload %s, key fingerprint %s)\n",
              group_digits(set->size()).c_str(), keys->identity().country.c_str(),
              u.hub.url.c_str(), answer.is_object() ? answer.value("upload_id", "").c_str() : "",
              service::ref_hex(set->header().key_fingerprint).c_str());
  return record_with_hub(
      u.common, *keys,
      {"sent", "linkage_upload", answer.is_object() ? answer.value("upload_id", "") : "", u.hub.url,
       "", static_cast<int64_t>(set->size())});
}

struct PairsArgs {
  HubTarget hub;
  std::string partner;
  std::string out;
  CommonOptions common;
};

// Asks the hub for this country's side of the match with `partner`: `link,record` rows, its own
// references only, for `haven link resolve FILE --column record`.
int run_pairs(const PairsArgs& p) {
  const auto partner = core::normalize_country_code(p.partner);
  if (!partner)
    return report(core::Error::invalid("--with '" + p.partner +
                                       "' is not an ISO 3166-1 alpha-2 code such as LV"));
  auto keys = exchange::InstanceKeys::load(resolve_exchange_dir(p.hub.exchange_dir));
  if (!keys) return report(keys.error());
  const auto sig = exchange::sign_detached("linkage-pairs", *partner,
                                           core::SystemClock::instance().now().ms, "", *keys);
  const nlohmann::json body{{"signature", nlohmann::json::parse(sig.to_json())}};
  auto reply = post_to_hub(p.hub, "/api/v1/linkage/pairs", body.dump());
  if (!reply) return report(reply.error());
  if (reply->status != 200) return report_hub_refusal(*reply, "the request for pairs");
  auto answer = nlohmann::json::parse(reply->body, nullptr, false);
  if (!answer.is_object() || !answer.contains("links") || !answer["links"].is_array())
    return report(core::Error::unavailable("the hub's answer has no list of links"));
  std::ostringstream csv;
  csv << "link,record\n";
  size_t rows = 0;
  for (const auto& l : answer["links"]) {
    if (!l.is_object()) continue;
    csv << l.value("link", "") << ',' << l.value("record", "") << '\n';
    ++rows;
  }
  if (int rc = write_output(p.out, csv.str()); rc != kExitOk) return rc;
  std::printf(
      "%zu pairs with %s from %s written to %s (resolve with `haven link resolve %s "
      "--column record`)\n",
      rows, partner->c_str(), p.hub.url.c_str(), p.out.c_str(), p.out.c_str());
  return record_with_hub(p.common, *keys,
                         {"received", "linkage_pairs", answer.value("run_id", ""), p.hub.url,
                          *partner, static_cast<int64_t>(rows)});
}

}  // namespace

void add_link_command(CLI::App& app, Action& action) {
  auto* link = app.add_subcommand(
      "link",
      "Privacy-preserving record linkage across borders: encode, match, resolve, and through "
      "the regional hub: upload, pairs");
  link->require_subcommand(1);

  auto* secret = link->add_subcommand(
      "secret", "Create a new linkage secret to share with the partner contact points (0600)");
  auto secret_out = std::make_shared<std::string>();
  secret->add_option("--out", *secret_out, "The file to create (never overwritten)")->required();
  secret->callback([&action, secret_out] {
    action = [secret_out]() -> int {
      auto fresh = security::Secret::random(linkage::LinkageSecret::kBytes);
      if (auto st = exchange::write_key_file(*secret_out, fresh, kSecretWhat); !st.ok())
        return report(st.error());
      std::printf(
          "created linkage secret %s (mode 0600); give it to the partner contact points "
          "only, never to the hub\n",
          secret_out->c_str());
      return kExitOk;
    };
  });

  auto* encode = link->add_subcommand(
      "encode", "Encode every child as a keyed Bloom filter (no plaintext) for a linkage run");
  auto ea = std::make_shared<EncodeArgs>();
  add_database_options(*encode, ea->common);
  encode->add_option("--secret-file", ea->secret_file, "The shared linkage secret")->required();
  encode->add_option("--out", ea->out, "The encoding file to write")->required();
  encode->callback([&action, ea] { action = [ea]() -> int { return run_encode(*ea); }; });

  auto* match = link->add_subcommand(
      "match",
      "Match two encoding files: block, compare (Dice), assign one-to-one; writes the pairs of "
      "record references above the threshold, no scores");
  auto ma = std::make_shared<MatchArgs>();
  match->add_option("a", ma->a, "The first country's encoding file")->required();
  match->add_option("b", ma->b, "The second country's encoding file")->required();
  match->add_option("--out", ma->out, "The CSV of pairs to write (a_record,b_record)")->required();
  match->add_option("--out-a", ma->out_a,
                    "Also write the first country's list: link number and its own reference");
  match->add_option("--out-b", ma->out_b,
                    "Also write the second country's list: link number and its own reference");
  match->add_option("--threshold", ma->threshold, "Dice threshold, above 0 to 1 (default 0.77)");
  match->add_option("--threads", ma->threads, "Threads comparing (default 2)");
  match->callback([&action, ma] { action = [ma]() -> int { return run_match(*ma); }; });

  auto* resolve = link->add_subcommand(
      "resolve", "List the child behind each of this instance's references in a pairs file");
  auto ra = std::make_shared<ResolveArgs>();
  add_database_options(*resolve, ra->common);
  resolve->add_option("file", ra->file, "The pairs CSV from `haven link match`")->required();
  resolve->add_option("--column", ra->column,
                      "The column holding this instance's references (default a_record)");
  resolve->callback([&action, ra] { action = [ra]() -> int { return run_resolve(*ra); }; });
  add_link_review_command(*link, action);

  auto* upload = link->add_subcommand(
      "upload", "Send this instance's encoding file, signed with its exchange key, to the hub");
  auto ua = std::make_shared<UploadArgs>();
  upload->add_option("--to", ua->hub.url, "The hub: https://HOST[:PORT]")->required();
  upload->add_option("--encodings", ua->encodings, "The file of `haven link encode`")->required();
  add_hub_options(*upload, ua->hub);
  add_database_options(*upload, ua->common);
  upload->callback([&action, ua] { action = [ua]() -> int { return run_upload(*ua); }; });

  auto* pairs = link->add_subcommand(
      "pairs",
      "Fetch from the hub this country's side of the match with a partner: link numbers beside "
      "its own record references, no scores");
  auto pa = std::make_shared<PairsArgs>();
  pairs->add_option("--from", pa->hub.url, "The hub: https://HOST[:PORT]")->required();
  pairs->add_option("--with", pa->partner, "The partner country (ISO code, e.g. LV)")->required();
  pairs->add_option("--out", pa->out, "The CSV to write (link,record)")->required();
  add_hub_options(*pairs, pa->hub);
  add_database_options(*pairs, pa->common);
  pairs->callback([&action, pa] { action = [pa]() -> int { return run_pairs(*pa); }; });
}

}  // namespace haven::cli
