// Reading and writing the trust list (TOML, one [[partner]] table per authority).
#include "exchange/trust_list.h"

#include <filesystem>
#include <sstream>
#include <toml.hpp>

#include "core/country.h"
#include "core/toml_file.h"
#include "exchange/key_file.h"

namespace haven::exchange {

namespace {

// A TOML basic string.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  return out + "\"";
}

bool acceptable_inbox(const std::string& url) {
  if (url.empty() || url.rfind("https://", 0) == 0) return true;
  return url.rfind("http://127.0.0.1", 0) == 0 || url.rfind("http://localhost", 0) == 0 ||
         url.rfind("http://[::1]", 0) == 0;
}

}  // namespace

core::Result<TrustList> TrustList::load(const std::string& path) {
  TrustList list;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return list;
  auto text = read_text_file(path, "trust list");
  if (!text) return text.error();
  try {
    const auto root = core::parse_toml_text(*text, path);
    if (!root.contains("partner")) return list;
    for (const auto& t : toml::find(root, "partner").as_array()) {
      Identity id;
      id.country = toml::find<std::string>(t, "country");
      id.authority = toml::find<std::string>(t, "authority");
      id.inbox_url = toml::find_or<std::string>(t, "inbox_url", "");
      auto sk = parse_key(toml::find<std::string>(t, "signing_key"), "signing key");
      if (!sk) return core::Error::invalid(path + ": " + id.authority + ": " + sk.error().message);
      auto ek = parse_key(toml::find<std::string>(t, "encryption_key"), "encryption key");
      if (!ek) return core::Error::invalid(path + ": " + id.authority + ": " + ek.error().message);
      id.signing_key = *sk;
      id.encryption_key = *ek;
      list.partners_.push_back(std::move(id));
    }
  } catch (const core::TomlFileError& e) {
    return core::Error::invalid(std::string("The trust list ") + e.what() + ".");
  } catch (const std::exception& e) {
    return core::Error::invalid("The trust list " + path + " cannot be read: " + e.what());
  }
  return list;
}

core::Status TrustList::save(const std::string& path) const {
  std::ostringstream out;
  out << "# Partner authorities this instance exchanges packages with ([X1], docs/EXCHANGE.md).\n"
         "# Edit with `haven exchange trust add|list|remove`.\n";
  for (const auto& p : partners_) {
    out << "\n[[partner]]\n"
        << "country = " << quoted(p.country) << "\n"
        << "authority = " << quoted(p.authority) << "\n"
        << "signing_key = " << quoted(key_text(p.signing_key)) << "\n"
        << "encryption_key = " << quoted(key_text(p.encryption_key)) << "\n"
        << "inbox_url = " << quoted(p.inbox_url) << "\n";
  }
  return write_text_file(path, out.str());
}

core::Status TrustList::add(Identity partner) {
  if (!core::is_country_code(partner.country))
    return core::Error::invalid("'" + partner.country +
                                "' is not an ISO 3166-1 alpha-2 country code (\"LV\", \"SE\").");
  if (partner.authority.empty() || partner.authority.size() > 200)
    return core::Error::invalid("A partner needs an authority name (at most 200 bytes).");
  if (!acceptable_inbox(partner.inbox_url))
    return core::Error::invalid(
        "The inbox URL must start with https:// (http:// only on "
        "loopback, for tests).");
  for (const auto& p : partners_) {
    if (p.authority == partner.authority)
      return core::Error::conflict("'" + partner.authority +
                                   "' is on the trust list already; remove it first to change "
                                   "its keys.");
    if (p.signing_key == partner.signing_key)
      return core::Error::conflict("That signing key is on the trust list already, for '" +
                                   p.authority + "'.");
  }
  partners_.push_back(std::move(partner));
  return core::ok_status();
}

core::Status TrustList::remove(const std::string& authority) {
  for (auto it = partners_.begin(); it != partners_.end(); ++it) {
    if (it->authority == authority) {
      partners_.erase(it);
      return core::ok_status();
    }
  }
  return core::Error::not_found("No partner on the trust list is named '" + authority + "'.");
}

const Identity* TrustList::find(const std::string& authority) const {
  for (const auto& p : partners_)
    if (p.authority == authority) return &p;
  return nullptr;
}

}  // namespace haven::exchange
