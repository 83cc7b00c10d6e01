// roles.toml: the shipped file loads, equals the compiled-in default, and mistakes in it are
// refused with the file and line.
#include "security/role_table.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "source_dir.h"

namespace haven::security {
namespace {

std::string roles_path() {
  return testing::source_dir() + "/config/roles.toml";
}

// Writes `text` to a temporary file and loads it. The file is named after the test and the process:
// ctest runs the tests of this file in parallel processes, which must not share one file.
core::Result<RoleTable> load_text(const std::string& text) {
  const std::string path = ::testing::TempDir() +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                           std::to_string(::getpid()) + "_roles_test.toml";
  {
    std::ofstream out(path);
    out << text;
  }
  auto r = load_roles(path);
  std::filesystem::remove(path);
  return r;
}

std::string shipped_text() {
  std::ifstream in(roles_path());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(RoleTable, ShippedFileEqualsTheCompiledInDefault) {
  auto loaded = load_roles(roles_path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  for (Role r : kAllRoles) {
    EXPECT_EQ(loaded->permissions(r), default_roles().permissions(r)) << role_name(r);
    EXPECT_FALSE(loaded->description(r).empty()) << role_name(r) << " needs a description";
  }
  EXPECT_TRUE(loaded->same_permissions(default_roles()));
}

TEST(RoleTable, OnlyTheAnalystSignsInWithoutASecondFactor) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(default_roles().requires_second_factor(r), r != Role::kAnalyst) << role_name(r);
  }
}

TEST(RoleTable, AdminAuditorAndAnalystHoldNoRecordPermission) {
  for (Role r : {Role::kAdmin, Role::kAuditor, Role::kAnalyst}) {
    for (const std::string& p : default_roles().permissions(r)) {
      EXPECT_FALSE(is_record_permission(p)) << role_name(r) << " has " << p;
    }
  }
}

TEST(RoleTable, EveryGrantedPermissionExists) {
  for (Role r : kAllRoles) {
    for (const std::string& p : default_roles().permissions(r))
      EXPECT_TRUE(is_known_permission(p)) << p;
  }
}

TEST(RoleTable, UnknownPermissionIsRefusedWithItsLine) {
  std::string text = shipped_text();
  size_t pos = text.find("\"case.read\"");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 11, "\"case.raed\"");
  size_t line =
      static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n')) +
      1;
  auto r = load_text(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("unknown permission 'case.raed'"), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find(":" + std::to_string(line) + ":"), std::string::npos)
      << r.error().message << " (expected line " << line << ")";
}

TEST(RoleTable, ContentPermissionForAdminIsRefused) {
  std::string text = shipped_text();
  size_t pos = text.find("permissions = [\"users.administer\"");
  ASSERT_NE(pos, std::string::npos);
  text.insert(pos + 15, "\"case.read\", ");
  auto r = load_text(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("role admin must never see records about children"),
            std::string::npos)
      << r.error().message;
}

TEST(RoleTable, UnknownOrMissingRolesAreRefused) {
  auto typo = load_text(shipped_text() + "\n[roles.casewroker]\npermissions = []\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("unknown role 'casewroker'"), std::string::npos);

  std::string text = shipped_text();
  size_t pos = text.find("[roles.auditor]");
  ASSERT_NE(pos, std::string::npos);
  auto missing = load_text(text.substr(0, pos));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("role auditor is missing"), std::string::npos);
}

TEST(RoleTable, SyntaxErrorsNameTheFileAndLine) {
  auto r = load_text("[roles.caseworker]\npermissions = [\"case.read\"\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("roles_test.toml:"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("not valid TOML"), std::string::npos);
}

TEST(RoleTable, DuplicatesAndWrongTypesAreRefused) {
  std::string text = shipped_text();
  size_t pos = text.find("permissions = [\"audit.view\"");
  ASSERT_NE(pos, std::string::npos);
  std::string dup = text;
  dup.insert(pos + 15, "\"audit.view\", ");
  EXPECT_FALSE(load_text(dup).ok());
  std::string wrong = text;
  wrong.insert(pos + 15, "3, ");
  EXPECT_FALSE(load_text(wrong).ok());
}

TEST(RoleTable, MissingFileIsAClearError) {
  auto r = load_roles("/nonexistent/roles.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent/roles.toml"), std::string::npos);
}

TEST(RoleTable, TokenScopesNarrowButNeverWiden) {
  const auto& cw = default_roles().permissions(Role::kCaseworker);
  std::vector<std::string> scopes = {"case.read", "case.approve", "audit.view"};
  auto eff = effective_permissions(cw, &scopes);
  EXPECT_EQ(eff, (std::set<std::string>{"case.read"}));
  EXPECT_EQ(effective_permissions(cw, nullptr), cw);
}

}  // namespace
}  // namespace haven::security
