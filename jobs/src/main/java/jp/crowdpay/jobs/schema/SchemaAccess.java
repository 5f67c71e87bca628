package jp.crowdpay.jobs.schema;

/** What a command may do to the database schema at start. */
public enum SchemaAccess {
    /** The command writes: it brings the database to the program's schema first. */
    MIGRATE,
    /** The command only reads: it needs the program's schema as it is and never changes it. */
    READ_ONLY
}
