// The multipart/form-data reader behind the case page's document upload: fields and files as a
// browser sends them, binary content kept byte for byte, and bodies that are not well formed
// refused rather than half read.
#include <gtest/gtest.h>

#include <string>

#include "http/web/multipart.h"

namespace haven::http::web {
namespace {

const std::string kType = "multipart/form-data; boundary=----WebKitFormBoundaryx7Q";
const std::string kDelimiter = "------WebKitFormBoundaryx7Q";

std::string part(const std::string& headers, const std::string& content) {
  return kDelimiter + "\r\n" + headers + "\r\n\r\n" + content + "\r\n";
}

TEST(Multipart, ReadsFieldsAndAFileAsABrowserSendsThem) {
  static constexpr char kPdf[] = "%PDF-1.4\r\n\0\x01\xff binary\r\n--not the boundary";
  const std::string pdf(kPdf, sizeof(kPdf) - 1);
  const std::string body =
      part("Content-Disposition: form-data; name=\"_csrf\"", "token123") +
      part("Content-Disposition: form-data; name=\"document_type\"", "court_decision") +
      part(
          "Content-Disposition: form-data; name=\"file\"; filename=\"Beslut \\\"2026\\\".pdf\"\r\n"
          "Content-Type: application/pdf",
          pdf) +
      part("Content-Disposition: form-data; name=\"note\"", "Åsa's \"letter\"\r\nsecond line") +
      kDelimiter + "--\r\n";
  auto form = MultipartForm::parse(kType, body);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->fields().get("_csrf"), "token123");
  EXPECT_EQ(form->fields().get("document_type"), "court_decision");
  EXPECT_EQ(form->fields().get("note"), "Åsa's \"letter\"\r\nsecond line");
  const UploadedFile* file = form->file("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->file_name, "Beslut \"2026\".pdf");
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_EQ(std::string(file->content), pdf);
  EXPECT_EQ(form->file("other"), nullptr);
}

TEST(Multipart, AnEmptyFileInputIsAFileWithoutAName) {
  const std::string body = part(
                               "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                               "Content-Type: application/octet-stream",
                               "") +
                           kDelimiter + "--\r\n";
  auto form = MultipartForm::parse(kType, body);
  ASSERT_TRUE(form);
  ASSERT_NE(form->file("file"), nullptr);
  EXPECT_EQ(form->file("file")->file_name, "");
  EXPECT_TRUE(form->file("file")->content.empty());
}

TEST(Multipart, TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_EQ(multipart_boundary("application/x-www-form-urlencoded"), "");
  EXPECT_EQ(multipart_boundary("multipart/form-data"), "");
  EXPECT_EQ(multipart_boundary("multipart/mixed; boundary=abc"), "");
}

TEST(Multipart, BodiesThatAreNotWellFormedAreRefused) {
  const std::string good = part("Content-Disposition: form-data; name=\"a\"", "1");
  EXPECT_FALSE(MultipartForm::parse("text/plain", good + kDelimiter + "--"));
  EXPECT_FALSE(MultipartForm::parse(kType, good));  // no closing delimiter
  EXPECT_FALSE(MultipartForm::parse(kType, "a=1&b=2"));
  EXPECT_FALSE(MultipartForm::parse(
      kType, part("Content-Type: text/plain", "x") + kDelimiter + "--"));  // no Content-Disposition
  EXPECT_FALSE(MultipartForm::parse(
      kType, part("Content-Disposition: form-data; name=\"a\"", "\xff\xfe") + kDelimiter + "--"));
  EXPECT_FALSE(MultipartForm::parse(
      kType, kDelimiter + "\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n" + kDelimiter +
                 "--"));  // no blank line after the headers
  EXPECT_TRUE(MultipartForm::parse(kType, good + kDelimiter + "--"));
}

}  // namespace
}  // namespace haven::http::web
