package io.swarmhub.node;

import io.swarmhub.protocol.Status;

/**
 * Where a loop stands: experiments in this run and in total, keeps, the best metric so far,
 * the last status, and the rate in experiments per minute over this run.
 */
public record Progress(long runExperiments, long totalExperiments, long kept, double best, String bestId,
                       Status lastStatus, double perMinute) {
}
