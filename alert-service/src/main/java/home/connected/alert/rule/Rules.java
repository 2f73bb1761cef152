package home.connected.alert.rule;

import com.google.protobuf.util.Timestamps;
import home.connected.access.ApiException;
import home.connected.alert.AlertProperties;
import home.connected.alert.SqlTime;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RulePreview;
import home.connected.contracts.alert.v1.RuleStatus;
import home.connected.contracts.alert.v1.SilenceRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and reading rules. Every write first locks the rule rows (so writers on any
 * replica take turns and versions never collide), checks, and only then writes: a refused rule
 * changes nothing.
 */
@Component
public class Rules {

    private final JdbcClient jdbc;
    private final RuleStore store;
    private final RuleValidator validator;
    private final RuleStatuses statuses;
    private final RulePreviews previews;
    private final int maxRules;
    private final Clock clock;

    Rules(
            JdbcClient jdbc,
            RuleStore store,
            RuleValidator validator,
            RuleStatuses statuses,
            RulePreviews previews,
            AlertProperties properties,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.validator = validator;
        this.statuses = statuses;
        this.previews = previews;
        this.maxRules = properties.evaluation().maxRules();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public List<Rule> list() {
        Map<String, RuleStatus> counts = statuses.all();
        return store.all().stream()
                .map(rule -> rule.toBuilder()
                        .setStatus(counts.getOrDefault(rule.getId(), RuleStatus.getDefaultInstance()))
                        .build())
                .toList();
    }

    public Rule get(String id) {
        Rule rule = store.find(required(id)).orElseThrow(() -> notFound(id));
        return rule.toBuilder().setStatus(statuses.of(rule.getId())).build();
    }

    @Transactional
    public Rule create(Rule input) {
        if (!input.getId().isEmpty()) {
            throw ApiException.invalidArgument("id must be empty: the server assigns a rule's id");
        }
        Rule rule = validator.check(input);
        long version = lockAndNextVersion();
        long count =
                jdbc.sql("SELECT COUNT(*) FROM alert_rule").query(Long.class).single();
        if (count >= maxRules) {
            throw ApiException.failedPrecondition(
                    "there are already " + count + " rules, the most this installation allows (ch.alert.evaluation"
                            + ".max-rules); delete one first");
        }
        requireChannels(rule.getChannelIdsList());
        String id = UUID.randomUUID().toString();
        LocalDateTime now = now();
        jdbc.sql("INSERT INTO alert_rule (id, name, enabled, definition, silenced_until, version, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)")
                .params(id, rule.getName(), rule.getEnabled(), RuleJson.definition(rule), version, now, now)
                .update();
        linkChannels(id, rule.getChannelIdsList());
        return get(id);
    }

    @Transactional
    public Rule update(Rule input) {
        String id = required(input.getId());
        Rule rule = validator.check(input);
        long version = lockAndNextVersion();
        if (store.find(id).isEmpty()) {
            throw notFound(id);
        }
        requireChannels(rule.getChannelIdsList());
        jdbc.sql(
                        "UPDATE alert_rule SET name = ?, enabled = ?, definition = ?, version = ?, updated_at = ? WHERE id = ?")
                .params(rule.getName(), rule.getEnabled(), RuleJson.definition(rule), version, now(), id)
                .update();
        jdbc.sql("DELETE FROM alert_rule_channel WHERE rule_id = ?").param(id).update();
        linkChannels(id, rule.getChannelIdsList());
        return get(id);
    }

    @Transactional
    public void delete(String id) {
        required(id);
        long version = lockAndNextVersion();
        if (jdbc.sql("DELETE FROM alert_rule WHERE id = ?").param(id).update() == 0) {
            throw notFound(id);
        }
        // The deleted row takes its version with it: the newest remaining row carries the change.
        jdbc.sql("UPDATE alert_rule SET version = ? ORDER BY version DESC LIMIT 1")
                .param(version)
                .update();
    }

    @Transactional
    public Rule silence(SilenceRequest request) {
        String id = required(request.getId());
        Instant until = until(request);
        long version = lockAndNextVersion();
        int updated = jdbc.sql("UPDATE alert_rule SET silenced_until = ?, version = ?, updated_at = ? WHERE id = ?")
                .params(SqlTime.of(until), version, now(), id)
                .update();
        if (updated == 0) {
            throw notFound(id);
        }
        return get(id);
    }

    /** Refuses what {@link #create} would refuse (but for the id and the number of rules); stores nothing. */
    public RulePreview preview(Rule input) {
        return previews.preview(validated(input));
    }

    /**
     * The rule as {@link #create} would store it, refused as {@link #create} would refuse it (but for
     * the id and the number of rules); stores nothing.
     */
    public Rule validated(Rule input) {
        Rule rule = validator.check(input);
        requireChannels(rule.getChannelIdsList());
        return rule;
    }

    /** Null when the request lifts the silence (no time, or a past one). */
    private Instant until(SilenceRequest request) {
        if (!request.hasUntil()) {
            return null;
        }
        if (!Timestamps.isValid(request.getUntil())) {
            throw ApiException.invalidArgument("until is not a valid time");
        }
        Instant until = Instant.ofEpochSecond(
                        request.getUntil().getSeconds(), request.getUntil().getNanos())
                .truncatedTo(ChronoUnit.MICROS);
        return until.isAfter(clock.instant()) ? until : null;
    }

    /**
     * Locks every rule row (and the gap after them, so no concurrent insert) and returns a version
     * above all stored ones. Microseconds since the epoch when that is higher, so a version stays
     * above earlier ones even after every rule was deleted.
     */
    private long lockAndNextVersion() {
        long max = jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM alert_rule FOR UPDATE")
                .query(Long.class)
                .single();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        return Math.max(max + 1, micros);
    }

    private void requireChannels(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>(jdbc.sql("SELECT id FROM alert_channel WHERE id IN (:ids) LOCK IN SHARE MODE")
                .param("ids", ids)
                .query(String.class)
                .list());
        for (String id : ids) {
            if (!known.contains(id)) {
                throw ApiException.invalidArgument("channel_ids: no channel " + RuleValidator.shown(id));
            }
        }
    }

    private void linkChannels(String ruleId, List<String> channelIds) {
        for (String channelId : channelIds) {
            jdbc.sql("INSERT INTO alert_rule_channel (rule_id, channel_id) VALUES (?, ?)")
                    .params(ruleId, channelId)
                    .update();
        }
    }

    private LocalDateTime now() {
        return SqlTime.of(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static String required(String id) {
        if (id.isEmpty()) {
            throw ApiException.invalidArgument("id is required");
        }
        return id;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no rule " + RuleValidator.shown(id));
    }
}
