package io.liuliang.iam;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;

/** User administration: create, edit, enable/disable, roles, password resets and unlocking, each audited. */
@Service
class UserAdminService {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final ApiTokenService tokens;

    UserAdminService(UserRepository users, PasswordEncoder encoder, AuditLog audit, ApiTokenService tokens) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.tokens = tokens;
    }

    record NewUser(String username, String displayName, String email, List<String> roles, String password,
                   boolean mustChangePassword) {
    }

    record UserChange(String displayName, String email, List<String> roles, boolean enabled) {
    }

    UserRecord get(UUID id) {
        return users.findById(id).orElseThrow(() -> ApiProblemException.notFound("User", id));
    }

    List<UserRecord> search(String q, String role, Boolean enabled, PageRequest page) {
        Role roleFilter = null;
        if (role != null && !role.isBlank()) {
            roleFilter = Role.ofCode(role).orElseThrow(() -> ApiProblemException.invalid("role", "unknown role " + role));
        }
        return users.search(q, roleFilter, enabled, page);
    }

    @Transactional
    UserRecord create(NewUser request) {
        List<FieldError> errors = new ArrayList<>(PasswordPolicy.check("password", request.password(), request.username()));
        List<Role> roles = roles(request.roles(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        if (users.findByUsername(request.username()).isPresent()) {
            throw ApiProblemException.conflict("username", "the user name " + request.username() + " is already taken");
        }
        UUID id = UUID.randomUUID();
        users.insert(new UserRecord(id, request.username(), request.displayName().strip(), blankToNull(request.email()),
                encoder.encode(request.password()), roles, true, request.mustChangePassword(), 0, null, null, null, null,
                null));
        audit.record(AuditRecord.of(AuditAction.USER_CREATED, "user", id.toString(), request.username(),
                "roles " + roles));
        return get(id);
    }

    @Transactional
    UserRecord update(UUID id, UserChange change, UUID actingUserId) {
        UserRecord before = get(id);
        List<FieldError> errors = new ArrayList<>();
        List<Role> roles = roles(change.roles(), errors);
        if (id.equals(actingUserId) && !change.enabled()) {
            errors.add(new FieldError("enabled", "you cannot disable your own account"));
        }
        if (id.equals(actingUserId) && before.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            errors.add(new FieldError("roles", "you cannot remove the ADMIN role from yourself"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        users.updateProfile(id, change.displayName().strip(), blankToNull(change.email()), roles, change.enabled());
        tokens.forgetVerifiedTokensOf(id);
        String target = before.username();
        if (!before.displayName().equals(change.displayName().strip())
                || !java.util.Objects.equals(before.email(), blankToNull(change.email()))) {
            audit.record(AuditRecord.of(AuditAction.USER_UPDATED, "user", id.toString(), target, "profile changed"));
        }
        if (!new LinkedHashSet<>(before.roles()).equals(new LinkedHashSet<>(roles))) {
            audit.record(AuditRecord.of(AuditAction.ROLES_CHANGED, "user", id.toString(), target,
                    before.roles() + " -> " + roles));
        }
        if (before.enabled() != change.enabled()) {
            audit.record(AuditRecord.of(change.enabled() ? AuditAction.USER_ENABLED : AuditAction.USER_DISABLED, "user",
                    id.toString(), target, null));
        }
        return get(id);
    }

    @Transactional
    void resetPassword(UUID id, String newPassword, boolean mustChange) {
        UserRecord user = get(id);
        List<FieldError> errors = PasswordPolicy.check("newPassword", newPassword, user.username());
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        users.updatePassword(id, encoder.encode(newPassword), mustChange, true);
        tokens.forgetVerifiedTokensOf(id);
        audit.record(AuditRecord.of(AuditAction.PASSWORD_RESET, "user", id.toString(), user.username(),
                mustChange ? "must change at next login" : null));
    }

    @Transactional
    void unlock(UUID id) {
        UserRecord user = get(id);
        users.unlock(id);
        audit.record(AuditRecord.of(AuditAction.USER_UNLOCKED, "user", id.toString(), user.username(), null));
    }

    private static List<Role> roles(List<String> codes, List<FieldError> errors) {
        List<Role> roles = new ArrayList<>();
        if (codes == null || codes.isEmpty()) {
            errors.add(new FieldError("roles", "at least one role is required"));
            return roles;
        }
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            int index = i;
            Role.ofCode(code).ifPresentOrElse(r -> {
                if (!roles.contains(r)) {
                    roles.add(r);
                }
            }, () -> errors.add(new FieldError("roles[" + index + "]", "unknown role " + code)));
        }
        roles.sort(null);
        return roles;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
