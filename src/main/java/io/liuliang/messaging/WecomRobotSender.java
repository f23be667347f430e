package io.liuliang.messaging;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WeCom group robot: {@code {"msgtype":"markdown","markdown":{"content":…}}} (or {@code text}) POSTed to the
 * robot's webhook URL; {@code errcode 0} is sent. A robot posts to its group, so the message goes to the group and
 * names the customer in its text.
 */
@Component
class WecomRobotSender implements ChannelSender {

    private final ProviderHttp http;
    private final JsonMapper json;

    WecomRobotSender(ProviderHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public boolean sends(ChannelType type) {
        return type == ChannelType.WECOM_ROBOT;
    }

    record Content(String content) {
    }

    record Markdown(String msgtype, Content markdown) {
    }

    record Text(String msgtype, Content text) {
    }

    @Override
    public SendResult send(Channel channel, OutgoingMessage message) {
        ChannelConfig.WecomRobot config = (ChannelConfig.WecomRobot) channel.config();
        String payload = "text".equals(config.messageType())
                ? json.writeValueAsString(new Text("text", new Content(message.body())))
                : json.writeValueAsString(new Markdown("markdown", new Content(message.body())));
        ProviderHttp.Answer answer;
        try {
            answer = http.post(URI.create(config.webhookUrl()), Map.of("Content-Type", "application/json"), payload);
        } catch (IOException e) {
            return ProviderHttp.unreachable(e);
        }
        if (!answer.ok()) {
            return ProviderHttp.refusedFor(answer);
        }
        JsonNode body;
        try {
            body = json.readTree(answer.body());
        } catch (RuntimeException e) {
            return new SendResult.Refused("not a WeCom answer", answer.summary(), true);
        }
        int code = body.path("errcode").asInt(-1);
        if (code == 0) {
            return new SendResult.Accepted(null, answer.summary());
        }
        // -1 is WeCom's "system busy"; 45009 its rate limit
        return new SendResult.Refused("errcode " + code + ": " + body.path("errmsg").asString(""), answer.summary(),
                code == -1 || code == 45009);
    }
}
