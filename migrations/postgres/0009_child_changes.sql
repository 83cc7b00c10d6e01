-- 0009_child_changes (PostgreSQL): every write of a child row, numbered. Each haven process keeps an
-- in-memory name index of the children ([S1], service/search/); it is built at start and then reads
-- the changes after the last one it saw, so processes sharing one database agree on what search
-- finds. Sequence numbers are handed out before commit, so a reader can see seq 11 before a slower
-- transaction commits seq 10: the reader re-reads the gaps it saw until they fill or time out.
-- Triggers write the rows, so no code path that writes a child can forget to.
-- migrations/sqlite/0009_child_changes.sql has the same in SQLite's dialect.
CREATE TABLE child_changes (
  seq        BIGSERIAL PRIMARY KEY,
  child_id   TEXT NOT NULL,
  changed_at BIGINT NOT NULL
);
CREATE INDEX child_changes_by_time ON child_changes (changed_at);

CREATE FUNCTION child_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO child_changes (child_id, changed_at) VALUES (OLD.id, OLD.updated_at);
    RETURN OLD;
  END IF;
  INSERT INTO child_changes (child_id, changed_at) VALUES (NEW.id, NEW.updated_at);
  RETURN NEW;
END;
$$;

CREATE TRIGGER child_changes_after_write AFTER INSERT OR UPDATE OR DELETE ON children
  FOR EACH ROW EXECUTE FUNCTION child_changes_record();

-- Search by birth date alone lists the children born that day (service/search/search_service.h).
CREATE INDEX children_by_birth_date ON children (birth_date);
