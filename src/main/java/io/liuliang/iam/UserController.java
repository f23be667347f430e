package io.liuliang.iam;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users and roles")
class UserController {

    private static final String USERNAME_PATTERN = "[A-Za-z0-9._-]{3,64}";
    private final UserAdminService users;

    UserController(UserAdminService users) {
        this.users = users;
    }

    record UserView(UUID id, String username, String displayName, String email, boolean enabled, List<String> roles,
                    boolean mustChangePassword, Instant lockedUntil, Instant lastLoginAt, Instant createdAt,
                    Instant updatedAt) {

        static UserView of(UserRecord u) {
            Instant lockedUntil = u.lockedAt(Instant.now()) ? u.lockedUntil() : null;
            return new UserView(u.id(), u.username(), u.displayName(), u.email(), u.enabled(),
                    u.roles().stream().map(Role::name).toList(), u.mustChangePassword(), lockedUntil, u.lastLoginAt(),
                    u.createdAt(), u.updatedAt());
        }
    }

    record CreateUser(
            @NotNull @Pattern(regexp = USERNAME_PATTERN, message = "must be 3 to 64 letters, digits, '.', '_' or '-'") String username,
            @NotBlank @Size(max = 100) String displayName,
            @Email @Size(max = 254) String email,
            @NotEmpty List<String> roles,
            @NotNull String password,
            Boolean mustChangePassword) {
    }

    record UpdateUser(@NotBlank @Size(max = 100) String displayName, @Email @Size(max = 254) String email,
                      @NotEmpty List<String> roles, @NotNull Boolean enabled) {
    }

    record PasswordReset(@NotNull String newPassword, Boolean mustChangePassword) {
    }

    record RoleView(String code, List<String> permissions) {
    }

    record PermissionView(String code, String module) {
    }

    @GetMapping("/users")
    @PreAuthorize("hasAuthority('user.read')")
    @Operation(summary = "Search users (cursor pagination)")
    CursorPage<UserView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String role,
                              @RequestParam(required = false) Boolean enabled,
                              @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return CursorPage.of(users.search(q, role, enabled, page), page.limit(), u -> PageRequest.encode(u.username()))
                .map(UserView::of);
    }

    @GetMapping("/users/{id}")
    @PreAuthorize("hasAuthority('user.read')")
    UserView get(@PathVariable UUID id) {
        return UserView.of(users.get(id));
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('user.manage')")
    @Operation(summary = "Create a user with an initial password")
    UserView create(@Valid @RequestBody CreateUser request) {
        return UserView.of(users.create(new UserAdminService.NewUser(request.username(), request.displayName(),
                request.email(), request.roles(), request.password(),
                request.mustChangePassword() == null || request.mustChangePassword())));
    }

    @PutMapping("/users/{id}")
    @PreAuthorize("hasAuthority('user.manage')")
    @Operation(summary = "Edit a user: profile, roles, enabled")
    UserView update(@PathVariable UUID id, @Valid @RequestBody UpdateUser request) {
        return UserView.of(users.update(id, new UserAdminService.UserChange(request.displayName(), request.email(),
                request.roles(), request.enabled()), CurrentPrincipal.get().userId()));
    }

    @PostMapping("/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('user.manage')")
    @Operation(summary = "Reset a user's password (also unlocks and signs them out)")
    void resetPassword(@PathVariable UUID id, @Valid @RequestBody PasswordReset request) {
        users.resetPassword(id, request.newPassword(), request.mustChangePassword() == null || request.mustChangePassword());
    }

    @PostMapping("/users/{id}/unlock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('user.manage')")
    void unlock(@PathVariable UUID id) {
        users.unlock(id);
    }

    @GetMapping("/roles")
    @PreAuthorize("hasAuthority('user.read')")
    @Operation(summary = "Roles and their permissions")
    List<RoleView> roles() {
        return java.util.Arrays.stream(Role.values())
                .map(r -> new RoleView(r.name(), r.permissions().stream().map(Permission::code).sorted().toList()))
                .toList();
    }

    @GetMapping("/permissions")
    @PreAuthorize("hasAuthority('user.read')")
    List<PermissionView> permissions() {
        return java.util.Arrays.stream(Permission.values()).map(p -> new PermissionView(p.code(), p.module())).toList();
    }
}
