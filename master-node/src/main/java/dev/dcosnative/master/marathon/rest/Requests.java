package dev.dcosnative.master.marathon.rest;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.vertx.core.http.HttpServerRequest;

import dev.dcosnative.master.marathon.group.ChangeService;
import dev.dcosnative.master.marathon.view.AppViews;
import dev.dcosnative.shared.marathon.PathId;

/** What the Marathon resources read from requests the same way. */
final class Requests {

    private Requests() {
    }

    static ChangeService.ApiRequest api(HttpServerRequest request) {
        return new ChangeService.ApiRequest(
                request.remoteAddress() == null ? "" : request.remoteAddress().host(), request.path());
    }

    static Set<AppViews.Embed> embeds(List<String> embeds, AppViews.Embed... always) {
        Set<AppViews.Embed> set = embeds == null ? new java.util.HashSet<>()
                : embeds.stream().flatMap(e -> java.util.Arrays.stream(e.split(",")))
                        .map(String::trim).map(AppViews.Embed::parse).flatMap(java.util.Optional::stream)
                        .collect(Collectors.toCollection(java.util.HashSet::new));
        set.addAll(List.of(always));
        return set;
    }

    /** An id from the path, absolute. */
    static PathId id(String id) {
        return PathId.of(id).canonical();
    }
}
