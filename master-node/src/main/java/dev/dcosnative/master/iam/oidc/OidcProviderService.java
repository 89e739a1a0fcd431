package dev.dcosnative.master.iam.oidc;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.audit.Changes;
import dev.dcosnative.master.iam.core.IamIds;
import dev.dcosnative.master.iam.core.OidcProviderRequests;
import dev.dcosnative.master.iam.core.OidcProviderRequests.ProviderConfig;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.OidcProviderEntity;

/**
 * The OpenID Connect providers users log in with ({@code /auth/oidc/providers}). The client secret is stored for the
 * code exchange and never answered, logged or audited. Every change is one transaction with its audit row.
 */
@ApplicationScoped
public class OidcProviderService {

    private final IamStore store;
    private final Changes changes;

    public OidcProviderService(IamStore store, Changes changes) {
        this.store = store;
        this.changes = changes;
    }

    /** {@code {"<provider-id>": "<description>", ...}}, as Bouncer lists them. */
    public Uni<ObjectNode> list() {
        return store.read(() -> OidcProviderEntity.<OidcProviderEntity> list("order by providerId")).map(providers -> {
            ObjectNode json = IamJson.object();
            providers.forEach(p -> json.put(p.providerId, p.description));
            return json;
        });
    }

    /** {@code {description, issuer, base_url, client_id, verify_server_certificate, ca_certs}}: no client secret. */
    public Uni<ObjectNode> get(String id) {
        return store.read(() -> existing(id)).map(OidcProviderService::view);
    }

    /** The provider for a login; a 400 for an unknown one. */
    public Uni<OidcProviderEntity> forLogin(String id) {
        return store.read(() -> IamIds.isProviderId(id) ? OidcProviderEntity.<OidcProviderEntity> findById(id)
                : Uni.createFrom().<OidcProviderEntity> nullItem()).onItem().ifNull()
                .failWith(() -> new IamException(400, "ERR_UNKNOWN_OIDC_PROVIDER",
                        "OIDC provider `" + id + "` is not configured."));
    }

    /** {@code PUT /auth/oidc/providers/{id}}: 201, or 409 when it exists. */
    public Uni<Void> create(Caller caller, String id, byte[] body) {
        return changes.apply(caller, "oidc-provider-create", id, () -> {
            if (!IamIds.isProviderId(id)) {
                throw new IamException(400, "ERR_INVALID_PROVIDER_ID",
                        "Invalid provider ID: 1 to 64 letters, digits and `.`, `_`, `-` expected.");
            }
            return Uni.createFrom().item(OidcProviderRequests.create(IamJson.parse(body)));
        }, config -> OidcProviderEntity.<OidcProviderEntity> findById(id).chain(found -> {
            if (found != null) {
                throw IamException.conflict("ERR_OIDC_PROVIDER_EXISTS", "OIDC provider `" + id + "` already exists.");
            }
            OidcProviderEntity entity = new OidcProviderEntity();
            entity.providerId = id;
            apply(entity, config);
            return entity.persist().replaceWithVoid();
        }));
    }

    /** {@code PATCH /auth/oidc/providers/{id}}: the given fields change. */
    public Uni<Void> update(Caller caller, String id, byte[] body) {
        return changes.apply(caller, "oidc-provider-update", id,
                () -> Uni.createFrom().item(OidcProviderRequests.change(IamJson.parse(body))),
                config -> existing(id).invoke(entity -> apply(entity, config)).replaceWithVoid());
    }

    /** {@code DELETE /auth/oidc/providers/{id}}: its users stay, but cannot log in through it any more. */
    public Uni<Void> delete(Caller caller, String id) {
        return changes.apply(caller, "oidc-provider-delete", id, () -> existing(id).chain(p -> p.delete()));
    }

    private static void apply(OidcProviderEntity entity, ProviderConfig config) {
        config.description().ifPresent(d -> entity.description = d);
        config.issuer().ifPresent(i -> entity.issuer = i);
        config.baseUrl().ifPresent(u -> entity.baseUrl = u);
        config.clientId().ifPresent(c -> entity.clientId = c);
        config.clientSecret().ifPresent(c -> entity.clientSecret = c);
        config.verifyServerCertificate().ifPresent(v -> entity.verifyServerCertificate = v);
        config.caCerts().ifPresent(c -> entity.caCerts = c);
    }

    private static Uni<OidcProviderEntity> existing(String id) {
        Uni<OidcProviderEntity> found = IamIds.isProviderId(id) ? OidcProviderEntity.findById(id)
                : Uni.createFrom().nullItem();
        return found.onItem().ifNull().failWith(() -> new IamException(404, "ERR_UNKNOWN_OIDC_PROVIDER",
                "OIDC provider `" + id + "` not known."));
    }

    private static ObjectNode view(OidcProviderEntity p) {
        ObjectNode json = IamJson.object();
        json.put("description", p.description);
        json.put("issuer", p.issuer);
        json.put("base_url", p.baseUrl);
        json.put("client_id", p.clientId);
        json.put("verify_server_certificate", p.verifyServerCertificate);
        if (p.caCerts == null) {
            json.putNull("ca_certs");
        } else {
            json.put("ca_certs", p.caCerts);
        }
        return json;
    }
}
