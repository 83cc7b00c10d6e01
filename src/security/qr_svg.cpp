// libqrencode to SVG. Horizontal runs of dark modules become one <rect> each, which keeps a typical
// enrolment code (version 7, 45×45) to a few hundred elements instead of over a thousand.
#include "security/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>

#include "core/markup.h"
#include "security/secret.h"

namespace haven::security {

namespace {

struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

constexpr int kQuietZone = 4;  // modules of white border the QR specification requires

}  // namespace

core::Result<QrMatrix> qr_encode(std::string_view text) {
  std::string z(text);  // libqrencode wants a NUL-terminated string
  errno = 0;
  std::unique_ptr<QRcode, QrFree> qr(QRcode_encodeString8bit(z.c_str(), 0, QR_ECLEVEL_M));
  wipe(z);  // the text may be a secret (an otpauth URI)
  if (!qr) {
    if (errno == ERANGE) return core::Error::invalid("The text is too long for a QR code.");
    return core::Error::internal("The QR code could not be generated.");
  }
  QrMatrix m;
  m.width = qr->width;
  m.dark.resize(static_cast<size_t>(qr->width) * static_cast<size_t>(qr->width));
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (qr->data[i] & 1) != 0;
  return m;
}

std::string qr_matrix_svg(const QrMatrix& m, std::string_view label) {
  const int size = m.width + 2 * kQuietZone;
  const std::string n = std::to_string(size);
  std::string out;
  out.reserve(static_cast<size_t>(m.width * m.width) * 12 + 400);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" width=\"" +
         std::to_string(size * 5) + "\" height=\"" + std::to_string(size * 5) +
         "\" role=\"img\" aria-label=\"";
  core::append_markup_escaped(out, label);
  out += "\" shape-rendering=\"crispEdges\"><title>";
  core::append_markup_escaped(out, label);
  out += "</title><rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/><g fill=\"#000\">";
  for (int y = 0; y < m.width; ++y) {
    int x = 0;
    while (x < m.width) {
      if (!m.is_dark(x, y)) {
        ++x;
        continue;
      }
      int start = x;
      while (x < m.width && m.is_dark(x, y)) ++x;
      out += "<rect x=\"" + std::to_string(start + kQuietZone) + "\" y=\"" +
             std::to_string(y + kQuietZone) + "\" width=\"" + std::to_string(x - start) +
             "\" height=\"1\"/>";
    }
  }
  out += "</g></svg>";
  return out;
}

core::Result<std::string> qr_svg(std::string_view text, std::string_view label) {
  auto m = qr_encode(text);
  if (!m.ok()) return m.take_error();
  return qr_matrix_svg(*m, label);
}

}  // namespace haven::security
