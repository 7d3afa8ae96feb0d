// A database URL goes to the log without its password, wherever the URL carries it.
#include <gtest/gtest.h>

#include "db/url_redaction.hpp"

namespace guichet::db {
namespace {

TEST(UrlRedaction, HidesThePasswordOfTheUserPart) {
  EXPECT_EQ(redact_url("postgresql://guichet:s3cr3t@db.example.org:5432/guichet"),
            "postgresql://guichet:***@db.example.org:5432/guichet");
  // A password may hold what a host part would: only the '@' ends it.
  EXPECT_EQ(redact_url("postgres://u:p/a:s?s@h/db"), "postgres://u:***@h/db");
  EXPECT_EQ(redact_url("postgresql://:pw@h/db"), "postgresql://:***@h/db");
}

TEST(UrlRedaction, HidesPasswordParametersWhateverTheirCase) {
  EXPECT_EQ(redact_url("postgresql://h/db?user=u&password=s3cr3t&sslmode=require"),
            "postgresql://h/db?user=u&password=***&sslmode=require");
  EXPECT_EQ(redact_url("postgresql://h/db?PassWord=s3cr3t"), "postgresql://h/db?PassWord=***");
  EXPECT_EQ(redact_url("postgresql://h/db?password=a&password=b"), "postgresql://h/db?password=***&password=***");
  // Both at once.
  EXPECT_EQ(redact_url("postgresql://u:one@h/db?password=two"), "postgresql://u:***@h/db?password=***");
}

TEST(UrlRedaction, LeavesWhatHoldsNoPasswordAsItIs) {
  for (const char* url : {"", "postgresql://guichet@h/db", "postgresql://h:5432/db", "sqlite:/var/lib/guichet/db",
                          "/var/lib/guichet/guichet.sqlite3", "postgresql://h/db?user=u&sslpassword_hint=x",
                          "postgresql://u:no-arobase/db", "postgresql://h/db?xpassword=kept"})
    EXPECT_EQ(redact_url(url), url) << url;
}

}  // namespace
}  // namespace guichet::db
