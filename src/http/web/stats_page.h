// The statistics dashboard pages ([R1] item 6): GET /stats (pick an indicator and a period; the
// countries side by side, a time series per country, the table behind every chart with each
// cell's disclosure flag, the definition in the reader's language) and GET /stats/download (the
// figures as CSV or XLSX). A national instance shows its own periods, with a Barnahus and a
// case-management view, to those with aggregates.view; the regional hub shows every country's
// stored releases to anyone. Both modes feed one renderer: a list of service::DashboardRelease.
#pragma once

#include <memory>

namespace haven::service {
struct App;
}

namespace haven::http {
class Router;
}

namespace haven::http::web {

class Site;

// National mode: /stats and /stats/download behind sign-in and aggregates.view.
void register_stats_pages(Router& router, std::shared_ptr<Site> site);
// Regional mode (the hub's route table): /static/, the language switch and the public /stats
// pages over the stored releases.
void register_stats_hub_routes(Router& router, service::App& app);

}  // namespace haven::http::web
