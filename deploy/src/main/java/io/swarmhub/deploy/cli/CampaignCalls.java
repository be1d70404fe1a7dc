package io.swarmhub.deploy.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs one coordinator call for a CLI command, turning gRPC failures into one clear line. */
final class CampaignCalls {
    private CampaignCalls() {
    }

    interface Body {
        void run(CoordinatorGrpc.CoordinatorBlockingStub stub);
    }

    static int call(CoordinatorOptions options, Body body) {
        ManagedChannel channel = options.open();
        try {
            body.run(options.stub(channel));
            return 0;
        } catch (StatusRuntimeException e) {
            System.err.println("swarm: " + options.explain(e));
            return 1;
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String json(com.google.protobuf.MessageOrBuilder m) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(CampaignInfo c) {
        StringBuilder sb = new StringBuilder();
        sb.append("campaign ").append(c.getCampaignId()).append(" (").append(c.getCampaign().getName()).append(")\n");
        sb.append("state: ").append(c.getState().name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append("goal: ").append(c.getCampaign().getGoal().getDirection().name().toLowerCase(Locale.ROOT)).append(' ')
                .append(c.getCampaign().getGoal().getMetric()).append('\n');
        sb.append("budget: ").append(c.getCampaign().getRun().getBudgetSeconds()).append(" s per experiment\n");
        sb.append("experiments: ").append(c.getExperiments());
        c.getCountsByStatusMap().forEach((k, v) -> sb.append(", ").append(k.toLowerCase(Locale.ROOT)).append(' ').append(v));
        sb.append('\n');
        if (!c.getBestExperimentId().isEmpty()) {
            sb.append("best: ").append(String.format(Locale.ROOT, "%.6g", c.getBestMetric())).append(" (experiment ")
                    .append(c.getBestExperimentId()).append(")\n");
        }
        sb.append("base commit: ").append(c.getBaseCommit());
        return sb.toString();
    }
}
