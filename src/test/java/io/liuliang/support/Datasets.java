package io.liuliang.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared public datasets (../shared/datasets); tests fail with a clear message when they are missing. */
public final class Datasets {

    private Datasets() {
    }

    public static Path onlineRetail() {
        return require("online_retail/online_retail.csv.gz");
    }

    public static Path require(String relative) {
        Path base = Path.of(System.getProperty("liuliang.shared-datasets", "../shared/datasets"));
        Path file = base.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The dataset " + file.toAbsolutePath() + " is missing: the tests read the "
                    + "public datasets from ../shared/datasets (see DESIGN.md)");
        }
        return file;
    }
}
