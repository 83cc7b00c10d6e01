// Text encodings of binary security values: hex (digests in the database), URL-safe base64
// (tokens), base32 (TOTP secrets, as authenticator apps expect) and percent-encoding (otpauth URI
// labels). All functions are pure and thread-safe; decoders return nullopt on malformed input.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace haven::security {

// Lowercase hex.
std::string to_hex(std::span<const uint8_t> bytes);
std::optional<std::vector<uint8_t>> from_hex(std::string_view hex);

// URL-safe base64 without padding (RFC 4648 §5): safe in cookies, headers and URLs.
std::string to_base64url(std::span<const uint8_t> bytes);
// Standard base64 with padding (RFC 4648 §4), used for the master key file.
std::string to_base64(std::span<const uint8_t> bytes);
// Accepts standard or URL-safe base64, with or without padding; no whitespace inside.
std::optional<std::vector<uint8_t>> from_base64(std::string_view text);

// RFC 4648 base32, uppercase, without padding ("JBSWY3DPEHPK3PXP").
std::string to_base32(std::span<const uint8_t> bytes);
// Accepts upper or lower case, spaces and trailing '=' padding, as people copy it from a screen.
std::optional<std::vector<uint8_t>> from_base32(std::string_view text);

// Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view text);

}  // namespace haven::security
