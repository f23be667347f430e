package io.liuliang.iam;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ProblemType;

/**
 * Password login with lockout after repeated failures, and password changes. Every outcome is audited; an unknown
 * user name costs the same hashing time as a wrong password, so answers do not reveal which names exist.
 */
@Service
class AuthService {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final IamProperties properties;
    private final Clock clock;
    private final String dummyHash;
    private final InitialAdminPassword initialAdminPassword;

    AuthService(UserRepository users, PasswordEncoder encoder, AuditLog audit, IamProperties properties, Clock clock,
                InitialAdminPassword initialAdminPassword) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.initialAdminPassword = initialAdminPassword;
        this.dummyHash = encoder.encode(PasswordPolicy.generate());
    }

    UserRecord login(String username, String password) {
        Instant now = clock.instant();
        UserRecord user = users.findByUsername(username).orElse(null);
        if (user == null) {
            encoder.matches(password, dummyHash);
            audit.record(new AuditRecord(AuditAction.LOGIN_FAILED, "user", null, username, "unknown user name", null, username));
            throw badCredentials();
        }
        if (user.lockedAt(now)) {
            audit.record(new AuditRecord(AuditAction.LOGIN_FAILED, "user", user.id().toString(), user.username(),
                    "account locked", user.id(), user.username()));
            throw locked(user.lockedUntil());
        }
        if (!encoder.matches(password, user.passwordHash())) {
            int failures = users.incrementFailedLogins(user.id());
            audit.record(new AuditRecord(AuditAction.LOGIN_FAILED, "user", user.id().toString(), user.username(),
                    "wrong password (" + failures + " of " + properties.maxFailedLogins() + ")", user.id(), user.username()));
            if (failures >= properties.maxFailedLogins()) {
                Instant until = now.plus(properties.lockout());
                users.lock(user.id(), until);
                audit.record(new AuditRecord(AuditAction.ACCOUNT_LOCKED, "user", user.id().toString(), user.username(),
                        failures + " failed logins; locked until " + until, user.id(), user.username()));
                throw locked(until);
            }
            throw badCredentials();
        }
        if (!user.enabled()) {
            audit.record(new AuditRecord(AuditAction.LOGIN_FAILED, "user", user.id().toString(), user.username(),
                    "account disabled", user.id(), user.username()));
            throw new ApiProblemException(ProblemType.ACCOUNT_DISABLED, "This account is disabled; ask an administrator");
        }
        if (encoder.upgradeEncoding(user.passwordHash())) {
            users.updatePassword(user.id(), encoder.encode(password), user.mustChangePassword(), false);
        }
        users.recordLogin(user.id());
        audit.record(new AuditRecord(AuditAction.LOGIN_SUCCEEDED, "user", user.id().toString(), user.username(), null,
                user.id(), user.username()));
        return user;
    }

    void changePassword(UUID userId, String currentPassword, String newPassword) {
        UserRecord user = users.findById(userId).orElseThrow(() -> ApiProblemException.notFound("User", userId));
        List<FieldError> errors = new ArrayList<>();
        if (currentPassword == null || !encoder.matches(currentPassword, user.passwordHash())) {
            errors.add(new FieldError("currentPassword", "is not your current password"));
        }
        errors.addAll(PasswordPolicy.check("newPassword", newPassword, user.username()));
        if (errors.isEmpty() && newPassword.equals(currentPassword)) {
            errors.add(new FieldError("newPassword", "must differ from the current password"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        users.updatePassword(user.id(), encoder.encode(newPassword), false, false);
        audit.record(AuditRecord.of(AuditAction.PASSWORD_CHANGED, "user", user.id().toString(), user.username(), null));
        if (user.mustChangePassword()) {
            initialAdminPassword.discardFor(user.username());
        }
    }

    private static ApiProblemException badCredentials() {
        return new ApiProblemException(ProblemType.BAD_CREDENTIALS, "Wrong user name or password");
    }

    private static ApiProblemException locked(Instant until) {
        return new ApiProblemException(ProblemType.ACCOUNT_LOCKED,
                "Too many failed logins: this account is locked until " + until, List.of(),
                Map.of("lockedUntil", until.toString()));
    }
}
