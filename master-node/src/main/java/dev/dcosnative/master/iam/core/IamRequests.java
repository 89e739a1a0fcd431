package dev.dcosnative.master.iam.core;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The request bodies of IAM's API, checked as Bouncer checks them (its JSON schemas and rules, its messages); every
 * refusal is an {@link InvalidRequest}. Pure: JSON in, values out.
 */
public final class IamRequests {

    public static final String INVALID_DATA = "ERR_INVALID_DATA";
    /** The OIDC provider legacy DC/OS UIs invited e-mail users for. */
    public static final String LEGACY_OIDC_PROVIDER = "https://dcos.auth0.com/";

    private static final int MAX_DESCRIPTION = 4096;
    private static final int MAX_PUBLIC_KEY = 16384;
    private static final int MAX_PROVIDER_ID = 255;
    private static final Set<String> PROVIDER_TYPES = Set.of("internal", "oidc", "saml", "ldap");

    private IamRequests() {
    }

    /** What kind of account a new user is. */
    public enum Kind {
        /** A local user who logs in with a password. */
        LOCAL,
        /** A service account that logs in with a token signed by its private key. */
        SERVICE,
        /** An external user (OIDC, SAML, LDAP) invited for a login through the provider. */
        REMOTE
    }

    /** {@code PUT /users/{uid}}. The password is still clear text here; it is hashed before anything is stored. */
    public record NewUser(Kind kind, String description, String password, String publicKey, String providerType,
            String providerId) {

        @Override
        public String toString() {
            return "NewUser[" + kind + ", " + providerType + "]"; // never the password
        }
    }

    /** {@code PATCH /users/{uid}}: what changes. */
    public record UserChange(Optional<String> description, Optional<String> password) {

        @Override
        public String toString() {
            return "UserChange[description=" + description.isPresent() + ", password=" + password.isPresent() + "]";
        }
    }

    /**
     * {@code POST /auth/login}: a password login, a service login ({@code uid} and {@code token}), or the login of
     * the {@code dcos} CLI with an OpenID Connect ID token ({@code token} without {@code uid}).
     */
    public record Login(String uid, String password, String token) {

        public boolean service() {
            return token != null && uid != null;
        }

        /** An OIDC ID token for a DC/OS token: who it is, the token tells. */
        public boolean oidcIdToken() {
            return token != null && uid == null;
        }

        @Override
        public String toString() {
            return "Login[" + (oidcIdToken() ? "oidc id token" : uid + (service() ? ", service" : "")) + "]";
        }
    }

    public static NewUser newUser(String uid, JsonNode body, int minPasswordLength) {
        object(body);
        allowOnly(body, "description", "password", "public_key", "provider_type", "provider_id", "cluster_url",
                "creator_uid");
        String description = string(body, "description").orElse("");
        checkDescription(description);
        Optional<String> password = string(body, "password");
        Optional<String> publicKey = string(body, "public_key");
        Optional<String> providerType = string(body, "provider_type");
        Optional<String> providerId = string(body, "provider_id");
        string(body, "cluster_url");
        string(body, "creator_uid");

        if (password.filter(String::isEmpty).isPresent()) {
            throw invalid("`password` must not be empty when provided");
        }
        if (publicKey.filter(String::isEmpty).isPresent()) {
            throw invalid("`public_key` must not be empty when provided");
        }
        String type = providerType.filter(t -> !t.isEmpty()).orElse("internal");
        if (!PROVIDER_TYPES.contains(type)) {
            throw invalid("Invalid provider_type: expected one of internal, oidc, saml, ldap");
        }
        boolean remote = !type.equals("internal");
        if (!remote && password.isEmpty() && publicKey.isEmpty() && providerType.isEmpty() && providerId.isEmpty()
                && IamIds.looksLikeEmail(uid)) {
            // a legacy client (the UI before DC/OS 1.13) inviting an e-mail user for the OpenID Connect login
            return new NewUser(Kind.REMOTE, description, null, null, "oidc", LEGACY_OIDC_PROVIDER);
        }
        if (remote) {
            if (password.isPresent()) {
                throw invalid("`password` is unexpected for provider_type " + type);
            }
            if (publicKey.isPresent()) {
                throw invalid("`public_key` is unexpected for provider_type " + type);
            }
        } else if (password.isPresent() == publicKey.isPresent()) {
            throw invalid("One of `password` or `public_key` must be provided");
        }
        boolean needsProviderId = type.equals("oidc") || type.equals("saml");
        String id = providerId.orElse("");
        if (needsProviderId && id.isBlank()) {
            throw invalid("Invalid provider_id: provider_id must be provided if provider_type is saml or oidc");
        }
        if (!needsProviderId && !id.isEmpty()) {
            throw invalid("Invalid provider_id: provider_id must not be provided unless provider_type is saml or oidc");
        }
        if (id.length() > MAX_PROVIDER_ID) {
            throw invalid("Invalid provider_id: at most " + MAX_PROVIDER_ID + " characters");
        }
        if (remote) {
            return new NewUser(Kind.REMOTE, description, null, null, type, id);
        }
        if (publicKey.isPresent()) {
            if (publicKey.get().length() > MAX_PUBLIC_KEY) {
                throw new InvalidRequest("ERR_INVALID_PUBLIC_KEY", "Invalid public key: too long");
            }
            Pem.rsaPublicKey(publicKey.get());
            return new NewUser(Kind.SERVICE, description, null, publicKey.get(), "internal", "");
        }
        checkPassword(password.get(), minPasswordLength);
        return new NewUser(Kind.LOCAL, description, password.get(), null, "internal", "");
    }

