// DatabaseUrl: the accepted forms, the refusals and their messages, and that passwords never show.
#include "store/database_url.h"

#include <gtest/gtest.h>

namespace haven::store {
namespace {

DatabaseUrl parse_ok(std::string_view text) {
  auto url = DatabaseUrl::parse(text);
  EXPECT_TRUE(url.ok()) << text << ": " << (url.ok() ? "" : url.error().message);
  return url.ok() ? *url : DatabaseUrl{};
}

std::string parse_error(std::string_view text) {
  auto url = DatabaseUrl::parse(text);
  EXPECT_FALSE(url.ok()) << text << " was accepted";
  if (url.ok()) return {};
  EXPECT_EQ(url.error().code, core::ErrorCode::kInvalidInput);
  return url.error().message;
}

TEST(DatabaseUrl, SqliteRelativeAbsoluteAndMemoryPaths) {
  EXPECT_EQ(parse_ok("sqlite:var/haven.db").sqlite_path, "var/haven.db");
  EXPECT_EQ(parse_ok("sqlite://var/haven.db").sqlite_path, "var/haven.db");
  EXPECT_EQ(parse_ok("sqlite:///srv/haven/haven.db").sqlite_path, "/srv/haven/haven.db");
  EXPECT_EQ(parse_ok("sqlite:/srv/haven.db").sqlite_path, "/srv/haven.db");
  EXPECT_EQ(parse_ok("sqlite::memory:").sqlite_path, ":memory:");
  EXPECT_EQ(parse_ok("  sqlite:x.db\n").sqlite_path, "x.db");
  DatabaseUrl url = parse_ok("sqlite:var/haven.db");
  EXPECT_EQ(url.backend, Backend::kSqlite);
  EXPECT_EQ(url.text, "sqlite:var/haven.db");
  EXPECT_EQ(url.masked(), "sqlite:var/haven.db");
}

TEST(DatabaseUrl, DefaultUrlParses) {
  EXPECT_EQ(parse_ok(kDefaultDatabaseUrl).sqlite_path, "var/haven.db");
}

TEST(DatabaseUrl, PostgresBothSchemes) {
  DatabaseUrl a = parse_ok("postgresql://haven@db.example:5432/haven");
  EXPECT_EQ(a.backend, Backend::kPostgres);
  EXPECT_EQ(a.text, "postgresql://haven@db.example:5432/haven");
  EXPECT_TRUE(a.sqlite_path.empty());
  EXPECT_EQ(parse_ok("postgres://haven@localhost/haven").backend, Backend::kPostgres);
  EXPECT_EQ(parse_ok("postgresql:///haven").backend, Backend::kPostgres);  // local socket
  EXPECT_EQ(parse_ok("postgresql://[::1]:5433/haven").backend, Backend::kPostgres);
  EXPECT_EQ(parse_ok("postgresql://h1:5432,h2:5433/haven?target_session_attrs=read-write").backend,
            Backend::kPostgres);
}

TEST(DatabaseUrl, MaskedHidesThePasswordInUserinfoAndQuery) {
  DatabaseUrl url = parse_ok("postgresql://haven:s3cr%40t@127.0.0.1:5999/haven");
  EXPECT_EQ(url.masked(), "postgresql://haven:***@127.0.0.1:5999/haven");
  DatabaseUrl q = parse_ok("postgresql://haven@h/haven?sslmode=require&password=hunter2&x=1");
  EXPECT_EQ(q.masked(), "postgresql://haven@h/haven?sslmode=require&password=***&x=1");
  EXPECT_EQ(parse_ok("postgresql://haven@h:1/db").masked(), "postgresql://haven@h:1/db");
}

TEST(DatabaseUrl, PasswordIsDecodedForTheChildProcessAndRemovedFromTheCommandLine) {
  DatabaseUrl url = parse_ok("postgresql://haven:s3cr%40t@127.0.0.1:5999/haven?sslmode=disable");
  EXPECT_EQ(url.password(), "s3cr@t");
  EXPECT_EQ(url.without_password(), "postgresql://haven@127.0.0.1:5999/haven?sslmode=disable");
  DatabaseUrl q = parse_ok("postgresql://haven@h/haven?password=p%20w&sslmode=disable");
  EXPECT_EQ(q.password(), "p w");
  EXPECT_EQ(q.without_password(), "postgresql://haven@h/haven?sslmode=disable");
  DatabaseUrl only = parse_ok("postgresql://haven@h/haven?password=x");
  EXPECT_EQ(only.without_password(), "postgresql://haven@h/haven");
  EXPECT_EQ(parse_ok("postgresql://haven@h/haven").password(), "");
  EXPECT_EQ(parse_ok("sqlite:a.db").password(), "");
}

TEST(DatabaseUrl, WithDatabaseKeepsServerCredentialsAndQuery) {
  DatabaseUrl url = parse_ok("postgresql://haven:pw@127.0.0.1:5999/haven_test?sslmode=disable");
  DatabaseUrl other = url.with_database("t_123");
  EXPECT_EQ(other.text, "postgresql://haven:pw@127.0.0.1:5999/t_123?sslmode=disable");
  EXPECT_EQ(other.database_name(), "t_123");
  EXPECT_EQ(url.database_name(), "haven_test");
  EXPECT_EQ(parse_ok("postgresql://h:1").with_database("x").text, "postgresql://h:1/x");
}

TEST(DatabaseUrl, RefusalsSayWhatToWrite) {
  EXPECT_NE(parse_error("").find("sqlite:PATH"), std::string::npos);
  EXPECT_NE(parse_error("sqlite:").find("names no file"), std::string::npos);
  EXPECT_NE(parse_error("sqlite://").find("names no file"), std::string::npos);
  std::string scheme = parse_error("mysql://root:topsecret@h/db");
  EXPECT_NE(scheme.find("'mysql:'"), std::string::npos) << scheme;
  EXPECT_EQ(scheme.find("topsecret"), std::string::npos) << "password leaked: " << scheme;
  EXPECT_NE(parse_error("var/haven.db").find("not a database URL"), std::string::npos);
  std::string port = parse_error("postgresql://haven:pw@h:54x2/haven");
  EXPECT_NE(port.find("'54x2'"), std::string::npos) << port;
  EXPECT_EQ(port.find(":pw@"), std::string::npos) << "password leaked: " << port;
  EXPECT_NE(parse_error("postgresql://h:70000/db").find("1 to 65535"), std::string::npos);
  EXPECT_NE(parse_error("postgresql://h/a/b").find("contains '/'"), std::string::npos);
  EXPECT_NE(parse_error("postgresql://@h/db").find("no user name"), std::string::npos);
}

TEST(DatabaseUrl, BackendNames) {
  EXPECT_STREQ(backend_name(Backend::kSqlite), "sqlite");
  EXPECT_STREQ(backend_name(Backend::kPostgres), "postgresql");
}

}  // namespace
}  // namespace haven::store
