/**
 * Ingestion: import jobs that read merchants' platform exports (CSV/Excel per platform profile: Taobao/Tmall, JD,
 * Douyin, Youzan, Shopify, the UCI Online Retail layout and our own generic template), the ingestion API, inbound
 * webhooks and platform connectors.
 * <p>
 * Reading a file: {@link io.liuliang.ingest.RowReader#open(java.nio.file.Path)} sniffs the format
 * ({@link io.liuliang.ingest.ImportFormat}: gzip, xlsx or delimited text in UTF-8/GB18030/UTF-16) and streams
 * {@link io.liuliang.ingest.ImportRow}s in bounded memory. {@link io.liuliang.ingest.ProfileDetector} ranks the
 * {@link io.liuliang.ingest.ImportProfile}s against the header and yields a {@link io.liuliang.ingest.ColumnMapping}
 * from canonical {@link io.liuliang.ingest.ImportField}s to columns; {@link io.liuliang.ingest.ImportValues} and
 * {@link io.liuliang.ingest.ImportDateTimeParser} turn cell text into amounts, quantities and instants, returning a
 * {@link io.liuliang.ingest.ParseResult} instead of throwing on bad input.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingestion")
package io.liuliang.ingest;
