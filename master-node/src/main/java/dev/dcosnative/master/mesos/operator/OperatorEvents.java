package dev.dcosnative.master.mesos.operator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.master.Protos.Event;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.vertx.MessageStream;

/**
 * The subscribers of the operator event stream ({@code SUBSCRIBE}) and the fan-out of events to them, each in the
 * encoding it asked for. Called on the master actor, so a subscriber's SUBSCRIBED snapshot and the events after it
 * never miss or repeat a change.
 */
@ApplicationScoped
public class OperatorEvents {

    private final List<MessageStream> subscribers = new CopyOnWriteArrayList<>();
    private final int maxSubscribers;

    public OperatorEvents(MasterConfig config) {
        this.maxSubscribers = config.maxOperatorEventStreamSubscribers();
    }

    /** Adds a subscriber and sends it {@code subscribed} first. */
    public void add(MessageStream stream, Event subscribed) {
        subscribers.removeIf(MessageStream::isClosed);
        if (subscribers.size() >= maxSubscribers) {
            throw new MesosHttpException(503, "Reached the maximum number of operator event stream subscribers ("
                    + maxSubscribers + ")");
        }
        stream.send(subscribed);
        subscribers.add(stream);
        stream.sink().onClose(() -> subscribers.remove(stream));
    }

    /** Sends an event to every subscriber, encoding it once per encoding. */
    public void publish(Event event) {
        Map<String, byte[]> encoded = new HashMap<>(2);
        for (MessageStream subscriber : subscribers) {
            if (subscriber.isClosed()) {
                subscribers.remove(subscriber);
                continue;
            }
            subscriber.sendEncoded(encoded.computeIfAbsent(subscriber.encoding(),
                    encoding -> MessageStream.encode(event, encoding)));
        }
    }

    public int size() {
        return subscribers.size();
    }

    /** Ends every stream (the master lost the lead; subscribers reconnect to the new leader). */
    public void closeAll() {
        subscribers.forEach(MessageStream::close);
        subscribers.clear();
    }
}
