// The streaming multipart reader: the file part's bytes whatever the chunking, other parts
// skipped, malformed bodies refused.
#include <gtest/gtest.h>

#include "http/multipart_reader.hpp"

namespace guichet::http {
namespace {

std::string body(const std::string& boundary, const std::string& file, const std::string& name = "scan.pdf") {
  return "preamble to ignore\r\n--" + boundary +
         "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nrecto\r\n--" + boundary +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
         "\"\r\nContent-Type: application/pdf\r\n\r\n" + file + "\r\n--" + boundary + "--\r\nepilogue";
}

// Feeds `b` in pieces of `step` bytes; returns the file's bytes.
std::string read(MultipartFileReader& r, const std::string& b, std::size_t step, Status* status = nullptr) {
  std::string out;
  for (std::size_t at = 0; at < b.size(); at += step) {
    Status st = r.feed(std::string_view(b).substr(at, step), [&](std::string_view x) {
      out.append(x);
      return Status::Ok();
    });
    if (!st.ok()) {
      if (status) *status = st;
      return out;
    }
  }
  return out;
}

TEST(MultipartReader, TheFileComesOutWholeWhateverTheChunking) {
  // Content that looks like a delimiter's beginning must pass through untouched.
  std::string file = "%PDF-1.4\r\n--not-the-boundary\r\n\r\n";
  for (int i = 0; i < 2000; ++i) file += static_cast<char>(i % 251);
  const std::string b = body("XyZ123", file);
  for (std::size_t step : {1u, 2u, 7u, 64u, 1000u, 100000u}) {
    MultipartFileReader r("XyZ123");
    EXPECT_EQ(read(r, b, step), file) << "step " << step;
    EXPECT_TRUE(r.complete());
    EXPECT_EQ(r.file_name(), "scan.pdf");
  }
}

TEST(MultipartReader, ATruncatedBodyIsNotComplete) {
  const std::string b = body("B", "%PDF-1.4 data");
  MultipartFileReader r("B");
  read(r, b.substr(0, b.size() - 20), 5);
  EXPECT_TRUE(r.has_file());
  EXPECT_FALSE(r.complete());
}

TEST(MultipartReader, TwoFilesInOneBodyAreRefused) {
  const std::string b = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nA\r\n--B\r\n"
                        "Content-Disposition: form-data; name=\"file\"; filename=\"b.pdf\"\r\n\r\nB\r\n--B--";
  MultipartFileReader r("B");
  Status st;
  read(r, b, 3, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::malformed_multipart);
}

TEST(MultipartReader, NoDelimiterAtAllIsRefused) {
  MultipartFileReader r("B");
  Status st;
  read(r, std::string(70 * 1024, 'x'), 4096, &st);
  ASSERT_FALSE(st.ok());
}

TEST(MultipartReader, BoundaryComesFromTheContentType) {
  EXPECT_EQ(MultipartFileReader::boundary_of("multipart/form-data; boundary=----WebKitFormBoundary7MA4"),
            "----WebKitFormBoundary7MA4");
  EXPECT_EQ(MultipartFileReader::boundary_of("Multipart/Form-Data; boundary=\"a b\""), "a b");
  EXPECT_EQ(MultipartFileReader::boundary_of("application/pdf"), "");
  EXPECT_EQ(MultipartFileReader::boundary_of("multipart/form-data"), "");
}

}  // namespace
}  // namespace guichet::http
