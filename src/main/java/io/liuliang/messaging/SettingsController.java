package io.liuliang.messaging;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/messaging/settings")
@Tag(name = "Messaging settings", description = "Frequency caps, quiet hours, retries and the shop name of templates")
class SettingsController {

    private final SettingsService settings;
    private final MessagingProperties properties;
    private final java.time.ZoneId zone;

    SettingsController(SettingsService settings, MessagingProperties properties,
                       @org.springframework.beans.factory.annotation.Value("${liuliang.metrics.timezone:Asia/Shanghai}") java.time.ZoneId zone) {
        this.settings = settings;
        this.properties = properties;
        this.zone = zone;
    }

    /** The settings with what is fixed at start-up: the time zone of quiet hours and days, and the consent default. */
    record SettingsView(String shopName, java.util.List<MessagingSettings.Cap> caps,
                        java.util.List<MessagingSettings.Quiet> quietHours, MessagingSettings.Retry retry, String timezone,
                        String marketingDefault) {

        static SettingsView of(MessagingSettings s, String zone, String marketingDefault) {
            return new SettingsView(s.shopName(), s.caps(), s.quietHours(), s.retry(), zone, marketingDefault);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('messaging.read')")
    SettingsView get() {
        return SettingsView.of(settings.current(), zone.getId(), Codes.of(properties.marketingDefault()));
    }

    @PutMapping
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Replace the settings: caps [{channel (a kind or all), count, periodDays}], quietHours "
            + "[{channel, start HH:mm, end HH:mm}] (marketing only, merchant time zone), retry {maxAttempts, backoffSeconds}, shopName")
    SettingsView put(@RequestBody MessagingSettings body) {
        return SettingsView.of(settings.replace(body), zone.getId(), Codes.of(properties.marketingDefault()));
    }
}
