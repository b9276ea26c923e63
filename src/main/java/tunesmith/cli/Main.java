package tunesmith.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Entry point. The only place, with the command classes, that prints or exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = execute(args, Path.of("").toAbsolutePath(), System.getenv(), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one command as the process would, without exiting: for tests and embedding.
     *
     * @param workingDirectory what the command treats as the current directory
     * @param environment      the process environment (USER, NO_COLOR, SBATCH, ...)
     * @return the exit code
     */
    public static int execute(String[] args, Path workingDirectory, Map<String, String> environment, PrintStream out, PrintStream err) {
        err.println("tunesmith: not built yet");
        return 2;
    }
}
