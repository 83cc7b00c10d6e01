// `haven exchange keys|trust|send|receive|log`: cross-border packages between partner authorities
// ([X1], docs/EXCHANGE.md). The instance keys and the trust list live in the exchange folder
// (--dir, $HAVEN_EXCHANGE_DIR, default var/exchange); the message log and the ids of accepted
// packages live in the database.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "exchange/instance_keys.h"
#include "exchange/key_file.h"
#include "exchange/package.h"
#include "exchange/trust_list.h"
#include "service/app.h"
#include "service/exchange/exchange_service.h"
#include "service/exchange/referral_service.h"

namespace haven::cli {

namespace {

std::string exchange_dir(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("HAVEN_EXCHANGE_DIR"); env && *env) return env;  // NOLINT
  return "var/exchange";
}

std::string trust_path(const std::string& dir) {
  return (std::filesystem::path(dir) / "trust.toml").string();
}

void add_dir_option(CLI::App& sub, std::string& dir) {
  sub.add_option("--dir", dir,
                 "Exchange folder with the instance keys and trust list (default: "
                 "$HAVEN_EXCHANGE_DIR, then var/exchange)");
}

std::string date_text(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out.empty() ? "-" : out;
}

// One CSV line (RFC 4180 quoting where a cell needs it).
std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    const std::string& c = cells[i];
    if (c.find_first_of(",\"\n\r") == std::string::npos) {
      out += c;
      continue;
    }
    out.push_back('"');
    for (char ch : c) {
      if (ch == '"') out.push_back('"');
      out.push_back(ch);
    }
    out.push_back('"');
  }
  return out;
}

struct KeysInitArgs {
  CommonOptions common;
  std::string dir, country, authority, inbox;
};

int run_keys_init(const KeysInitArgs& a) {
  std::string country = a.country;
  if (country.empty()) {
    auto settings = load_settings(a.common);
    if (!settings) return report(settings.error());
    country = settings->country;
  }
  if (a.authority.empty()) return report(core::Error::invalid("--authority is required"));
  auto keys = exchange::InstanceKeys::generate(country, a.authority, a.inbox);
  // The same checks a partner's trust list applies to us.
  exchange::TrustList probe;
  if (auto st = probe.add(keys.identity()); !st.ok()) return report(st.error());
  const std::string dir = exchange_dir(a.dir);
  if (auto st = keys.save(dir); !st.ok()) return report(st.error());
  std::printf(
      "created the exchange keys of %s (%s) in %s: signing.key and encryption.key (mode "
      "0600), identity.json (public: give it to partner authorities)\n",
      a.authority.c_str(), country.c_str(), dir.c_str());
  return kExitOk;
}

struct TrustAddArgs {
  std::string dir, identity_file, country, authority, signing_key, encryption_key, inbox;
};

int run_trust_add(const TrustAddArgs& a) {
  exchange::Identity partner;
  if (!a.identity_file.empty()) {
    auto text = exchange::read_text_file(a.identity_file, "identity file");
    if (!text) return report(text.error());
    auto id = exchange::Identity::from_json(*text);
    if (!id) return report(core::Error::invalid(a.identity_file + ": " + id.error().message));
    partner = std::move(*id);
  } else {
    if (a.country.empty() || a.authority.empty() || a.signing_key.empty() ||
        a.encryption_key.empty())
      return report(core::Error::invalid(
          "Give --identity FILE, or --country, --authority, --signing-key and --encryption-key"));
    auto sk = exchange::parse_key(a.signing_key, "signing key");
    if (!sk) return report(sk.error());
    auto ek = exchange::parse_key(a.encryption_key, "encryption key");
    if (!ek) return report(ek.error());
    partner = {a.country, a.authority, *sk, *ek, a.inbox};
  }
  const std::string path = trust_path(exchange_dir(a.dir));
  auto list = exchange::TrustList::load(path);
  if (!list) return report(list.error());
  const std::string name = partner.authority, country = partner.country;
  if (auto st = list->add(std::move(partner)); !st.ok()) return report(st.error());
  if (auto st = list->save(path); !st.ok()) return report(st.error());
  std::printf("trusted %s (%s) in %s\n", name.c_str(), country.c_str(), path.c_str());
  return kExitOk;
}

struct SendArgs {
  CommonOptions common;
  std::string dir, to, file, kind = "referral", purpose, legal_basis, payload_file, request_type;
  std::string referral;  // an approved transnational referral to send as a file
  std::vector<std::string> categories;
  int valid_days = 14;
};

