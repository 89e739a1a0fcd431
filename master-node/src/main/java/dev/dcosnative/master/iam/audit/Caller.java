package dev.dcosnative.master.iam.audit;

/** Who asks IAM: the uid of the verified token (null before a login succeeded) and the client's IP. */
public record Caller(String uid, String remoteIp) {
}
