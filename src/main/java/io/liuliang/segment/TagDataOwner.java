package io.liuliang.segment;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerDataOwner;
import io.liuliang.shared.CustomerId;

/**
 * Tags follow One-ID: a merge moves the merged customer's tags to the survivor; an unmerge gives back those whose
 * origin is in the restored customer's subtree.
 */
@Component
class TagDataOwner implements CustomerDataOwner {

    private final JdbcClient jdbc;

    TagDataOwner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reassign(CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE customer_tag SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value()).update();
    }

    @Override
    public void restore(Collection<CustomerId> origins, CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE customer_tag SET customer_id = ? WHERE customer_id = ? AND origin_customer_id = ANY (?)")
                .params(to.value(), from.value(), origins.stream().map(CustomerId::value).toArray(UUID[]::new)).update();
    }
}
