// Every TOML file haven reads goes through core::parse_toml_file/parse_toml_text, which refuse
// text that is not UTF-8 before toml11 3.7 sees it (it reads past its buffer on invalid UTF-8 in a
// multi-line literal string). One test per reader: the roles file, the form definitions, the
// disclosure policies, the trust list, the country policies, the indicator catalogue and the import
// mapping each refuse such a file with an error of bad input (the haven command exits 2 on those)
// that names the file; haven.toml is checked by tests/cli/config_test.sh.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/toml_file.h"
#include "exchange/trust_list.h"
#include "security/role_table.h"
#include "service/form_registry.h"
#include "service/import/import_mapping.h"
#include "service/policy_registry.h"
#include "service/stats/disclosure_settings.h"
#include "stats/catalogue_loader.h"

namespace haven {
namespace {

namespace fs = std::filesystem;

// A folder of its own per test, removed afterwards.
class TomlUtf8Test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("haven-toml-utf8-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes a file whose multi-line literal string holds bytes that are not UTF-8.
  std::string write_bad(const std::string& name) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary)
        << "country = \"SE\"\nnote = '''caf\xC3\x28 \xFF\xFE'''\n";
    return path.string();
  }

  fs::path dir_;
};

void expect_refused(const core::Error& e, const std::string& path) {
  EXPECT_EQ(e.code, core::ErrorCode::kInvalidInput) << e.message;  // `haven` exits 2
  EXPECT_NE(e.message.find(path), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("not UTF-8"), std::string::npos) << e.message;
}

TEST_F(TomlUtf8Test, TheHelperRefusesTextThatIsNotUtf8NamingTheFile) {
  const std::string path = write_bad("any.toml");
  try {
    (void)core::parse_toml_file(path);
    FAIL() << "parsed a file that is not UTF-8";
  } catch (const core::TomlFileError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": is not UTF-8 text");
  }
  EXPECT_NO_THROW((void)core::parse_toml_text("country = \"SE\" # Malmö\n", "good.toml"));
}

TEST_F(TomlUtf8Test, TheRolesFileIsRefused) {
  const std::string path = write_bad("roles.toml");
  auto roles = security::load_roles(path);
  ASSERT_FALSE(roles.ok());
  expect_refused(roles.error(), path);
}

TEST_F(TomlUtf8Test, AFormDefinitionIsRefused) {
  const std::string path = write_bad("se.toml");
  auto forms = service::FormRegistry::load(dir_.string());
  ASSERT_FALSE(forms.ok());
  expect_refused(forms.error(), path);
}

TEST_F(TomlUtf8Test, ADisclosurePolicyIsRefused) {
  const std::string path = write_bad("se.toml");
  auto disclosure = service::DisclosureSettings::load(dir_.string());
  ASSERT_FALSE(disclosure.ok());
  expect_refused(disclosure.error(), path);
}

TEST_F(TomlUtf8Test, TheTrustListIsRefused) {
  const std::string path = write_bad("trust.toml");
  auto trust = exchange::TrustList::load(path);
  ASSERT_FALSE(trust.ok());
  expect_refused(trust.error(), path);
}

TEST_F(TomlUtf8Test, ACountryPolicyIsRefused) {
  const std::string path = write_bad("se.toml");
  auto policies = service::PolicyRegistry::load(dir_.string());
  ASSERT_FALSE(policies.ok());
  expect_refused(policies.error(), path);
}

TEST_F(TomlUtf8Test, TheIndicatorCatalogueIsRefused) {
  const std::string path = write_bad("codelists.toml");
  auto catalogue = stats::load_catalogue(dir_.string());
  ASSERT_FALSE(catalogue.ok());
  expect_refused(catalogue.error(), path);
}

TEST_F(TomlUtf8Test, AnImportMappingIsRefused) {
  const std::string path = write_bad("children.toml");
  auto mapping = service::import::load_mapping(path);
  ASSERT_FALSE(mapping.ok());
  expect_refused(mapping.error(), path);
  EXPECT_NE(mapping.error().message.find("save the mapping as UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace haven
