package io.swarmhub.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.swarmhub.coordinator.MutableClock;
import io.swarmhub.coordinator.UlidSource;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.projection.CampaignControl;
import io.swarmhub.coordinator.projection.MemoryBundleStore;
import io.swarmhub.coordinator.projection.MemoryCampaignLog;
import io.swarmhub.coordinator.projection.Projector;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ParentPolicy;
import io.swarmhub.protocol.v1.*;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentWatchTest {
    final ExperimentForest forest = new ExperimentForest(1000, Runnable::run);
    final CampaignRegistry<Campaign> campaigns = new CampaignRegistry<>();
    final Projector projector = new Projector(forest, campaigns, new MemoryBundleStore());
    CoordinatorServer server;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        UlidSource ids = new UlidSource(clock, new Random(1));
        MemoryBundleStore bundles = new MemoryBundleStore();
        CoordinatorState state = new CoordinatorState(forest, campaigns, new NodeRegistry(clock, Duration.ofSeconds(30)),
                ParentPolicy.withSeed(1), bundles,
                new CampaignControl(campaigns, bundles, new MemoryCampaignLog(projector), ids, clock), ids, "127.0.0.1:9092");
        String name = InProcessServerBuilder.generateName();
        server = new CoordinatorServer(InProcessServerBuilder.forName(name).directExecutor(), state, null,
                Runnable::run).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        projector.applyCampaign(CampaignEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setCampaignId("c")
                .setCampaign(Campaign.newBuilder().setName("c")).setState(CampaignState.ACTIVE).build());
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.close();
    }

    void apply(String id, String parent) {
        projector.applyExperiment(CoordinatorServiceTest.experiment("c", id, parent, ExperimentStatus.KEEP, 1));
    }

    /** Collects a stream's messages; take() awaits the next one with a deadline. */
    static final class Collector implements StreamObserver<WatchEventsResponse> {
        final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();

        WatchEventsResponse take() throws InterruptedException {
            Object o = items.poll(5, TimeUnit.SECONDS);
            if (o instanceof Throwable t) {
                throw new AssertionError("stream failed", t);
            }
            return (WatchEventsResponse) o;
        }

        @Override
        public void onNext(WatchEventsResponse value) {
            items.add(value);
        }

        @Override
        public void onError(Throwable t) {
            items.add(t);
        }

        @Override
        public void onCompleted() {
        }
    }

    @Test
    void watchEvents_fromCursor_replaysThenStreamsLive() throws Exception {
        apply("a", "");
        apply("b", "a");
        Collector c = new Collector();
        CoordinatorGrpc.newStub(channel).watchEvents(
                WatchEventsRequest.newBuilder().setCampaignId("c").setCursor(1).build(), c);
        assertEquals("b", c.take().getExperiment().getId());
        apply("c1", "b");
        apply("b", "a"); // a redelivery is not streamed again
        apply("c2", "b");
        WatchEventsResponse next = c.take();
        assertEquals("c1", next.getExperiment().getId());
        assertEquals(3, next.getNextCursor());
        assertEquals("c2", c.take().getExperiment().getId());
        assertNull(c.items.poll(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void watchEvents_withoutCursor_sendsOnlyNewExperiments() throws Exception {
        apply("old", "");
        Collector c = new Collector();
        CoordinatorGrpc.newStub(channel).watchEvents(WatchEventsRequest.newBuilder().setCampaignId("c").build(), c);
        apply("new", "old");
        WatchEventsResponse r = c.take();
        assertNotNull(r);
        assertEquals("new", r.getExperiment().getId());
    }

    @Test
    void watchEvents_manyExperiments_arriveInOrderWithoutGaps() throws Exception {
        Collector c = new Collector();
        CoordinatorGrpc.newStub(channel).watchEvents(
                WatchEventsRequest.newBuilder().setCampaignId("c").setCursor(0).build(), c);
        apply("e0", "");
        for (int i = 1; i < 500; i++) {
            apply("e" + i, "e" + (i - 1));
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            got.add(c.take().getExperiment().getId());
        }
        for (int i = 0; i < 500; i++) {
            assertEquals("e" + i, got.get(i));
        }
    }

    @Test
    void watchEvents_unknownCampaign_isNotFound() throws Exception {
        Collector c = new Collector();
        CoordinatorGrpc.newStub(channel).watchEvents(WatchEventsRequest.newBuilder().setCampaignId("zz").build(), c);
        Object o = c.items.poll(5, TimeUnit.SECONDS);
        assertEquals(Status.Code.NOT_FOUND, ((StatusRuntimeException) o).getStatus().getCode());
    }
}
