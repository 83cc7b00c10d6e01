# Compiles migrations/<backend>/NNNN_name.sql into haven_store, so the binary carries the schema it
# expects. Include from src/CMakeLists.txt after `haven_layer(store …)`:
#   include(store/EmbedMigrations.cmake)
# An edited .sql regenerates the source at build time (add_custom_command DEPENDS); an added or
# removed file is seen through the CONFIGURE_DEPENDS glob and changes the command, which reruns it.
if(TARGET haven_store_migrations)
  return()
endif()

set(_haven_migrations_dir ${PROJECT_SOURCE_DIR}/migrations)
file(GLOB _haven_migration_files CONFIGURE_DEPENDS
  ${_haven_migrations_dir}/sqlite/*.sql ${_haven_migrations_dir}/postgres/*.sql)
list(SORT _haven_migration_files)
# "|" rather than ";" so the list survives as one -D argument.
string(REPLACE ";" "|" _haven_migration_arg "${_haven_migration_files}")
set(_haven_migrations_cpp ${PROJECT_BINARY_DIR}/generated/store/embedded_migrations.cpp)

add_custom_command(
  OUTPUT ${_haven_migrations_cpp}
  COMMAND ${CMAKE_COMMAND} "-DFILES=${_haven_migration_arg}" -DOUTPUT=${_haven_migrations_cpp}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_migrations.cmake
  DEPENDS ${_haven_migration_files} ${CMAKE_CURRENT_LIST_DIR}/embed_migrations.cmake
  COMMENT "Embedding schema migrations"
  VERBATIM)
# The custom target lets this file be included from any directory, not only the one that made
# haven_store (a custom command's rule is otherwise attached only to targets of its own directory).
add_custom_target(haven_store_migrations DEPENDS ${_haven_migrations_cpp})
target_sources(haven_store PRIVATE ${_haven_migrations_cpp})
add_dependencies(haven_store haven_store_migrations)
