package io.liuliang.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import io.liuliang.ingest.ImportFileException.Problem;

/**
 * Streams the first sheet of an xlsx workbook with fastexcel-reader. Cells become the strings a person sees:
 * text as is, numbers in plain notation (15 significant digits, like Excel), date-formatted numbers as ISO local
 * date-times ({@code 2024-06-18T20:01:02}), booleans as TRUE/FALSE, formulas as their cached result. Rows are padded
 * with empty strings to the header's width, because a workbook does not store trailing empty cells.
 * A gzipped workbook is first decompressed to a temporary file, deleted on {@link #close()}.
 */
final class XlsxRowReader implements RowReader {

    /** A gzipped workbook may not decompress to more than this (a defence against decompression bombs). */
    static final long MAX_DECOMPRESSED_BYTES = 2L * 1024 * 1024 * 1024;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    private final ImportFormat.Xlsx format;
    private final Path temporary;
    private final ReadableWorkbook workbook;
    private final boolean date1904;
    private final Stream<Row> stream;
    private final Iterator<Row> sheetRows;
    private final List<String> header;
    private final long headerRow;
    private final Rows rows = new Rows();
    private long lastRow;

    XlsxRowReader(Path file, ImportFormat.Xlsx format) throws IOException {
        this.format = format;
        Path temp = null;
        ReadableWorkbook book = null;
        Stream<Row> opened = null;
        try {
            Path source = file;
            if (format.gzipped()) {
                temp = decompress(file);
                source = temp;
            }
            try {
                book = new ReadableWorkbook(source.toFile(), new ReadingOptions(true, false));
                opened = book.getFirstSheet().openStream();
            } catch (IOException | RuntimeException e) {
                throw new ImportFileException(Problem.NOT_A_WORKBOOK,
                        "The file is a zip archive but not a readable xlsx workbook: " + e.getMessage(), e);
            }
            this.temporary = temp;
            this.workbook = book;
            this.date1904 = book.isDate1904();
            this.stream = opened;
            this.sheetRows = opened.iterator();
            List<String> first = nextNonBlank(0);
            if (first == null) {
                throw new ImportFileException(Problem.EMPTY, "The first sheet of the workbook is empty.");
            }
            List<String> names = new ArrayList<>(first.size());
            for (String name : first) {
                names.add(DelimitedRowReader.cleanHeaderName(name));
            }
            this.header = List.copyOf(names);
            this.headerRow = lastRow;
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            if (book != null) {
                book.close();
            }
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            throw e;
        }
    }

    private static Path decompress(Path file) throws IOException {
        Path temp = Files.createTempFile("liuliang-import-", ".xlsx");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024);
             OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MAX_DECOMPRESSED_BYTES) {
                    throw new ImportFileException(Problem.UNSUPPORTED_FORMAT,
                            "The gzipped workbook decompresses to more than 2 GiB.");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            if (e instanceof IOException io) {
                throw new ImportFileException(Problem.MALFORMED, "The gzip file is damaged: " + io.getMessage(), io);
            }
            throw e;
        }
        return temp;
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
        return headerRow;
    }

    @Override
    public Iterator<ImportRow> iterator() {
        return rows;
    }

    @Override
    public OptionalDouble progress() {
        return OptionalDouble.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
            workbook.close();
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** The next row with a non-blank cell, as display strings padded to {@code width}; {@code null} at the end. */
    private List<String> nextNonBlank(int width) {
        try {
            while (sheetRows.hasNext()) {
                Row row = sheetRows.next();
                lastRow = row.getRowNum();
                String[] cells = new String[Math.max(width, row.getCellCount())];
                boolean blank = true;
                for (int i = 0; i < cells.length; i++) {
                    String text = i < row.getCellCount() ? display(row.getCell(i)) : "";
                    cells[i] = text;
                    blank &= text.isBlank();
                }
                if (!blank) {
                    return Arrays.asList(cells);
                }
            }
            return null;
        } catch (UncheckedIOException | org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new ImportFileException(Problem.MALFORMED,
                    "The workbook cannot be read after row " + lastRow + ": " + e.getMessage(), e);
        }
    }

    /** What Excel would show for {@code cell}, near enough for importing. */
    String display(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getType();
        switch (type) {
            case EMPTY:
                return "";
            case STRING:
                return cell.getValue() == null ? "" : cell.getValue().toString();
            case BOOLEAN:
                return Boolean.TRUE.equals(cell.getValue()) ? "TRUE" : "FALSE";
            case ERROR:
                return cell.getRawValue() == null ? "" : cell.getRawValue();
            case NUMBER:
            case FORMULA:
            default:
                String raw = cell.getRawValue();
                if (raw == null || raw.isEmpty()) {
                    return "";
                }
                BigDecimal number = number(raw);
                if (number == null) {
                    return raw;
                }
                if (ExcelDateFormats.isDate(cell.getDataFormatId(), cell.getDataFormatString())) {
                    LocalDateTime dateTime = excelDateTime(number, date1904);
                    if (dateTime != null) {
                        return ISO.format(dateTime);
                    }
                }
                return plain(number);
        }
    }

    private static BigDecimal number(String raw) {
        try {
            return new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number as Excel's General format shows it, without exponent: at most 15 significant digits. */
    static String plain(BigDecimal number) {
        BigDecimal rounded = number.round(EXCEL_DIGITS).stripTrailingZeros();
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0);
        }
        return rounded.toPlainString();
    }

    /**
     * Converts an Excel serial date (days since 1900-01-00, or since 1904-01-01) to a local date-time, rounded to
     * the second. Serials before 1900-03-01 account for Excel's fictitious 1900-02-29. Null if out of range.
     */
    static LocalDateTime excelDateTime(BigDecimal serial, boolean date1904) {
        if (serial.signum() < 0 || serial.compareTo(BigDecimal.valueOf(2_958_466)) > 0) {
            return null;
        }
        long days = serial.setScale(0, RoundingMode.FLOOR).longValue();
        long seconds = serial.subtract(BigDecimal.valueOf(days)).multiply(BigDecimal.valueOf(86_400))
                .setScale(0, RoundingMode.HALF_UP).longValue();
        LocalDate base;
        if (date1904) {
            base = LocalDate.of(1904, 1, 1);
        } else if (days < 61) {
            base = LocalDate.of(1899, 12, 31);
        } else {
            base = LocalDate.of(1899, 12, 30);
        }
        return base.plusDays(days).atStartOfDay().plusSeconds(seconds);
    }

    /** The single pass over the data rows. */
    private final class Rows implements Iterator<ImportRow> {

        private List<String> next;
        private long nextRow;

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = nextNonBlank(header.size());
                nextRow = lastRow;
            }
            return next != null;
        }

        @Override
        public ImportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ImportRow row = new ImportRow(nextRow, next);
            next = null;
            return row;
        }
    }
}
