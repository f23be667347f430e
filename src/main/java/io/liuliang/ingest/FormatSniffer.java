package io.liuliang.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.liuliang.ingest.ImportFileException.Problem;

/**
 * Tells an {@link ImportFormat} from the first bytes of a file: gzip (then the decompressed content is sniffed
 * again), xlsx (a zip archive), or delimited text, whose charset and delimiter it also works out.
 */
final class FormatSniffer {

    /** How much of the (decompressed) content is looked at to choose the charset and the delimiter. */
    static final int SNIFF_BYTES = 64 * 1024;

    /** GB18030 is a superset of GBK and GB2312, which is what Chinese Excel and platform exports use. */
    static final Charset GB18030 = Charset.forName("GB18030");

    private FormatSniffer() {
    }

    static ImportFormat sniff(Path file) throws IOException {
        Head head;
        try (InputStream in = Files.newInputStream(file)) {
            head = Head.read(in);
        }
        if (head.length() == 0) {
            throw new ImportFileException(Problem.EMPTY, "The file is empty.");
        }
        if (!isGzip(head.bytes(), head.length())) {
            return sniff(head, false);
        }
        Head inner;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), SNIFF_BYTES)) {
            inner = Head.read(in);
        } catch (IOException e) {
            throw new ImportFileException(Problem.MALFORMED, "The gzip file is damaged: " + e.getMessage(), e);
        }
        if (inner.length() == 0) {
            throw new ImportFileException(Problem.EMPTY, "The gzip file contains nothing.");
        }
        if (isGzip(inner.bytes(), inner.length())) {
            throw new ImportFileException(Problem.UNSUPPORTED_FORMAT,
                    "The file is compressed twice with gzip; decompress it once and upload it again.");
        }
        return sniff(inner, true);
    }

    /** Sniffs content already known not to be gzip. */
    static ImportFormat sniff(Head head, boolean gzipped) {
        byte[] b = head.bytes();
        int n = head.length();
        if (startsWith(b, n, 0x50, 0x4B, 0x03, 0x04)) {
            return new ImportFormat.Xlsx(gzipped);
        }
        if (startsWith(b, n, 0x50, 0x4B, 0x05, 0x06)) {
            throw new ImportFileException(Problem.NOT_A_WORKBOOK, "The file is an empty zip archive.");
        }
        if (startsWith(b, n, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw new ImportFileException(Problem.UNSUPPORTED_FORMAT,
                    "The file is a legacy Excel 97-2003 (.xls) workbook or an encrypted workbook; "
                            + "open it in Excel or WPS and save it as .xlsx or CSV.");
        }
        Charset charset;
        int bom;
        if (startsWith(b, n, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(b, n, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (startsWith(b, n, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else {
            bom = 0;
            if (containsNul(b, n)) {
                throw new ImportFileException(Problem.UNSUPPORTED_FORMAT,
                        "The file is binary data, not a CSV, text or xlsx export.");
            }
            charset = isUtf8(b, 0, n, head.complete()) ? StandardCharsets.UTF_8 : GB18030;
        }
        String text = new String(b, bom, n - bom, charset);
        String firstLine = firstNonBlankLine(text);
        if (firstLine.isEmpty()) {
            throw new ImportFileException(Problem.EMPTY, "The file has no header line.");
        }
        String lower = firstLine.stripLeading().toLowerCase(Locale.ROOT);
        if (lower.startsWith("<html") || lower.startsWith("<!doctype") || lower.startsWith("<table")
                || lower.startsWith("<?xml")) {
            throw new ImportFileException(Problem.UNSUPPORTED_FORMAT,
                    "The file is a web page or XML saved with a spreadsheet name; "
                            + "open it in Excel or WPS and save it as .xlsx or CSV.");
        }
        return new ImportFormat.DelimitedText(charset, bom, delimiter(firstLine), gzipped);
    }

    /**
     * Whether {@code len} bytes decode as strict UTF-8. When the buffer is not the whole content
     * ({@code complete == false}), a multi-byte sequence cut by the buffer's end is not an error.
     */
    static boolean isUtf8(byte[] bytes, int offset, int len, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(len + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, offset, len), out, complete);
        if (result.isError()) {
            return false;
        }
        if (complete) {
            return !decoder.flush(out).isError();
        }
        return true;
    }

    /** The delimiter that occurs most outside quotes in {@code line}: comma, tab or semicolon (comma on a tie). */
    static char delimiter(String line) {
        int commas = 0;
        int tabs = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case '\t' -> tabs++;
                    case ';' -> semicolons++;
                    default -> {
                    }
                }
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        if (semicolons > commas && semicolons > tabs) {
            return ';';
        }
        return ',';
    }

    /** The first line with a non-blank character, up to a line break outside quotes. */
    static String firstNonBlankLine(String text) {
        int start = 0;
        int len = text.length();
        while (start < len) {
            boolean quoted = false;
            int end = start;
            while (end < len) {
                char c = text.charAt(end);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                }
                end++;
            }
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                return line;
            }
            start = end + 1;
        }
        return "";
    }

    static boolean isGzip(byte[] b, int n) {
        return startsWith(b, n, 0x1F, 0x8B);
    }

    private static boolean startsWith(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsNul(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first bytes of a stream.
     *
     * @param complete whether they are all of it
     */
    record Head(byte[] bytes, int length, boolean complete) {

        static Head read(InputStream in) throws IOException {
            byte[] buffer = new byte[SNIFF_BYTES];
            int n = in.readNBytes(buffer, 0, SNIFF_BYTES);
            boolean complete = n < SNIFF_BYTES || in.read() < 0;
            return new Head(buffer, n, complete);
        }
    }
}
