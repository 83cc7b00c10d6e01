// Password hashing (Argon2id through libsodium's crypto_pwhash_str*) and the password policy:
// length, not the username, not a commonly used password. Kept apart from login so `haven user add`
// and the web form apply exactly the same rules.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/result.h"

namespace haven::security {

// Argon2id cost. libsodium always uses one lane (p = 1); the hash string records the parameters, so
// raising them later only affects new hashes, and needs_rehash() tells the login path to upgrade.
//
// Default: t = 3 passes over m = 64 MiB. Why:
//  - it is RFC 9106's second recommended setting (t = 3, m = 64 MiB) and well above OWASP's minimum
//    for Argon2id (m = 19 MiB, t = 2, p = 1);
//  - on the 2-core reference machine one hash takes about 70 ms (bench/ measures it), well under
//  the
//    0.25 s a person notices at sign-in, while an offline attacker pays 64 MiB per guess, which is
//    what defeats GPU/ASIC cracking;
//  - memory, not time, bounds concurrent logins: PasswordHasher admits `max_concurrent` hashes at
//  once
//    (default 4 → at most 256 MiB), so a burst of logins queues instead of exhausting memory.
struct PasswordHashParams {
  unsigned long long opslimit = 3;
  size_t memlimit_bytes = size_t{64} << 20;

  // The production default above.
  static PasswordHashParams standard() { return {}; }
  // libsodium's minimum (t = 1, 8 KiB): for tests only, where hashing speed matters and strength
  // does not.
  static PasswordHashParams minimum_for_tests();
};

// Hashes and verifies passwords. Thread-safe: any number of threads may call it; at most
// `max_concurrent` Argon2id computations run at once, the rest wait.
class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHashParams params = PasswordHashParams::standard(),
                          unsigned max_concurrent = 4);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // The encoded hash "$argon2id$v=19$m=65536,t=3,p=1$salt$hash" (fresh random salt each time).
  // Fails with kUnavailable only if the memory for Argon2id cannot be had.
  core::Result<std::string> hash(std::string_view password) const;

  // True if `password` matches `stored`. False for a malformed stored hash or an overlong password.
  bool verify(std::string_view password, std::string_view stored) const;

  // True if `stored` was made with other parameters than this hasher's (or another algorithm): the
  // login path then re-hashes the password it just verified and stores the new hash.
  bool needs_rehash(std::string_view stored) const;

  // Costs what verify() costs, and always returns false. Call it when the username is unknown so
  // the response time does not tell an attacker whether the account exists.
  bool verify_unknown_user(std::string_view password) const;

  // Makes the hash verify_unknown_user() checks against (one Argon2id computation, about 0.1–0.25
  // s), if not made yet. It is made on first use, so commands that sign nobody in (statistics,
  // generation, import) never pay for it; `serve` calls this at start, so that the first sign-in
  // of an unknown user costs what any other does, and so that a server that cannot have Argon2id's
  // memory fails at start rather than at its first sign-in. Throws std::runtime_error then.
  void prepare() const;

  const PasswordHashParams& params() const { return params_; }

 private:
  PasswordHashParams params_;
  mutable std::once_flag dummy_made_;
  mutable std::string dummy_hash_;  // a hash of a random password, made with params_ (prepare())
  std::unique_ptr<std::counting_semaphore<64>> slots_;
};

// The largest password accepted, in bytes: long enough for any passphrase, short enough that
// hashing it is not a denial-of-service lever.
inline constexpr size_t kMaxPasswordBytes = 1024;

// A set of commonly used passwords, compared after ASCII case folding. Immutable once built, so it
// is safe to share between threads.
class CommonPasswordList {
 public:
  // Reads one password per line (UTF-8; '#' starts a comment line; blank lines ignored).
  // Errors name the file and, for a malformed line, the line number.
  static core::Result<CommonPasswordList> load(const std::string& path);
  // A small built-in list (a few hundred of the most common passwords and base words), used when
  // the shipped file is not available. Prefer the file: it is much larger.
  static const CommonPasswordList& builtin();

  bool contains(std::string_view password) const;
  size_t size() const { return words_.size(); }
  const std::unordered_set<std::string>& words() const { return words_; }  // case-folded

 private:
  std::unordered_set<std::string> words_;  // case-folded
};

struct PasswordPolicy {
  size_t min_code_points = 12;
  size_t max_bytes = kMaxPasswordBytes;
  size_t min_distinct_characters = 5;  // rejects "aaaaaaaaaaaa" and "abababababab"
};

// Checks a new password. On failure the Error (kInvalidInput) carries one FieldError per problem,
// all on field "password", in words a person can act on. Never echoes the password. A password is
// refused when it is: shorter than 12 characters (code points, not bytes), the username (ignoring
// case) or the username reversed, too repetitive, or in `common` — either as a whole or once digits
// and symbols are stripped from both ends ("Football2024!" is "football" with decoration).
core::Status check_password_policy(std::string_view password, std::string_view username,
                                   const CommonPasswordList& common,
                                   const PasswordPolicy& policy = {});
// Same, with the built-in list.
core::Status check_password_policy(std::string_view password, std::string_view username);

}  // namespace haven::security
