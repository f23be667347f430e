package io.liuliang.order;

import java.util.List;
import java.util.Optional;

import io.liuliang.shared.ShopId;

/** Read access to shops for other modules. */
public interface Shops {

    Optional<Shop> find(ShopId id);

    List<Shop> all();

    /** Creates a shop (validated like the API does); fails with a conflict when the name is taken. */
    Shop create(Platform platform, String name, java.time.ZoneId timezone, java.util.Currency currency);
}
