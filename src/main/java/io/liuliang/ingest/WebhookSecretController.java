package io.liuliang.ingest;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ShopId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/shops/{shopId}/webhook-secret")
@Tag(name = "Webhooks in", description = "The secret a shop's platform signs its webhooks with")
class WebhookSecretController {

    private final WebhookSecrets secrets;

    WebhookSecretController(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    /** The new secret; never logged or echoed. */
    record SecretRequest(String secret) {

        @Override
        public String toString() {
            return "SecretRequest[secret=••••]";
        }
    }

    @PutMapping
    @PreAuthorize("hasAuthority('shop.manage')")
    @Operation(summary = "Set or replace the shop's webhook signing secret (8-256 characters); answers only a hint")
    WebhookSecrets.SecretInfo put(@PathVariable UUID shopId, @RequestBody SecretRequest request, Authentication caller) {
        return secrets.set(new ShopId(shopId), request.secret(), caller == null ? null : caller.getName());
    }

    @GetMapping
    @PreAuthorize("hasAuthority('shop.manage')")
    @Operation(summary = "Whether the shop has a webhook secret: its hint (last 4 characters) and when it was set")
    WebhookSecrets.SecretInfo get(@PathVariable UUID shopId) {
        return secrets.get(new ShopId(shopId));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('shop.manage')")
    @Operation(summary = "Remove the shop's webhook secret; its webhooks are refused from then on")
    void delete(@PathVariable UUID shopId) {
        secrets.delete(new ShopId(shopId));
    }
}
