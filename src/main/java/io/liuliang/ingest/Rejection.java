package io.liuliang.ingest;

/**
 * Why a cell's text was not accepted as a value: a stable code for the console to translate, with an English
 * description for logs and the API.
 */
enum Rejection {
    NOT_A_NUMBER("is not a number"),
    AMBIGUOUS_NUMBER("is ambiguous: a comma as decimal separator or misplaced thousands separators"),
    TOO_MANY_DECIMALS("has more than 4 decimal places"),
    OUT_OF_RANGE("is out of range"),
    NOT_AN_INTEGER("is not a whole number"),
    NOT_A_DATE_TIME("is not a date-time in a format this profile knows"),
    INVALID_DATE("is not a valid calendar date or time"),
    UNKNOWN_STATUS("is not an order status this profile knows");

    private final String description;

    Rejection(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
