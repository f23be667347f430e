package io.liuliang.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.liuliang.shared.ProblemCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the console words every coded problem of a module ({@code journey.minutesRequired} by
 * {@code 'journey.v.minutesRequired'} in each of its i18n files) using no value the problem does not give.
 */
public final class ConsoleProblemTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private ConsoleProblemTexts() {
    }

    /** {@code prefix} is the codes' prefix with its dot ({@code journey.}); {@code files} are under web/src/i18n. */
    public static void assertWorded(String prefix, List<String> files, ProblemCode[] problems) {
        for (String file : files) {
            Map<String, String> texts = texts(prefix, file);
            for (ProblemCode p : problems) {
                String name = p.code().substring(prefix.length());
                String text = texts.get(name);
                assertThat(text).as("%s has %sv.%s", file, prefix, name).isNotBlank();
                Set<String> used = new TreeSet<>();
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
                assertThat(p.params()).as("%s %sv.%s uses %s", file, prefix, name, used).containsAll(used);
            }
        }
    }

    private static Map<String, String> texts(String prefix, String file) {
        Path path = Path.of("web/src/i18n", file);
        assertThat(path).as("the console's texts (run the tests from the project folder)").exists();
        Pattern entry = Pattern.compile("'" + Pattern.quote(prefix + "v.") + "(\\w+)':\\s*'((?:[^'\\\\]|\\\\.)*)'");
        try {
            Matcher m = entry.matcher(Files.readString(path, StandardCharsets.UTF_8));
            Map<String, String> texts = new HashMap<>();
            while (m.find()) {
                texts.put(m.group(1), m.group(2));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
