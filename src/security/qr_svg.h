// QR codes rendered as SVG (libqrencode), for the TOTP enrolment page: no image files, no
// JavaScript, scales crisply, and carries a text alternative for screen readers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::security {

struct QrMatrix {
  int width = 0;           // modules per side, without the quiet zone
  std::vector<bool> dark;  // row-major, width * width
  bool is_dark(int x, int y) const {
    return dark[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
  }
};

// Encodes `text` (8-bit mode, error correction level M). Fails with kInvalidInput if it is too long
// for a QR code. Thread-safe (libqrencode is built with pthread support on Debian).
core::Result<QrMatrix> qr_encode(std::string_view text);

// An SVG of `text`'s QR code: a 4-module quiet zone on every side, a viewBox in module units, one
// <rect> per horizontal run of dark modules, role="img" and aria-label=`label` (escaped).
core::Result<std::string> qr_svg(std::string_view text, std::string_view label);

// The SVG for an already-encoded matrix (what qr_svg uses; exposed for tests).
std::string qr_matrix_svg(const QrMatrix& matrix, std::string_view label);

}  // namespace haven::security
