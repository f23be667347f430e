package io.liuliang.customer;

import java.util.UUID;

/**
 * An identity as a client sends it: a type code (phone, email, wechat_unionid, platform_buyer_id, ...), the raw
 * value, and for shop-scoped types the shop it belongs to.
 */
public record IdentityInput(String type, String value, UUID shopId) {
}
