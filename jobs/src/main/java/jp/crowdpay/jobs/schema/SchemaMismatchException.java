package jp.crowdpay.jobs.schema;

/** The database's schema is not one this command can work on; thrown before anything is touched. */
public class SchemaMismatchException extends RuntimeException {
    SchemaMismatchException(String message) {
        super(message);
    }
}
