package dev.dcosnative.cli.auth;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.http.DcosClient;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;
import dev.dcosnative.cli.store.ClusterTarget;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dcos auth list-providers [<url>]}. */
@Command(name = "list-providers", description = "List the ways to log in that a cluster offers.")
public class AuthListProvidersCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Parameters(arity = "0..1", paramLabel = "<url>", description = "A cluster's URL (default: the attached one).")
    String url;

    @Override
    public Integer call() {
        String dcosUrl = url != null ? ClusterTarget.normalize(url) : context().target().dcosUrl();
        DcosClient client = url != null ? DcosClient.create(dcosUrl, Optional.empty(),
                context().env().get("DCOS_SSL_VERIFY").orElse("true"), ClusterTarget.DEFAULT_TIMEOUT) : client();
        List<Login.Provider> providers = new Login(client, dcosUrl, context().env(), err(), context().clock())
                .providers();
        if (json.json()) {
            ObjectNode document = Json.MAPPER.createObjectNode();
            for (Login.Provider p : providers) {
                ObjectNode node = document.putObject(p.id());
                node.put("authentication-type", p.type());
                node.put("client-method", p.clientMethod());
                node.put("description", p.description());
            }
            Json.print(out(), document);
            return 0;
        }
        if (providers.isEmpty()) {
            out().println("The cluster lists no login providers: 'dcos auth login' logs in with a username and "
                    + "password");
            return 0;
        }
        Table table = Table.of("PROVIDER ID", "AUTHENTICATION TYPE", "DESCRIPTION");
        providers.forEach(p -> table.row(p.id(), p.type(), p.description()));
        table.print(out());
        return 0;
    }
}
