package tunesmith.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name, as a lock records it: the kernel's, without a DNS lookup when it can be
 * avoided.
 */
final class HostName {
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private HostName() {}

  static String current() {
    try {
      if (Files.isReadable(KERNEL_HOSTNAME)) {
        String name = Files.readString(KERNEL_HOSTNAME).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
