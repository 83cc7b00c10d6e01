-- 0005_user_language (PostgreSQL): when a user chose the language of their pages. users.language (from
-- 0001, default 'en') holds the choice, one of web/i18n/<code>.json; until language_chosen_at is set
-- the default is not a choice, and the pages follow the browser's Accept-Language instead.
-- migrations/sqlite/0005_user_language.sql is the same; change both together.
ALTER TABLE users ADD COLUMN language_chosen_at BIGINT;
