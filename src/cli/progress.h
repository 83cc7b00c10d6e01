// Progress of long work on the command line (generate, import, dedupe, link, stats, key rotation):
// on a terminal one bar redrawn in place with the count, the rate and the time left; otherwise
// (a pipe, a log file, CI) a plain line every few seconds, so logs stay readable.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace haven::cli {

struct ProgressOptions {
  std::string what = "items";  // the unit counted, plural: "children", "rows"
  // Force the terminal or the plain style; by default the stream is asked (isatty).
  enum class Style { kAuto, kBar, kLines } style = Style::kAuto;
  std::chrono::milliseconds bar_interval{100};    // redraws of the bar at most this often
  std::chrono::milliseconds line_interval{5000};  // plain lines at most this often
};

// Not thread-safe: call it from the thread doing the work (calls are cheap when nothing is due).
class Progress {
 public:
  // `label` starts each line ("generate"); `total` is what the count reaches when done (0:
  // unknown).
  Progress(std::string label, uint64_t total, std::FILE* out = stderr,
           ProgressOptions options = {});
  ~Progress();  // leaves the terminal on a fresh line if finish() was not called
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Reports the count so far; draws only when the interval has passed.
  void update(uint64_t done);
  // Draws the final state with the elapsed time and the average rate, and ends the line.
  void finish(uint64_t done);
  // Ends the bar's line without claiming completion (before printing an error).
  void abandon();
  // Prints "<label>: <text>" on a line of its own (a step that has no count, like a commit).
  void note(const std::string& text);

  bool is_bar() const { return bar_; }

 private:
  using Clock = std::chrono::steady_clock;
  void draw(uint64_t done, bool final);

  std::string label_;
  uint64_t total_;
  std::FILE* out_;
  ProgressOptions options_;
  bool bar_ = false;
  bool open_line_ = false;  // a bar is on screen without its newline
  uint64_t last_done_ = 0;
  Clock::time_point start_, last_;
};

// "1,234,567" — grouped digits for counts people read.
std::string group_digits(uint64_t n);
// "42 s", "3 min 05 s", "1 h 02 min".
std::string format_duration(double seconds);

}  // namespace haven::cli
