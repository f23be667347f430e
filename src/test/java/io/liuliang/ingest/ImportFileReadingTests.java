package io.liuliang.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sniffing formats and streaming rows out of the files merchants upload. */
class ImportFileReadingTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    static final String TAOBAO_HEADER = "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,总金额,买家实际支付金额,订单状态,"
            + "买家留言,收货人姓名,收货地址,联系电话,联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,宝贝总数量,店铺名称,退款金额";

    static final String TAOBAO_ROW = "=\"1930679858170647\",幸福蔓岩1627,844677789@qq.com,598.00,0.00,598.00,598.00,"
            + "买家已付款，等待卖家发货,,马慧,吉林省 通化市 柳河县 柳河镇紫御府 七号楼(135300),,'18618486065,"
            + "2016/5/23 22:02,2016/5/23 22:02,日本直邮mamakids洗面奶+化妆水+乳液护肤特惠套装,1,1,Funny宝贝快乐购,0.00";

    @Test
    void gbkTaobaoExportIsDecodedAndRecognised() throws Exception {
        Path file = write("ExportOrderList201605.csv", TAOBAO_HEADER + "\r\n" + TAOBAO_ROW + "\r\n", Charset.forName("GBK"));

        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.format()).isEqualTo(new ImportFormat.DelimitedText(FormatSniffer.GB18030, 0, ',', false));
            assertThat(reader.header()).startsWith("订单编号", "买家会员名", "买家支付宝账号");
            List<ImportRow> rows = all(reader);
            assertThat(rows).hasSize(1);

            ProfileCandidate best = ProfileDetector.detect(reader.header()).get(0);
            assertThat(best.profile()).isEqualTo(ImportProfile.TAOBAO);
            assertThat(best.complete()).isTrue();
            ColumnMapping mapping = best.mapping();
            ImportRow row = rows.get(0);
            assertThat(row.lineNumber()).isEqualTo(2);
            assertThat(row.field(0)).isEqualTo("=\"1930679858170647\"");
            assertThat(mapping.value(row, ImportField.ORDER_ID)).isEqualTo("1930679858170647");
            assertThat(mapping.value(row, ImportField.CUSTOMER_ID)).isEqualTo("幸福蔓岩1627");
            assertThat(mapping.value(row, ImportField.PHONE)).isEqualTo("18618486065");
            assertThat(mapping.value(row, ImportField.BUYER_REMARK)).isNull();
            assertThat(mapping.columnName(ImportField.TOTAL_AMOUNT)).isEqualTo("总金额");
            assertThat(ImportProfile.TAOBAO.status(mapping.value(row, ImportField.STATUS)).valueOrNull())
                    .isEqualTo(ImportedOrderStatus.PAID);
            assertThat(ImportProfile.TAOBAO.dateTimeParser(SHANGHAI).parse(mapping.value(row, ImportField.ORDERED_AT))
                    .valueOrNull()).isEqualTo(Instant.parse("2016-05-23T14:02:00Z"));
            assertThat(ImportValues.amount(mapping.value(row, ImportField.PAID_AMOUNT)).valueOrNull())
                    .isEqualTo(new BigDecimal("598.00"));
        }
    }

    @Test
    void utf8WithBomLosesTheBom() throws Exception {
        byte[] body = "order_id,customer_id,ordered_at\nA1,c1,2024-06-18 20:01:02\n".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("bom.csv");
        Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body));

        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.format()).isEqualTo(new ImportFormat.DelimitedText(StandardCharsets.UTF_8, 3, ',', false));
            assertThat(reader.header()).containsExactly("order_id", "customer_id", "ordered_at");
            assertThat(all(reader)).extracting(ImportRow::fields).containsExactly(List.of("A1", "c1", "2024-06-18 20:01:02"));
        }
    }

    @Test
    void utf16WithBomIsHonoured() throws Exception {
        Path file = dir.resolve("utf16.csv");
        Files.write(file, concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                "订单号\t下单帐号\t下单时间\r\n9001\tjd_buyer\t2024-06-18 20:01:02\r\n".getBytes(StandardCharsets.UTF_16LE)));

        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.format()).isEqualTo(new ImportFormat.DelimitedText(StandardCharsets.UTF_16LE, 2, '\t', false));
            assertThat(reader.header()).containsExactly("订单号", "下单帐号", "下单时间");
            assertThat(all(reader).get(0).fields()).containsExactly("9001", "jd_buyer", "2024-06-18 20:01:02");
        }
    }

    @Test
    void utf8IsRecognisedWhenTheSniffBufferCutsACharacter() throws Exception {
        // the first 64 KiB end one byte into a three-byte character
        String header = "name,remark\n";
        String filler = "x".repeat(FormatSniffer.SNIFF_BYTES - header.length() - 2 - 1);
        String text = header + "a," + filler + "中文\n";
        Path file = write("cut.csv", text, StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[FormatSniffer.SNIFF_BYTES - 1] & 0xFF).isEqualTo(0xE4); // lead byte of 中
        assertThat(FormatSniffer.isUtf8(bytes, 0, FormatSniffer.SNIFF_BYTES, true)).isFalse();

        assertThat(ImportFormat.detect(file)).isEqualTo(new ImportFormat.DelimitedText(StandardCharsets.UTF_8, 0, ',', false));
        try (RowReader reader = RowReader.open(file)) {
            assertThat(all(reader).get(0).field(1)).endsWith("x中文");
        }
    }

    @Test
    void tabDelimitedJdExportKeepsCommasInsideFields() throws Exception {
        String text = "订单号\t下单帐号\t商品名称\t商品ID\t订购数量\t京东价\t订单金额\t应付金额\t下单时间\t付款确认时间\t订单状态\t客户姓名\t联系电话\t客户地址\n"
                + "301234567890\tjd_8f2a\t保温杯,500ml\t100012345678\t2\t99.00\t198.00\t188.00\t2024-06-18 20:01:02\t"
                + "2024-06-18 20:01:30\t等待出库\t张三\t138****5678\t北京市朝阳区\n";
        Path file = write("jd.tsv", text, StandardCharsets.UTF_8);

        try (RowReader reader = RowReader.open(file)) {
            assertThat(((ImportFormat.DelimitedText) reader.format()).delimiter()).isEqualTo('\t');
            ImportRow row = all(reader).get(0);
            ProfileCandidate best = ProfileDetector.detect(reader.header()).get(0);
            assertThat(best.profile()).isEqualTo(ImportProfile.JD);
            assertThat(best.mapping().value(row, ImportField.PRODUCT_NAME)).isEqualTo("保温杯,500ml");
            assertThat(best.mapping().value(row, ImportField.UNIT_PRICE)).isEqualTo("99.00");
            assertThat(ImportProfile.JD.status(best.mapping().value(row, ImportField.STATUS)).valueOrNull())
                    .isEqualTo(ImportedOrderStatus.PAID);
        }
    }

    @Test
    void semicolonsAreADelimiterToo() throws Exception {
        Path file = write("eu.csv", "order_id;customer_id;ordered_at;total_amount\nA1;c1;2024-06-18;\"1,5\"\n",
                StandardCharsets.UTF_8);
        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.header()).containsExactly("order_id", "customer_id", "ordered_at", "total_amount");
            assertThat(all(reader).get(0).fields()).containsExactly("A1", "c1", "2024-06-18", "1,5");
        }
    }

    @Test
    void quotedNewlinesAndBlankLinesKeepPhysicalLineNumbers() throws Exception {
        String text = "order_id,customer_id,ordered_at,buyer_remark\r\n"      // line 1
                + "A1,c1,2024-06-18 20:01:02,\"first line\r\n"                // line 2
                + "second line\"\r\n"                                          // line 3
                + "A2,c2,2024-06-18 20:05:00,plain\r\n"                        // line 4
                + "\r\n"                                                       // line 5, blank
                + ",,,\r\n"                                                    // line 6, all fields blank
                + "A3,c3,2024-06-18,\"say \"\"hi\"\"\"\r\n";                  // line 7
        Path file = write("multiline.csv", text, StandardCharsets.UTF_8);

        try (RowReader reader = RowReader.open(file)) {
            List<ImportRow> rows = all(reader);
            assertThat(rows).extracting(ImportRow::lineNumber).containsExactly(2L, 4L, 7L);
            assertThat(rows.get(0).field(3)).isEqualTo("first line\r\nsecond line");
            assertThat(rows.get(2).field(3)).isEqualTo("say \"hi\"");
        }
    }

    @Test
    void raggedRowsAreReturnedAsTheyAre() throws Exception {
        Path file = write("ragged.csv", "a,b,c\n1,2\n1,2,3,4\n", StandardCharsets.UTF_8);
        try (RowReader reader = RowReader.open(file)) {
            List<ImportRow> rows = all(reader);
            assertThat(rows.get(0).fields()).containsExactly("1", "2");
            assertThat(rows.get(0).field(2)).isNull();
            assertThat(rows.get(1).fields()).containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void gzippedCsvIsDecompressedOnTheFly() throws Exception {
        byte[] csv = (TAOBAO_HEADER + "\n" + TAOBAO_ROW + "\n" + TAOBAO_ROW.replace("1930679858170647", "1930679858170648")
                + "\n").getBytes(Charset.forName("GBK"));
        Path file = dir.resolve("orders.csv.gz");
        Files.write(file, gzip(csv));

        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.format()).isEqualTo(new ImportFormat.DelimitedText(FormatSniffer.GB18030, 0, ',', true));
            assertThat(reader.header().get(0)).isEqualTo("订单编号");
            assertThat(all(reader)).extracting(r -> r.field(0))
                    .containsExactly("=\"1930679858170647\"", "=\"1930679858170648\"");
            assertThat(reader.progress().getAsDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void xlsxFirstSheetIsReadAsDisplayedStrings() throws Exception {
        Path file = dir.resolve("douyin.xlsx");
        Files.write(file, douyinWorkbook());

        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.format()).isEqualTo(new ImportFormat.Xlsx(false));
            assertDouyinRows(reader);
        }
    }

    @Test
    void gzippedXlsxIsReadToo() throws Exception {
        Path file = dir.resolve("douyin.xlsx.gz");
        Files.write(file, gzip(douyinWorkbook()));

        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.format()).isEqualTo(new ImportFormat.Xlsx(true));
            assertDouyinRows(reader);
        }
    }

    private static void assertDouyinRows(RowReader reader) {
        assertThat(reader.header()).containsExactly("主订单编号", "子订单编号", "选购商品", "商品ID", "商品数量", "商品单价",
                "订单应付金额", "订单提交时间", "支付完成时间", "订单状态", "收件人", "收件人手机号", "省", "市", "区", "详细地址",
                "买家留言", "售后状态");
        assertThat(reader.headerLineNumber()).isEqualTo(1);
        List<ImportRow> rows = all(reader);
        assertThat(rows).extracting(ImportRow::lineNumber).containsExactly(2L, 4L);
        ImportRow first = rows.get(0);
        assertThat(first.fields()).hasSize(18);
        assertThat(first.fields()).containsExactly("6921234567890123456", "6921234567890123457", "零食大礼包", "3500000000001",
                "2", "59.9", "119.8", "2024-06-18T20:01:02", "2024-06-18T20:01:30", "已发货", "李四", "13812345678",
                "广东省", "深圳市", "南山区", "科技园1号", "", "");
        // trailing cells a workbook does not store are padded to the header's width
        assertThat(rows.get(1).fields()).hasSize(18).endsWith("", "");
        assertThat(rows.get(1).field(9)).isEqualTo("已完成");

        ProfileCandidate best = ProfileDetector.detect(reader.header()).get(0);
        assertThat(best.profile()).isEqualTo(ImportProfile.DOUYIN);
        assertThat(ImportProfile.DOUYIN.dateTimeParser(SHANGHAI)
                .parse(best.mapping().value(first, ImportField.ORDERED_AT)).valueOrNull())
                .isEqualTo(Instant.parse("2024-06-18T12:01:02Z"));
        assertThat(ImportValues.amount(best.mapping().value(first, ImportField.UNIT_PRICE)).valueOrNull())
                .isEqualTo(new BigDecimal("59.90"));
    }

    /** A Douyin export as a workbook: strings, numbers, dates with a date format, a blank row in between. */
    static byte[] douyinWorkbook() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Liuliang tests", "1.0");
        Worksheet sheet = workbook.newWorksheet("订单");
        String[] header = {"主订单编号", "子订单编号", "选购商品", "商品ID", "商品数量", "商品单价", "订单应付金额", "订单提交时间",
                "支付完成时间", "订单状态", "收件人", "收件人手机号", "省", "市", "区", "详细地址", "买家留言", "售后状态"};
        for (int c = 0; c < header.length; c++) {
            sheet.value(0, c, header[c]);
        }
        sheet.value(1, 0, "6921234567890123456");
        sheet.value(1, 1, "6921234567890123457");
        sheet.value(1, 2, "零食大礼包");
        sheet.value(1, 3, 3500000000001L);
        sheet.value(1, 4, 2);
        sheet.value(1, 5, 59.9);
        sheet.value(1, 6, new BigDecimal("119.80"));
        sheet.value(1, 7, LocalDateTime.of(2024, 6, 18, 20, 1, 2));
        sheet.style(1, 7).format("yyyy-mm-dd hh:mm:ss").set();
        sheet.value(1, 8, LocalDateTime.of(2024, 6, 18, 20, 1, 30));
        sheet.style(1, 8).format("yyyy\"年\"m\"月\"d\"日\" hh:mm:ss").set();
        sheet.value(1, 9, "已发货");
        sheet.value(1, 10, "李四");
        sheet.value(1, 11, 13812345678L);
        sheet.value(1, 12, "广东省");
        sheet.value(1, 13, "深圳市");
        sheet.value(1, 14, "南山区");
        sheet.value(1, 15, "科技园1号");
        // row index 2 (row 3) left blank
        sheet.value(3, 0, "6921234567890123999");
        sheet.value(3, 9, "已完成");
        workbook.finish();
        return out.toByteArray();
    }

    @Test
    void filesWeCannotReadAreRefusedWithAReason() throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.write(empty, new byte[0]);
        assertProblem(empty, ImportFileException.Problem.EMPTY);

        Path blank = write("blank.csv", "\n\n  \n", StandardCharsets.UTF_8);
        assertProblem(blank, ImportFileException.Problem.EMPTY);

        Path xls = dir.resolve("legacy.xls");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1, 0, 0, 0, 0});
        assertProblem(xls, ImportFileException.Problem.UNSUPPORTED_FORMAT);

        Path html = write("fake.xls", "<html><body><table><tr><td>订单号</td></tr></table></body></html>",
                StandardCharsets.UTF_8);
        assertProblem(html, ImportFileException.Problem.UNSUPPORTED_FORMAT);

        Path zip = dir.resolve("not-a-workbook.xlsx");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("orders.csv"));
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.write(zip, bytes.toByteArray());
        assertProblem(zip, ImportFileException.Problem.NOT_A_WORKBOOK);

        Path twice = dir.resolve("twice.csv.gz.gz");
        Files.write(twice, gzip(gzip("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));
        assertProblem(twice, ImportFileException.Problem.UNSUPPORTED_FORMAT);

        Path unterminated = write("unterminated.csv", "a,b\n1,\"no closing quote\n2,3\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
            try (RowReader reader = RowReader.open(unterminated)) {
                all(reader);
            }
        }).isInstanceOfSatisfying(ImportFileException.class, e -> {
            assertThat(e.problem()).isEqualTo(ImportFileException.Problem.MALFORMED);
            assertThat(e.getMessage()).contains("line 2");
        });

        Path textAfterQuote = write("after-quote.csv", "a,b\n1,2\n3,\"x\"y\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
            try (RowReader reader = RowReader.open(textAfterQuote)) {
                all(reader);
            }
        }).isInstanceOfSatisfying(ImportFileException.class, e -> {
            assertThat(e.problem()).isEqualTo(ImportFileException.Problem.MALFORMED);
            assertThat(e.getMessage()).contains("line 3");
        });

        Path truncated = dir.resolve("truncated.csv.gz");
        byte[] gz = gzip(("a,b\n" + "1,2\n".repeat(50_000)).getBytes(StandardCharsets.UTF_8));
        Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> {
            try (RowReader reader = RowReader.open(truncated)) {
                all(reader);
            }
        }).isInstanceOfSatisfying(ImportFileException.class,
                e -> assertThat(e.problem()).isEqualTo(ImportFileException.Problem.MALFORMED));
    }

    private static void assertProblem(Path file, ImportFileException.Problem problem) {
        assertThatThrownBy(() -> {
            try (RowReader reader = RowReader.open(file)) {
                all(reader);
            }
        }).isInstanceOfSatisfying(ImportFileException.class, e -> {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    static List<ImportRow> all(RowReader reader) {
        List<ImportRow> rows = new ArrayList<>();
        reader.forEach(rows::add);
        return rows;
    }

    Path write(String name, String text, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, charset);
        return file;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
