// Argon2id hashing with a concurrency bound, the common-password list and the password policy
// checks.
#include "security/password.h"

#include <sodium.h>

#include <array>
#include <cctype>
#include <fstream>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/utf8.h"
#include "security/secret.h"

namespace haven::security {

PasswordHashParams PasswordHashParams::minimum_for_tests() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

namespace {

// Holds one of the hasher's slots for the lifetime of a hash computation.
class SlotGuard {
 public:
  explicit SlotGuard(std::counting_semaphore<64>& s) : s_(s) { s_.acquire(); }
  ~SlotGuard() { s_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  std::counting_semaphore<64>& s_;
};

std::string fold_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordHashParams params, unsigned max_concurrent)
    : params_(params) {
  ensure_sodium();
  if (max_concurrent == 0) max_concurrent = 1;
  if (max_concurrent > 64) max_concurrent = 64;
  slots_ =
      std::make_unique<std::counting_semaphore<64>>(static_cast<std::ptrdiff_t>(max_concurrent));
}

void PasswordHasher::prepare() const {
  std::call_once(dummy_made_, [this] {
    Secret random_password = Secret::random(32);
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), reinterpret_cast<const char*>(random_password.data()),
                          random_password.size(), params_.opslimit, params_.memlimit_bytes) != 0) {
      throw std::runtime_error("Argon2id could not allocate its memory");
    }
    dummy_hash_ = out.data();
  });
}

PasswordHasher::~PasswordHasher() = default;

