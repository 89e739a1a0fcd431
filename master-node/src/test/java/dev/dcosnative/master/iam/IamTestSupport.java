package dev.dcosnative.master.iam;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.dcosnative.master.iam.db.Database;

/** What the IAM tests share: waiting for IAM, the test superuser's token, unique ids, SQL on the real database. */
public final class IamTestSupport {

    public static final String SUPERUSER = "bootstrap-admin";
    public static final String SUPERUSER_PASSWORD = "bootstrap-admin-password";

    private static String superuserToken;

    private IamTestSupport() {
    }

    /** Waits until IAM serves (database migrated, keys loaded, superuser created). */
    public static void awaitIam(IamHttp http) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!http.ready() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(http.ready()).as("IAM ready").isTrue();
        while (Instant.now().isBefore(deadline)) {
            int status = given().contentType(ContentType.JSON)
                    .body("{\"uid\":\"" + SUPERUSER + "\",\"password\":\"" + SUPERUSER_PASSWORD + "\"}")
                    .post("/acs/api/v1/auth/login").statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the test superuser cannot log in");
    }

    /** A token of the test superuser. */
    public static synchronized String superuserToken() {
        if (superuserToken == null) {
            superuserToken = login(SUPERUSER, SUPERUSER_PASSWORD);
        }
        return superuserToken;
    }

    public static String login(String uid, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"uid\":\"" + uid + "\",\"password\":\"" + password + "\"}")
                .post("/acs/api/v1/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    /** A request as the superuser. */
    public static RequestSpecification asSuperuser() {
        return as(superuserToken());
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "token=" + token);
    }

    /** An id no other test (nor an earlier run on the same database) uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a local user as the superuser. */
    public static void createUser(String uid, String password) {
        asSuperuser().contentType(ContentType.JSON)
                .body("{\"description\":\"user " + uid + "\",\"password\":\"" + password + "\"}")
                .put("/acs/api/v1/users/" + uid)
                .then()
                .statusCode(201);
    }

    /** A JDBC connection to IAM's database, as the master's role. */
    public static Connection sql(Database database) throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(database.jdbcUrl(),
                config.getOptionalValue("dcos.master.db.username", String.class).orElse("dcos"),
                config.getValue("dcos.master.db.password", String.class));
    }

    /** The rid as one URL path segment ({@code /} as {@code %2F}); for requests with URL encoding off. */
    public static String rid(String rid) {
        return IamJson.segment(rid);
    }
}
