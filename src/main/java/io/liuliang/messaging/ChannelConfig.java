package io.liuliang.messaging;

/**
 * A channel's provider settings, credentials included (stored only encrypted; never answered by the API). As input a
 * credential left out (null) keeps the stored one.
 */
sealed interface ChannelConfig {

    /** SMTP. {@code security}: {@code starttls} (default), {@code ssl} or {@code none}. */
    record Email(String host, Integer port, String username, String password, String security, String fromAddress,
                 String fromName) implements ChannelConfig {

        @Override
        public String toString() {
            return "Email[host=" + host + ", port=" + port + ", username=" + username + ", password=****]";
        }
    }

    /** Aliyun SMS (dysmsapi): RPC requests signed with HMAC-SHA1. */
    record AliyunSms(String accessKeyId, String accessKeySecret, String signName, String endpoint, String regionId)
            implements ChannelConfig {

        @Override
        public String toString() {
            return "AliyunSms[accessKeyId=" + accessKeyId + ", accessKeySecret=****, signName=" + signName + "]";
        }
    }

    /** Tencent Cloud SMS (API 3.0, version 2021-01-11): TC3-HMAC-SHA256. */
    record TencentSms(String secretId, String secretKey, String sdkAppId, String signName, String region,
                      String endpoint) implements ChannelConfig {

        @Override
        public String toString() {
            return "TencentSms[secretId=" + secretId + ", secretKey=****, sdkAppId=" + sdkAppId + "]";
        }
    }

    /** A WeCom group robot: its webhook URL (which holds the robot's key) and markdown or text messages. */
    record WecomRobot(String webhookUrl, String messageType) implements ChannelConfig {

        @Override
        public String toString() {
            return "WecomRobot[webhookUrl=****, messageType=" + messageType + "]";
        }
    }

    /** A signed webhook (also app push through a webhook): the body's HMAC-SHA256 with the secret in a header. */
    record Webhook(String url, String secret) implements ChannelConfig {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=****]";
        }
    }
}
