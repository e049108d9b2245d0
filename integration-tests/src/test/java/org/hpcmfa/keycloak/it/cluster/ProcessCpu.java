package org.hpcmfa.keycloak.it.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time a process has used (user + system), from {@code /proc/<pid>/stat}, in seconds. */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    static double seconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // After the command name in parentheses (which may hold spaces), field 3 onward; utime is 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** CPU used during {@code seconds} of wall time, as a percentage of one core. */
    static double percentOfOneCore(double cpuSeconds, double wallSeconds) {
        return 100 * cpuSeconds / wallSeconds;
    }

    private static double ticksPerSecond() {
        try {
            return Double.parseDouble(Processes.run(List.of("getconf", "CLK_TCK")).trim());
        } catch (Exception e) {
            return 100; // Linux's USER_HZ nearly everywhere
        }
    }
}
