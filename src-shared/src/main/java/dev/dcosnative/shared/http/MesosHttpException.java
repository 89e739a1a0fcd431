package dev.dcosnative.shared.http;

/** A refusal of a Mesos HTTP API: the status and the plain-text message Mesos would send. */
public class MesosHttpException extends RuntimeException {

    private final int status;

    public MesosHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static MesosHttpException badRequest(String message) {
        return new MesosHttpException(400, message);
    }

    public static MesosHttpException serviceUnavailable(String message) {
        return new MesosHttpException(503, message);
    }
}
