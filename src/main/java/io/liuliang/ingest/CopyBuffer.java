package io.liuliang.ingest;

import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, written straight to UTF-8 bytes: text values with backslash, tab, newline
 * and carriage return escaped in the same pass, numbers without an intermediate string. Reused from chunk to chunk,
 * so staging millions of lines allocates no per-chunk strings or arrays. Not thread-safe.
 */
final class CopyBuffer {

    private static final byte TAB = '\t';
    private static final byte NEWLINE = '\n';
    private static final byte[] NULL = {'\\', 'N'};
    /** The decimal digits of the most negative long. */
    private static final int MAX_LONG_CHARS = 20;
    private static final int ONE_BYTE = 0x80;
    private static final int TWO_BYTES = 0x800;
    /** What {@link String#getBytes} writes for an unpaired surrogate. */
    private static final byte UNMAPPABLE = '?';

    private byte[] bytes;
    private int size;
    private final byte[] digits = new byte[MAX_LONG_CHARS];

    CopyBuffer(int initialCapacity) {
        this.bytes = new byte[initialCapacity];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Sends what is buffered to {@code copy} and empties the buffer. */
    void writeTo(CopyIn copy) throws SQLException {
        if (size > 0) {
            copy.writeToCopy(bytes, 0, size);
            size = 0;
        }
    }

    CopyBuffer tab() {
        ensure(1);
        bytes[size++] = TAB;
        return this;
    }

    CopyBuffer endRow() {
        ensure(1);
        bytes[size++] = NEWLINE;
        return this;
    }

    /** The null marker {@code \N}. */
    CopyBuffer nul() {
        ensure(NULL.length);
        bytes[size++] = NULL[0];
        bytes[size++] = NULL[1];
        return this;
    }

    /** One ASCII character that needs no escaping (a separator of a composite key). */
    CopyBuffer ascii(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Pre-encoded bytes that need no escaping (such as an id written once and repeated on every row). */
    CopyBuffer raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    CopyBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return text(Long.toString(value));
        }
        ensure(MAX_LONG_CHARS);
        long v = value;
        if (v < 0) {
            bytes[size++] = '-';
            v = -v;
        }
        int n = 0;
        do {
            digits[n++] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        while (n > 0) {
            bytes[size++] = digits[--n];
        }
        return this;
    }

    /** A text value, UTF-8 encoded and COPY-escaped. */
    CopyBuffer text(CharSequence s) {
        int n = s.length();
        // worst case: 3 bytes per char (a surrogate pair is 2 chars for 4 bytes; an escape is 2 bytes for 1 char)
        ensure(n * 3);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < ONE_BYTE) {
                switch (c) {
                    case '\\' -> {
                        b[at++] = '\\';
                        b[at++] = '\\';
                    }
                    case '\t' -> {
                        b[at++] = '\\';
                        b[at++] = 't';
                    }
                    case '\n' -> {
                        b[at++] = '\\';
                        b[at++] = 'n';
                    }
                    case '\r' -> {
                        b[at++] = '\\';
                        b[at++] = 'r';
                    }
                    default -> b[at++] = (byte) c;
                }
            } else if (c < TWO_BYTES) {
                b[at++] = (byte) (0xC0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xF0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[at++] = UNMAPPABLE;
            } else {
                b[at++] = (byte) (0xE0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        size = at;
        return this;
    }

    /** A copy of the buffered bytes (for tests). */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
