package io.liuliang.iam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The file {@code <data dir>/initial-admin-password}, written at first start and removed once it is changed. */
@Component
class InitialAdminPassword {

    static final String FILE_NAME = "initial-admin-password";
    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(InitialAdminPassword.class);
    private final Path file;

    InitialAdminPassword(@Value("${liuliang.data-dir:./data}") Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    void write(String password) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, password + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("File permissions are not POSIX here; {} keeps its default permissions", file);
            }
        } catch (IOException e) {
            log.warn("Could not write the initial admin password to {}: {}", file, e.getMessage());
        }
    }

    void discardFor(String username) {
        if (!ADMIN.equalsIgnoreCase(username)) {
            return;
        }
        try {
            if (Files.deleteIfExists(file)) {
                log.info("The initial admin password was changed; {} was removed", file);
            }
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.getMessage());
        }
    }
}
