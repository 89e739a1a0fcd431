package dev.dcosnative.master.mesos;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dcosnative.shared.http.MesosHttpException;

/** Whether this master leads and has recovered its state, and since when: read by every entry point. */
@ApplicationScoped
public class KernelState {

    private volatile boolean recovered;
    private volatile Instant electedTime;

    /** True once this master leads and has read its registry. */
    public boolean recovered() {
        return recovered;
    }

    public Instant electedTime() {
        return electedTime;
    }

    void elected(Instant at) {
        electedTime = at;
        recovered = true;
    }

    void deposed() {
        recovered = false;
        electedTime = null;
    }

    /** @throws MesosHttpException 503 while the master has not finished recovery */
    public void requireRecovered() {
        if (!recovered) {
            throw MesosHttpException.serviceUnavailable("Master has not finished recovery");
        }
    }
}