    public static UserChange userChange(JsonNode body, int minPasswordLength) {
        object(body);
        allowOnly(body, "description", "password");
        Optional<String> description = string(body, "description");
        Optional<String> password = string(body, "password");
        if (description.isEmpty() && password.isEmpty()) {
            throw invalid("One of `description` and `password` must be provided");
        }
        description.ifPresent(IamRequests::checkDescription);
        password.ifPresent(p -> checkPassword(p, minPasswordLength));
        return new UserChange(description, password);
    }

    /** The body of {@code PUT /groups/{gid}}: {@code description} and, optionally, {@code provider_type}. */
    public static String newGroup(JsonNode body) {
        object(body);
        allowOnly(body, "description", "provider_type");
        string(body, "provider_type").filter(t -> !t.isEmpty() && !t.equals("internal")).ifPresent(t -> {
            throw invalid("Invalid provider_type: only internal groups can be created");
        });
        return described(body, false);
    }

    /** The body of {@code PUT /acls/{rid}}: an optional {@code description}. */
    public static String newAcl(JsonNode body) {
        object(body);
        allowOnly(body, "description");
        return described(body, false);
    }

    /** The body of {@code PATCH /groups/{gid}} and {@code PATCH /acls/{rid}}: a {@code description}. */
    public static String descriptionUpdate(JsonNode body) {
        object(body);
        allowOnly(body, "description");
        return described(body, true);
    }

    public static Login login(JsonNode body) {
        object(body);
        Optional<String> password = string(body, "password").filter(p -> !p.isEmpty());
        Optional<String> token = string(body, "token").filter(t -> !t.isEmpty());
        Optional<String> givenUid = string(body, "uid");
        if (givenUid.isEmpty() && token.isPresent() && password.isEmpty()) {
            return new Login(null, null, token.get());
        }
        String uid = givenUid.orElseThrow(() -> invalid("`uid` must be provided"));
        if (password.isPresent() == token.isPresent()) {
            throw invalid("One of `password` or `token` must be provided");
        }
        if (uid.isEmpty() || uid.length() > 96) {
            throw invalid("`uid` must be 1 to 96 characters");
        }
        return new Login(uid, password.orElse(null), token.orElse(null));
    }

    private static String described(JsonNode body, boolean required) {
        Optional<String> description = string(body, "description");
        if (required && description.isEmpty()) {
            throw invalid("`description` must be provided");
        }
        description.ifPresent(IamRequests::checkDescription);
        return description.orElse("");
    }

    private static void checkDescription(String description) {
        if (description.length() > MAX_DESCRIPTION) {
            throw invalid("`description` must be at most " + MAX_DESCRIPTION + " characters");
        }
    }

    private static void checkPassword(String password, int minLength) {
        if (password.codePointCount(0, password.length()) < minLength
                || password.getBytes(StandardCharsets.UTF_8).length > PasswordHashes.MAX_BYTES) {
            throw invalid("Password does not match rules: at least " + minLength + " characters and at most "
                    + PasswordHashes.MAX_BYTES + " bytes (UTF-8)");
        }
    }

    private static void object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("Request has bad Content-Type or lacks JSON data: expected a JSON object");
        }
    }

    private static void allowOnly(JsonNode body, String... names) {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw invalid("Unexpected JSON input: Additional properties are not allowed ('" + shorten(name)
                        + "' was unexpected)");
            }
        }
    }

    /** A string property; absent when missing or null; refused when of another type. */
    private static Optional<String> string(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid("Unexpected JSON input: `" + name + "` must be a string");
        }
        return Optional.of(value.asText());
    }

    private static String shorten(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "..." : name;
    }

    private static InvalidRequest invalid(String description) {
        return new InvalidRequest(INVALID_DATA, description);
    }
}
