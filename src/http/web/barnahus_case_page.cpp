// The Barnahus case page (GET /barnahus/cases/{id}) and its forms (POST …/{form}): the core
// details and the deadlines, the team (invite a user or an agency with the parts shared with them,
// revoke an invitation), parties, meetings, and one timeline of everything recorded — interviews,
// medical examinations, therapy, court dates, information given, meetings and the police and
// prosecutor records the reader may open — with a form for each. What the reader may not see is
// left out by BarnahusService and only counted. A form with problems comes back with what was typed
// and a message beside each field; a police or prosecutor record opens on its own page
// (GET …/records/{record_id}), which is audited and refused to those it was not shared with.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "domain/barnahus.h"
#include "domain/participation_types.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/barnahus_pages.h"
#include "service/app.h"
#include "service/case_json.h"

namespace haven::http::web::barnahus {

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;
constexpr int kTaskRows = 2;

// What a failed form leaves for the page to show again.
struct Typed {
  std::string form;  // the form's id; "" when none
  Form values;
  std::string body;
  std::vector<FieldMessage> errors;
  std::string notice;
  int status = 200;
};

// Names of agencies and people, from the directory.
struct Names {
  std::map<std::string, std::string> agency;
  std::map<std::string, std::string> person;
  std::map<std::string, std::string> person_agency;
  std::string agency_of(const std::string& id) const {
    auto it = agency.find(id);
    return it == agency.end() ? id : it->second;
  }
  std::string person_of(const std::string& id) const {
    auto it = person.find(id);
    if (it == person.end()) return id;
    auto a = person_agency.find(id);
    return a == person_agency.end() ? it->second : it->second + " (" + agency_of(a->second) + ")";
  }
};

std::string yes_no(const Site& site, const Visitor& v, bool yes) {
  return site.t(v, yes ? "common.yes" : "common.no");
}

mstch::map detail(const Site& site, const Visitor& v, std::string_view key, std::string value) {
  return mstch::map{{"label", site.t(v, key)}, {"value", std::move(value)}};
}

struct Entry {
  std::string day;  // YYYY-MM-DD, for the order
  int order = 0;    // within a day: the order recorded
  mstch::map model;
};

Entry entry(const Site& site, const Visitor& v, const std::string& day, int64_t created,
            std::string_view kind_key, std::string title, mstch::array details) {
  Entry e;
  e.day = day;
  e.order = static_cast<int>(created % 1'000'000'000);
  e.model = mstch::map{{"day", day_text(day, v)},
                       {"kind", site.t(v, kind_key)},
                       {"title", std::move(title)},
                       {"details", std::move(details)},
                       {"record_id", std::string()}};
  return e;
}

std::string opt(const std::optional<std::string>& s) {
  return s.value_or("");
}

mstch::array timeline_entries(const Site& site, const Visitor& v,
                              const service::BarnahusTimeline& t, const Names& names,
                              const std::map<std::string, std::string>& party_names) {
  std::vector<Entry> entries;
  for (const auto& m : t.meetings) {
    std::string present;
    for (const auto& a : service::codes_from_json(m.agencies_present))
      present += (present.empty() ? "" : ", ") + names.agency_of(a);
    mstch::array d{detail(site, v, "barnahus.meeting.agencies_present", present)};
    if (!m.decisions.empty())
      d.push_back(detail(site, v, "barnahus.meeting.decisions", m.decisions));
    auto tasks = nlohmann::json::parse(m.tasks, nullptr, false);
    if (tasks.is_array())
      for (const auto& task : tasks) {
        std::string text =
            names.agency_of(task.value("agency_id", "")) + ": " + task.value("task", "");
        if (task.contains("due_on") && task["due_on"].is_string())
          text += " (" + day_text(task["due_on"].get<std::string>(), v) + ")";
        d.push_back(detail(site, v, "barnahus.meeting.task", text));
      }
    entries.push_back(entry(site, v, m.held_on, m.created_at, "barnahus.timeline.meeting",
                            code_text(site, v, "meeting", m.kind), std::move(d)));
  }
  for (const auto& i : t.interviews) {
    mstch::array d{detail(site, v, "barnahus.interview.interviewer",
                          i.interviewer + (i.interviewer_trained
                                               ? " — " + site.t(v, "barnahus.interview.trained_yes")
                                               : std::string())),
                   detail(site, v, "barnahus.interview.protocol", i.protocol),
                   detail(site, v, "barnahus.interview.recorded", yes_no(site, v, i.recorded)),
                   detail(site, v, "barnahus.interview.place", i.place),
                   detail(site, v, "barnahus.interview.used_in_court",
                          i.used_in_court ? yes_no(site, v, *i.used_in_court != 0)
                                          : site.t(v, "barnahus.unknown"))};
    if (i.repeat_reason)
      d.push_back(detail(site, v, "barnahus.interview.repeat_reason", *i.repeat_reason));
    entries.push_back(entry(
        site, v, i.interviewed_on, i.created_at, "barnahus.timeline.interview",
        site.t(v, "barnahus.interview.number") + " " + std::to_string(i.sequence), std::move(d)));
  }
  for (const auto& e : t.medical_exams) {
    mstch::array d{
        detail(site, v, "barnahus.medical.offered",
               yes_no(site, v, e.offered) +
                   (e.offered_on ? " (" + day_text(*e.offered_on, v) + ")" : std::string())),
        detail(site, v, "barnahus.medical.done", yes_no(site, v, e.done)),
        detail(site, v, "barnahus.medical.acute", yes_no(site, v, e.acute))};
    if (!e.examined_by.empty())
      d.push_back(detail(site, v, "barnahus.medical.examined_by", e.examined_by));
    const std::string day = e.examined_on ? *e.examined_on : opt(e.offered_on);
    entries.push_back(
        entry(site, v, day, e.created_at, "barnahus.timeline.medical",
              site.t(v, e.done ? "barnahus.medical.title_done" : "barnahus.medical.title_offered"),
              std::move(d)));
  }
  for (const auto& th : t.therapy) {
    std::string who = code_text(site, v, "recipient", th.recipient);
    if (th.party_id) {
      auto it = party_names.find(*th.party_id);
      if (it != party_names.end()) who += " — " + it->second;
    }
    mstch::array d{detail(site, v, "barnahus.therapy.recipient", who)};
    if (th.offered_on)
      d.push_back(detail(site, v, "barnahus.therapy.offered_on", day_text(*th.offered_on, v)));
    if (th.started_on)
      d.push_back(detail(site, v, "barnahus.therapy.started_on", day_text(*th.started_on, v)));
    const std::string day = th.started_on ? *th.started_on : opt(th.offered_on);
    entries.push_back(entry(site, v, day, th.created_at, "barnahus.timeline.therapy",
                            code_text(site, v, "therapy", th.service), std::move(d)));
  }
  for (const auto& c : t.court_dates)
    entries.push_back(entry(site, v, c.held_on, c.created_at, "barnahus.timeline.court",
                            code_text(site, v, "court", c.kind),
                            {detail(site, v, "barnahus.court.court", c.court)}));
  for (const auto& i : t.information) {
    std::string to = code_text(site, v, "recipient", i.recipient);
    if (i.party_id) {
      auto it = party_names.find(*i.party_id);
      if (it != party_names.end()) to += " — " + it->second;
    }
    mstch::array d{
        detail(site, v, "barnahus.information.what", i.what),
        detail(site, v, "barnahus.information.recipient", to),
        detail(site, v, "barnahus.information.language", i.language),
        detail(site, v, "barnahus.information.format", site.t(v, "case.format." + i.format))};
    if (!i.given_by.empty())
      d.push_back(detail(site, v, "barnahus.information.given_by", i.given_by));
    entries.push_back(entry(site, v, i.given_on, i.created_at, "barnahus.timeline.information",
                            code_text(site, v, "stage", i.stage), std::move(d)));
  }
  for (const auto& le : t.law_enforcement) {
    Entry e = entry(site, v, le.row.recorded_on, le.row.created_at, "barnahus.timeline.record",
                    code_text(site, v, "record", le.row.kind) + ": " + le.row.title,
                    {detail(site, v, "barnahus.record.agency", names.agency_of(le.row.agency_id))});
    e.model["record_id"] = le.row.id;
    entries.push_back(std::move(e));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.day != b.day ? a.day < b.day : a.order < b.order;
  });
  mstch::array out;
  for (auto& e : entries) out.push_back(std::move(e.model));
  return out;
}

std::optional<core::Date> date_field(const Form& f, const std::string& name) {
  return core::Date::parse(f.get(name));
}

// The fields of every form, with `typed` values when it is the form that failed.
struct Forms {
  const Site& site;
  const Visitor& v;
  const Typed& typed;
  const Form empty;
  const Form& values(const std::string& form) const {
    return typed.form == form ? typed.values : empty;
  }
  std::vector<std::string> boxes(const std::string& form, const std::string& name) const {
    return typed.form == form ? checked_values(typed.body, name) : std::vector<std::string>{};
  }
  mstch::map done(const std::string& form, const std::string& action, std::string_view heading,
                  std::string_view submit, mstch::array fields,
                  std::vector<std::pair<std::string, std::string>> hidden = {}) const {
    attach_errors(fields, form, typed.form == form ? typed.errors : std::vector<FieldMessage>{});
    auto model =
        form_model(site, v, form, action, heading, submit, std::move(fields), std::move(hidden));
    // The invitation and parties stay open; the forms of the timeline fold away until used (or
    // until they come back with problems).
    model["collapsible"] = form != "invite" && form != "party";
    model["open"] = typed.form == form;
    return model;
  }
};

bool is_law_enforcement(const Visitor& v) {
  const auto k = v.who->principal.agency_kind;
  return k == security::AgencyKind::kPolice || k == security::AgencyKind::kProsecutor;
}

void send_case(Site& site, RequestContext& ctx, const Visitor& v, const std::string& id,
               const Typed& typed) {
  const auto actor = actor_of(ctx, v);
  auto t = site.app().barnahus.timeline(actor, id);
  if (!t.ok()) return send_failure(site, ctx, v, t.error());
  auto dir = site.app().barnahus.directory(actor);
  if (!dir.ok()) return send_failure(site, ctx, v, dir.error());
  Names names;
  for (const auto& a : dir->agencies) names.agency[a.id] = a.name;
  for (const auto& p : dir->people) {
    names.person[p.id] = p.name;
    names.person_agency[p.id] = p.agency_id;
  }
  const auto& c = t->barnahus_case;
  const bool coordinator = v.who->principal.role == security::Role::kBarnahusCoordinator &&
                           v.who->principal.agency_id == c.barnahus_agency_id;
  const bool open = c.status == "open";
  const std::string base = "/barnahus/cases/" + c.id;

  Page page;
  page.template_name = "barnahus_case";
  page.title_key = "barnahus.case.title";
  page.status = typed.errors.empty() ? typed.status : 422;
  page.notice = typed.notice;
  page.errors = typed.errors;
  auto& m = page.model;
  m["case_id"] = c.id;
  m["child_name"] = t->child_name.empty() ? site.t(v, "barnahus.unknown") : t->child_name;
  std::string violence;
  for (const auto& code : service::codes_from_json(c.violence_types))
    violence += (violence.empty() ? "" : ", ") + code_text(site, v, "violence", code);
  std::string source = code_text(site, v, "source", c.referred_by);
  if (c.referred_by_agency_id) source += " — " + names.agency_of(*c.referred_by_agency_id);
  m["facts"] = mstch::array{
      detail(site, v, "barnahus.case.referred_at", day_of_ms(c.referred_at, v)),
      detail(site, v, "barnahus.case.referred_by", source),
      detail(site, v, "barnahus.case.violence", violence),
      detail(site, v, "barnahus.case.child_role", code_text(site, v, "role", c.child_role)),
      detail(site, v, "barnahus.case.contact_person", c.contact_person),
      detail(site, v, "barnahus.case.status", code_text(site, v, "status", c.status)),
      detail(site, v, "barnahus.case.barnahus", names.agency_of(c.barnahus_agency_id))};
  m["has_cp_case"] = c.case_id.has_value();
  m["cp_case_id"] = opt(c.case_id);
  mstch::array deadlines;
  for (const auto& d : t->deadlines)
    deadlines.push_back(
        mstch::map{{"step", code_text(site, v, "step", d.step)},
                   {"due", day_text(d.due.due_date().to_string(), v)},
                   {"met", d.met_on ? day_text(d.met_on->to_string(), v) : std::string("—")},
                   {"state", code_text(site, v, "state", d.state)},
                   {"state_class", "state-" + d.state}});
  m["deadlines"] = deadlines;

  // The team.
  mstch::array members;
  std::vector<std::string> member_agencies{c.barnahus_agency_id};
  Pairs share_targets;
  for (const auto& mem : t->members) {
    const bool active = !mem.revoked_at;
    std::string who =
        mem.user_id ? names.person_of(*mem.user_id) : names.agency_of(mem.agency_id.value_or(""));
    std::string parts;
    for (const auto& p : service::codes_from_json(mem.shared_parts))
      parts += (parts.empty() ? "" : ", ") + code_text(site, v, "part", p);
    if (active) {
      const std::string agency =
          mem.user_id ? names.person_agency[*mem.user_id] : mem.agency_id.value_or("");
      if (std::find(member_agencies.begin(), member_agencies.end(), agency) ==
          member_agencies.end())
        member_agencies.push_back(agency);
      share_targets.emplace_back(mem.user_id ? *mem.user_id : mem.agency_id.value_or(""), who);
    }
    members.push_back(mstch::map{
        {"who", who},
        {"kind", site.t(v, mem.user_id ? "barnahus.team.person" : "barnahus.team.agency")},
        {"parts", parts.empty() ? site.t(v, "barnahus.team.core_only") : parts},
        {"invited", day_of_ms(mem.invited_at, v)},
        {"revoked", mem.revoked_at ? day_of_ms(*mem.revoked_at, v) : std::string()},
        {"may_revoke", coordinator && open && active},
        {"member_id", mem.id},
        {"version", std::to_string(mem.version)}});
  }
  m["members"] = members;
  m["has_members"] = !t->members.empty();
  m["is_coordinator"] = coordinator;
  m["is_open"] = open;
  m["version"] = std::to_string(c.version);

  Pairs agencies, people, team_agencies, parties;
  for (const auto& a : dir->agencies) agencies.emplace_back(a.id, a.name);
  for (const auto& p : dir->people) people.emplace_back(p.id, names.person_of(p.id));
  for (const auto& a : member_agencies) team_agencies.emplace_back(a, names.agency_of(a));
  std::map<std::string, std::string> party_names;
  mstch::array party_rows;
  for (const auto& p : t->parties) {
    party_names[p.id] = p.name;
    parties.emplace_back(p.id, p.name + " (" + code_text(site, v, "party", p.role) + ")");
    party_rows.push_back(mstch::map{{"name", p.name},
                                    {"role", code_text(site, v, "party", p.role)},
                                    {"relationship", p.relationship}});
  }
  m["parties"] = party_rows;
  m["has_parties"] = !t->parties.empty();
  m["timeline"] = timeline_entries(site, v, *t, names, party_names);
  m["has_timeline"] = !t->meetings.empty() || !t->interviews.empty() || !t->medical_exams.empty() ||
                      !t->therapy.empty() || !t->court_dates.empty() || !t->information.empty() ||
                      !t->law_enforcement.empty();
  m["withheld"] = std::to_string(t->withheld_records);
  m["has_withheld"] = t->withheld_records > 0;

  if (!open) {
    site.send(ctx, v, std::move(page));
    return;
  }
  Forms f{site, v, typed, Form()};
  const std::string today = core::Date::of(site.app().clock.now()).to_string();
  auto day_or_today = [&](const Form& x, const char* name) {
    return x.has(name) ? x.get(name) : today;
  };
  mstch::array forms;
  if (coordinator) {
    const Form& x = f.values("invite");
    auto user = select_field(site, v, "invite", "user_id", "barnahus.invite.user",
                             id_options(people, {x.get("user_id")}), false);
    set_hint(user, site.t(v, "barnahus.invite.hint"));
    m["invite_form"] =
        f.done("invite", base + "/invite", "barnahus.invite.heading", "barnahus.invite.submit",
               {user,
                select_field(site, v, "invite", "agency_id", "barnahus.invite.agency",
                             id_options(agencies, {x.get("agency_id")}), false),
                checkboxes_field(site, v, "invite", "shared_parts", "barnahus.invite.parts",
                                 code_options(site, v, "part", domain::barnahus_parts(),
                                              f.boxes("invite", "shared_parts")),
                                 false)});
  }
  {
    const Form& x = f.values("party");
    m["party_form"] = f.done(
        "party", base + "/party", "barnahus.party.heading", "barnahus.party.submit",
        {select_field(
             site, v, "party", "role", "barnahus.party.role",
             code_options(site, v, "party", domain::barnahus_party_roles(), {x.get("role")})),
         input_field(site, v, "party", "name", "barnahus.party.name", x.get("name")),
         input_field(site, v, "party", "relationship", "barnahus.party.relationship",
                     x.get("relationship"), "text", false)});
  }
  {
    const Form& x = f.values("meeting");
    mstch::array fields{
        select_field(site, v, "meeting", "kind", "barnahus.meeting.kind",
                     code_options(site, v, "meeting", domain::barnahus_meeting_kinds(),
                                  {x.has("kind") ? x.get("kind") : "planning"})),
        input_field(site, v, "meeting", "held_on", "barnahus.meeting.held_on",
                    day_or_today(x, "held_on"), "date"),
        checkboxes_field(site, v, "meeting", "agencies_present",
                         "barnahus.meeting.agencies_present",
                         id_options(team_agencies, f.boxes("meeting", "agencies_present"))),
        textarea_field(site, v, "meeting", "decisions", "barnahus.meeting.decisions",
                       x.get("decisions"), false)};
    for (int i = 1; i <= kTaskRows; ++i) {
      const std::string n = std::to_string(i);
      fields.push_back(select_field(site, v, "meeting", "task_agency_" + n,
                                    "barnahus.meeting.task_agency",
                                    id_options(team_agencies, {x.get("task_agency_" + n)}), false));
      fields.push_back(input_field(site, v, "meeting", "task_" + n, "barnahus.meeting.task",
                                   x.get("task_" + n), "text", false));
      fields.push_back(input_field(site, v, "meeting", "task_due_" + n, "barnahus.meeting.task_due",
                                   x.get("task_due_" + n), "date", false));
    }
    m["meeting_form"] = f.done("meeting", base + "/meeting", "barnahus.meeting.heading",
                               "barnahus.meeting.submit", std::move(fields));
  }
  {
    const Form& x = f.values("interview");
    const size_t before = t->interviews.size();
    auto reason =
        textarea_field(site, v, "interview", "repeat_reason", "barnahus.interview.repeat_reason",
                       x.get("repeat_reason"), before > 0);
    set_hint(reason, before > 0 ? site.t(v, "barnahus.interview.repeat_hint_needed") + " " +
                                      std::to_string(before + 1) + "."
                                : site.t(v, "barnahus.interview.repeat_hint"));
    m["interview_form"] = f.done(
        "interview", base + "/interview", "barnahus.interview.heading", "barnahus.interview.submit",
        {input_field(site, v, "interview", "interviewed_on", "barnahus.interview.interviewed_on",
                     day_or_today(x, "interviewed_on"), "date"),
         input_field(site, v, "interview", "interviewer", "barnahus.interview.interviewer",
                     x.get("interviewer")),
         checkbox_field(site, v, "interview", "interviewer_trained", "barnahus.interview.trained",
                        x.has("interviewer_trained")),
         input_field(site, v, "interview", "protocol", "barnahus.interview.protocol",
                     x.has("protocol") ? x.get("protocol") : "NICHD"),
         checkbox_field(site, v, "interview", "recorded", "barnahus.interview.recorded_label",
                        x.has("recorded")),
         input_field(site, v, "interview", "place", "barnahus.interview.place", x.get("place")),
         reason});
  }
  {
    const Form& x = f.values("medical");
    m["medical_form"] = f.done(
        "medical", base + "/medical", "barnahus.medical.heading", "barnahus.medical.submit",
        {checkbox_field(site, v, "medical", "offered", "barnahus.medical.offered_label",
                        x.has("offered") || typed.form != "medical"),
         input_field(site, v, "medical", "offered_on", "barnahus.medical.offered_on",
                     x.get("offered_on"), "date", false),
         checkbox_field(site, v, "medical", "done", "barnahus.medical.done_label", x.has("done")),
         input_field(site, v, "medical", "examined_on", "barnahus.medical.examined_on",
                     x.get("examined_on"), "date", false),
         checkbox_field(site, v, "medical", "acute", "barnahus.medical.acute_label",
                        x.has("acute")),
         input_field(site, v, "medical", "examined_by", "barnahus.medical.examined_by",
                     x.get("examined_by"), "text", false)});
  }
  {
    const Form& x = f.values("therapy");
    m["therapy_form"] = f.done(
        "therapy", base + "/therapy", "barnahus.therapy.heading", "barnahus.therapy.submit",
        {select_field(site, v, "therapy", "service", "barnahus.therapy.service",
                      code_options(site, v, "therapy", domain::barnahus_therapy_services(),
                                   {x.get("service")})),
         select_field(site, v, "therapy", "recipient", "barnahus.therapy.recipient",
                      code_options(site, v, "recipient", domain::barnahus_therapy_recipients(),
                                   {x.has("recipient") ? x.get("recipient") : "child"})),
         select_field(site, v, "therapy", "party_id", "barnahus.therapy.party",
                      id_options(parties, {x.get("party_id")}), false),
         input_field(site, v, "therapy", "offered_on", "barnahus.therapy.offered_on",
                     day_or_today(x, "offered_on"), "date", false),
         input_field(site, v, "therapy", "started_on", "barnahus.therapy.started_on",
                     x.get("started_on"), "date", false)});
  }
  {
    const Form& x = f.values("court");
    m["court_form"] = f.done(
        "court", base + "/court", "barnahus.court.heading", "barnahus.court.submit",
        {select_field(
             site, v, "court", "kind", "barnahus.court.kind",
             code_options(site, v, "court", domain::barnahus_court_kinds(), {x.get("kind")})),
         input_field(site, v, "court", "held_on", "barnahus.court.held_on", x.get("held_on"),
                     "date"),
         input_field(site, v, "court", "court", "barnahus.court.court", x.get("court"), "text",
                     false)});
  }
  {
    const Form& x = f.values("information");
    mstch::array formats;
    for (auto fmt : domain::all_information_formats()) {
      const std::string code(domain::to_code(fmt));
      formats.push_back(mstch::map{{"value", code},
                                   {"label", site.t(v, "case.format." + code)},
                                   {"selected", x.get("format") == code}});
    }
    m["information_form"] = f.done(
        "information", base + "/information", "barnahus.information.heading",
        "barnahus.information.submit",
        {input_field(site, v, "information", "given_on", "barnahus.information.given_on",
                     day_or_today(x, "given_on"), "date"),
         select_field(site, v, "information", "stage", "barnahus.information.stage",
                      code_options(site, v, "stage", domain::barnahus_stages(), {x.get("stage")})),
         textarea_field(site, v, "information", "what", "barnahus.information.what", x.get("what")),
         select_field(site, v, "information", "recipient", "barnahus.information.recipient",
                      code_options(site, v, "recipient", domain::barnahus_information_recipients(),
                                   {x.has("recipient") ? x.get("recipient") : "child"})),
         select_field(site, v, "information", "party_id", "barnahus.information.party",
                      id_options(parties, {x.get("party_id")}), false),
         input_field(site, v, "information", "language", "barnahus.information.language",
                     x.has("language") ? x.get("language") : v.lang),
         select_field(site, v, "information", "format", "barnahus.information.format", formats),
         input_field(site, v, "information", "given_by", "barnahus.information.given_by",
                     x.get("given_by"))});
  }
  if (is_law_enforcement(v)) {
    const Form& x = f.values("record");
    m["record_form"] = f.done(
        "record", base + "/record", "barnahus.record.heading", "barnahus.record.submit",
        {select_field(site, v, "record", "kind", "barnahus.record.kind",
                      code_options(site, v, "record", domain::barnahus_law_enforcement_kinds(),
                                   {x.get("kind")})),
         input_field(site, v, "record", "recorded_on", "barnahus.record.recorded_on",
                     day_or_today(x, "recorded_on"), "date"),
         input_field(site, v, "record", "title", "barnahus.record.title", x.get("title")),
         textarea_field(site, v, "record", "body", "barnahus.record.body", x.get("body"))});
    mstch::array shares;
    for (const auto& le : t->law_enforcement) {
      if (le.row.agency_id != v.who->principal.agency_id) continue;
      const std::string form = "share-" + le.row.id;
      shares.push_back(f.done(
          form, base + "/share", "barnahus.record.share_heading", "barnahus.record.share_submit",
          {checkboxes_field(
              site, v, form, "shared_with", "barnahus.record.shared_with",
              id_options(share_targets,
                         typed.form == form ? f.boxes(form, "shared_with") : le.shared_with),
              false)},
          {{"record_id", le.row.id}, {"version", std::to_string(le.row.version)}}));
      auto& last = boost::get<mstch::map>(shares.back());
      last["heading"] = site.t(v, "barnahus.record.share_heading") + " " + le.row.title;
    }
    m["share_forms"] = shares;
  }
  m["has_forms"] = true;
  site.send(ctx, v, std::move(page));
}

// The meeting's tasks fields ("tasks[0].task") are rows of the form ("task_1").
std::string rename_meeting_field(const std::string& field) {
  if (field.rfind("tasks[", 0) != 0) return "";
  const auto close = field.find(']');
  if (close == std::string::npos) return "";
  const std::string row = std::to_string(std::atoi(field.c_str() + 6) + 1);
  const std::string member = close + 2 <= field.size() ? field.substr(close + 2) : "";
  if (member == "agency_id") return "task_agency_" + row;
  if (member == "due_on") return "task_due_" + row;
  return "task_" + row;
}

// One form's POST: its values read into the service's input; the outcome as a redirect or the
// page again with the problems.
void post_form(Site& site, RequestContext& ctx, const Visitor& v, const std::string& id,
               const std::string& form_name, const Form& form) {
  auto& svc = site.app().barnahus;
  const auto actor = actor_of(ctx, v);
  domain::FieldErrors errors;
  std::string section = "section-timeline";
  std::string form_id = form_name;
  std::string (*rename)(const std::string&) = nullptr;
  auto need_date = [&](const char* name) {
    auto d = date_field(form, name);
    if (!d) errors.add(name, "Give a day.");
    return d.value_or(core::Date());
  };
  auto opt_date = [&](const char* name) -> std::optional<core::Date> {
    if (form.get(name).empty()) return std::nullopt;
    auto d = date_field(form, name);
    if (!d) errors.add(name, "Give a day.");
    return d;
  };
  auto version = [&]() -> int64_t {
    try {
      return std::stoll(form.get("version"));
    } catch (const std::exception&) {
      return 0;
    }
  };
  // Runs the service call unless the page found problems, which are told only to someone the
  // service would let do this (a stranger to the case learns nothing from them).
  std::optional<core::Error> failure;
  auto run = [&](auto&& call, security::Action action, security::ResourceKind kind,
                 const std::string& part) {
    if (!errors.empty()) {
      auto allowed = svc.authorize_on_case(actor, id, action, kind, part);
      failure = allowed.ok() ? errors.status("Check the marked fields.").error() : allowed.error();
      return;
    }
    auto done = call();
    if (!done.ok()) failure = done.error();
  };
  using security::Action;
  using security::ResourceKind;
  const auto core_kind = ResourceKind::kBarnahusCase;

  if (form_name == "invite") {
    section = "section-team";
    domain::BarnahusInvite in{form.get("user_id"), form.get("agency_id"),
                              checked_values(ctx.body(), "shared_parts")};
    run([&] { return svc.invite(actor, id, in); }, Action::kInvite, core_kind, "");
  } else if (form_name == "revoke") {
    section = "section-team";
    run([&] { return svc.revoke_invitation(actor, id, form.get("member_id"), version()); },
        Action::kInvite, core_kind, "");
  } else if (form_name == "close") {
    section = "section-case";
    run([&] { return svc.close_case(actor, id, version()); }, Action::kTransition, core_kind, "");
  } else if (form_name == "party") {
    section = "section-parties";
    domain::BarnahusParty p{form.get("role"), form.get("name"), form.get("relationship")};
    run([&] { return svc.add_party(actor, id, p); }, Action::kCreate, core_kind, "");
  } else if (form_name == "meeting") {
    rename = rename_meeting_field;
    domain::BarnahusMeeting mt;
    mt.kind = form.get("kind");
    mt.held_on = need_date("held_on");
    mt.agencies_present = checked_values(ctx.body(), "agencies_present");
    mt.decisions = form.get("decisions");
    for (int i = 1; i <= kTaskRows; ++i) {
      const std::string n = std::to_string(i);
      if (form.get("task_" + n).empty() && form.get("task_agency_" + n).empty()) continue;
      std::optional<core::Date> due;
      if (!form.get("task_due_" + n).empty()) {
        due = core::Date::parse(form.get("task_due_" + n));
        if (!due) errors.add("task_due_" + n, "Give a day.");
      }
      mt.tasks.push_back({form.get("task_agency_" + n), form.get("task_" + n), due});
    }
    run([&] { return svc.record_meeting(actor, id, mt); }, Action::kCreate, core_kind, "");
  } else if (form_name == "interview") {
    domain::ForensicInterview i;
    i.interviewed_on = need_date("interviewed_on");
    i.interviewer = form.get("interviewer");
    i.interviewer_trained = form.has("interviewer_trained");
    i.protocol = form.get("protocol");
    i.recorded = form.has("recorded");
    i.place = form.get("place");
    i.repeat_reason = form.get("repeat_reason");
    run([&] { return svc.record_interview(actor, id, i); }, Action::kCreate, core_kind,
        "interview");
  } else if (form_name == "medical") {
    domain::MedicalExamination e;
    e.offered = form.has("offered");
    e.offered_on = opt_date("offered_on");
    e.done = form.has("done");
    e.examined_on = opt_date("examined_on");
    e.acute = form.has("acute");
    e.examined_by = form.get("examined_by");
    run([&] { return svc.record_medical_exam(actor, id, e); }, Action::kCreate, core_kind,
        "medical");
  } else if (form_name == "therapy") {
    domain::TherapyService th{form.get("service"), form.get("recipient"), form.get("party_id"),
                              opt_date("offered_on"), opt_date("started_on")};
    run([&] { return svc.record_therapy(actor, id, th); }, Action::kCreate, core_kind, "therapy");
  } else if (form_name == "court") {
    domain::CourtDate cd;
    cd.kind = form.get("kind");
    cd.held_on = need_date("held_on");
    cd.court = form.get("court");
    run([&] { return svc.record_court_date(actor, id, cd); }, Action::kCreate, core_kind, "court");
  } else if (form_name == "information") {
    domain::BarnahusInformation in;
    in.given_on = need_date("given_on");
    in.stage = form.get("stage");
    in.what = form.get("what");
    in.language = form.get("language");
    in.format = form.get("format");
    in.recipient = form.get("recipient");
    in.party_id = form.get("party_id");
    in.given_by = form.get("given_by");
    run([&] { return svc.record_information(actor, id, in); }, Action::kCreate, core_kind, "");
  } else if (form_name == "record") {
    section = "section-records";
    domain::LawEnforcementRecord r;
    r.kind = form.get("kind");
    r.recorded_on = need_date("recorded_on");
    r.title = form.get("title");
    r.body = form.get("body");
    run([&] { return svc.record_law_enforcement(actor, id, r); }, Action::kCreate,
        ResourceKind::kBarnahusLawEnforcementRecord, "");
  } else if (form_name == "share") {
    section = "section-records";
    form_id = "share-" + form.get("record_id");
    run(
        [&] {
          return svc.share_law_enforcement(actor, id, form.get("record_id"), version(),
                                           checked_values(ctx.body(), "shared_with"));
        },
        Action::kRead, core_kind, "");
  } else {
    return site.send_message(ctx, v, 404, "barnahus.not_found.title", "barnahus.not_found.message");
  }

  if (!failure)
    return site.redirect(ctx, "/barnahus/cases/" + id + "#" + section, "barnahus.flash.saved");
  Typed typed;
  typed.form = form_id;
  typed.values = form;
  typed.body = std::string(ctx.body());
  switch (failure->code) {
    case core::ErrorCode::kInvalidInput:
      typed.errors = field_messages(site, v, form_id, *failure, rename);
      if (typed.errors.empty()) {
        typed.status = 422;
        typed.notice = site.t(v, "barnahus.error.check");
      }
      break;
    case core::ErrorCode::kForbidden:
      typed.status = 403;
      typed.notice = site.t(v, "barnahus.error.forbidden");
      break;
    case core::ErrorCode::kConflict:
      typed.status = 409;
      typed.notice = site.t(v, "barnahus.conflict.message");
      break;
    default:
      return send_failure(site, ctx, v, *failure);
  }
  send_case(site, ctx, v, id, typed);
}

void send_record(Site& site, RequestContext& ctx, const Visitor& v, const std::string& id,
                 const std::string& record_id) {
  const auto actor = actor_of(ctx, v);
  auto r = site.app().barnahus.law_enforcement_record(actor, id, record_id);
  if (!r.ok()) {
    if (r.error().code == core::ErrorCode::kForbidden)
      return site.send_message(ctx, v, 403, "barnahus.record.refused_title",
                               "barnahus.record.refused");
    return send_failure(site, ctx, v, r.error());
  }
  auto dir = site.app().barnahus.directory(actor);
  Names names;
  if (dir.ok()) {
    for (const auto& a : dir->agencies) names.agency[a.id] = a.name;
    for (const auto& p : dir->people) {
      names.person[p.id] = p.name;
      names.person_agency[p.id] = p.agency_id;
    }
  }
  std::string shared;
  for (const auto& s : r->shared_with) {
    const std::string who = names.person.count(s) ? names.person_of(s) : names.agency_of(s);
    shared += (shared.empty() ? "" : ", ") + who;
  }
  Page page;
  page.template_name = "barnahus_record";
  page.title_key = "barnahus.record.page_title";
  auto& m = page.model;
  m["case_id"] = id;
  m["record_title"] = r->row.title;
  m["body"] = r->body;
  m["facts"] = mstch::array{
      detail(site, v, "barnahus.record.kind", code_text(site, v, "record", r->row.kind)),
      detail(site, v, "barnahus.record.recorded_on", day_text(r->row.recorded_on, v)),
      detail(site, v, "barnahus.record.agency", names.agency_of(r->row.agency_id)),
      detail(site, v, "barnahus.record.shared_with",
             shared.empty() ? site.t(v, "barnahus.record.shared_nobody") : shared)};
  site.send(ctx, v, std::move(page));
}

}  // namespace

void register_case_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/barnahus/cases/{barnahus_case_id}", "barnahusCasePage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    send_case(*site, ctx, *v, std::string(ctx.param("barnahus_case_id")), Typed{});
  });

  router.post("/barnahus/cases/{barnahus_case_id}/{form}", "barnahusCaseForm",
              [site](RequestContext& ctx) {
                auto v = site->require_signed_in(ctx);
                if (!v) return;
                Form form = Form::parse(ctx.body());
                if (!site->check_csrf(ctx, *v, form)) return;
                post_form(*site, ctx, *v, std::string(ctx.param("barnahus_case_id")),
                          std::string(ctx.param("form")), form);
              });

  router.get("/barnahus/cases/{barnahus_case_id}/records/{record_id}", "barnahusRecordPage",
             [site](RequestContext& ctx) {
               auto v = site->require_signed_in(ctx);
               if (!v) return;
               send_record(*site, ctx, *v, std::string(ctx.param("barnahus_case_id")),
                           std::string(ctx.param("record_id")));
             });
}

}  // namespace haven::http::web::barnahus
