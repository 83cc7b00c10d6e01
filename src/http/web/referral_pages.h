// The cross-border pages ([X1], docs/EXCHANGE.md): the list of transnational referrals (outgoing
// and incoming), the draft form per request type, a referral with exactly what leaves the country
// and the actions its status allows (approve, send, acknowledge, answer, …), and the contact
// points' linkage review queue. All through CrossBorderReferralService, as the JSON API.
#pragma once

#include <memory>

namespace haven::http {
class Router;
}

namespace haven::http::web {

class Site;

// GET /cross-border, GET/POST /cross-border/new, GET/POST /cross-border/review,
// GET/POST /cross-border/{referral_id}.
void register_referral_pages(Router& router, std::shared_ptr<Site> site);

}  // namespace haven::http::web
