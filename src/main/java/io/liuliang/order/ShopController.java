package io.liuliang.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ShopId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/shops")
@Tag(name = "Shops", description = "A merchant's stores on each platform")
class ShopController {

    private final ShopService shops;

    ShopController(ShopService shops) {
        this.shops = shops;
    }

    record ShopView(UUID id, String platform, String name, String timezone, String currency, String platformShopId,
                    boolean archived, Instant createdAt, Instant updatedAt) {

        static ShopView of(Shop s) {
            return new ShopView(s.id().value(), s.platform().code(), s.name(), s.timezone().getId(),
                    s.currency().getCurrencyCode(), s.platformShopId(), s.archived(), s.createdAt(), s.updatedAt());
        }
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "All shops (active first, by name)")
    List<ShopView> list() {
        return shops.all().stream().map(ShopView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    ShopView get(@PathVariable UUID id) {
        return ShopView.of(shops.get(new ShopId(id)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('shop.manage')")
    @Operation(summary = "Create a shop: platform, name, time zone (default Asia/Shanghai), currency (default CNY)")
    ShopView create(@RequestBody ShopService.ShopInput input) {
        return ShopView.of(shops.create(input));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('shop.manage')")
    @Operation(summary = "Change or archive a shop")
    ShopView update(@PathVariable UUID id, @RequestBody ShopService.ShopInput input) {
        return ShopView.of(shops.update(new ShopId(id), input));
    }
}
