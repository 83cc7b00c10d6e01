# Compiler flags shared by every haven target: warnings (errors in CI) and the optional sanitizers.
add_library(haven_options INTERFACE)
target_compile_options(haven_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(HAVEN_WERROR)
  target_compile_options(haven_options INTERFACE -Werror)
endif()
if(HAVEN_SANITIZE)
  target_compile_options(haven_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(haven_options INTERFACE -fsanitize=address,undefined)
endif()
