/**
 * The PostgreSQL dialect, the production store: a HikariCP pool, its own idempotent DDL with the
 * DuckDB schema's table and column names (plus primary keys), and bulk loading by {@code COPY …
 * FROM STDIN}. The shared SQL of the store and the engine runs on it unchanged; a full refresh is
 * computed in a scratch DuckDB by default and copied in ({@code DuckDbRefreshRoute}, ADR 0027).
 */
package dk.goalattainment.connector.store.postgres;
