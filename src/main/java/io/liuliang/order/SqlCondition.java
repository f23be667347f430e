package io.liuliang.order;

import java.util.List;

/** A condition for the {@code WHERE} clause of a query over the customer table aliased {@code c}, with its parameters. */
public record SqlCondition(String sql, List<Object> params) {

    public SqlCondition {
        params = List.copyOf(params);
    }
}
