// The services one haven process offers, wired once at start and shared by http/ and cli/.
// Later issues add their services here (cases, reports, …); the transport layers only see this.
//
// Construction order matters (members are built top to bottom): audit and keys first, because every
// other service reports to the audit log and some encrypt. An App built without a key ring (tests,
// tools that touch no encrypted field) gets a process-local random master key that is never stored;
// `haven serve` always passes the ring KeyService::open_ring() checked against the database.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "security/login_throttle.h"
#include "security/password.h"
#include "security/role_table.h"
#include "security/tokens.h"
#include "service/access_service.h"
#include "service/agency_service.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/barnahus_service.h"
#include "service/break_glass_service.h"
#include "service/case_access.h"
#include "service/case_note_service.h"
#include "service/case_record_service.h"
#include "service/case_service.h"
#include "service/child_service.h"
#include "service/demo_service.h"
#include "service/document_service.h"
#include "service/duplicates/dedupe_service.h"
#include "service/duplicates/merge_service.h"
#include "service/exchange/referral_service.h"
#include "service/export/list_export.h"
#include "service/export/subject_access.h"
#include "service/form_registry.h"
#include "service/health_service.h"
#include "service/hub/hub_service.h"
#include "service/key_service.h"
#include "service/participation_service.h"
#include "service/person_service.h"
#include "service/placement_service.h"
#include "service/policy_registry.h"
#include "service/record_history.h"
#include "service/referral_service.h"
#include "service/report_service.h"
#include "service/search/search_service.h"
#include "service/stats/stats_dashboard.h"
#include "service/task_service.h"
#include "service/team_service.h"
#include "service/transfer_service.h"
#include "service/user_service.h"
#include "store/database.h"

namespace haven::service {

struct AppOptions {
  KeyRingOpened keys;  // empty: KeyService::ephemeral()
  security::PasswordHashParams password_params = security::PasswordHashParams::standard();
  security::SessionPolicy session_policy;
  security::ThrottlePolicy throttle;
  // Session cookies carry `Secure` (and the __Host- prefix) unless the server listens only on
  // loopback (a laptop demo over plain http://127.0.0.1).
  bool secure_cookies = true;
  // The shipped common-password list; the built-in subset is used if it cannot be read.
  std::string common_passwords_file = "data/security/common-passwords.txt";
  // Role permissions as read from config/roles.toml at start; the shipped defaults when empty.
  std::optional<security::RoleTable> roles;
  // Where forms/*.toml (country form fields) and policy/*.toml (country deadlines) are read at
  // start; a missing folder means no country fields and the built-in default policy.
  std::string config_dir = "config";
  // Where the statistics dashboard reads indicators/, population/ and policy/disclosure/; ""
  // means config_dir. The CLI points it at the shipped config/ wherever haven is started from.
  std::string stats_config_dir;
  // [server] trusted_proxies: networks ("10.0.0.0/8") whose X-Forwarded-For is believed when they
  // are the direct peer (http/client_address.h). Empty: the peer is the client.
  std::vector<std::string> trusted_proxies;
  // The regional hub ([R1]/[X1], `haven serve --mode regional`): its trust list and the
  // catalogue and disclosure policies it checks releases against.
  HubOptions hub;
  // The exchange folder ([X1]: instance keys and trust list); "" means $HAVEN_EXCHANGE_DIR, then
  // var/exchange.
  std::string exchange_dir;
};

struct App {
  App(store::Database& database, const core::Clock& clk, AppOptions opts = {});
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  store::Database& db;
  const core::Clock& clock;
  AppOptions options;
  HealthService health;
  security::PasswordHasher hasher;
  security::CommonPasswordList common_passwords;
  security::RoleTable roles;
  AuditService audit;
  KeyService keys;
  AccessService access;
  AgencyService agencies;
  UserService users;
  AuthService auth;
  BreakGlassService break_glass;
  DemoService demo;
  CaseAccess case_access;
  RecordHistory history;
  FormRegistry forms;
  PolicyRegistry policies;
  ReportService reports;
  ChildService children;
  // Persons around a child and their relationships ([F3] item 1).
  PersonService persons;
  CaseService cases;
  CaseRecordService case_records;
  TaskService tasks;
  // Records under a case ([F3] items 4 and 8): referrals, placements, participation and the
  // information log, notes, documents, transfers between agencies.
  ReferralService referrals;
  PlacementService placements;
  ParticipationService participation;
  CaseNoteService notes;
  DocumentService documents;
  TransferService transfers;
  // Views over many cases at once for the pages: team overview, dashboard ([F4]).
  TeamService team;
  // Exports ([F5] item 4): lists as CSV/XLSX, and the subject-access bundle for one child.
  ListExportService exports;
  SubjectAccessService subject_access;
  // Finding a child by name, birth date or case number ([S1]); the index is built on first use.
  SearchService search;
  // Duplicate children ([S1] item 4): merging, un-merging, the review queue of `haven dedupe`.
  MergeService merges;
  DedupeService duplicates;
  // Child-friendly justice ([J1], see docs/BARNAHUS.md): Barnahus cases, their team and timeline.
  BarnahusService barnahus;
  // The regional hub's intake of signed releases and linkage uploads (service/hub/hub_service.h).
  HubService hub;
  // Transnational referrals, the exchange inbox and the linkage review queue ([X1], see
  // docs/EXCHANGE.md).
  CrossBorderReferralService cross_border;
  // The statistics dashboard's releases ([R1] item 6): national periods computed on demand and
  // cached, or the hub's stored releases (service/stats/stats_dashboard.h).
  StatsDashboard statistics;
};

}  // namespace haven::service
