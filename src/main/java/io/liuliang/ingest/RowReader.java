package io.liuliang.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Streams the rows of an uploaded file in bounded memory: the header first, then each data row once, in order.
 * Text is read with FastCSV, xlsx with fastexcel-reader (first sheet only). Blank rows are skipped; ragged rows are
 * returned as they are, for the validator to report.
 * <p>
 * Not thread-safe, and single-pass: {@link #iterator()} continues where the previous one stopped. Iteration throws
 * {@link ImportFileException} ({@code MALFORMED}) if the file turns out to be broken further on.
 */
sealed interface RowReader extends AutoCloseable, Iterable<ImportRow> permits DelimitedRowReader, XlsxRowReader {

    /**
     * Sniffs {@code file} and opens it, reading as far as the header.
     *
     * @throws ImportFileException if the file is empty, has no header, or is of a format we do not read
     */
    static RowReader open(Path file) throws IOException {
        return open(file, ImportFormat.detect(file));
    }

    /** Opens {@code file} as {@code format} (as detected earlier, or chosen by the user), reading the header. */
    static RowReader open(Path file, ImportFormat format) throws IOException {
        if (format instanceof ImportFormat.DelimitedText text) {
            return new DelimitedRowReader(file, text);
        }
        return new XlsxRowReader(file, (ImportFormat.Xlsx) format);
    }

    ImportFormat format();

    /** The header's column names, trimmed and without byte-order marks, in column order. */
    List<String> header();

    /** Where the header is: the physical line for text, the row number for xlsx. */
    long headerLineNumber();

    /** The data rows not yet read. */
    @Override
    Iterator<ImportRow> iterator();

    /**
     * How much of the uploaded file has been consumed, from 0 to 1, for a progress bar; empty when unknown
     * (xlsx, whose parts are read out of order).
     */
    OptionalDouble progress();

    @Override
    void close() throws IOException;
}
