package dev.dcosnative.shared.marathon;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An app's {@code container}: {@code type} DOCKER (the default) or MESOS, an image ({@code docker}), port mappings for
 * bridge or container networking, and volumes (kept as given).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppContainer(
        String type,
        Docker docker,
        List<PortMapping> portMappings,
        List<JsonNode> volumes,
        JsonNode linuxInfo) {

    /** {@code container.docker}. Its {@code portMappings} and {@code network} are the deprecated places. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Docker(
            String image,
            Boolean forcePullImage,
            Boolean privileged,
            List<Parameter> parameters,
            String network,
            List<PortMapping> portMappings,
            JsonNode credential,
            JsonNode pullConfig) {
    }

    /** A {@code docker run} parameter. */
    public record Parameter(String key, String value) {
    }

    /**
     * One port mapping: the container port, the host port taken from the offer ({@code 0}: any; absent in container
     * mode: none), the service port (assigned when 0).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PortMapping(
            Integer containerPort,
            Integer hostPort,
            Integer servicePort,
            String protocol,
            String name,
            Map<String, String> labels,
            List<String> networkNames) {
    }
}