// The referral service over the exchange folder the command names (not the App's own).
service::CrossBorderReferralService referrals(service::App& app, const std::string& dir) {
  return service::CrossBorderReferralService(app.db, app.clock, app.access, app.case_access,
                                             app.audit, app.keys, app.history, dir);
}

// `send --referral ID --file F`: the approved referral, exactly as previewed, recorded as sent and
// sealed into the file; the partner's `exchange receive` makes it an incoming referral.
int run_send_referral(const SendArgs& a) {
  if (!a.to.empty() || !a.purpose.empty() || !a.legal_basis.empty() || !a.payload_file.empty() ||
      !a.request_type.empty() || !a.categories.empty())
    return report(core::Error::invalid(
        "--referral sends the approved referral as it was previewed: its partner, purpose, legal "
        "basis and fields; give none of --to, --purpose, --legal-basis, --payload, "
        "--request-type, --category"));
  std::error_code ec;
  if (std::filesystem::exists(a.file, ec))
    return report(core::Error::invalid(a.file + " exists already; a package is never written "
                                                "over another"));
  const std::string dir = exchange_dir(a.dir);
  return with_app(
      a.common,
      [&](service::App& app) -> int {
        auto svc = referrals(app, dir);
        auto r = svc.get(service::Actor::cli(), a.referral);
        if (!r) return report(r.error());
        auto step = svc.send(service::Actor::cli(), r->id, r->version, service::Carriage::kFile);
        if (!step) return report_fields(step.error());
        if (auto st = exchange::write_text_file(a.file, step->envelope); !st.ok()) {
          std::fprintf(stderr,
                       "haven: the referral is recorded as sent (message %s) but the file could "
                       "not be written: %s\n",
                       step->message_id.c_str(), st.error().message.c_str());
          return kExitFailure;
        }
        std::printf("sealed referral %s (%s) as message %s to %s into %s; it is now %s\n",
                    r->id.c_str(), r->request_type.c_str(), step->message_id.c_str(),
                    r->partner_authority.c_str(), a.file.c_str(), step->referral.status.c_str());
        return kExitOk;
      },
      AppKeys::kRing);
}

int run_send(const SendArgs& a) {
  if (!a.referral.empty()) return run_send_referral(a);
  if (a.to.empty() || a.purpose.empty() || a.legal_basis.empty())
    return report(core::Error::invalid(
        "Give --referral ID, or --to, --purpose and --legal-basis for a free-form package"));
  const std::string dir = exchange_dir(a.dir);
  auto keys = exchange::InstanceKeys::load(dir);
  if (!keys) return report(keys.error());
  auto trust = exchange::TrustList::load(trust_path(dir));
  if (!trust) return report(trust.error());
  if (trust->find(a.to) == nullptr)
    return report(core::Error::invalid("'" + a.to +
                                       "' is not on the trust list; add it with `haven exchange "
                                       "trust add`"));
  service::ExchangeSendRequest request;
  request.to_authority = a.to;
  request.kind = a.kind;
  request.purpose = a.purpose;
  request.legal_basis = a.legal_basis;
  request.data_categories = a.categories;
  request.valid_days = a.valid_days;
  request.request_type = a.request_type;
  if (!a.payload_file.empty()) {
    auto payload = exchange::read_text_file(a.payload_file, "payload file");
    if (!payload) return report(payload.error());
    request.payload = std::move(*payload);
  }
  std::error_code ec;
  if (std::filesystem::exists(a.file, ec))
    return report(core::Error::invalid(a.file + " exists already; a package is never written "
                                                "over another"));
  return with_app(a.common, [&](service::App& app) -> int {
    service::ExchangeService exchange(app.db, app.clock, app.audit);
    auto sent = exchange.send(*keys, *trust, request, service::Actor::cli());
    if (!sent) return report_fields(sent.error());
    if (auto st = exchange::write_text_file(a.file, sent->envelope); !st.ok())
      return report(st.error());
    std::printf("sealed message %s to %s into %s\n", sent->message_id.c_str(), a.to.c_str(),
                a.file.c_str());
    return kExitOk;
  });
}

struct ReceiveArgs {
  CommonOptions common;
  std::string dir, file, receipt, payload_out;
};

