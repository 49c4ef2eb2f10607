package io.jiebang.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each process of the stack uses, the load generator (this JVM) included: resident memory from Linux's
 * /proc/&lt;pid&gt;/status (VmRSS now, VmHWM at its peak) and CPU time, to tell which process a step saturates.
 */
final class Processes {

    static final String LOAD_GENERATOR = "load-generator";

    /** In MiB. */
    record Resident(double now, double peak) {
    }

    private Processes() {
    }

    static Map<String, Resident> resident(Map<String, Long> pids) {
        Map<String, Resident> resident = new LinkedHashMap<>();
        withGenerator(pids).forEach((name, pid) -> {
            try {
                Map<String, Double> status = new LinkedHashMap<>();
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    String[] parts = line.split("\\s+");
                    if (parts.length == 3 && parts[2].equals("kB")) {
                        status.put(parts[0], Double.parseDouble(parts[1]) / 1024);
                    }
                }
                resident.put(name, new Resident(status.getOrDefault("VmRSS:", Double.NaN), status.getOrDefault("VmHWM:", Double.NaN)));
            } catch (IOException notLinuxOrGone) {
                resident.put(name, new Resident(Double.NaN, Double.NaN));
            }
        });
        return resident;
    }

    /** CPU time used so far (user and system), in seconds. */
    static Map<String, Double> cpuSeconds(Map<String, Long> pids) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        withGenerator(pids).forEach((name, pid) -> cpu.put(name, ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9).orElse(Double.NaN)));
        return cpu;
    }

    /** Cores each process kept busy on average between two readings of {@link #cpuSeconds}. */
    static Map<String, Double> cores(Map<String, Double> before, Map<String, Double> after, Duration between) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((name, seconds) -> cores.put(name, (seconds - before.getOrDefault(name, Double.NaN)) / (between.toNanos() / 1e9)));
        return cores;
    }

    private static Map<String, Long> withGenerator(Map<String, Long> pids) {
        Map<String, Long> all = new LinkedHashMap<>(pids);
        all.put(LOAD_GENERATOR, ProcessHandle.current().pid());
        return all;
    }
}
