package tunesmith.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/** Writes files so a reader only ever sees the old or the new content, and leaves equal files alone. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code text} unless the file already holds exactly it; returns whether it wrote. */
    public static boolean writeIfChanged(Path file, String text) throws IOException {
        if (!differs(file, text)) {
            return false;
        }
        write(file, text);
        return true;
    }

    /** Whether the file is missing or holds anything but exactly {@code text}. */
    public static boolean differs(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return !(Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes));
    }

    /** Replaces the file in one step: a reader sees the old content or the new, never a part. */
    public static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            // The rename is what makes the write all-or-nothing for a killed process.
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
