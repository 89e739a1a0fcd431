package dev.dcosnative.master.iam;

import static dev.dcosnative.master.iam.IamTestSupport.asSuperuser;
import static dev.dcosnative.master.iam.IamTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.dcosnative.master.iam.db.Database;

/**
 * IAM's administration API (/acs/api/v1 users, groups, ACLs) against the master's real PostgreSQL: the upstream
 * bodies and codes, refusals that change nothing, and a write whose last SQL statement fails leaving nothing behind.
 */
@QuarkusTest
class IamApiTest {

    @Inject
    IamHttp http;

    @Inject
    Database database;

    @BeforeEach
    void awaitIam() throws InterruptedException {
        IamTestSupport.awaitIam(http);
    }

    @Test
    void usersAreCreatedShownUpdatedAndDeletedWithBouncersBodies() {
        String uid = unique("dave");
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"Dave\",\"password\":\"dave-password\"}")
                .put("/acs/api/v1/users/" + uid).then().statusCode(201);
        asSuperuser().get("/acs/api/v1/users/" + uid).then().statusCode(200)
                .body("uid", equalTo(uid))
                .body("url", equalTo("/acs/api/v1/users/" + uid))
                .body("description", equalTo("Dave"))
                .body("is_remote", equalTo(false))
                .body("is_service", equalTo(false))
                .body("provider_type", equalTo("internal"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")));
        asSuperuser().get("/acs/api/v1/users").then().statusCode(200).body("array.uid", hasItem(uid));
        asSuperuser().get("/acs/api/v1/users?type=service").then().statusCode(200)
                .body("array.uid", not(hasItem(uid)));

        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"again\",\"password\":\"dave-password\"}")
                .put("/acs/api/v1/users/" + uid).then().statusCode(409).body("code", equalTo("ERR_USER_EXISTS"));
        asSuperuser().get("/acs/api/v1/users/" + uid).then().body("description", equalTo("Dave"));

        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"David\",\"password\":\"new-password\"}")
                .patch("/acs/api/v1/users/" + uid).then().statusCode(204);
        asSuperuser().get("/acs/api/v1/users/" + uid).then().body("description", equalTo("David"));
        IamTestSupport.login(uid, "new-password");
        given().contentType(ContentType.JSON).body("{\"uid\":\"" + uid + "\",\"password\":\"dave-password\"}")
                .post("/acs/api/v1/auth/login").then().statusCode(401);

