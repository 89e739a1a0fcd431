package dev.dcosnative.cli.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.CliEnvironment;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.http.ApiException;
import dev.dcosnative.cli.http.ApiResponse;
import dev.dcosnative.cli.http.DcosClient;
import dev.dcosnative.cli.output.Json;

/**
 * Logging in to a cluster (reference §6.1): the providers it offers ({@code /acs/api/v1/auth/providers}, or when it
 * has no such list, the {@code WWW-Authenticate} challenge of a 401), and the flows — a user's password, a service
 * account's signed token, or OpenID Connect through a browser — each ending in a DC/OS token.
 */
public final class Login {

    public static final String PROVIDERS = "/acs/api/v1/auth/providers";
    public static final String LOGIN = "/acs/api/v1/auth/login";
    /** What the upstream CLI asks to learn whether and how a cluster wants a login. */
    static final String CHALLENGE_PATH = "/pkgpanda/active.buildinfo.full.json";

    /** A way to log in the cluster offers. */
    public record Provider(String id, String type, String clientMethod, String description, String startFlowUrl) {

        public boolean password() {
            return type.equals("dcos-uid-password") || type.equals("dcos-uid-password-ldap");
        }

        public boolean serviceKey() {
            return type.equals("dcos-uid-servicekey");
        }

        public boolean browser() {
            return clientMethod.startsWith("browser-prompt") || type.startsWith("oidc") || type.startsWith("saml");
        }
    }

    /** The flow chosen and the token it ended with ({@code null}: the cluster wants no login). */
    public record Result(String token, String uid, String flow) {
    }

    private final DcosClient client;
    private final String dcosUrl;
    private final CliEnvironment env;
    private final PrintWriter err;
    private final Clock clock;

    /**
     * @param client a client for the cluster (its token, if any, is not sent by the login requests)
     */
    public Login(DcosClient client, String dcosUrl, CliEnvironment env, PrintWriter err, Clock clock) {
        this.client = client.withToken(Optional.empty());
        this.dcosUrl = dcosUrl;
        this.env = env;
        this.err = err;
        this.clock = clock;
    }