int run_receive(const ReceiveArgs& a) {
  const std::string dir = exchange_dir(a.dir);
  auto keys = exchange::InstanceKeys::load(dir);
  if (!keys) return report(keys.error());
  auto trust = exchange::TrustList::load(trust_path(dir));
  if (!trust) return report(trust.error());
  auto envelope = exchange::read_text_file(a.file, "package", exchange::kMaxPackageBytes + 1);
  if (!envelope) return report(envelope.error());
  // The inbox's acceptance path: the same checks, and a referral or a reply to one takes effect.
  return with_app(
      a.common,
      [&](service::App& app) -> int {
        auto svc = referrals(app, dir);
        auto received = svc.receive(
            *envelope, "file:" + std::filesystem::path(a.file).filename().string(), "file", true);
        if (!received) return report(received.error());
        const auto& h = received->header;
        if (received->again)
          std::printf("already accepted %s %s from %s (%s): nothing applied again\n",
                      h.kind.c_str(), h.message_id.c_str(), h.sender.authority.c_str(),
                      h.sender.country.c_str());
        else
          std::printf("accepted %s %s from %s (%s)\n", h.kind.c_str(), h.message_id.c_str(),
                      h.sender.authority.c_str(), h.sender.country.c_str());
        std::printf("purpose: %s\nlegal basis: %s\ndata categories: %s\nexpires: %s\n",
                    h.purpose.c_str(), h.legal_basis.c_str(), joined(h.data_categories).c_str(),
                    date_text(h.expires_at).c_str());
        if (h.kind == "receipt") std::printf("receipt: %s\n", received->payload.c_str());
        if (!a.payload_out.empty()) {
          if (auto st = exchange::write_text_file(a.payload_out, received->payload + "\n");
              !st.ok())
            return report(st.error());
          std::printf("payload written to %s\n", a.payload_out.c_str());
        }
        if (!received->receipt_envelope.empty()) {
          if (a.receipt.empty()) {
            std::printf("no --receipt given: the signed receipt was not kept\n");
          } else {
            if (auto st = exchange::write_text_file(a.receipt, received->receipt_envelope);
                !st.ok())
              return report(st.error());
            std::printf("signed receipt for the sender written to %s\n", a.receipt.c_str());
          }
        }
        return kExitOk;
      },
      AppKeys::kRing);
}

}  // namespace

