package io.liuliang.journey;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ready journeys of the brief (首单感谢, 购物车挽回, 用券提醒, 90 天唤醒, 生日礼, 邀评, 退款回访, 直播提醒), read from
 * {@code journey/playbooks.json}. Installing one creates a draft; nodes that need a template are left for the
 * operator to choose (validation says which).
 */
@Component
class JourneyPlaybooks {

    static final String RESOURCE = "journey/playbooks.json";

    record Playbook(String key, Map<String, String> name, Map<String, String> description, String entryKind,
                    JsonNode definition) {
    }

    private final List<Playbook> playbooks;

    JourneyPlaybooks(JsonMapper json) throws IOException {
        List<Playbook> out = new ArrayList<>();
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            for (JsonNode p : json.readTree(in)) {
                out.add(new Playbook(p.get("key").asString(), texts(p.get("name")), texts(p.get("description")),
                        p.get("entryKind").asString(), p.get("definition")));
            }
        }
        this.playbooks = List.copyOf(out);
    }

    private static Map<String, String> texts(JsonNode node) {
        return Map.of("zh-CN", node.get("zh-CN").asString(), "en", node.get("en").asString());
    }

    List<Playbook> all() {
        return playbooks;
    }

    Optional<Playbook> find(String key) {
        return playbooks.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
