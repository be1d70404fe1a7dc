package io.swarmhub.protocol.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.swarmhub.protocol.v1.CampaignEvent;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import io.swarmhub.protocol.v1.SchemaVersion;

/**
 * Protobuf bytes to and from the swarm's Kafka events. Encoding stamps the current schema
 * version when the event has none; decoding accepts only schema versions this build knows and
 * throws {@link EventDecodeException} otherwise, so consumers can dead-letter and move on.
 */
public final class EventCodec {
    /** The schema version this build writes and reads. */
    public static final SchemaVersion CURRENT = SchemaVersion.SCHEMA_V1;

    private EventCodec() {
    }

    /** The event as record-value bytes, stamped with {@link #CURRENT} when unstamped. */
    public static byte[] encode(ExperimentEvent event) {
        if (event.getSchema() == SchemaVersion.SCHEMA_VERSION_UNSPECIFIED) {
            event = event.toBuilder().setSchema(CURRENT).build();
        }
        return event.toByteArray();
    }

    /** The finding as record-value bytes; its embedded experiment is stamped too. */
    public static byte[] encode(FindingEvent event) {
        FindingEvent.Builder b = event.toBuilder();
        if (b.getSchema() == SchemaVersion.SCHEMA_VERSION_UNSPECIFIED) {
            b.setSchema(CURRENT);
        }
        if (b.hasExperiment() && b.getExperiment().getSchema() == SchemaVersion.SCHEMA_VERSION_UNSPECIFIED) {
            b.setExperiment(b.getExperiment().toBuilder().setSchema(CURRENT));
        }
        return b.build().toByteArray();
    }

    /** The campaign event as record-value bytes, stamped with {@link #CURRENT} when unstamped. */
    public static byte[] encode(CampaignEvent event) {
        if (event.getSchema() == SchemaVersion.SCHEMA_VERSION_UNSPECIFIED) {
            event = event.toBuilder().setSchema(CURRENT).build();
        }
        return event.toByteArray();
    }

    /** Decodes an experiment event, or throws {@link EventDecodeException}. */
    public static ExperimentEvent decodeExperiment(byte[] value) {
        ExperimentEvent event;
        try {
            event = ExperimentEvent.parseFrom(nonNull(value, "experiment"));
        } catch (InvalidProtocolBufferException e) {
            throw new EventDecodeException("not an ExperimentEvent: " + e.getMessage(), e);
        }
        checkSchema("ExperimentEvent", event.getSchemaValue());
        return event;
    }

    /** Decodes a finding event, or throws {@link EventDecodeException}. */
    public static FindingEvent decodeFinding(byte[] value) {
        FindingEvent event;
        try {
            event = FindingEvent.parseFrom(nonNull(value, "finding"));
        } catch (InvalidProtocolBufferException e) {
            throw new EventDecodeException("not a FindingEvent: " + e.getMessage(), e);
        }
        checkSchema("FindingEvent", event.getSchemaValue());
        return event;
    }

    /** Decodes a campaign event, or throws {@link EventDecodeException}. */
    public static CampaignEvent decodeCampaign(byte[] value) {
        CampaignEvent event;
        try {
            event = CampaignEvent.parseFrom(nonNull(value, "campaign"));
        } catch (InvalidProtocolBufferException e) {
            throw new EventDecodeException("not a CampaignEvent: " + e.getMessage(), e);
        }
        checkSchema("CampaignEvent", event.getSchemaValue());
        return event;
    }

    private static byte[] nonNull(byte[] value, String kind) {
        if (value == null) {
            throw new EventDecodeException("empty record value where a " + kind + " event was expected");
        }
        return value;
    }

    private static void checkSchema(String type, int schema) {
        if (schema != CURRENT.getNumber()) {
            throw new EventDecodeException(type + " has schema version " + schema
                    + "; this reader knows only " + CURRENT.getNumber() + " (" + CURRENT + ")");
        }
    }
}
