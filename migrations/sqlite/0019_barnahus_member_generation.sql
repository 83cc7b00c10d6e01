-- 0019_barnahus_member_generation (SQLite): a counter that every write of barnahus_members raises.
-- A user's Barnahus invitations are part of every request's principal, and a municipality invited to
-- every Barnahus case of its children has tens of thousands of them: service/access_service.cpp
-- reads and parses them once per value of this counter and shares them until it changes, in every
-- process that shares the database. Triggers raise it, so no code path that writes a member (the
-- Barnahus service, the generator) can forget to.
-- migrations/postgres/0019_barnahus_member_generation.sql has the same in PostgreSQL's dialect.
CREATE TABLE barnahus_member_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO barnahus_member_generation (id, n) VALUES (1, 0);

CREATE TRIGGER barnahus_member_generation_after_insert AFTER INSERT ON barnahus_members BEGIN
  UPDATE barnahus_member_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER barnahus_member_generation_after_update AFTER UPDATE ON barnahus_members BEGIN
  UPDATE barnahus_member_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER barnahus_member_generation_after_delete AFTER DELETE ON barnahus_members BEGIN
  UPDATE barnahus_member_generation SET n = n + 1 WHERE id = 1;
END;
