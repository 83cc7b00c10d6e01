// The trust list: the partner authorities this instance exchanges packages with, each with its
// country, name, public signing and encryption keys and inbox URL. Kept as a TOML file in the
// exchange folder (DIR/trust.toml) and edited with `haven exchange trust add|list|remove`; a
// package from an authority not on the list, or signed with another key, is refused.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "exchange/instance_keys.h"

namespace haven::exchange {

class TrustList {
 public:
  // An absent file is an empty list; a file that does not parse is kInvalidInput naming it.
  static core::Result<TrustList> load(const std::string& path);
  core::Status save(const std::string& path) const;

  // kInvalidInput for a bad country code, an empty authority or inbox URL that is not https://
  // (http:// only to 127.0.0.1 or localhost, for tests); kConflict if the authority or its signing
  // key is on the list already.
  core::Status add(Identity partner);
  // kNotFound if no partner has that authority name.
  core::Status remove(const std::string& authority);

  const Identity* find(const std::string& authority) const;
  const std::vector<Identity>& partners() const { return partners_; }

 private:
  std::vector<Identity> partners_;
};

}  // namespace haven::exchange
