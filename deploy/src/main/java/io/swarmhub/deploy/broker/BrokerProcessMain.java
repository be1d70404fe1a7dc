package io.swarmhub.deploy.broker;

/**
 * Entry point of the broker's child JVM: formats the data directory when asked (saving a second
 * JVM start), runs {@code kafka.Kafka}, and exits (cleanly, through Kafka's own shutdown hook) as
 * soon as the parent JVM is gone, so a parent killed with SIGKILL never leaves an orphan broker
 * holding its ports and data directory lock.
 */
public final class BrokerProcessMain {
    /** System property with the pid of the JVM that started the broker. */
    static final String PARENT_PID = "swarmhub.broker.parent-pid";
    /** System property with a cluster id: format the (new) data directory with it first. */
    static final String FORMAT_CLUSTER_ID = "swarmhub.broker.format-cluster-id";

    private BrokerProcessMain() {
    }

    /** Arguments: the path of {@code server.properties}. */
    public static void main(String[] args) {
        String parent = System.getProperty(PARENT_PID);
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
                    handle -> handle.onExit().thenRun(BrokerProcessMain::parentGone),
                    BrokerProcessMain::parentGone);
        }
        String clusterId = System.getProperty(FORMAT_CLUSTER_ID);
        if (clusterId != null) {
            format(clusterId, args[0]);
        }
        kafka.Kafka.main(args);
    }

    /** What {@code kafka-storage.sh format -t ID -c FILE} does. */
    private static void format(String clusterId, String serverProperties) {
        int code;
        try {
            code = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", serverProperties}, System.out);
        } catch (RuntimeException e) {
            System.err.println(e);
            code = 1;
        }
        if (code != 0) {
            System.err.println("swarmhub: formatting the Kafka data directory failed (exit " + code + ")");
            System.exit(code);
        }
    }

    private static void parentGone() {
        System.err.println("swarmhub: the parent process is gone; stopping the broker");
        System.exit(0);
    }
}
