package io.liuliang.shared;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, written straight to UTF-8 bytes: text values with backslash, tab, newline
 * and carriage return escaped in the same pass, numbers without an intermediate string. Reused from chunk to chunk,
 * so staging millions of lines allocates no per-chunk strings or arrays. Not thread-safe.
 */
public final class CopyBuffer {

    private static final byte TAB = '\t';
    private static final byte NEWLINE = '\n';
    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] HEX_PREFIX = {'\\', '\\', 'x'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int UUID_CHARS = 36;
    /** The decimal digits of the most negative long, with its sign. */
    private static final int MAX_LONG_CHARS = 20;
    private static final int ONE_BYTE = 0x80;
    private static final int TWO_BYTES = 0x800;
    /** What {@link String#getBytes} writes for an unpaired surrogate. */
    private static final byte UNMAPPABLE = '?';

    private byte[] bytes;
    private int size;
    private final byte[] digits = new byte[MAX_LONG_CHARS];

    public CopyBuffer(int initialCapacity) {
        this.bytes = new byte[initialCapacity];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Sends what is buffered to {@code copy} and empties the buffer. */
    public void writeTo(CopyIn copy) throws SQLException {
        if (size > 0) {
            copy.writeToCopy(bytes, 0, size);
            size = 0;
        }
    }

    /** Sends what is buffered to {@code copy} once it holds {@code chunkBytes} or more, to stream large loads. */
    public void sendWhenOver(int chunkBytes, CopyIn copy) throws SQLException {
        if (size >= chunkBytes) {
            writeTo(copy);
        }
    }

    public CopyBuffer tab() {
        ensure(1);
        bytes[size++] = TAB;
        return this;
    }

    public CopyBuffer endRow() {
        ensure(1);
        bytes[size++] = NEWLINE;
        return this;
    }

    /** The null marker {@code \N}. */
    public CopyBuffer nul() {
        ensure(NULL.length);
        bytes[size++] = NULL[0];
        bytes[size++] = NULL[1];
        return this;
    }

    /** One ASCII character that needs no escaping (a separator of a composite key). */
    public CopyBuffer ascii(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Pre-encoded bytes that need no escaping (such as an id written once and repeated on every row). */
    public CopyBuffer raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    public CopyBuffer number(long value) {
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

    /** A UUID in its canonical text form, without making a string of it. */
    public CopyBuffer uuid(UUID id) {
        ensure(UUID_CHARS);
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        hex(msb >>> 32, 8);
        bytes[size++] = '-';
        hex(msb >>> 16, 4);
        bytes[size++] = '-';
        hex(msb, 4);
        bytes[size++] = '-';
        hex(lsb >>> 48, 4);
        bytes[size++] = '-';
        hex(lsb, 12);
        return this;
    }

    /** A decimal in plain notation (no exponent), as {@code numeric} reads it. */
    public CopyBuffer decimal(BigDecimal value) {
        int scale = value.scale();
        if (scale < 0 || scale >= MAX_LONG_CHARS - 1 || value.unscaledValue().bitLength() >= Long.SIZE - 1) {
            return text(value.toPlainString());
        }
        long unscaled = value.unscaledValue().longValue();
        if (scale == 0) {
            return number(unscaled);
        }
        ensure(MAX_LONG_CHARS + 2);
        if (unscaled < 0) {
            bytes[size++] = '-';
            unscaled = -unscaled;
        }
        int n = 0;
        do {
            digits[n++] = (byte) ('0' + (int) (unscaled % 10));
            unscaled /= 10;
        } while (unscaled != 0 || n <= scale);
        while (n > 0) {
            if (n == scale) {
                bytes[size++] = '.';
            }
            bytes[size++] = digits[--n];
        }
        return this;
    }

    /** Bytes as a {@code bytea} value in hex ({@code \\x…} in COPY text). */
    public CopyBuffer bytea(byte[] value) {
        ensure(HEX_PREFIX.length + 2 * value.length);
        System.arraycopy(HEX_PREFIX, 0, bytes, size, HEX_PREFIX.length);
        size += HEX_PREFIX.length;
        for (byte b : value) {
            bytes[size++] = HEX[(b >> 4) & 0xF];
            bytes[size++] = HEX[b & 0xF];
        }
        return this;
    }

    private void hex(long value, int digitCount) {
        for (int shift = (digitCount - 1) * 4; shift >= 0; shift -= 4) {
            bytes[size++] = HEX[(int) (value >>> shift) & 0xF];
        }
    }

    /** A text value, UTF-8 encoded and COPY-escaped. */
    public CopyBuffer text(CharSequence s) {
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
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
