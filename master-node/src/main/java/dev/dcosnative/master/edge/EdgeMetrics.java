package dev.dcosnative.master.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/** Requests through the edge by route kind and status, for {@code /nginx/metrics} (Prometheus text). */
@ApplicationScoped
public class EdgeMetrics {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    void count(String route, int status) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
    }

    String prometheus() {
        StringBuilder text = new StringBuilder("# TYPE edge_requests_total counter\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] key = e.getKey().split("\u0000");
            text.append("edge_requests_total{route=\"").append(key[0]).append("\",status=\"").append(key[1])
                    .append("\"} ").append(e.getValue().sum()).append('\n');
        });
        return text.toString();
    }
}
