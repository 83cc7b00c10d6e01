-- 0009_child_changes (SQLite): every write of a child row, numbered in commit order. Each haven
-- process keeps an in-memory name index of the children ([S1], service/search/); it is built at start
-- and then reads the changes after the last one it saw, so processes sharing one database agree on
-- what search finds. Triggers write the rows, so no code path that writes a child (intake, import,
-- transfer, merge, the generator) can forget to. Old rows are swept (service/maintenance.h).
-- migrations/postgres/0009_child_changes.sql has the same in PostgreSQL's dialect.
CREATE TABLE child_changes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  child_id   TEXT NOT NULL,
  changed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX child_changes_by_time ON child_changes (changed_at);

CREATE TRIGGER child_changes_after_insert AFTER INSERT ON children BEGIN
  INSERT INTO child_changes (child_id, changed_at) VALUES (NEW.id, NEW.updated_at);
END;
CREATE TRIGGER child_changes_after_update AFTER UPDATE ON children BEGIN
  INSERT INTO child_changes (child_id, changed_at) VALUES (NEW.id, NEW.updated_at);
END;
CREATE TRIGGER child_changes_after_delete AFTER DELETE ON children BEGIN
  INSERT INTO child_changes (child_id, changed_at) VALUES (OLD.id, OLD.updated_at);
END;

-- Search by birth date alone lists the children born that day (service/search/search_service.h).
CREATE INDEX children_by_birth_date ON children (birth_date);
