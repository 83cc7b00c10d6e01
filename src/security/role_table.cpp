// roles.toml loading with toml11 (the only file of this layer that includes it) and the compiled-in
// default table.
#include "security/role_table.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <toml.hpp>

#include "core/toml_file.h"

namespace haven::security {

bool RoleTable::has(Role role, std::string_view permission) const {
  const auto& p = permissions(role);
  return p.find(std::string(permission)) != p.end();
}

bool RoleTable::requires_second_factor(Role role) const {
  for (const std::string& p : permissions(role)) {
    if (p.rfind("aggregates.", 0) != 0) return true;
  }
  return false;
}

bool RoleTable::same_permissions(const RoleTable& other) const {
  for (Role r : kAllRoles) {
    if (permissions(r) != other.permissions(r)) return false;
  }
  return true;
}

void RoleTable::set(Role role, std::string description, std::set<std::string> permissions) {
  entries_[index(role)] = {std::move(description), std::move(permissions)};
}

namespace {

std::string where(const std::string& path, const toml::value& v) {
  auto loc = v.location();
  return path + ":" + std::to_string(loc.line()) + ": ";
}

// "<path>:<line>: " followed by the parts, as an invalid-input error.
core::Error invalid_at(const std::string& path, const toml::value& v,
                       std::initializer_list<std::string_view> parts) {
  std::string message = where(path, v);
  for (std::string_view part : parts) message.append(part);
  return core::Error::invalid(std::move(message));
}

bool forbidden_for(Role role, const std::string& permission) {
  // These roles must never see records about children and families, whatever the file says.
  bool no_records = role == Role::kAdmin || role == Role::kAuditor || role == Role::kAnalyst;
  return no_records && is_record_permission(permission);
}

}  // namespace

core::Result<RoleTable> load_roles(const std::string& path) {
  toml::value root;
  try {
    root = core::parse_toml_file(path);
  } catch (const core::TomlFileError& e) {
    return core::Error::invalid(std::string(e.what()) + ".");
  } catch (const toml::syntax_error& e) {
    std::string first_line = e.what();
    first_line = first_line.substr(0, first_line.find('\n'));
    return core::Error::invalid(path + ":" + std::to_string(e.location().line()) +
                                ": not valid TOML (" + first_line + ").");
  } catch (const std::exception&) {
    return core::Error::unavailable("Cannot read the roles file " + path + ".");
  }
  if (!root.is_table() || !root.contains("roles") || !root.at("roles").is_table()) {
    return core::Error::invalid(path + ": has no [roles.<name>] tables.");
  }
  for (const auto& [key, value] : root.as_table()) {
    if (key != "roles")
      return core::Error::invalid(where(path, value) + "unknown key '" + key + "'.");
  }
  RoleTable table;
  std::set<Role> seen;
  for (const auto& [name, body] : root.at("roles").as_table()) {
    auto role = parse_role(name);
    if (!role) {
      std::string known;
      for (Role r : kAllRoles) {
        if (!known.empty()) known += ", ";
        known += role_name(r);
      }
      return invalid_at(path, body, {"unknown role '", name, "' (known: ", known, ")."});
    }
    if (!body.is_table()) {
      return invalid_at(path, body, {"role '", name, "' must be a table."});
    }
    std::string description;
    std::set<std::string> perms;
    bool has_permissions = false;
    for (const auto& [key, value] : body.as_table()) {
      if (key == "description") {
        if (!value.is_string()) {
          return core::Error::invalid(where(path, value) + "description must be a string.");
        }
        description = value.as_string().str;
      } else if (key == "permissions") {
        if (!value.is_array()) {
          return core::Error::invalid(where(path, value) +
                                      "permissions must be a list of strings.");
        }
        has_permissions = true;
        for (const toml::value& item : value.as_array()) {
          if (!item.is_string()) {
            return core::Error::invalid(where(path, item) + "a permission must be a string.");
          }
          const std::string& p = item.as_string().str;
          if (!is_known_permission(p)) {
            return invalid_at(path, item, {"unknown permission '", p, "' for role ", name, "."});
          }
          if (forbidden_for(*role, p)) {
            return invalid_at(
                path, item,
                {"role ", name, " must never see records about children, but is given '", p, "'."});
          }
          if (!perms.insert(p).second) {
            return invalid_at(path, item,
                              {"permission '", p, "' is listed twice for role ", name, "."});
          }
        }
      } else {
        return invalid_at(path, value, {"unknown key '", key, "' in role ", name, "."});
      }
    }
    if (!has_permissions) {
      return core::Error::invalid(where(path, body) + "role " + name + " has no permissions list.");
    }
    seen.insert(*role);
    table.set(*role, std::move(description), std::move(perms));
  }
  for (Role r : kAllRoles) {
    if (!seen.count(r)) {
      return core::Error::invalid(
          path + ": role " + std::string(role_name(r)) +
          " is missing; every role must be listed (an empty list is allowed).");
    }
  }
  return table;
}

const RoleTable& default_roles() {
  static const RoleTable table = [] {
    RoleTable t;
    const std::set<std::string> caseworker = {
        "case.read",
        "case.create",
        "case.update",
        "case.transition",
        "case.break_glass",
        "child.read",
        "child.create",
        "child.update",
        "report.read",
        "report.create",
        "report.update",
        "report.transition",
        "note.read",
        "note.create",
        "note.update",
        "assessment.read",
        "assessment.create",
        "assessment.update",
        "assessment.transition",
        "plan.read",
        "plan.create",
        "plan.update",
        "plan.transition",
        "placement.read",
        "placement.create",
        "placement.update",
        "placement.transition",
        "barnahus_case.read",
        "barnahus_law_enforcement_record.read",
        "cross_border_referral.read",
        "cross_border_referral.create",
    };
    std::set<std::string> supervisor = caseworker;
    supervisor.insert({
        "case.approve",
        "case.assign",
        "case.merge",
        "case.export",
        "child.merge",
        "child.export",
        "report.approve",
        "report.assign",
        "assessment.approve",
        "plan.approve",
        "placement.approve",
        "cross_border_referral.update",
        "cross_border_referral.approve",
        "break_glass.review",
        "aggregates.view",
    });
    t.set(Role::kCaseworker, "", caseworker);
    t.set(Role::kSupervisor, "", supervisor);
    t.set(Role::kBarnahusCoordinator, "",
          {"barnahus_case.read", "barnahus_case.create", "barnahus_case.update",
           "barnahus_case.transition", "barnahus_case.invite", "barnahus_case.export",
           "barnahus_law_enforcement_record.read", "aggregates.view"});
    t.set(Role::kMdtMember, "",
          {"barnahus_case.read", "barnahus_case.create", "barnahus_case.update",
           "barnahus_law_enforcement_record.read", "barnahus_law_enforcement_record.create",
           "barnahus_law_enforcement_record.update", "barnahus_law_enforcement_record.share"});
    t.set(Role::kContactPoint, "",
          {"cross_border_referral.read", "cross_border_referral.create",
           "cross_border_referral.update", "cross_border_referral.transition",
           "cross_border_referral.export", "aggregates.view"});
    t.set(Role::kAnalyst, "", {"aggregates.view", "aggregates.export"});
    t.set(Role::kAdmin, "", {"users.administer", "settings.administer"});
    t.set(Role::kAuditor, "", {"audit.view", "audit.export"});
    return t;
  }();
  return table;
}

std::set<std::string> effective_permissions(const std::set<std::string>& role_permissions,
                                            const std::vector<std::string>* token_scopes) {
  if (token_scopes == nullptr) return role_permissions;
  std::set<std::string> out;
  for (const std::string& s : *token_scopes) {
    if (role_permissions.count(s)) out.insert(s);
  }
  return out;
}

}  // namespace haven::security
