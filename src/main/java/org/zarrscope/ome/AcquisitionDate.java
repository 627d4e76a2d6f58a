package org.zarrscope.ome;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import ome.xml.model.primitives.Timestamp;

/**
 * A run's start time as an OME-XML {@code AcquisitionDate}, which every image gets. Micro-Manager
 * Studio writes it as {@code 2024-03-05 14:22:10.123 +0100}; ISO-8601 with an offset
 * ({@code 2024-03-05T14:22:10+01:00}, {@code …Z}) is accepted too. AcqEngJ writes
 * {@code 2024/03/05 14:22:10}, with no zone: it (and any other zone-less
 * {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy/MM/dd HH:mm:ss} or ISO time) is the local time of the
 * machine that ran the acquisition, read from the same JVM clock, so it is read in this JVM's
 * zone. Text in no known format, or none, gives way to the writer's own clock at open.
 */
final class AcquisitionDate {
    private static final List<DateTimeFormatter> WITH_OFFSET = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            withFraction("yyyy-MM-dd HH:mm:ss").appendPattern(" xx").toFormatter());
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            withFraction("yyyy-MM-dd HH:mm:ss").toFormatter(),
            withFraction("yyyy/MM/dd HH:mm:ss").toFormatter());

    private AcquisitionDate() {
    }

    private static DateTimeFormatterBuilder withFraction(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern)
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd();
    }

    /**
     * The run's start as an OME timestamp (in UTC).
     *
     * @param text       the start time as the microscope wrote it, or {@code null}
     * @param localZone  the zone of a time written without one
     * @param writerOpen when the writer opened: the start when {@code text} gives none
     */
    static Timestamp of(String text, ZoneId localZone, Instant writerOpen) {
        Instant started = text == null ? null : parse(text.trim(), localZone);
        return new Timestamp(new org.joda.time.Instant((started != null ? started : writerOpen).toEpochMilli()));
    }

    private static Instant parse(String text, ZoneId localZone) {
        for (DateTimeFormatter format : WITH_OFFSET) {
            try {
                return OffsetDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException notThisFormat) {
                // try the next format
            }
        }
        for (DateTimeFormatter format : LOCAL) {
            try {
                return LocalDateTime.parse(text, format).atZone(localZone).toInstant();
            } catch (DateTimeParseException notThisFormat) {
                // try the next format; text in none of them stays only in the summary annotation
            }
        }
        return null;
    }
}
