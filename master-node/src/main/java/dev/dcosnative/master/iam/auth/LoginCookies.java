package dev.dcosnative.master.iam.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.Tokens;

/**
 * The cookies of a successful login, whichever way it went (password, service login token, OpenID Connect): the token
 * in {@code dcos-acs-auth-cookie} (HttpOnly) and the user's description in {@code dcos-acs-info-cookie} (base64 JSON
 * the UI reads), both expiring with the token.
 */
public final class LoginCookies {

    private LoginCookies() {
    }

    /** The {@code Set-Cookie} values of {@code login}. */
    public static List<String> of(LoginService.Login login, Duration lifetime) {
        ObjectNode info = IamJson.object()
                .put("uid", login.uid())
                .put("description", login.description())
                .put("is_remote", login.remote());
        String infoValue = Base64.getEncoder().encodeToString(info.toString().getBytes(StandardCharsets.UTF_8));
        long maxAge = lifetime.toSeconds();
        return List.of(
                Tokens.AUTH_COOKIE + "=" + login.token() + "; Max-Age=" + maxAge + "; Path=/; HttpOnly; SameSite=Lax",
                Tokens.INFO_COOKIE + "=" + infoValue + "; Max-Age=" + maxAge + "; Path=/; SameSite=Lax");
    }
}
