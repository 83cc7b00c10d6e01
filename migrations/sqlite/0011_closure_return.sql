-- 0011_closure_return (SQLite): a supervisor may send a closure request back to the worker with a comment
-- (the lifecycle's return_closure). The closure row keeps the latest return — who, when and what to
-- change — so the worker reads it on the case page; record_history keeps every return.
ALTER TABLE case_closures ADD COLUMN returned_by TEXT;
ALTER TABLE case_closures ADD COLUMN returned_on TEXT;
ALTER TABLE case_closures ADD COLUMN return_comment TEXT;
