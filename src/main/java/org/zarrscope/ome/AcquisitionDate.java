package org.zarrscope.ome;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import ome.xml.model.primitives.Timestamp;

/**
 * A run's start time as an OME-XML {@code AcquisitionDate}. Micro-Manager writes it as
 * {@code 2024-03-05 14:22:10.123 +0100}; ISO-8601 with an offset ({@code 2024-03-05T14:22:10+01:00},
 * {@code …Z}) is accepted too. A time without a zone is not converted (its instant is unknown):
 * it stays, like any text, only in the summary annotation.
 */
final class AcquisitionDate {
    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
                    .appendPattern(" xx").toFormatter());

    private AcquisitionDate() {
    }

    /** The time as an OME timestamp (in UTC), or {@code null} when it is absent or not in a known format. */
    static Timestamp parse(String text) {
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter format : FORMATS) {
            try {
                Instant instant = OffsetDateTime.parse(text.trim(), format).toInstant();
                return new Timestamp(new org.joda.time.Instant(instant.toEpochMilli()));
            } catch (DateTimeParseException notThisFormat) {
                // try the next format; text in none of them is kept only as text
            }
        }
        return null;
    }
}
