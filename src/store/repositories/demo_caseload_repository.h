// The SQL behind the demo caseload (DemoService::assign_caseload): choosing open generated cases of
// an agency by status, handing them to a demo caseworker and the demo team, and putting the demo
// users' ids where the generator wrote its placeholder authors. Only a demo database runs it. No
// rules here; every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

class DemoCaseloadRepository {
 public:
  // Open, unrestricted, unassigned cases of `agency_id` in `status`: the `oldest` longest open and
  // the `newest` most recently opened (ids, each group in opening order, no id twice).
  static std::vector<std::string> pick_unassigned(Tx& tx, const std::string& agency_id,
                                                  const std::string& status, int oldest,
                                                  int newest);
  // Cases of `worker_id` (any status).
  static int64_t count_assigned(Tx& tx, const std::string& worker_id);
  // Assigns the case to the worker and team, as an assignment would (version raised).
  static void assign(Tx& tx, const std::string& case_id, const std::string& worker_id,
                     const std::string& team_id, int64_t now);
  // In the records of `case_id`, every author column that names `placeholder` names `user_id`
  // instead (the generator's "generated-caseworker" → the demo caseworker's id).
  static void replace_author(Tx& tx, const std::string& case_id, const std::string& placeholder,
                             const std::string& user_id);
  // The case's latest plan, if it is a draft or submitted: submitted now by `worker_id` on `day`,
  // so it waits for a supervisor's approval. False if the case has no such plan.
  static bool submit_latest_plan(Tx& tx, const std::string& case_id, const std::string& worker_id,
                                 const std::string& day, int64_t now);
};

}  // namespace haven::store
