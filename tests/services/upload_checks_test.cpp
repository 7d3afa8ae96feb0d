// Pieces are typed by their content; names are made safe.
#include <gtest/gtest.h>

#include "services/upload_checks.hpp"

namespace guichet::services {
namespace {

TEST(UploadChecks, TheContentDecidesNotTheName) {
  EXPECT_EQ(sniff_piece_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(sniff_piece_type(std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF"), "image/jpeg");
  EXPECT_EQ(sniff_piece_type(std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR"), "image/png");
  EXPECT_EQ(sniff_piece_type("MZ\x90\x00 an executable"), "");          // a .exe, whatever its name
  EXPECT_EQ(sniff_piece_type(std::string("\x7f" "ELF\x02\x01", 6)), "");
  EXPECT_EQ(sniff_piece_type("<html><script>"), "");
  EXPECT_EQ(sniff_piece_type("%PD"), "");
  EXPECT_EQ(sniff_piece_type(""), "");
}

TEST(UploadChecks, NamesAreMadeSafe) {
  EXPECT_EQ(safe_file_name("carte identité recto.pdf", "application/pdf"), "carte identité recto.pdf");
  EXPECT_EQ(safe_file_name("../../etc/passwd", "application/pdf"), "passwd.pdf");
  EXPECT_EQ(safe_file_name("C:\\Users\\moi\\scan.JPEG", "image/jpeg"), "scan.JPEG");
  EXPECT_EQ(safe_file_name("virus.exe", "application/pdf"), "virus.exe.pdf");
  EXPECT_EQ(safe_file_name("a\"b\r\nContent-Type: x.png", "image/png"), "a_b__Content-Type_ x.png");
  EXPECT_EQ(safe_file_name("...", "image/png"), "piece.png");
  EXPECT_EQ(safe_file_name("", "application/pdf"), "piece.pdf");
  std::string long_name;
  for (int i = 0; i < 80; ++i) long_name += "é";
  std::string safe = safe_file_name(long_name + ".pdf", "application/pdf");
  EXPECT_LE(safe.size(), 100u);
  EXPECT_EQ(safe.substr(safe.size() - 4), ".pdf");
  EXPECT_EQ((safe.size() - 4) % 2, 0u);  // whole two-byte characters only
}

}  // namespace
}  // namespace guichet::services
