package io.liuliang.journey;

import java.util.Base64;

import org.springframework.stereotype.Component;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the webhook secrets of journey definitions encrypted at rest (AES-GCM through the vault, like channel secrets):
 * a definition is sealed when it is stored and opened when it is read, so the rest of the module sees it as written.
 * A sealed secret is {@value #PREFIX} + base64; a value without the prefix (stored before sealing existed) is read as it is.
 */
@Component
class JourneySecrets {

    static final String PREFIX = "enc:v1:";
    private static final String SECRET = "secret";

    private final PersonalData vault;
    private final JsonMapper json;

    JourneySecrets(PersonalData vault, JsonMapper json) {
        this.vault = vault;
        this.json = json;
    }

    /** The definition with every node's {@code config.secret} encrypted; null stays null. */
    String sealed(String definition) {
        return rewrite(definition, true);
    }

    /** The definition with every node's {@code config.secret} decrypted; null stays null. */
    String opened(String definition) {
        return rewrite(definition, false);
    }

    /** One secret encrypted (null stays null). */
    String seal(String secret) {
        if (secret == null || secret.startsWith(PREFIX)) {
            return secret;
        }
        return PREFIX + Base64.getEncoder().encodeToString(vault.encrypt(PiiKind.SECRET, secret));
    }

    /** One secret decrypted (null stays null; a value stored unsealed is answered as it is). */
    String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        return vault.decrypt(PiiKind.SECRET, Base64.getDecoder().decode(stored.substring(PREFIX.length())));
    }

    private String rewrite(String definition, boolean seal) {
        if (definition == null || !definition.contains("\"" + SECRET + "\"")) {
            return definition;
        }
        JsonNode root = json.readTree(definition);
        boolean changed = false;
        for (JsonNode node : root.path("nodes")) {
            JsonNode config = node.path("config");
            if (config.isObject() && config.path(SECRET).isString()) {
                String value = config.path(SECRET).asString();
                String next = seal ? seal(value) : open(value);
                if (!next.equals(value)) {
                    ((ObjectNode) config).put(SECRET, next);
                    changed = true;
                }
            }
        }
        return changed ? json.writeValueAsString(root) : definition;
    }
}