void add_exchange_command(CLI::App& app, Action& action) {
  auto* ex = app.add_subcommand(
      "exchange", "Cross-border packages: instance keys, trust list, send and receive");
  ex->require_subcommand(1);

  auto* keys = ex->add_subcommand("keys", "This instance's signing and encryption keys");
  keys->require_subcommand(1);
  auto* init = keys->add_subcommand(
      "init", "Create the instance keys (secret files mode 0600) and the public identity.json");
  auto ia = std::make_shared<KeysInitArgs>();
  add_dir_option(*init, ia->dir);
  init->add_option("--authority", ia->authority, "This authority's name, as partners know it")
      ->required();
  init->add_option("--country", ia->country, "Country code (default: [instance] country)");
  init->add_option("--inbox", ia->inbox, "This instance's inbox URL (https://…)");
  init->add_option("--config", ia->common.config, "Configuration file (for [instance] country)");
  init->callback([&action, ia] { action = [ia]() -> int { return run_keys_init(*ia); }; });

  auto* show = keys->add_subcommand("show", "Print the public identity to give to partners");
  auto show_dir = std::make_shared<std::string>();
  add_dir_option(*show, *show_dir);
  show->callback([&action, show_dir] {
    action = [show_dir]() -> int {
      auto k = exchange::InstanceKeys::load(exchange_dir(*show_dir));
      if (!k) return report(k.error());
      std::printf("%s\n", k->identity().to_json().c_str());
      return kExitOk;
    };
  });

  auto* trust = ex->add_subcommand("trust", "The partner authorities packages may come from");
  trust->require_subcommand(1);
  auto* add = trust->add_subcommand("add", "Trust a partner authority and its public keys");
  auto ta = std::make_shared<TrustAddArgs>();
  add_dir_option(*add, ta->dir);
  add->add_option("--identity", ta->identity_file, "The partner's identity.json");
  add->add_option("--country", ta->country, "The partner's country code");
  add->add_option("--authority", ta->authority, "The partner authority's name");
  add->add_option("--signing-key", ta->signing_key, "Its Ed25519 public key (base64)");
  add->add_option("--encryption-key", ta->encryption_key, "Its X25519 public key (base64)");
  add->add_option("--inbox", ta->inbox, "Its inbox URL (https://…)");
  add->callback([&action, ta] { action = [ta]() -> int { return run_trust_add(*ta); }; });

  auto* list = trust->add_subcommand("list", "List the trusted partner authorities");
  auto list_dir = std::make_shared<std::string>();
  add_dir_option(*list, *list_dir);
  list->callback([&action, list_dir] {
    action = [list_dir]() -> int {
      auto t = exchange::TrustList::load(trust_path(exchange_dir(*list_dir)));
      if (!t) return report(t.error());
      if (t->partners().empty()) std::printf("no partner authorities are trusted yet\n");
      for (const auto& p : t->partners())
        std::printf("%s  %-40s signing %s  inbox %s\n", p.country.c_str(), p.authority.c_str(),
                    exchange::key_text(p.signing_key).c_str(),
                    p.inbox_url.empty() ? "(offline)" : p.inbox_url.c_str());
      return kExitOk;
    };
  });

  auto* remove = trust->add_subcommand("remove", "Stop trusting a partner authority");
  auto ra = std::make_shared<std::pair<std::string, std::string>>();  // dir, authority
  add_dir_option(*remove, ra->first);
  remove->add_option("authority", ra->second, "The authority's name")->required();
  remove->callback([&action, ra] {
    action = [ra]() -> int {
      const std::string path = trust_path(exchange_dir(ra->first));
      auto t = exchange::TrustList::load(path);
      if (!t) return report(t.error());
      if (auto st = t->remove(ra->second); !st.ok())
        return report(core::Error::invalid(st.error().message));
      if (auto st = t->save(path); !st.ok()) return report(st.error());
      std::printf("removed %s from %s\n", ra->second.c_str(), path.c_str());
      return kExitOk;
    };
  });

  auto* send = ex->add_subcommand(
      "send",
      "Seal a package to a trusted partner into a file for offline carriage: an approved "
      "referral (--referral), or a free-form package (--to, --purpose, --legal-basis)");
  auto sa = std::make_shared<SendArgs>();
  add_database_options(*send, sa->common);
  add_dir_option(*send, sa->dir);
  send->add_option("--referral", sa->referral,
                   "An approved transnational referral to send as a file (recorded as sent; its "
                   "partner, purpose, legal basis and fields are the approved ones)");
  send->add_option("--to", sa->to, "The partner authority, as on the trust list");
  send->add_option("--file", sa->file, "The package file to write")->required();
  send->add_option("--purpose", sa->purpose, "Why it is sent");
  send->add_option("--legal-basis", sa->legal_basis, "The law that allows it");
  send->add_option("--category", sa->categories,
                   "A category of data it carries (repeat: --category identity "
                   "--category case_summary)");
  send->add_option("--kind", sa->kind, "What it is (default referral)");
  send->add_option(
      "--request-type", sa->request_type,
      "A transnational request type (information_request, family_home_assessment, "
      "risk_security_assessment, …): the payload may carry only its template's fields");
  send->add_option("--payload", sa->payload_file, "A JSON file with the content (default {})");
  send->add_option("--valid-days", sa->valid_days, "Days until it expires (default 14)");
  send->callback([&action, sa] { action = [sa]() -> int { return run_send(*sa); }; });

  auto* receive = ex->add_subcommand(
      "receive",
      "Open a package from a partner as the inbox does (a referral becomes an incoming referral, a "
      "reply or a receipt updates the one sent), log it and write the signed receipt");
  auto rca = std::make_shared<ReceiveArgs>();
  add_database_options(*receive, rca->common);
  add_dir_option(*receive, rca->dir);
  receive->add_option("file", rca->file, "The package file")->required();
  receive->add_option("--receipt", rca->receipt, "Where to write the receipt for the sender");
  receive->add_option("--payload-out", rca->payload_out, "Where to write the payload (JSON)");
  receive->callback([&action, rca] { action = [rca]() -> int { return run_receive(*rca); }; });

  auto* log = ex->add_subcommand("log", "The message log: every package sent, received, refused");
  auto la = std::make_shared<std::pair<CommonOptions, int>>(CommonOptions{}, 100);
  add_database_options(*log, la->first);
  log->add_option("--limit", la->second, "Newest entries to show (default 100)");
  log->callback([&action, la] {
    action = [la]() -> int {
      return with_app(la->first, [&](service::App& services) -> int {
        service::ExchangeService exchange(services.db, services.clock, services.audit);
        auto entries = exchange.log(la->second);
        if (!entries) return report(entries.error());
        std::printf(
            "date,direction,kind,message_id,sender,receiver,legal_basis,purpose,"
            "data_categories,reason\n");
        for (const auto& e : *entries)
          std::printf("%s\n",
                      csv_row({date_text(e.at), e.direction, e.kind, e.message_id,
                               e.sender.country + " " + e.sender.authority,
                               e.receiver.country + " " + e.receiver.authority, e.legal_basis,
                               e.purpose, joined(e.data_categories), e.reason})
                          .c_str());
        return kExitOk;
      });
    };
  });
}

}  // namespace haven::cli
