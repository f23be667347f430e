package io.liuliang.customer;

import java.util.List;

/** Resolutions of many records at once (aligned with the input), with what the resolution created and merged. */
public record BulkResolution(List<Resolution> resolutions, long customersCreated, long customersMerged) {
}
