-- Rate-limit counters need no crash safety (a crash resets the current windows), and their commits need not wait for
-- the WAL flush: a transaction that writes only unlogged tables commits without one. Logged, every public submission
-- paid two flushes for its counters, and the per-link counter's row lock was held through each of them, so one
-- link's submissions queued behind each other's flushes (bench: the top wait of one tenant's run, IO:WALSync on
-- rate_limits). The evidence itself (events, contacts, outbox) stays logged and flushed before any answer.
ALTER TABLE "rate_limits" SET UNLOGGED;
