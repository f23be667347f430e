package io.liuliang.segment;

import java.time.LocalDate;

/**
 * The RFM boundaries were recomputed (daily, after a large import, or after the settings changed): RFM scores,
 * named segments and quadrants of any customer may have changed without their metrics changing.
 */
public record RfmScaleChanged(LocalDate asOf) {
}
