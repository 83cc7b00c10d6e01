-- 0019_barnahus_member_generation (PostgreSQL): a counter that every write of barnahus_members
-- raises. A user's Barnahus invitations are part of every request's principal, and a municipality
-- invited to every Barnahus case of its children has tens of thousands of them:
-- service/access_service.cpp reads and parses them once per value of this counter and shares them
-- until it changes, in every process that shares the database. A statement trigger raises it, so no
-- code path that writes a member (the Barnahus service, the generator's COPY) can forget to.
-- migrations/sqlite/0019_barnahus_member_generation.sql has the same in SQLite's dialect.
CREATE TABLE barnahus_member_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  BIGINT NOT NULL
);
INSERT INTO barnahus_member_generation (id, n) VALUES (1, 0);

CREATE FUNCTION barnahus_member_generation_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE barnahus_member_generation SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER barnahus_member_generation_after_write
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON barnahus_members
  FOR EACH STATEMENT EXECUTE FUNCTION barnahus_member_generation_raise();
