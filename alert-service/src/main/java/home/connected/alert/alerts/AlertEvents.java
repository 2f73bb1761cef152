package home.connected.alert.alerts;

import home.connected.access.ApiException;
import home.connected.contracts.alert.v1.AlertEvent;
import home.connected.contracts.alert.v1.Delivery;
import home.connected.contracts.alert.v1.ListAlertEventsRequest;
import home.connected.contracts.alert.v1.ListAlertEventsResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The alert history, newest first, paged by event id, each event with its deliveries. */
@Component
public class AlertEvents {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final JdbcClient jdbc;

    AlertEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ListAlertEventsResponse list(ListAlertEventsRequest request) {
        int size = pageSize(request.getPageSize());
        long before = pageToken(request.getPageToken());
        StringBuilder sql = new StringBuilder("SELECT id, alert_id, rule_id, rule_name, episode, transition, severity,"
                + " device_id, sensor, quantity, location, unit, value, at, title, body FROM alert_event WHERE id < ?");
        List<Object> params = new ArrayList<>(List.of(before));
        if (!request.getRuleId().isEmpty()) {
            sql.append(" AND rule_id = ?");
            params.add(request.getRuleId());
        }
        if (!request.getAlertId().isEmpty()) {
            sql.append(" AND alert_id = ?");
            params.add(request.getAlertId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(size + 1);
        List<AlertEvent.Builder> page = jdbc.sql(sql.toString())
                .params(params)
                .query(AlertEvents::event)
                .list();
        List<AlertEvent.Builder> shown = page.subList(0, Math.min(size, page.size()));
        Map<Long, AlertEvent.Builder> byId = new LinkedHashMap<>();
        shown.forEach(event -> byId.put(Long.parseLong(event.getId()), event));
        if (!byId.isEmpty()) {
            jdbc.sql("SELECT event_id, target, channel_kind, status, attempts, next_attempt_at, last_attempt_at,"
                            + " response_code, last_error FROM alert_notification WHERE event_id IN (:ids) ORDER BY id")
                    .param("ids", List.copyOf(byId.keySet()))
                    .query(row -> {
                        byId.get(row.getLong("event_id")).addDeliveries(delivery(row));
                    });
        }
        ListAlertEventsResponse.Builder answer = ListAlertEventsResponse.newBuilder();
        shown.forEach(event -> answer.addEvents(event.build()));
        if (page.size() > size) {
            answer.setNextPageToken(shown.get(shown.size() - 1).getId());
        }
        return answer.build();
    }

    private static int pageSize(int requested) {
        if (requested == 0) {
            return DEFAULT_PAGE_SIZE;
        }
        if (requested < 1 || requested > MAX_PAGE_SIZE) {
            throw ApiException.invalidArgument(
                    "page_size must be between 1 and " + MAX_PAGE_SIZE + " (0: " + DEFAULT_PAGE_SIZE + ")");
        }
        return requested;
    }

    private static long pageToken(String token) {
        if (token.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            long id = Long.parseLong(token);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalidArgument("page_token is not one this service gave out (next_page_token)");
    }

    private static AlertEvent.Builder event(ResultSet row, int number) throws SQLException {
        String transition = row.getString("transition");
        return AlertEvent.newBuilder()
                .setId(Long.toString(row.getLong("id")))
                .setAlertId(row.getString("alert_id"))
                .setRuleId(row.getString("rule_id"))
                .setRuleName(row.getString("rule_name"))
                .setEpisode(row.getLong("episode"))
                .setTransition(AlertRows.transition(transition))
                .setState(AlertRows.eventState(transition))
                .setSeverity(AlertRows.severity(row.getString("severity")))
                .setDeviceId(row.getString("device_id"))
                .setSensor(row.getString("sensor"))
                .setQuantity(row.getString("quantity"))
                .setLocation(row.getString("location"))
                .setUnit(row.getString("unit"))
                .setValue(AlertRows.value(row, "value"))
                .setAt(AlertRows.timestamp(row, "at"))
                .setTitle(row.getString("title"))
                .setBody(row.getString("body"));
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        String status = row.getString("status");
        Delivery.Builder delivery = Delivery.newBuilder()
                .setChannelId(row.getString("target"))
                .setChannelKind(row.getString("channel_kind"))
                .setStatus(status)
                .setDelivered(status.equals("sent"))
                .setAttempts(row.getInt("attempts"))
                .setResponseCode(row.getInt("response_code"))
                .setError(row.getString("last_error"));
        com.google.protobuf.Timestamp last = AlertRows.timestamp(row, "last_attempt_at");
        if (last != null) {
            delivery.setLastAttemptAt(last);
        }
        com.google.protobuf.Timestamp next = AlertRows.timestamp(row, "next_attempt_at");
        if (next != null && (status.equals("pending") || status.equals("held") || status.equals("retrying"))) {
            delivery.setNextAttemptAt(next);
        }
        return delivery.build();
    }
}
