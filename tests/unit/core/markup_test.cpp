// Text written into HTML and SVG cannot open a tag, close an attribute or start an entity.
#include "core/markup.h"

#include <gtest/gtest.h>

namespace haven::core {
namespace {

TEST(Markup, CharactersWithAMeaningInMarkupBecomeEntities) {
  EXPECT_EQ(escape_markup(R"(<script>alert("x" & 'y')</script>)"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
}

TEST(Markup, NamesInAnyScriptAreCopiedAsTyped) {
  EXPECT_EQ(escape_markup("Ščerbakovs · Щербаков · Kazlauskienė"),
            "Ščerbakovs · Щербаков · Kazlauskienė");
  EXPECT_EQ(escape_markup(""), "");
}

TEST(Markup, AppendingKeepsWhatIsAlreadyThere) {
  std::string out = "<b>";
  append_markup_escaped(out, "a<b");
  EXPECT_EQ(out, "<b>a&lt;b");
}

}  // namespace
}  // namespace haven::core
