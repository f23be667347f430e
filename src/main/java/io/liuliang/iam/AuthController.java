package io.liuliang.iam;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Console sign-in with a session cookie")
class AuthController {

    private static final int MAX_INPUT = 256;
    private final AuthService auth;
    private final UserRepository users;
    private final AuditLog audit;

    AuthController(AuthService auth, UserRepository users, AuditLog audit) {
        this.auth = auth;
        this.users = users;
        this.audit = audit;
    }

    record LoginRequest(@NotBlank @Size(max = MAX_INPUT) String username, @NotBlank @Size(max = MAX_INPUT) String password) {
    }

    record PasswordChange(@NotBlank @Size(max = MAX_INPUT) String currentPassword,
                          @NotBlank @Size(max = MAX_INPUT) String newPassword) {
    }

    record Me(UUID id, String username, String displayName, String email, List<String> roles, List<String> permissions,
              boolean mustChangePassword) {
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in; sets the session cookie")
    Me login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        UserRecord user = auth.login(request.username(), request.password());
        HttpSession existing = http.getSession(false);
        if (existing != null) {
            existing.invalidate();
        }
        HttpSession session = http.getSession(true);
        session.setAttribute(LiuliangAuthenticationFilter.SESSION_USER, user.id().toString());
        session.setAttribute(LiuliangAuthenticationFilter.SESSION_AUTHENTICATED_AT, Instant.now().toEpochMilli());
        return me(users.findById(user.id()).orElseThrow());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out; ends the session")
    void logout(HttpServletRequest http) {
        LiuliangPrincipal principal = CurrentPrincipal.get();
        HttpSession session = http.getSession(false);
        if (session != null) {
            audit.record(AuditRecord.of(AuditAction.LOGOUT, "user", principal.userId().toString(), principal.username(), null));
            session.invalidate();
        }
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user with roles and permissions")
    Me me() {
        LiuliangPrincipal principal = CurrentPrincipal.get();
        Me me = me(users.findById(principal.userId()).orElseThrow());
        if (principal.viaToken()) {
            return new Me(me.id(), me.username(), me.displayName(), me.email(), me.roles(),
                    principal.permissions().stream().sorted().toList(), false);
        }
        return me;
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change your own password")
    void changePassword(@Valid @RequestBody PasswordChange request) {
        LiuliangPrincipal principal = CurrentPrincipal.get();
        if (principal.viaToken()) {
            throw new ApiProblemException(ProblemType.FORBIDDEN, "Passwords cannot be changed with an API token");
        }
        auth.changePassword(principal.userId(), request.currentPassword(), request.newPassword());
    }

    static Me me(UserRecord u) {
        return new Me(u.id(), u.username(), u.displayName(), u.email(), u.roles().stream().map(Role::name).toList(),
                u.permissions().stream().sorted().toList(), u.mustChangePassword());
    }
}
