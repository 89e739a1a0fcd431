package dev.dcosnative.master.edge;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.apache.mesos.v1.Protos.MasterInfo;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.edge.core.EdgeRoutes;
import dev.dcosnative.master.edge.core.EdgeRoutes.Access;
import dev.dcosnative.master.edge.core.EdgeRoutes.Match;
import dev.dcosnative.master.edge.core.EdgeRoutes.Target;
import dev.dcosnative.master.iam.Authorizer;
import dev.dcosnative.master.iam.Tokens;
import dev.dcosnative.master.mesos.MasterIdentity;
import dev.dcosnative.master.mesos.leader.LeaderElection;

/**
 * The master's edge (Admin Router): one HTTP port and one HTTPS port on the master's IP in front of every component.
 * Each request is routed by {@link EdgeRoutes}, authenticated at the door (a DC/OS token in
 * {@code Authorization: token=...}, {@code Authorization: Bearer ...} or the {@code dcos-acs-auth-cookie} cookie; 401
 * with {@code WWW-Authenticate: oauthjwt} without one), authorized ({@code full} on the route's ACL; 403 without),
 * then answered by the edge or proxied — to the leading master's component port (Mesos, Marathon), this master's
 * (IAM), an agent, or a service — with vertx-http-proxy, streaming both ways (SSE, RecordIO and downloads are never
 * buffered). A token that came as a cookie is passed on as {@code Authorization: token=}, so the components, which
 * check tokens too, see it.
 */
@ApplicationScoped
public class EdgeServer {

    private static final Logger LOG = Logger.getLogger(EdgeServer.class);

    private final Vertx vertx;
    private final MasterConfig config;
    private final MasterIdentity identity;
    private final LeaderElection election;
    private final Tokens tokens;
    private final Authorizer authorizer;
    private final EdgeDocuments documents;
    private final EdgeTargets targets;
    private final EdgeMetrics metrics;
    private final List<String> deployments = new CopyOnWriteArrayList<>();
    private HttpClient client;
    private HttpClient tlsClient;

    public EdgeServer(Vertx vertx, MasterConfig config, MasterIdentity identity, LeaderElection election,
            Tokens tokens, Authorizer authorizer, EdgeDocuments documents, EdgeTargets targets, EdgeMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.identity = identity;
        this.election = election;
        this.tokens = tokens;
        this.authorizer = authorizer;
        this.documents = documents;
        this.targets = targets;
        this.metrics = metrics;
    }