        asSuperuser().delete("/acs/api/v1/users/" + uid).then().statusCode(204);
        asSuperuser().get("/acs/api/v1/users/" + uid).then().statusCode(400)
                .body("code", equalTo("ERR_UNKNOWN_USER_ID"));
        asSuperuser().delete("/acs/api/v1/users/" + uid).then().statusCode(400);
    }

    @Test
    void badRequestsAreRefusedWithBouncersErrorBodyAndChangeNothing() {
        String uid = unique("erin");
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":")
                .put("/acs/api/v1/users/" + uid).then().statusCode(400)
                .body("title", equalTo("400 Bad Request")).body("description", not(nullValue()))
                .body("code", not(nullValue()));
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"short\",\"password\":\"x\"}")
                .put("/acs/api/v1/users/" + uid).then().statusCode(400);
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"both\",\"password\":\"long-enough\","
                + "\"public_key\":\"not a key\"}").put("/acs/api/v1/users/" + uid).then().statusCode(400);
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"bad id\",\"password\":\"long-enough\"}")
                .put("/acs/api/v1/users/has%20space").then().statusCode(400);
        asSuperuser().get("/acs/api/v1/users/" + uid).then().statusCode(400)
                .body("code", equalTo("ERR_UNKNOWN_USER_ID"));
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"d\"}")
                .put("/acs/api/v1/acls/bad%20rid").then().statusCode(400);
    }

    @Test
    void onlyTheSuperuserAdministersIam() {
        String uid = unique("frank");
        IamTestSupport.createUser(uid, "frank-password");
        String frank = IamTestSupport.login(uid, "frank-password");

        given().get("/acs/api/v1/users").then().statusCode(401).header("WWW-Authenticate", "oauthjwt");
        IamTestSupport.as(frank).get("/acs/api/v1/users").then().statusCode(403);
        IamTestSupport.as(frank).contentType(ContentType.JSON).body("{\"description\":\"mine\"}")
                .put("/acs/api/v1/groups/" + unique("frank-group")).then().statusCode(403);
        IamTestSupport.as(frank).put("/acs/api/v1/acls/dcos:superuser/users/" + uid + "/full").then()
                .statusCode(403);
        asSuperuser().get("/acs/api/v1/users/" + uid + "/permissions").then().statusCode(200)
                .body("direct", org.hamcrest.Matchers.empty());

        // made a superuser, Frank administers IAM too
        asSuperuser().put("/acs/api/v1/acls/dcos:superuser/users/" + uid + "/full").then().statusCode(204);
        IamTestSupport.as(frank).get("/acs/api/v1/users").then().statusCode(200);
        asSuperuser().delete("/acs/api/v1/acls/dcos:superuser/users/" + uid + "/full").then().statusCode(204);
        IamTestSupport.as(frank).get("/acs/api/v1/users").then().statusCode(403);
    }

    @Test
    void groupsMembersAclsAndPermissionsFitTogether() {
        String uid = unique("grace");
        String gid = unique("ops");
        String rid = "dcos:adminrouter:service:" + unique("svc");
        IamTestSupport.createUser(uid, "grace-password");
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"Operators\"}")
                .put("/acs/api/v1/groups/" + gid).then().statusCode(201);
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"Operators\"}")
                .put("/acs/api/v1/groups/" + gid).then().statusCode(409);
        asSuperuser().get("/acs/api/v1/groups/" + gid).then().statusCode(200).body("gid", equalTo(gid))
                .body("url", equalTo("/acs/api/v1/groups/" + gid)).body("description", equalTo("Operators"));
        asSuperuser().put("/acs/api/v1/groups/" + gid + "/users/" + uid).then().statusCode(204);
        asSuperuser().get("/acs/api/v1/groups/" + gid + "/users").then().statusCode(200)
                .body("array.user.uid", hasItem(uid));
        asSuperuser().get("/acs/api/v1/users/" + uid + "/groups").then().statusCode(200)
                .body("array.group.gid", hasItem(gid));

        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"a service\"}")
                .put("/acs/api/v1/acls/" + rid).then().statusCode(201);
        asSuperuser().get("/acs/api/v1/acls/" + rid).then().statusCode(200).body("rid", equalTo(rid))
                .body("description", equalTo("a service"));
        asSuperuser().put("/acs/api/v1/acls/" + rid + "/groups/" + gid + "/read").then().statusCode(204);
        asSuperuser().put("/acs/api/v1/acls/" + rid + "/users/" + uid + "/update").then().statusCode(204);

        asSuperuser().get("/acs/api/v1/acls/" + rid + "/users/" + uid + "/update").then().statusCode(200)
                .body("allowed", equalTo(true));
        asSuperuser().get("/acs/api/v1/acls/" + rid + "/users/" + uid + "/delete").then().statusCode(200)
                .body("allowed", equalTo(false));
        asSuperuser().get("/acs/api/v1/acls/" + rid + "/groups/" + gid + "/read").then().statusCode(200)
                .body("allowed", equalTo(true));
        asSuperuser().get("/acs/api/v1/acls/" + rid + "/permissions").then().statusCode(200)
                .body("users.uid", hasItem(uid)).body("groups.gid", hasItem(gid));
        asSuperuser().get("/acs/api/v1/users/" + uid + "/permissions").then().statusCode(200)
                .body("direct.rid", hasItem(rid)).body("groups.rid", hasItem(rid));
        asSuperuser().get("/acs/api/v1/groups/" + gid + "/permissions").then().statusCode(200)
                .body("array.rid", hasItem(rid));

        // deleting the group takes its memberships and grants with it, the user stays
        asSuperuser().delete("/acs/api/v1/groups/" + gid).then().statusCode(204);
        asSuperuser().get("/acs/api/v1/users/" + uid + "/groups").then().statusCode(200)
                .body("array", org.hamcrest.Matchers.empty());
        asSuperuser().get("/acs/api/v1/acls/" + rid + "/permissions").then().statusCode(200)
                .body("groups", org.hamcrest.Matchers.empty());
        asSuperuser().get("/acs/api/v1/users/" + uid).then().statusCode(200);
    }

    @Test
    void aWriteWhoseLastStatementFailsLeavesNothingBehind() throws Exception {
        String uid = unique("heidi");
        // the database itself refuses the audit row of this one change: the last statement of its transaction
        try (Connection sql = IamTestSupport.sql(database); Statement statement = sql.createStatement()) {
            statement.execute("create or replace function iam_test_refuse_audit() returns trigger as $$ begin "
                    + "if new.object = '" + uid + "' and new.outcome = 'success' then "
                    + "raise exception 'refused by the test'; end if; return new; end $$ language plpgsql");
            statement.execute("create trigger iam_test_refuse_audit before insert on iam_audit for each row "
                    + "execute function iam_test_refuse_audit()");
        }
        try {
            asSuperuser().contentType(ContentType.JSON)
                    .body("{\"description\":\"Heidi\",\"password\":\"heidi-password\"}")
                    .put("/acs/api/v1/users/" + uid).then().statusCode(503)
                    .body("description", org.hamcrest.Matchers.containsString("nothing was changed"));
        } finally {
            try (Connection sql = IamTestSupport.sql(database); Statement statement = sql.createStatement()) {
                statement.execute("drop trigger iam_test_refuse_audit on iam_audit");
                statement.execute("drop function iam_test_refuse_audit()");
            }
        }
        try (Connection sql = IamTestSupport.sql(database);
                Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from iam_user where uid = '" + uid + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the user row was rolled back with its audit row").isZero();
        }
        asSuperuser().get("/acs/api/v1/users/" + uid).then().statusCode(400);
        // and the same request succeeds once the database accepts it
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"Heidi\",\"password\":\"heidi-password\"}")
                .put("/acs/api/v1/users/" + uid).then().statusCode(201);
        IamTestSupport.login(uid, "heidi-password");
    }

    @Test
    void expiredAndTamperedTokensOfIamsOwnKeyAreRefused() throws Exception {
        // IAM's current signing key, read from its table: tokens below are signed exactly as IAM signs them
        String kid;
        java.security.PrivateKey key;
        try (Connection sql = IamTestSupport.sql(database);
                Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("select kid, private_key_pem from iam_signing_key "
                        + "where retired_at is null order by created_at desc limit 1")) {
            assertThat(rows.next()).as("a signing key").isTrue();
            kid = rows.getString(1);
            key = dev.dcosnative.master.iam.core.Pem.rsaPrivateKey(rows.getString(2));
        }
        long now = java.time.Instant.now().getEpochSecond();
        String fresh = io.smallrye.jwt.build.Jwt.claim("uid", IamTestSupport.SUPERUSER).expiresAt(now + 60).jws()
                .keyId(kid).sign(key);
        String expired = io.smallrye.jwt.build.Jwt.claim("uid", IamTestSupport.SUPERUSER).issuedAt(now - 120)
                .expiresAt(now - 60).jws().keyId(kid).sign(key);
        String[] parts = fresh.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"uid\":\"someone-else\",\"exp\":" + (now + 60) + "}").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];

        IamTestSupport.as(fresh).get("/acs/api/v1/users").then().statusCode(200);

        // a token remembered as verified is still refused once its exp has passed
        String shortLived = io.smallrye.jwt.build.Jwt.claim("uid", IamTestSupport.SUPERUSER).expiresAt(now + 2)
                .jws().keyId(kid).sign(key);
        IamTestSupport.as(shortLived).get("/acs/api/v1/users").then().statusCode(200);
        IamTestSupport.as(shortLived).get("/acs/api/v1/users").then().statusCode(200);
        while (java.time.Instant.now().getEpochSecond() <= now + 2) {
            Thread.sleep(100);
        }
        IamTestSupport.as(shortLived).get("/acs/api/v1/users").then().statusCode(401);
        for (String refused : java.util.List.of(expired, tampered)) {
            IamTestSupport.as(refused).get("/acs/api/v1/users").then().statusCode(401)
                    .header("WWW-Authenticate", "oauthjwt");
            // the Mesos operator API on the component port refuses it the same way
            IamTestSupport.as(refused).contentType(ContentType.JSON).body("{\"type\":\"GET_HEALTH\"}")
                    .post("/api/v1").then().statusCode(401);
        }
    }
}
