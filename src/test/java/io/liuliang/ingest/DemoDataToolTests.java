package io.liuliang.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataToolTests {

    @TempDir
    Path dir;

    @Test
    void writesGzippedOrdersAndEventsFromTheCommandLine() throws IOException {
        Path orders = dir.resolve("data/orders.csv.gz");
        Path events = dir.resolve("data/events.jsonl.gz");
        DemoDataTool.main(new String[] {"--seed", "42", "--customers", "500", "--orders", "1250",
            "--out", orders.toString(), "--events", events.toString(), "--threads", "2"});
        byte[] csv = DemoCsvWriterTests.gunzip(Files.readAllBytes(orders));
        List<List<String>> rows = DemoCsvWriterTests.Rfc4180.parse(csv);
        assertThat(String.join(",", rows.get(0))).isEqualTo(DemoCsvWriter.HEADER);
        assertThat(rows.size()).isGreaterThan(1_250);
        String json = new String(DemoCsvWriterTests.gunzip(Files.readAllBytes(events)), StandardCharsets.UTF_8);
        assertThat(json.lines().count()).isGreaterThan(1_250);
        assertThat(json).startsWith("{\"eventId\":\"ev_");

        // the same arguments give the same file
        Path again = dir.resolve("again.csv.gz");
        DemoDataTool.main(new String[] {"--seed", "42", "--customers", "500", "--orders", "1250",
            "--out", again.toString(), "--threads", "1"});
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(orders));
    }
}
