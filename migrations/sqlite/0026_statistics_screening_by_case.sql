-- 0026_statistics_screening_by_case: the statistics' screening source (src/service/stats/
-- case_data_queries.cpp) reads a period's screening decisions in case order, so that the look-ups
-- of their cases walk cases_screening_stats from one end to the other. It read them by day
-- (screening_decisions_by_day, 0017) and sorted them into case order: at a million children that
-- sort of 250,000 rows was 0.8 s of the source's 0.9 s of CPU. Reading every decision from an
-- index in case order and keeping the period's costs 0.1 s; the by-day index had no other reader
-- and goes. Measured in docs/PERFORMANCE.md, "Regional statistics: screening decisions in case
-- order from an index (session 17)". Led by case_id, so the generator's bulk load keeps it live
-- (the by-day index was built after the load). Still one index entry per decision.
DROP INDEX IF EXISTS screening_decisions_by_day;
CREATE INDEX IF NOT EXISTS screening_decisions_stats ON screening_decisions (case_id, decided_on);
