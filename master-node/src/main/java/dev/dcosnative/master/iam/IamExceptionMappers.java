package dev.dcosnative.master.iam;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders an {@link IamException}, wherever a resource throws it, as the DC/OS (Bouncer) error response. */
public class IamExceptionMappers {

    @ServerExceptionMapper
    public Response iam(IamException e) {
        return e.toResponse();
    }
}
