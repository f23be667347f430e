package io.liuliang.ingest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * What an uploaded file is, sniffed from its first bytes by {@link #detect(Path)}: delimited text (with its
 * charset, byte-order mark and delimiter) or an xlsx workbook, either of them possibly gzip-compressed.
 */
sealed interface ImportFormat permits ImportFormat.DelimitedText, ImportFormat.Xlsx {

    /** Whether the file is gzip-compressed around the actual content. */
    boolean gzipped();

    /**
     * CSV-like text.
     *
     * @param charset   UTF-8 (BOM or valid UTF-8 in the first 64 KiB), UTF-16 (BOM) or else GB18030
     * @param bomLength bytes of byte-order mark to skip at the start of the (decompressed) content
     * @param delimiter comma, tab or semicolon, whichever occurs most outside quotes in the header line
     */
    record DelimitedText(Charset charset, int bomLength, char delimiter, boolean gzipped) implements ImportFormat {
    }

    /** An Office Open XML workbook; the first sheet is read. */
    record Xlsx(boolean gzipped) implements ImportFormat {
    }

    /**
     * Sniffs {@code file}.
     *
     * @throws ImportFileException if the file is empty or of a format we do not read
     */
    static ImportFormat detect(Path file) throws IOException {
        return FormatSniffer.sniff(file);
    }
}
