package io.liuliang.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.zip.GZIPInputStream;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.liuliang.ingest.ImportFileException.Problem;

/**
 * Reads delimited text (CSV, TSV, semicolon-separated) with FastCSV, decoding it in the sniffed charset and
 * decompressing gzip on the fly. Lenient where real exports are sloppy (rows of different lengths, quotes inside
 * unquoted fields), strict where guessing would corrupt data (an unterminated quoted field, text after a closing
 * quote): those fail the file with the line concerned.
 */
final class DelimitedRowReader implements RowReader {

    private static final int BUFFER = 64 * 1024;

    private final ImportFormat.DelimitedText format;
    private final CountingInputStream counted;
    private final long size;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> records;
    private final List<String> header;
    private final long headerLine;
    private final Rows rows = new Rows();
    private long lastLine;

    DelimitedRowReader(Path file, ImportFormat.DelimitedText format) throws IOException {
        this.format = format;
        this.size = Files.size(file);
        this.counted = new CountingInputStream(Files.newInputStream(file));
        try {
            InputStream content = format.gzipped()
                    ? new GZIPInputStream(counted, BUFFER)
                    : new BufferedInputStream(counted, BUFFER);
            content.readNBytes(format.bomLength());
            this.csv = CsvReader.builder()
                    .fieldSeparator(format.delimiter())
                    .quoteCharacter('"')
                    .commentStrategy(CommentStrategy.NONE)
                    .skipEmptyLines(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .allowUnclosedQuote(false)
                    .detectBomHeader(false)
                    .ofCsvRecord(new InputStreamReader(content, format.charset()));
            this.records = csv.iterator();
            CsvRecord first = nextNonBlank();
            if (first == null) {
                throw new ImportFileException(Problem.EMPTY, "The file has no header line.");
            }
            List<String> names = new ArrayList<>(first.getFieldCount());
            for (String name : first.getFields()) {
                names.add(cleanHeaderName(name));
            }
            this.header = List.copyOf(names);
            this.headerLine = first.getStartingLineNumber();
        } catch (IOException | RuntimeException e) {
            counted.close();
            throw e;
        }
    }

    /** A header cell without byte-order marks and surrounding white space. */
    static String cleanHeaderName(String name) {
        return name.replace("\uFEFF", "").strip();
    }

    @Override
    public ImportFormat format() {
        return format;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public long headerLineNumber() {
        return headerLine;
    }

    @Override
    public Iterator<ImportRow> iterator() {
        return rows;
    }

    @Override
    public OptionalDouble progress() {
        return OptionalDouble.of(size == 0 ? 1.0 : Math.min(1.0, (double) counted.count / size));
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private CsvRecord nextNonBlank() {
        try {
            while (records.hasNext()) {
                CsvRecord record = records.next();
                lastLine = record.getStartingLineNumber();
                if (!isBlank(record)) {
                    return record;
                }
            }
            return null;
        } catch (CsvParseException e) {
            throw new ImportFileException(Problem.MALFORMED, "The file cannot be parsed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ImportFileException(Problem.MALFORMED,
                    "The file cannot be read after line " + lastLine + ": " + e.getCause().getMessage(), e);
        }
    }

    private static boolean isBlank(CsvRecord record) {
        for (int i = 0, n = record.getFieldCount(); i < n; i++) {
            if (!record.getField(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The single pass over the data rows. */
    private final class Rows implements Iterator<ImportRow> {

        private CsvRecord next;

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = nextNonBlank();
            }
            return next != null;
        }

        @Override
        public ImportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CsvRecord record = next;
            next = null;
            return new ImportRow(record.getStartingLineNumber(), record.getFields());
        }
    }

    /** Counts the bytes read from the uploaded file, compressed or not, for progress. */
    private static final class CountingInputStream extends FilterInputStream {

        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
