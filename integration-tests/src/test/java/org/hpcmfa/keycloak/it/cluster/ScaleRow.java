package org.hpcmfa.keycloak.it.cluster;

import java.util.List;

/** One realm size's figures in the scale bench; times in milliseconds, sizes in bytes. */
record ScaleRow(int users, double insertSeconds, long censusMillis, long heapAfterCensusMb,
        long signP50, long signP95, long krl1Bytes, long krl1Millis, long krl5Bytes, long krl5Millis,
        long loginP50, long loginP95, KrlPollers.Result polling) {

    static final List<String> HEADERS = List.of("users", "bulk insert s", "census ms", "heap after census MB",
            "sign p50 ms", "sign p95 ms", "KRL 1% bytes", "KRL 1% build ms", "KRL 5% bytes", "KRL 5% build ms",
            "login p50 ms", "login p95 ms", "KRL polls 200/304", "polling CPU % of a core", "idle CPU % of a core",
            "same polling of GET /realms/{realm}, CPU % of a core");

    List<String> cells() {
        return List.of(String.valueOf(users), String.format("%.1f", insertSeconds), String.valueOf(censusMillis),
                String.valueOf(heapAfterCensusMb), String.valueOf(signP50), String.valueOf(signP95),
                String.valueOf(krl1Bytes), String.valueOf(krl1Millis), String.valueOf(krl5Bytes),
                String.valueOf(krl5Millis), String.valueOf(loginP50), String.valueOf(loginP95),
                polling.full() + "/" + polling.notModified(), String.format("%.2f", polling.cpuPercent()),
                String.format("%.2f", polling.idleCpuPercent()),
                String.format("%.2f", polling.realmEndpointCpuPercent()));
    }
}
