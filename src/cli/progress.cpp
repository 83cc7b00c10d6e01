// Drawing the progress bar and the periodic lines. The rate is the average since the start, which
// is steady enough for ETAs of bulk work and needs no smoothing state.
#include "cli/progress.h"

#include <unistd.h>

#include <cinttypes>

namespace haven::cli {

std::string group_digits(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_duration(double seconds) {
  if (seconds < 0) seconds = 0;
  const auto s = static_cast<uint64_t>(seconds + 0.5);
  char buf[48];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 " s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 " min %02" PRIu64 " s", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRIu64 " h %02" PRIu64 " min", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

Progress::Progress(std::string label, uint64_t total, std::FILE* out, ProgressOptions options)
    : label_(std::move(label)), total_(total), out_(out), options_(std::move(options)) {
  switch (options_.style) {
    case ProgressOptions::Style::kBar:
      bar_ = true;
      break;
    case ProgressOptions::Style::kLines:
      bar_ = false;
      break;
    case ProgressOptions::Style::kAuto:
      bar_ = isatty(fileno(out_)) != 0;
      break;
  }
  start_ = last_ = Clock::now();
}

Progress::~Progress() {
  abandon();
}

void Progress::update(uint64_t done) {
  const auto now = Clock::now();
  if (now - last_ < (bar_ ? options_.bar_interval : options_.line_interval)) return;
  last_ = now;
  draw(done, false);
}

void Progress::finish(uint64_t done) {
  draw(done, true);
}

void Progress::abandon() {
  if (open_line_) {
    std::fputc('\n', out_);
    std::fflush(out_);
    open_line_ = false;
  }
}

void Progress::note(const std::string& text) {
  if (bar_) draw(last_done_, false);  // the bar as it stands, then its line ends
  abandon();
  std::fprintf(out_, "%s: %s\n", label_.c_str(), text.c_str());
  std::fflush(out_);
}

void Progress::draw(uint64_t done, bool final) {
  last_done_ = done;
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const bool known = total_ > 0;
  const double fraction =
      known ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total_)) : 0;
  const std::string rate_str =
      group_digits(static_cast<uint64_t>(rate)) + " " + options_.what + "/s";
  std::string eta;
  if (final) {
    eta = "done in " + format_duration(elapsed);
  } else if (known && rate > 0) {
    eta = format_duration(static_cast<double>(total_ - std::min(done, total_)) / rate) + " left";
  }
  const std::string count =
      known ? group_digits(done) + "/" + group_digits(total_) : group_digits(done);
  if (bar_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '-');
    // \r back to the start, \033[K clears what a longer earlier line left behind.
    std::fprintf(out_, "\r%s [%s] %3.0f%% %s %s, %s, %s\033[K", label_.c_str(), bar.c_str(),
                 fraction * 100, count.c_str(), options_.what.c_str(), rate_str.c_str(),
                 eta.c_str());
    open_line_ = !final;
    if (final) std::fputc('\n', out_);
  } else {
    if (known) {
      std::fprintf(out_, "%s: %s %s (%.0f%%), %s, %s\n", label_.c_str(), count.c_str(),
                   options_.what.c_str(), fraction * 100, rate_str.c_str(), eta.c_str());
    } else {
      std::fprintf(out_, "%s: %s %s, %s%s%s\n", label_.c_str(), count.c_str(),
                   options_.what.c_str(), rate_str.c_str(), eta.empty() ? "" : ", ", eta.c_str());
    }
  }
  std::fflush(out_);
}

}  // namespace haven::cli