    void start(@ObservesAsync HttpServerStart event) {
        MasterConfig.Edge edge = config.edge();
        if (!edge.enabled()) {
            return;
        }
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(256);
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) edge.connectTimeout().toMillis())
                .setIdleTimeout((int) edge.idleTimeout().toSeconds())
                .setKeepAlive(true)
                .setDecompressionSupported(false);
        client = vertx.createHttpClient(options, pool);
        tlsClient = vertx.createHttpClient(new HttpClientOptions(options).setSsl(true).setTrustAll(true)
                .setVerifyHost(false), pool);
        int instances = edge.instances() > 0 ? edge.instances() : Runtime.getRuntime().availableProcessors();
        if (edge.httpPort() > 0) {
            serve(new HttpServerOptions().setHost(config.ip()).setPort(edge.httpPort()), instances, "http");
        }
        if (edge.httpsPort() > 0) {
            TlsMaterial.Pem pem = edge.tlsCertificate().isPresent() && edge.tlsKey().isPresent()
                    ? new TlsMaterial.Pem(edge.tlsCertificate().get(), edge.tlsKey().get())
                    : TlsMaterial.selfSigned(config.workDir().resolve("edge").resolve("tls"), config.ip(),
                            identity.hostname());
            serve(new HttpServerOptions().setHost(config.ip()).setPort(edge.httpsPort()).setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem.certificate().toString())
                            .setKeyPath(pem.key().toString())),
                    instances, "https (certificate SHA-256 " + TlsMaterial.fingerprint(pem.certificate()) + ")");
        }
    }

    private void serve(HttpServerOptions options, int instances, String what) {
        options.setIdleTimeout((int) config.edge().idleTimeout().toSeconds()).setCompressionSupported(false);
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                Router router = Router.router(vertx);
                router.route().handler(EdgeServer.this::handle);
                vertx.createHttpServer(options).requestHandler(router).listen().<Void> mapEmpty()
                        .onComplete(started);
            }
        }, new DeploymentOptions().setInstances(instances)).onSuccess(id -> {
            deployments.add(id);
            LOG.infof("Edge listening on %s:%d, %s", options.getHost(), options.getPort(), what);
        }).onFailure(e -> LOG.errorf("The edge cannot listen on %s:%d: %s", options.getHost(), options.getPort(),
                e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        for (String id : deployments) {
            vertx.undeploy(id);
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        String path = ctx.normalizedPath();
        Optional<Match> routed = EdgeRoutes.route(path, request.path());
        if (routed.isEmpty()) {
            EdgeResponses.error(ctx, 400, "Bad Request", "The request path is not valid");
            metrics.count("invalid", 400);
            return;
        }
        Match match = routed.get();
        String kind = kind(match.target());
        ctx.response().endHandler(v -> metrics.count(kind, ctx.response().getStatusCode()));
        if (match.access() == Access.OPEN) {
            dispatch(ctx, match, null);
            return;
        }
        Optional<String> token = Tokens.fromRequest(request.getHeader("Authorization"), request.getHeader("Cookie"));
        Optional<String> uid = token.flatMap(tokens::verify);
        if (uid.isEmpty()) {
            EdgeResponses.unauthorized(ctx, token.isEmpty());
            return;
        }
        if (match.access() == Access.TOKEN) {
            dispatch(ctx, match, token.get());
            return;
        }
        io.vertx.core.Context context = vertx.getOrCreateContext();
        authorizer.allowed(uid.get(), match.rid(), Authorizer.FULL).subscribe().with(allowed -> context.runOnContext(
                v -> {
                    if (allowed) {
                        dispatch(ctx, match, token.get());
                    } else {
                        EdgeResponses.forbidden(ctx, uid.get(), match.rid());
                    }
                }), failure -> context.runOnContext(v -> {
                    LOG.warnf("Authorization failed for a request to %s: %s", path, failure.getMessage());
                    EdgeResponses.error(ctx, 503, "Service Unavailable", "Authorization is not available: "
                            + failure.getMessage());
                }));
    }

    private void dispatch(RoutingContext ctx, Match match, String token) {
        Target target = match.target();
        String query = ctx.request().query() == null ? "" : "?" + ctx.request().query();
        if (target instanceof Target.Redirect redirect) {
            ctx.response().setStatusCode(301).putHeader("Location", redirect.location() + query).end();
        } else if (target instanceof Target.Document document) {
            documents.serve(ctx, document.name());
        } else if (target instanceof Target.Unavailable unavailable) {
            EdgeResponses.error(ctx, 503, "Service Unavailable", unavailable.component()
                    + " does not run on this cluster yet");
        } else if (target instanceof Target.Local) {
            proxy(ctx, new EdgeTargets.Backend(config.ip(), identity.port(), false), match.upstreamPath() + query,
                    token);
        } else if (target instanceof Target.Leader) {
            Optional<MasterInfo> leader = election.leader();
            if (leader.isEmpty()) {
                EdgeResponses.error(ctx, 503, "Service Unavailable", "No leading master was elected yet");
                return;
            }
            MasterInfo info = leader.get();
            proxy(ctx, new EdgeTargets.Backend(info.getAddress().getIp(), info.getPort(), false),
                    match.upstreamPath() + query, token);
        } else if (target instanceof Target.Agent agent) {
            resolved(ctx, targets.agent(agent.agentId()), "Agent " + agent.agentId() + " is not known", match,
                    query, token);
        } else if (target instanceof Target.Service service) {
            resolved(ctx, targets.service(service.name()), "Service " + service.name() + " is not known", match,
                    query, token);
        }
    }

    private void resolved(RoutingContext ctx, Uni<Optional<EdgeTargets.Resolved>> resolving, String unknown,
            Match match, String query, String token) {
        if (!election.isLeader() && election.leader().isPresent()) {
            // a standby does not know agents and services: the leader's edge does
            MasterInfo leader = election.leader().get();
            proxy(ctx, new EdgeTargets.Backend(leader.getAddress().getIp(), config.edge().httpPort(), false),
                    ctx.request().uri(), token);
            return;
        }
        io.vertx.core.Context context = vertx.getOrCreateContext();
        resolving.subscribe().with(found -> context.runOnContext(v -> {
            if (found.isEmpty()) {
                EdgeResponses.error(ctx, 404, "Not Found", unknown);
                return;
            }
            EdgeTargets.Resolved resolved = found.get();
            String path = resolved.keepPrefix() ? ctx.request().path() : match.upstreamPath();
            proxy(ctx, resolved.backend(), resolved.basePath() + path + query, token);
        }), failure -> context.runOnContext(v -> EdgeResponses.error(ctx, 503, "Service Unavailable",
                failure.getMessage())));
    }

    /** Proxies the request to {@code backend} at {@code uri}, streaming both ways. */
    private void proxy(RoutingContext ctx, EdgeTargets.Backend backend, String uri, String token) {
        HttpServerRequest request = ctx.request();
        ProxyRequest proxied = ProxyRequest.reverseProxy(request);
        proxied.setURI(uri.isEmpty() ? "/" : uri);
        if (token != null && request.getHeader("Authorization") == null) {
            proxied.putHeader("Authorization", "token=" + token);
        }
        String remote = request.remoteAddress() == null ? "" : request.remoteAddress().host();
        String forwarded = request.getHeader("X-Forwarded-For");
        proxied.putHeader("X-Forwarded-For", forwarded == null ? remote : forwarded + ", " + remote);
        proxied.putHeader("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        proxied.putHeader("X-Real-IP", remote);
        HttpClient http = backend.tls() ? tlsClient : client;
        http.request(new RequestOptions().setHost(backend.host()).setPort(backend.port()))
                .compose(proxied::send)
                .compose(response -> response.send())
                .onFailure(failure -> {
                    if (!ctx.response().headWritten()) {
                        EdgeResponses.error(ctx, 502, "Bad Gateway", "The backend " + backend.host() + ":"
                                + backend.port() + " did not answer: " + failure.getMessage());
                    } else {
                        ctx.response().reset();
                    }
                });
    }

    private static String kind(Target target) {
        if (target instanceof Target.Document document) {
            return document.name();
        }
        return target.getClass().getSimpleName().toLowerCase();
    }
}
