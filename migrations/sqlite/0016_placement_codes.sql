-- 0016_placement_codes (SQLite): why a child entered care and where the child went, as codes the
-- statistics count (reasons for entering care, exits by destination; domain/placement_types.h). The
-- free-text reason and end_reason stay as the narrative beside them. Rows written before this
-- migration have no codes: no entry reasons and a NULL destination.
ALTER TABLE placements ADD COLUMN exit_destination TEXT;

-- One row per reason a placement gives (one or more), written with the placement.
CREATE TABLE placement_entry_reasons (
  placement_id TEXT NOT NULL REFERENCES placements (id),
  reason       TEXT NOT NULL,
  PRIMARY KEY (placement_id, reason)
) STRICT;
