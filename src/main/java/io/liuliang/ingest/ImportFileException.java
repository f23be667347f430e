package io.liuliang.ingest;

/**
 * An uploaded file that cannot be read as a table at all (as opposed to a bad row, which is reported and skipped):
 * what is wrong, as a stable {@link Problem}, and a message fit to show the merchant.
 */
final class ImportFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a file cannot be read. */
    enum Problem {
        /** The file has no bytes, or no non-blank line or row to serve as the header. */
        EMPTY,
        /** A format we do not read: legacy .xls, an HTML page saved as .xls, nested gzip, binary data. */
        UNSUPPORTED_FORMAT,
        /** A zip archive that is not an xlsx workbook, or a workbook without sheets. */
        NOT_A_WORKBOOK,
        /** Broken structure: an unterminated quoted field, a truncated gzip stream, a damaged workbook. */
        MALFORMED
    }

    private final Problem problem;

    ImportFileException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    ImportFileException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