core::Result<std::string> PasswordHasher::hash(std::string_view password) const {
  if (password.size() > kMaxPasswordBytes) {
    return core::Error::invalid("The password is too long.",
                                {{"password", "Use at most 1024 bytes."}});
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  int rc;
  {
    SlotGuard slot(*slots_);
    rc = crypto_pwhash_str(out.data(), password.data(), password.size(), params_.opslimit,
                           params_.memlimit_bytes);
  }
  if (rc != 0)
    return core::Error::unavailable("Not enough memory to hash the password; try again.");
  return std::string(out.data());
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored) const {
  if (password.size() > kMaxPasswordBytes) return false;
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  std::string stored_z(stored);  // crypto_pwhash_str_verify wants a NUL-terminated string
  SlotGuard slot(*slots_);
  return crypto_pwhash_str_verify(stored_z.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view stored) const {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return true;
  std::string stored_z(stored);
  // 0: same parameters; 1: different parameters; -1: not an Argon2id hash at all.
  return crypto_pwhash_str_needs_rehash(stored_z.c_str(), params_.opslimit,
                                        params_.memlimit_bytes) != 0;
}

bool PasswordHasher::verify_unknown_user(std::string_view password) const {
  // Verifying against a hash of 32 random bytes: the same work as a real verify, never a match.
  prepare();
  (void)verify(password.substr(0, kMaxPasswordBytes), dummy_hash_);
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Common passwords

namespace {

// The built-in fallback: the most common passwords of public breach compilations and the base words
// people decorate with digits and symbols. The shipped file data/security/common-passwords.txt is a
// superset of this list.
constexpr std::array kBuiltinCommon = {
    "123456",        "password",      "123456789",
    "12345678",      "12345",         "qwerty",
    "1234567",       "111111",        "1234567890",
    "123123",        "abc123",        "1234",
    "password1",     "iloveyou",      "1q2w3e4r",
    "000000",        "qwerty123",     "zaq12wsx",
    "dragon",        "sunshine",      "princess",
    "letmein",       "654321",        "monkey",
    "27653",         "1qaz2wsx",      "123321",
    "qwertyuiop",    "superman",      "asdfghjkl",
    "football",      "baseball",      "welcome",
    "welcome1",      "admin",         "admin123",
    "login",         "master",        "hello",
    "freedom",       "whatever",      "qazwsx",
    "trustno1",      "starwars",      "passw0rd",
    "password123",   "password1234",  "password12345",
    "p@ssw0rd",      "p@ssword",      "pa$$word",
    "shadow",        "michael",       "jennifer",
    "jordan",        "hunter",        "charlie",
    "robert",        "thomas",        "daniel",
    "andrew",        "joshua",        "matthew",
    "jessica",       "ashley",        "michelle",
    "nicole",        "daniela",       "anthony",
    "william",       "soccer",        "hockey",
    "batman",        "killer",        "buster",
    "pepper",        "ginger",        "summer",
    "winter",        "spring",        "autumn",
    "orange",        "banana",        "cookie",
    "chocolate",     "flower",        "purple",
    "yellow",        "silver",        "golden",
    "diamond",       "angel",         "lovely",
    "loveme",        "love",          "iloveu",
    "iloveyou1",     "babygirl",      "sweety",
    "sweetheart",    "butterfly",     "computer",
    "internet",      "mustang",       "harley",
    "corvette",      "ferrari",       "mercedes",
    "qwerty1",       "qwerty12",      "qwerty1234",
    "qwertyui",      "asdfgh",        "asdf",
    "zxcvbn",        "zxcvbnm",       "1q2w3e",
    "1q2w3e4r5t",    "1q2w3e4r5t6y",  "q1w2e3r4",
    "q1w2e3r4t5",    "qweasd",        "qweasdzxc",
    "abcdef",        "abcd1234",      "abc12345",
    "a1b2c3",        "aa123456",      "123qwe",
    "123abc",        "1password",     "secret",
    "secret123",     "changeme",      "changeit",
    "default",       "test",          "test123",
    "testing",       "guest",         "root",
    "toor",          "administrator", "user",
    "temp",          "temporary",     "access",
    "letmein1",      "welcome123",    "welcome2024",
    "hello123",      "monkey123",     "dragon123",
    "qwe123",        "pass",          "pass123",
    "pass1234",      "passport",      "passwort",
    "hasło",         "haslo",         "salasana",
    "lösenord",      "losenord",      "adgangskode",
    "passord",       "parool",        "parole",
    "slaptazodis",   "lykilorð",      "kennwort",
    "summer2024",    "winter2024",    "spring2024",
    "autumn2024",    "summer2025",    "winter2025",
    "january",       "february",      "march",
    "april",         "june",          "july",
    "august",        "september",     "october",
    "november",      "december",      "monday",
    "friday",        "sunday",        "liverpool",
    "chelsea",       "arsenal",       "barcelona",
    "realmadrid",    "juventus",      "manchester",
    "manutd",        "bayern",        "dortmund",
    "legia",         "cracovia",      "hammarby",
    "aik",           "djurgarden",    "malmo",
    "ifkgoteborg",   "rosenborg",     "hjk",
    "zalgiris",      "flora",         "skonto",
    "tigers",        "lions",         "eagles",
    "yankees",       "cowboys",       "lakers",
    "rangers",       "celtic",        "warriors",
    "pokemon",       "minecraft",     "fortnite",
    "roblox",        "naruto",        "matrix",
    "hunter2",       "zxcvbnm123",    "asdfghjkl123",
    "qwertyuiop123", "1234qwer",      "qwer1234",
    "1qazxsw2",      "!qaz2wsx",      "1qaz!qaz",
    "zaq1zaq1",      "zaq1xsw2",      "qazwsxedc",
    "qazwsxedcrfv",  "1qaz2wsx3edc",  "1qaz2wsx3edc4rfv",
    "123456789a",    "123456789q",    "a123456789",
    "q123456789",    "12345678910",   "123456789012",
    "1234567891011", "11111111",      "111111111111",
    "00000000",      "000000000000",  "123123123",
    "123123123123",  "112233",        "121212",
    "123654",        "159753",        "147258369",
    "987654321",     "9876543210",    "789456123",
    "456789",        "666666",        "696969",
    "777777",        "888888",        "999999",
    "101010",        "131313",        "7777777",
    "12341234",      "11223344",      "aaaaaa",
    "iloveyou123",   "iloveyou2",     "loveyou",
    "mylove",        "forever",       "family",
    "friends",       "together",      "happy",
    "smile",         "heaven",        "jesus",
    "jesus1",        "christ",        "blessed",
    "faith",         "hope",          "nothing",
    "whatever1",     "fuckyou",       "fuckoff",
    "asshole",       "bitch",         "sex",
    "sexy",          "pussy",         "cheese",
    "coffee",        "pizza",         "chicken",
    "tigger",        "snoopy",        "garfield",
    "mickey",        "minnie",        "princess1",
    "prince",        "queen",         "king",
    "kingdom",       "dragonfly",     "phoenix",
    "thunder",       "lightning",     "samsung",
    "apple",         "iphone",        "google",
    "facebook",      "twitter",       "youtube",
    "microsoft",     "windows",       "linux",
    "ubuntu",        "oracle",        "cisco",
    "server",        "database",      "haven",
    "barnahus",      "children",      "child",
    "social",        "socialwork",    "caseworker",
    "municipality",
};

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

core::Result<CommonPasswordList> CommonPasswordList::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::unavailable("Cannot read the common-password list " + path + ".");
  CommonPasswordList list;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string_view word = trim_ascii(line);
    if (word.empty() || word.front() == '#') continue;
    if (!core::is_valid_utf8(word)) {
      return core::Error::invalid(path + ":" + std::to_string(line_no) + ": not valid UTF-8.");
    }
    list.words_.insert(fold_ascii(word));
  }
  if (in.bad()) return core::Error::unavailable("Reading " + path + " failed.");
  if (list.words_.empty()) {
    return core::Error::invalid(path + " contains no passwords; is it the right file?");
  }
  return list;
}

const CommonPasswordList& CommonPasswordList::builtin() {
  static const CommonPasswordList list = [] {
    CommonPasswordList l;
    for (const char* w : kBuiltinCommon) l.words_.insert(fold_ascii(w));
    return l;
  }();
  return list;
}

bool CommonPasswordList::contains(std::string_view password) const {
  return words_.count(fold_ascii(password)) > 0;
}

// ---------------------------------------------------------------------------------------------------
// Policy

namespace {

bool is_decoration(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= '0' && c <= '9') || (u < 0x80 && (std::ispunct(u) || c == ' '));
}

// The password without digits, ASCII symbols and spaces at either end: "!!Football2024" →
// "Football".
std::string_view strip_decoration(std::string_view s) {
  while (!s.empty() && is_decoration(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_decoration(s.back())) s.remove_suffix(1);
  return s;
}

// Splits valid UTF-8 into its code points (as byte strings).
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    if (i + n > s.size()) n = s.size() - i;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string reversed_code_points(std::string_view s) {
  auto cps = code_points(s);
  std::string out;
  out.reserve(s.size());
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) out.append(*it);
  return out;
}

}  // namespace

core::Status check_password_policy(std::string_view password, std::string_view username,
                                   const CommonPasswordList& common, const PasswordPolicy& policy) {
  std::vector<core::FieldError> problems;
  auto add = [&](const std::string& message) { problems.push_back({"password", message}); };

  if (password.size() > policy.max_bytes) {
    add("Use at most " + std::to_string(policy.max_bytes) + " bytes.");
  } else if (!core::is_valid_utf8(password)) {
    add("The password contains characters that are not valid text.");
  } else {
    if (core::utf8_length(password) < policy.min_code_points) {
      add("Use at least " + std::to_string(policy.min_code_points) +
          " characters; a few unrelated words make a good password.");
    }
    std::string folded = fold_ascii(password);
    std::string folded_user = fold_ascii(core::trim(username));
    if (!folded_user.empty() &&
        (folded == folded_user || folded == reversed_code_points(folded_user))) {
      add("The password must not be your username.");
    }
    auto cps = code_points(password);
    std::set<std::string_view> distinct(cps.begin(), cps.end());
    if (distinct.size() < policy.min_distinct_characters) {
      add("The password repeats too few different characters; mix in more.");
    }
    if (common.contains(password)) {
      add("This password is on a list of commonly used passwords; choose another.");
    } else {
      std::string_view core_word = strip_decoration(password);
      if (core_word.size() != password.size() && core::utf8_length(core_word) >= 4 &&
          common.contains(core_word)) {
        add("This password is a commonly used word with digits or symbols added; choose another.");
      }
    }
  }
  if (problems.empty()) return core::ok_status();
  return core::Error::invalid("The password does not meet the password policy.",
                              std::move(problems));
}

core::Status check_password_policy(std::string_view password, std::string_view username) {
  return check_password_policy(password, username, CommonPasswordList::builtin());
}

}  // namespace haven::security
