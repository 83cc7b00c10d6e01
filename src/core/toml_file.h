// Reading TOML with toml11 3.7, the one way every TOML reader in haven reads a file: the text is
// checked to be UTF-8 before toml11 sees it, because toml11 3.7 reads past its buffer when it
// reports invalid UTF-8 inside a multi-line literal string (found by tests/fuzz/).
#pragma once

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <toml.hpp>
#include <unordered_map>
#include <vector>

#include "core/utf8.h"

namespace haven::core {

// A TOML file that is not UTF-8 text; what() names the file.
class TomlFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses `text` (read from `name`, which error messages show). Throws TomlFileError if it is not
// UTF-8, toml::syntax_error if it is not valid TOML. A reader that needs its tables in key order
// (the import mapping) names toml11's value parameters: parse_toml_text<toml::discard_comments,
// std::map>(…).
template <typename Comment = toml::discard_comments,
          template <typename...> class Table = std::unordered_map,
          template <typename...> class Array = std::vector>
inline toml::basic_value<Comment, Table, Array> parse_toml_text(const std::string& text,
                                                                const std::string& name) {
  if (!is_valid_utf8(text)) throw TomlFileError(name + ": is not UTF-8 text");
  std::istringstream in(text);
  return toml::parse<Comment, Table, Array>(in, name);
}

// Reads and parses the file at `path`. Throws TomlFileError if it is not UTF-8, toml::syntax_error
// if it is not valid TOML, std::runtime_error if it cannot be opened (as toml::parse(path) does).
inline toml::value parse_toml_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("toml::parse: file open error -> " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_toml_text(text, path);
}

}  // namespace haven::core
