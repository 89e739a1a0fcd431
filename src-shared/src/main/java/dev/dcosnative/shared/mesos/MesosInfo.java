package dev.dcosnative.shared.mesos;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.mesos.v1.Protos.Flag;
import org.apache.mesos.v1.Protos.VersionInfo;

import dev.dcosnative.shared.BuildInfo;

/** What masters and agents report about themselves alike: their version and their flags. */
public final class MesosInfo {

    private MesosInfo() {
    }

    /** GET_VERSION's VersionInfo: the Mesos API version spoken, and this build. */
    public static VersionInfo versionInfo() {
        return VersionInfo.newBuilder()
                .setVersion(BuildInfo.MESOS_VERSION)
                .setBuildDate(BuildInfo.buildDate())
                .setBuildUser("dcos-native")
                .setGitTag("dcos-native-" + BuildInfo.version())
                .build();
    }

    /** Flags as GET_FLAGS lists them, sorted by name. */
    public static List<Flag> flags(Map<String, String> flags) {
        return new TreeMap<>(flags).entrySet()
                .stream()
                .map(e -> Flag.newBuilder().setName(e.getKey()).setValue(e.getValue()).build())
                .toList();
    }
}
