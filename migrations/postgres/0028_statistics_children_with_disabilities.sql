-- 0028_statistics_children_with_disabilities: the children with a disability recorded, by id, for
-- the statistics (src/service/stats/case_data_queries.cpp, ChildAttributes::read). The release
-- reads every child's age and sex once from children_stats; whether a disability is recorded is
-- in the table row alone (disabilities_ct, a ciphertext), so the two sources that need it —
-- children with disabilities receiving support, and children in care by disability — each looked
-- the children up in the table, about 30,000 row reads at a million children. Now the release
-- reads this index once (86,000 entries at a million children) and knows every child's answer.
-- Same keys as the SQLite migration. One index entry per child with a disability recorded.
CREATE INDEX children_with_disabilities ON children (id) WHERE disabilities_ct IS NOT NULL;
