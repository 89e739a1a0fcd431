package dev.dcosnative.master.mesos.framework.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.Test;

import dev.dcosnative.master.mesos.framework.core.FrameworkBook.Subscription;

class FrameworkBookTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final FrameworkBook book = new FrameworkBook(2);
    private final AtomicInteger ids = new AtomicInteger();

    private static FrameworkInfo.Builder info(double failoverTimeout) {
        return FrameworkInfo.newBuilder().setUser("root").setName("marathon").setFailoverTimeout(failoverTimeout);
    }

    private static FrameworkInfo multiRole(String... roles) {
        return info(60).addCapabilities(FrameworkInfo.Capability.newBuilder()
                .setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
                .addAllRoles(List.of(roles))
                .build();
    }

    private static FrameworkInfo withId(FrameworkInfo info, String id) {
        return info.toBuilder().setId(FrameworkID.newBuilder().setValue(id)).build();
    }

    private Subscription subscribe(FrameworkInfo info, String stream, Instant at) {
        return book.subscribe(info, Set.of(), stream, at, () -> "M-" + String.format("%04d", ids.getAndIncrement()));
    }

    @Test
    void aNewSubscriptionGetsTheSuppliedIdAndIsConnected() {
        Subscription s = subscribe(info(60).build(), "stream-1", T0);

        assertThat(s.failover()).isFalse();
        assertThat(s.previousStreamId()).isNull();
        Framework framework = s.framework();
        assertThat(framework.id()).isEqualTo("M-0000");
        assertThat(framework.info().getId().getValue()).isEqualTo("M-0000");
        assertThat(framework.connected()).isTrue();
        assertThat(framework.streamId()).isEqualTo("stream-1");
        assertThat(framework.registeredTime()).isEqualTo(T0);
        assertThat(framework.reregisteredTime()).isNull();
        assertThat(framework.disconnectedTime()).isNull();
        assertThat(framework.recovered()).isFalse();
        assertThat(framework.roles()).containsExactly("*");
        assertThat(book.get("M-0000")).contains(framework);
        assertThat(book.all()).containsExactly(framework);
    }

    @Test
    void anInvalidFrameworkInfoIsRefusedAndNothingIsAdded() {
        FrameworkInfo bad = info(60).addRoles("a").build();

        assertThatThrownBy(() -> subscribe(bad, "s", T0)).isInstanceOf(InvalidFrameworkException.class);
        assertThat(book.all()).isEmpty();
        assertThat(ids).hasValue(0);
    }

    @Test
    void failoverWithTheSameIdKeepsTheRegistrationTimeAndReturnsThePreviousStream() {
        Framework first = subscribe(info(60).build(), "stream-1", T0).framework();

        Subscription failover = subscribe(first.info(), "stream-2", T0.plusSeconds(30));

        assertThat(failover.failover()).isTrue();
        assertThat(failover.previousStreamId()).isEqualTo("stream-1");
        assertThat(failover.framework().id()).isEqualTo(first.id());
        assertThat(failover.framework().streamId()).isEqualTo("stream-2");
        assertThat(failover.framework().registeredTime()).isEqualTo(T0);
        assertThat(failover.framework().reregisteredTime()).isEqualTo(T0.plusSeconds(30));
        assertThat(book.all()).hasSize(1);
    }

    @Test
    void failoverOfADisconnectedFrameworkReconnectsItAndStopsItsFailoverClock() {
        Framework first = subscribe(info(10).build(), "stream-1", T0).framework();
        book.disconnected(first.id(), "stream-1", T0.plusSeconds(1));

        Subscription back = subscribe(first.info(), "stream-2", T0.plusSeconds(5));

        assertThat(back.previousStreamId()).isNull();
        assertThat(back.framework().connected()).isTrue();
        assertThat(back.framework().disconnectedTime()).isNull();
        assertThat(book.failoverExpired(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void aFrameworkTheMasterForgotIsReadmittedUnderItsId() {
        Subscription s = subscribe(withId(info(60).build(), "old-framework"), "stream-1", T0);

        assertThat(s.failover()).isTrue();
        assertThat(s.previousStreamId()).isNull();
        assertThat(s.framework().id()).isEqualTo("old-framework");
        assertThat(s.framework().registeredTime()).isEqualTo(T0);
        assertThat(ids).hasValue(0);
    }

    @Test
    void aTornDownFrameworkCannotSubscribeAgain() {
        Framework framework = subscribe(info(60).build(), "stream-1", T0).framework();
        assertThat(book.remove(framework.id(), T0.plusSeconds(1))).isPresent();

        assertThat(book.isCompleted(framework.id())).isTrue();
        assertThat(book.get(framework.id())).isEmpty();
        assertThatThrownBy(() -> subscribe(framework.info(), "stream-2", T0.plusSeconds(2)))
                .isInstanceOf(InvalidFrameworkException.class)
                .hasMessage("Framework has been removed");
    }

    @Test
    void removeDisconnectsAndKeepsTheDisconnectionTime() {
        Framework connected = subscribe(info(60).build(), "s1", T0).framework();
        Framework gone = subscribe(info(60).build(), "s2", T0).framework();
        book.disconnected(gone.id(), "s2", T0.plusSeconds(5));

        Framework removedConnected = book.remove(connected.id(), T0.plusSeconds(10)).orElseThrow();
        Framework removedGone = book.remove(gone.id(), T0.plusSeconds(70)).orElseThrow();

        assertThat(removedConnected.connected()).isFalse();
        assertThat(removedConnected.disconnectedTime()).isEqualTo(T0.plusSeconds(10));
        assertThat(removedGone.disconnectedTime()).isEqualTo(T0.plusSeconds(5));
        assertThat(book.completed()).containsExactly(removedConnected, removedGone);
        assertThat(book.remove(gone.id(), T0.plusSeconds(80))).isEmpty();
    }

    @Test
    void completedFrameworksAreBoundedOldestDroppedFirst() {
        Framework a = subscribe(info(60).build(), "a", T0).framework();
        Framework b = subscribe(info(60).build(), "b", T0).framework();
        Framework c = subscribe(info(60).build(), "c", T0).framework();

        book.remove(a.id(), T0.plusSeconds(1));
        book.remove(b.id(), T0.plusSeconds(2));
        book.remove(c.id(), T0.plusSeconds(3));

        assertThat(book.completed()).extracting(Framework::id).containsExactly(b.id(), c.id());
        assertThat(book.isCompleted(a.id())).isFalse();
        assertThat(book.isCompleted(b.id())).isTrue();
        assertThat(book.isCompleted(c.id())).isTrue();
    }

    @Test
    void disconnectedOnlyActsOnTheCurrentStream() {
        Framework framework = subscribe(info(60).build(), "stream-1", T0).framework();
        subscribe(framework.info(), "stream-2", T0.plusSeconds(1));

        assertThat(book.disconnected(framework.id(), "stream-1", T0.plusSeconds(2))).isEmpty();
        assertThat(book.disconnected(framework.id(), null, T0.plusSeconds(2))).isEmpty();
        assertThat(book.disconnected("unknown", "stream-2", T0.plusSeconds(2))).isEmpty();
        assertThat(book.get(framework.id()).orElseThrow().connected()).isTrue();

        Framework disconnected = book.disconnected(framework.id(), "stream-2", T0.plusSeconds(3)).orElseThrow();
        assertThat(disconnected.connected()).isFalse();
        assertThat(disconnected.streamId()).isNull();
        assertThat(disconnected.disconnectedTime()).isEqualTo(T0.plusSeconds(3));
        assertThat(book.get(framework.id())).contains(disconnected);
    }

    @Test
    void aZeroFailoverTimeoutExpiresAtOnce() {
        Framework framework = subscribe(info(0).build(), "s", T0).framework();
        assertThat(book.failoverExpired(T0.plusSeconds(100))).isEmpty();

        book.disconnected(framework.id(), "s", T0.plusSeconds(10));

        assertThat(book.failoverExpired(T0.plusSeconds(10))).extracting(Framework::id).containsExactly(framework.id());
    }

    @Test
    void theFailoverTimeoutRunsFromTheDisconnection() {
        Framework framework = subscribe(info(60).build(), "s", T0).framework();
        Framework connected = subscribe(info(0).build(), "other", T0).framework();
        book.disconnected(framework.id(), "s", T0.plusSeconds(10));

        assertThat(book.failoverExpired(T0.plusSeconds(69))).isEmpty();
        assertThat(book.failoverExpired(T0.plusSeconds(70).minusMillis(1))).isEmpty();
        assertThat(book.failoverExpired(T0.plusSeconds(70))).extracting(Framework::id)
                .containsExactly(framework.id())
                .doesNotContain(connected.id());
    }

    @Test
    void fractionalFailoverTimeoutsAreHonoured() {
        Framework framework = subscribe(info(1.5).build(), "s", T0).framework();
        book.disconnected(framework.id(), "s", T0);

        assertThat(book.failoverExpired(T0.plusMillis(1499))).isEmpty();
        assertThat(book.failoverExpired(T0.plusMillis(1500))).hasSize(1);
    }

    @Test
    void suppressWithoutRolesSuppressesAllRolesAndReviveWithoutRolesRevivesAll() {
        Framework framework = subscribe(multiRole("a", "b", "c"), "s", T0).framework();

        assertThat(book.suppress(framework.id(), Set.of()).suppressedRoles()).containsExactlyInAnyOrder("a", "b",
                "c");
        assertThat(book.revive(framework.id(), Set.of()).suppressedRoles()).isEmpty();
        assertThat(book.get(framework.id()).orElseThrow().suppressedRoles()).isEmpty();
    }

    @Test
    void suppressAndReviveNamedRolesAddUpAndTakeAway() {
        Framework framework = subscribe(multiRole("a", "b", "c"), "s", T0).framework();

        book.suppress(framework.id(), Set.of("a"));
        assertThat(book.suppress(framework.id(), Set.of("b")).suppressedRoles()).containsExactlyInAnyOrder("a", "b");
        assertThat(book.revive(framework.id(), Set.of("a")).suppressedRoles()).containsExactly("b");
        assertThat(book.get(framework.id()).orElseThrow().suppressedRoles()).containsExactly("b");
    }

    @Test
    void suppressingAnUnknownFrameworkIsRefused() {
        assertThatThrownBy(() -> book.suppress("nope", Set.of())).isInstanceOf(InvalidFrameworkException.class);
        assertThatThrownBy(() -> book.revive("nope", Set.of())).isInstanceOf(InvalidFrameworkException.class);
    }

    @Test
    void theSuppressedRolesOfTheSubscriptionAreKept() {
        Framework framework = book.subscribe(multiRole("a", "b"), Set.of("b"), "s", T0, () -> "F").framework();

        assertThat(framework.suppressedRoles()).containsExactly("b");

        Framework failedOver = book.subscribe(framework.info(), Set.of(), "s2", T0.plusSeconds(1), () -> "G")
                .framework();
        assertThat(failedOver.suppressedRoles()).isEmpty();
    }

    @Test
    void recoveringAnUnknownFrameworkKeepsItDisconnectedWithItsFailoverClockRunning() {
        FrameworkInfo info = withId(info(60).build(), "from-agent");

        Framework recovered = book.recover(info, T0).orElseThrow();

        assertThat(recovered.recovered()).isTrue();
        assertThat(recovered.connected()).isFalse();
        assertThat(recovered.registeredTime()).isEqualTo(T0);
        assertThat(recovered.disconnectedTime()).isEqualTo(T0);
        assertThat(book.get("from-agent")).contains(recovered);
        assertThat(book.failoverExpired(T0.plusSeconds(59))).isEmpty();
        assertThat(book.failoverExpired(T0.plusSeconds(60))).containsExactly(recovered);
    }

    @Test
    void aRecoveredFrameworkThatSubscribesIsNoLongerRecovered() {
        FrameworkInfo info = withId(info(60).build(), "from-agent");
        book.recover(info, T0);

        Subscription s = subscribe(info, "s", T0.plusSeconds(5));

        assertThat(s.failover()).isTrue();
        assertThat(s.framework().recovered()).isFalse();
        assertThat(s.framework().connected()).isTrue();
        assertThat(s.framework().registeredTime()).isEqualTo(T0);
        assertThat(book.failoverExpired(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void recoverDoesNothingForKnownOrCompletedFrameworks() {
        Framework known = subscribe(info(60).build(), "s", T0).framework();
        Framework done = subscribe(info(60).build(), "s2", T0).framework();
        book.remove(done.id(), T0.plusSeconds(1));

        assertThat(book.recover(known.info(), T0.plusSeconds(2))).isEmpty();
        assertThat(book.recover(done.info(), T0.plusSeconds(2))).isEmpty();
        assertThat(book.get(known.id()).orElseThrow().connected()).isTrue();
        assertThat(book.get(done.id())).isEmpty();
    }

    @Test
    void clearForgetsEverything() {
        Framework a = subscribe(info(60).build(), "a", T0).framework();
        Framework b = subscribe(info(60).build(), "b", T0).framework();
        book.remove(b.id(), T0);

        book.clear();

        assertThat(book.all()).isEmpty();
        assertThat(book.completed()).isEmpty();
        assertThat(book.isCompleted(b.id())).isFalse();
        assertThat(book.get(a.id())).isEmpty();
    }

    @Test
    void partitionAwarenessAndRolesComeFromTheFrameworkInfo() {
        Framework plain = subscribe(info(60).setRole("slave_public").build(), "a", T0).framework();
        Framework aware = subscribe(info(60).addCapabilities(FrameworkInfo.Capability.newBuilder()
                .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build(), "b", T0).framework();

        assertThat(plain.partitionAware()).isFalse();
        assertThat(plain.roles()).containsExactly("slave_public");
        assertThat(aware.partitionAware()).isTrue();
        assertThat(aware.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE)).isTrue();
        assertThat(aware.hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE)).isFalse();
    }
}
