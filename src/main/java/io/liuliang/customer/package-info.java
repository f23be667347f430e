/**
 * Customers: the people who buy from a merchant, their identities (phone, email, platform buyer ids,
 * WeChat UnionID/OpenID, device ids), One-ID identity resolution with merge and unmerge, and the
 * 360° view of a customer.
 * <p>
 * It also holds the PII vault: personal data (phone, email, real name, address) is normalised
 * ({@link io.liuliang.customer.PiiNormalizer}), stored encrypted with AES-256-GCM
 * ({@link io.liuliang.customer.PiiCipher}), found by an HMAC blind index
 * ({@link io.liuliang.customer.BlindIndex}) and shown masked ({@link io.liuliang.customer.PiiMasker}).
 * The keys come from {@code LIULIANG_MASTER_KEY} or {@code <data dir>/keys/master.key}
 * ({@link io.liuliang.customer.PiiKeys}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package io.liuliang.customer;
