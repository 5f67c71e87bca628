package jp.crowdpay.jobs.schema;

/** What a command may do to the database schema at start. */
public enum SchemaAccess {
    /** {@code migrate}: brings the database to the program's schema, the only command that changes it. */
    MIGRATE,
    /** {@code migrate --dry-run}: reads the migration history, changes nothing. */
    INSPECT,
    /** Every other command: needs the program's schema, fully applied, and never changes it. */
    CURRENT,
    /** {@code benchmark}: the configured database is only the server it creates databases of its own on. */
    NONE
}
