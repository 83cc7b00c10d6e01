-- 0023_drop_record_history_by_user: no query reads the history by the user who made a change (it
-- is read by entity and by case, src/store/repositories/record_history_repository.cpp; "what did
-- this user do" is the audit log's actor_id), yet the index cost every history row one more B-tree
-- entry and a `haven generate` of a million children a sort of 12.6 million keys at the end.
-- Measured in docs/PERFORMANCE.md, "Generation (F5)", session 10: 14 % less CPU at a million.
DROP INDEX record_history_by_user;
