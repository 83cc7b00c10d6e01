# Compiles web/templates, web/static and web/i18n into haven_http, so a deployed haven serves its
# pages without reading files from disk (as migrations are embedded into haven_store). Include from
# src/CMakeLists.txt after `haven_layer(http …)`. An edited file regenerates the source at build
# time; an added or removed file is seen through the CONFIGURE_DEPENDS glob.
if(TARGET haven_http_web_files)
  return()
endif()

set(_haven_web_dir ${PROJECT_SOURCE_DIR}/web)
file(GLOB_RECURSE _haven_web_files CONFIGURE_DEPENDS
  ${_haven_web_dir}/templates/*.mustache ${_haven_web_dir}/static/*.css ${_haven_web_dir}/static/*.js
  ${_haven_web_dir}/static/*.svg ${_haven_web_dir}/i18n/*.json)
list(SORT _haven_web_files)
string(REPLACE ";" "|" _haven_web_arg "${_haven_web_files}")
set(_haven_web_cpp ${PROJECT_BINARY_DIR}/generated/http/embedded_web.cpp)

add_custom_command(
  OUTPUT ${_haven_web_cpp}
  COMMAND ${CMAKE_COMMAND} "-DFILES=${_haven_web_arg}" -DROOT=${_haven_web_dir}
          -DOUTPUT=${_haven_web_cpp} -P ${CMAKE_CURRENT_LIST_DIR}/embed_web.cmake
  DEPENDS ${_haven_web_files} ${CMAKE_CURRENT_LIST_DIR}/embed_web.cmake
  COMMENT "Embedding web templates, static files and catalogs"
  VERBATIM)
add_custom_target(haven_http_web_files DEPENDS ${_haven_web_cpp})
target_sources(haven_http PRIVATE ${_haven_web_cpp})
add_dependencies(haven_http haven_http_web_files)
