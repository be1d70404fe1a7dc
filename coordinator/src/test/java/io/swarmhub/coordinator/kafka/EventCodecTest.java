package io.swarmhub.coordinator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.EventDecodeException;
import io.swarmhub.protocol.v1.CampaignEvent;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import io.swarmhub.protocol.v1.SchemaVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    @Test
    void encode_unstamped_stampsCurrentSchemaAndRoundTrips() {
        ExperimentEvent e = ExperimentEvent.newBuilder().setId("x").setCampaignId("c").build();
        ExperimentEvent back = EventCodec.decodeExperiment(EventCodec.encode(e));
        assertEquals(SchemaVersion.SCHEMA_V1, back.getSchema());
        assertEquals("x", back.getId());
        FindingEvent f = EventCodec.decodeFinding(EventCodec.encode(FindingEvent.newBuilder().setExperiment(e).build()));
        assertEquals(SchemaVersion.SCHEMA_V1, f.getExperiment().getSchema());
        assertEquals("c", EventCodec.decodeCampaign(EventCodec.encode(CampaignEvent.newBuilder().setCampaignId("c").build()))
                .getCampaignId());
    }

    @Test
    void decode_garbage_throwsDecodeException() {
        assertThrows(EventDecodeException.class,
                () -> EventCodec.decodeExperiment("garbage".getBytes(StandardCharsets.UTF_8)));
        assertThrows(EventDecodeException.class, () -> EventCodec.decodeCampaign(null));
    }

    @Test
    void decode_unknownOrMissingSchema_throwsNamingTheVersion() {
        byte[] future = ExperimentEvent.newBuilder().setSchemaValue(7).setId("x").build().toByteArray();
        EventDecodeException e = assertThrows(EventDecodeException.class, () -> EventCodec.decodeExperiment(future));
        assertTrue(e.getMessage().contains("schema version 7"), e.getMessage());
        byte[] unstamped = ExperimentEvent.newBuilder().setId("x").build().toByteArray();
        assertThrows(EventDecodeException.class, () -> EventCodec.decodeExperiment(unstamped));
    }
}
