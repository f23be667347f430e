package io.liuliang.ingest;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import io.liuliang.order.Shop;
import io.liuliang.order.Shops;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the demo merchant: its four shops (created when missing), its orders through a real import of the generic
 * template (so the demo exercises the same path as a merchant's files), then its behaviour events through the event
 * ingestion. Deterministic by seed.
 */
@Component
class DemoLoadJob implements JobHandler {

    static final String TYPE = "ingest.demo";
    private static final int EVENT_BATCH = 1_000;

    private final Shops shops;
    private final ImportFileStore files;
    private final ImportRunStore runs;
    private final ImportJob imports;
    private final EventIngestion events;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    DemoLoadJob(Shops shops, ImportFileStore files, ImportRunStore runs, ImportJob imports, EventIngestion events,
                TransactionTemplate tx, JsonMapper json) {
        this.shops = shops;
        this.files = files;
        this.runs = runs;
        this.imports = imports;
        this.events = events;
        this.tx = tx;
        this.json = json;
    }

    record Payload(long seed, int customers, long orders, UUID importId, String createdBy) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        Payload p = json.readValue(context.payload(), Payload.class);
        DemoMerchant merchant = DemoMerchant.of(p.seed(), p.customers(), p.orders());
        Map<String, UUID> shopIds = ensureShops(merchant);
        DemoOrders orders = new DemoOrders(merchant);

        Path csv = Files.createTempFile("liuliang-demo-", ".csv");
        try {
            try (OutputStream out = Files.newOutputStream(csv)) {
                new DemoCsvWriter(orders).write(out, DemoCsvWriter.Compression.NONE, 1, stats -> context.checkCancelled());
            }
            UUID firstShop = shopIds.get(merchant.shops().get(0).name().toLowerCase(Locale.ROOT));
            if (runs.find(p.importId()).isEmpty()) {
                tx.executeWithoutResult(status -> {
                    try (InputStream in = Files.newInputStream(csv)) {
                        ImportFileStore.Stored stored = files.store(in);
                        runs.insert(p.importId(), firstShop, "demo-merchant-" + p.seed() + ".csv", stored,
                                "csv (UTF-8, delimiter ,)", ImportProfile.GENERIC.id(), "[]", "[]", p.createdBy());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                runs.queue(p.importId(), ImportProfile.GENERIC.id(), null, context.id().value());
            }
        } finally {
            Files.deleteIfExists(csv);
        }
        imports.runImport(p.importId(), context);

        List<JsonNode> batch = new ArrayList<>(EVENT_BATCH);
        new DemoEvents(orders).forEach(event -> {
            batch.add(toApi(event, shopIds));
            if (batch.size() == EVENT_BATCH) {
                context.checkCancelled();
                events.ingest(new ArrayList<>(batch), "demo");
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            events.ingest(batch, "demo");
        }
    }

    private Map<String, UUID> ensureShops(DemoMerchant merchant) {
        Map<String, UUID> byName = new HashMap<>();
        shops.all().forEach(s -> byName.put(s.name().toLowerCase(Locale.ROOT), s.id().value()));
        for (DemoMerchant.Shop shop : merchant.shops()) {
            String key = shop.name().toLowerCase(Locale.ROOT);
            if (!byName.containsKey(key)) {
                Shop created = shops.create(shop.platform(), shop.name(), DemoMerchant.SHANGHAI, DemoMerchant.CNY);
                byName.put(key, created.id().value());
            }
        }
        return byName;
    }

    private JsonNode toApi(DemoEvent event, Map<String, UUID> shopIds) {
        ObjectNode node = json.createObjectNode();
        node.put("eventId", event.eventId());
        node.put("type", event.type().code());
        node.put("occurredAt", event.occurredAt().toString());
        UUID shop = event.shopName() == null ? null : shopIds.get(event.shopName().toLowerCase(Locale.ROOT));
        if (shop != null) {
            node.put("shopId", shop.toString());
        }
        if (event.platformBuyerId() != null && shop != null) {
            ObjectNode identity = json.createObjectNode();
            identity.put("type", "platform_buyer_id");
            identity.put("value", event.platformBuyerId());
            identity.put("shopId", shop.toString());
            ObjectNode customer = json.createObjectNode();
            customer.putArray("identities").add(identity);
            node.set("customer", customer);
        } else {
            node.put("anonymousId", "demo-" + event.eventId());
        }
        node.set("properties", json.valueToTree(event.properties()));
        return node;
    }
}
