package io.swarmhub.coordinator.projection;

import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.v1.CampaignEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CampaignLog} for tests: encodes, decodes and applies each event at once, keeps what
 * it appended, and can be told to fail like an unreachable broker.
 */
public final class MemoryCampaignLog implements CampaignLog {
    private final EventSink sink;
    private final List<CampaignEvent> appended = new CopyOnWriteArrayList<>();
    private volatile boolean unavailable;

    public MemoryCampaignLog(EventSink sink) {
        this.sink = sink;
    }

    /** Fault hook: while true, appends fail as if Kafka were down. */
    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    public List<CampaignEvent> appended() {
        return List.copyOf(appended);
    }

    @Override
    public void append(CampaignEvent event) {
        if (unavailable) {
            throw new LogUnavailableException("fake log is down", null);
        }
        CampaignEvent stored = EventCodec.decodeCampaign(EventCodec.encode(event));
        appended.add(stored);
        sink.applyCampaign(stored);
    }
}
