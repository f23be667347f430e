package io.liuliang.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a second start on a data directory that is in use into a clear message instead of a stack trace. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other Liuliang first, or give this one its own directory with LIULIANG_DATA_DIR "
                        + "(to run several instances, point them all at one external PostgreSQL with LIULIANG_DB_URL).",
                cause);
    }
}
