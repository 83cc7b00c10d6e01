// The case page's history table: which record and field each change names in the reader's
// language, and how its old and new values read (codes in words, times as times, users, teams,
// agencies and the people around the child by name, a plan's goals and country form values as
// text). Apart from case_page.cpp because the table of every field a service writes to the
// history is long and changes whenever a service gains a field.
#pragma once

#include <map>
#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/web/site.h"
#include "service/case_page_reads.h"
#include "service/identity.h"

namespace haven::service {
struct App;
}  // namespace haven::service

namespace haven::http::web {

// Names of users on the case page, read once per page: preload() reads all the ids the page knows
// up front in one query; an id met later is read on its own. An unknown id names itself.
class UserNames {
 public:
  explicit UserNames(service::App& app) : app_(app) {}
  void preload(const std::vector<std::string>& ids);
  const std::string& of(const std::string& id);

 private:
  service::App& app_;
  std::map<std::string, std::string> names_;
};

// Whether a history entry's values are user ids (shown as the users' names).
bool names_a_user(const service::HistoryEntry& entry);

// The case's history as rows, newest first: when, who, what, old → new. `c` is the case as
// CaseService::get answers it (its child, country); `actor` reads the persons around the child
// when a change names one of them. Sensitive values are shown only as "changed".
mstch::array history_rows(Site& site, const Visitor& v, const service::Actor& actor,
                          const nlohmann::json& c, const service::RecentHistory& history,
                          UserNames& names);

}  // namespace haven::http::web
