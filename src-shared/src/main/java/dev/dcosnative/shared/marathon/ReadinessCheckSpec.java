package dev.dcosnative.shared.marathon;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of an app's {@code readinessChecks}: an HTTP(S) check on a named port that a deployment waits for before
 * it counts a new task as ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadinessCheckSpec(
        String name,
        String protocol,
        String path,
        String portName,
        Integer intervalSeconds,
        Integer timeoutSeconds,
        List<Integer> httpStatusCodesForReady,
        Boolean preserveLastResponse) {
}
