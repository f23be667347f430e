package io.liuliang.iam;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1/tokens")
@PreAuthorize("hasAuthority('token.manage')")
@Tag(name = "API tokens", description = "Personal API tokens for integrators")
class TokenController {

    private static final int DEFAULT_DAYS = 90;
    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    record CreateToken(@NotNull String name, Integer expiresInDays, List<String> permissions) {
    }

    record CreatedToken(ApiTokenService.Token token, String secret) {
    }

    @GetMapping
    @Operation(summary = "Your API tokens")
    List<ApiTokenService.Token> list() {
        return tokens.listFor(CurrentPrincipal.get().userId());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token; the secret is returned only in this response")
    CreatedToken create(@Valid @RequestBody CreateToken request) {
        ApiTokenService.Created created = tokens.create(CurrentPrincipal.get(), request.name(),
                request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays(), request.permissions());
        return new CreatedToken(created.token(), created.secret());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token")
    void revoke(@PathVariable UUID id) {
        tokens.revoke(CurrentPrincipal.get().userId(), id);
    }
}
