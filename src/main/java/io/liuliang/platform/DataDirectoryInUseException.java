package io.liuliang.platform;

import java.nio.file.Path;

/** Another running Liuliang process holds the data directory; starting a second one on it would corrupt it. */
class DataDirectoryInUseException extends RuntimeException {

    private final Path dataDir;

    DataDirectoryInUseException(Path dataDir, String holder) {
        super("The data directory " + dataDir + " is already in use by another running Liuliang" + holder + ".");
        this.dataDir = dataDir;
    }

    Path dataDir() {
        return dataDir;
    }
}