    /** The providers the cluster lists; empty when it has no provider list. */
    public List<Provider> providers() {
        ApiResponse response = client.send("GET", dcosUrl + PROVIDERS, null, null);
        if (response.status() == 404 || response.status() == 501) {
            return List.of();
        }
        JsonNode body = response.orThrow().json();
        List<Provider> providers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode p = entry.getValue();
            providers.add(new Provider(entry.getKey(), p.path("authentication-type").asText(""),
                    p.path("client-method").asText(""), p.path("description").asText(""),
                    p.path("config").path("start_flow_url").asText("")));
        }
        return providers;
    }

    /** The {@code WWW-Authenticate} challenge of an unauthenticated request; empty when none is needed. */
    public Optional<String> challenge() {
        ApiResponse response = client.send("HEAD", dcosUrl + CHALLENGE_PATH, null, null);
        return response.status() == 401 ? Optional.of(response.header("WWW-Authenticate").orElse("")) : Optional.empty();
    }

    /** Logs in as the options say, or as the cluster suggests. */
    public Result login(LoginOptions options) {
        List<Provider> providers = providers();
        if (options.privateKey() != null) {
            return serviceKey(providers, options);
        }
        if (options.provider() != null) {
            Provider provider = providers.stream().filter(p -> p.id().equals(options.provider())).findFirst()
                    .orElse(null);
            if (provider == null && !providers.isEmpty()) {
                throw new CliException("The cluster has no login provider '" + options.provider() + "' (it has: "
                        + String.join(", ", providers.stream().map(Provider::id).toList()) + ")");
            }
            if (provider != null && provider.serviceKey()) {
                return serviceKey(providers, options);
            }
            if (provider != null && provider.browser()) {
                return browser(provider);
            }
            return password(options);
        }
        if (providers.isEmpty()) {
            // no provider list: the challenge of a 401 says whether a login is needed (both DC/OS Open's oauthjwt
            // and Enterprise's acsjwt take a uid and password here)
            if (challenge().isEmpty()) {
                return new Result(null, null, "none");
            }
            return password(options);
        }
        boolean credentials = options.username() != null || options.password() != null
                || options.passwordFile() != null || env.get("DCOS_PASSWORD").isPresent();
        if (credentials || providers.stream().anyMatch(Provider::password)) {
            return password(options);
        }
        List<Provider> browsers = providers.stream().filter(Provider::browser).toList();
        if (!browsers.isEmpty()) {
            return browser(browsers.get(0));
        }
        return password(options);
    }

    private Result password(LoginOptions options) {
        String uid = Optional.ofNullable(options.username()).or(() -> env.get("DCOS_USERNAME"))
                .orElseGet(() -> ask("Username: ", "--username or DCOS_USERNAME"));
        String password = password(options, uid);
        ObjectNode body = Json.MAPPER.createObjectNode().put("uid", uid).put("password", password);
        return new Result(exchange(body, uid), uid, "password");
    }

    private String password(LoginOptions options, String uid) {
        if (options.password() != null) {
            return options.password();
        }
        if (options.passwordFile() != null) {
            return firstLine(read(options.passwordFile(), "the password file"));
        }
        Optional<String> fromEnv = env.get("DCOS_PASSWORD");
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        Console console = env.console().orElseThrow(() -> new CliException("No password for '" + uid
                + "': give --password-file, --password or DCOS_PASSWORD (there is no terminal to ask on)"));
        char[] typed = console.readPassword("%s's password: ", uid);
        if (typed == null) {
            throw new CliException("No password given");
        }
        return new String(typed);
    }

    private Result serviceKey(List<Provider> providers, LoginOptions options) {
        if (options.privateKey() == null) {
            throw new CliException("A service account logs in with its private key: give --private-key <file>");
        }
        String uid = Optional.ofNullable(options.username()).or(() -> env.get("DCOS_USERNAME"))
                .orElseThrow(() -> new CliException("Give the service account's id with --username"));
        Path keyFile = options.privateKey();
        String token = ServiceAccountToken.sign(uid, ServiceAccountToken.readPem(read(keyFile, "the private key"),
                keyFile.toString()), clock.instant(), ServiceAccountToken.VALIDITY);
        ObjectNode body = Json.MAPPER.createObjectNode().put("uid", uid).put("token", token);
        return new Result(exchange(body, uid), uid, "service account key");
    }

    /** OpenID Connect: the user logs in in a browser, which shows a token to paste here. */
    private Result browser(Provider provider) {
        String url = dcosUrl + (provider.startFlowUrl().isEmpty() ? LOGIN + "?oidc-provider=" + provider.id()
                : provider.startFlowUrl());
        if (!url.contains("target=")) {
            url += (url.contains("?") ? "&" : "?") + "target=dcos:authenticationresponse:html";
        }
        err.println("Log in with " + (provider.description().isEmpty() ? provider.id() : provider.description())
                + ": open this URL in a browser, then paste the token it shows.");
        err.println();
        err.println("    " + url);
        err.println();
        err.flush();
        String pasted = ask("Token: ", "a terminal or standard input").trim();
        if (provider.clientMethod().equals("browser-prompt-oidcidtoken-get-authtoken")) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("token", pasted);
            return new Result(exchange(body, null), null, "OpenID Connect");
        }
        return new Result(pasted, Jwt.parse(pasted).uid().orElse(null), "OpenID Connect");
    }

    /** POSTs the credentials; the DC/OS token, or a one-line failure in Bouncer's words. */
    private String exchange(ObjectNode body, String uid) {
        ApiResponse response = client.send("POST", dcosUrl + LOGIN, body.toString().getBytes(StandardCharsets.UTF_8),
                DcosClient.JSON);
        if (response.status() == 401 || response.status() == 403) {
            String reason = ApiException.reason(response).orElse("the credentials were refused");
            throw new CliException("Login failed" + (uid == null ? "" : " for '" + uid + "'") + ": " + reason);
        }
        if (response.status() == 404) {
            throw new CliException(client.label() + " has no login service at " + LOGIN);
        }
        String token = response.orThrow().json().path("token").asText("");
        if (token.isEmpty()) {
            throw new CliException("The login answer of " + client.label() + " holds no token");
        }
        return token;
    }

    private String ask(String prompt, String alternative) {
        Optional<Console> console = env.console();
        if (console.isPresent()) {
            String line = console.get().readLine("%s", prompt);
            if (line == null || line.isBlank()) {
                throw new CliException("Nothing entered");
            }
            return line.trim();
        }
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                throw new CliException("Missing input: give it with " + alternative);
            }
            return line.trim();
        } catch (IOException e) {
            throw new CliException("Cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }
}
