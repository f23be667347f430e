/**
 * Messaging: channels (email over SMTP, SMS through Aliyun and Tencent Cloud, WeCom group robot, signed webhook, app
 * push via webhook) behind one interface; templates with personalisation; consent per channel and purpose,
 * suppression lists and unsubscribe; frequency caps, quiet hours and send-rate limits; the delivery queue with
 * retries, receipts and a dead-letter view; e-mail open and click tracking. Other modules queue messages through
 * {@link io.liuliang.messaging.Messaging}.
 * <p>
 * Publishes {@link io.liuliang.messaging.MessagesSent}, {@link io.liuliang.messaging.MessagesFailed} and
 * {@link io.liuliang.messaging.ConsentsChanged}, one per batch. Deliveries and consents follow their customer through
 * One-ID merges ({@link io.liuliang.shared.CustomerDataOwner}). Depends on the customer module (contact data, the PII
 * vault, link signatures), loyalty (tier and points) and order (the last product) through their facades.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging")
package io.liuliang.messaging;
