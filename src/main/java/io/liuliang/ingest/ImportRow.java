package io.liuliang.ingest;

import java.util.List;

/**
 * One data record of an uploaded file, as read: its fields in column order (a ragged row keeps its own length) and
 * where it starts, for error reports. For delimited text {@code lineNumber} is the 1-based physical line on which the
 * record starts (the header is line 1 unless blank lines precede it; a quoted field spanning lines moves later
 * records down); for xlsx it is the row number in the first sheet.
 */
record ImportRow(long lineNumber, List<String> fields) {

    /** The raw field at {@code index}, or {@code null} when the row is shorter than that. */
    String field(int index) {
        return index >= 0 && index < fields.size() ? fields.get(index) : null;
    }

    int size() {
        return fields.size();
    }
}
