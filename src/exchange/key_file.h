// Secret key files of the cross-border layer (the linkage secret, the instance's signing and
// encryption keys): base64 text in a file only its owner may read, created once and never
// overwritten. The same rules as the master key file (security/key_ring.h), with messages that
// name the key they are about.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "security/secret.h"

namespace haven::exchange {

// Reads `path` and decodes base64 (standard or URL-safe) or hex into exactly `bytes` bytes. Every
// problem is kInvalidInput naming `what` ("linkage secret") and the file, never the key: missing or
// unreadable, not a regular file, readable by group or others (with the chmod that fixes it),
// not base64 or hex, or another length ("… must be 32 bytes; this one has 16").
core::Result<security::Secret> read_key_file(const std::string& path, std::string_view what,
                                             size_t bytes);

// Writes `key` as base64 and a newline to a new file of mode 0600 (O_EXCL: an existing file is
// kConflict, never overwritten), flushed to disk. Creates missing parent folders (mode 0700).
core::Status write_key_file(const std::string& path, const security::Secret& key,
                            std::string_view what);

// Plain text files that are not secret (public keys, trust lists): written whole to a temporary
// file beside `path` and renamed over it, so a reader never sees half a file.
core::Status write_text_file(const std::string& path, std::string_view text);
// Reads a whole file; kInvalidInput naming `what` and the file when it cannot be read.
core::Result<std::string> read_text_file(const std::string& path, std::string_view what,
                                         size_t max_bytes = 256u << 20);

// Base64 (standard, padded) of bytes, and back (standard or URL-safe, padding optional);
// decoding fails on anything else.
std::string to_base64(std::string_view bytes);
core::Result<std::string> from_base64(std::string_view text);

}  // namespace haven::exchange
