package io.liuliang.order;

import java.util.List;
import java.util.Optional;

import io.liuliang.shared.ShopId;

/** Read access to shops for other modules. */
public interface Shops {

    Optional<Shop> find(ShopId id);

    List<Shop> all();
}
