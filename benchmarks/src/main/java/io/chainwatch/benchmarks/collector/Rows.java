package io.chainwatch.benchmarks.collector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Row format of docs/benchmarks.md, and the measurements the collector benchmarks share. */
final class Rows {

    private Rows() {
    }

    static String row(String id, double value, String unit, String command) {
        return String.format("| %s | %.2f | %s | %s | `%s` |", id, value, unit, LocalDate.now(), command);
    }

    /** CPU seconds of this JVM process (all threads, GC and JIT included). */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** CPU seconds of this JVM's live threads whose names start with {@code prefix}. */
    static double threadCpuSeconds(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    nanos += cpu;
                }
            }
        }
        return nanos / 1e9;
    }

    /** VmRSS of a process, MiB. */
    static double rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** CPU seconds (user + system) of a process from /proc/pid/stat. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks / 100.0;
    }
}
