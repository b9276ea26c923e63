package tunesmith.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** scaffold-torchtune.log: one entry per action, appended, in the format the manual workflow used. */
public final class ScaffoldLog {
    public static final String FILE_NAME = "scaffold-torchtune.log";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The actions a log entry may record. */
    public enum Action {
        DISCOVER_EXPERIMENT, PARSE_YAML, READ_LOCAL_MD, CREATE_RUN_DIR, GENERATE_YAML, RUN_SETUP, VERIFY,
        SKIP_CONTROL, WARNING, ERROR, COMPLETE
    }

    private final Clock clock;
    private final StringBuilder pending = new StringBuilder();

    public ScaffoldLog(Clock clock) {
        this.clock = clock;
    }

    public synchronized void add(Action action, String description, String details, String result) {
        pending.append('[').append(LocalDateTime.now(clock).format(STAMP)).append("] ")
                .append(action.name()).append(": ").append(oneLine(description)).append('\n')
                .append("Details: ").append(details).append('\n')
                .append("Result: ").append(result).append("\n\n");
    }

    /** Appends the entries gathered so far to the experiment's log. */
    public synchronized void flush(Path experimentDirectory) throws IOException {
        if (pending.length() == 0) {
            return;
        }
        // Forced to disk: unlike the run files, the log cannot be written again from the inputs.
        try (FileChannel channel = FileChannel.open(experimentDirectory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(pending.toString());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        pending.setLength(0);
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }
}
