package home.connected.alert.rule;

import home.connected.contracts.alert.v1.RuleStatus;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many series of each rule are ok, pending and firing, from the evaluator's alert_series. */
@Component
class RuleStatuses {

    private final JdbcClient jdbc;

    RuleStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, RuleStatus> all() {
        return count("SELECT rule_id, state, COUNT(*) AS n FROM alert_series GROUP BY rule_id, state", null);
    }

    RuleStatus of(String ruleId) {
        return count(
                        "SELECT rule_id, state, COUNT(*) AS n FROM alert_series WHERE rule_id = ? GROUP BY rule_id,"
                                + " state",
                        ruleId)
                .getOrDefault(ruleId, RuleStatus.getDefaultInstance());
    }

    private Map<String, RuleStatus> count(String sql, String ruleId) {
        Map<String, RuleStatus.Builder> counts = new HashMap<>();
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (ruleId != null) {
            statement = statement.param(ruleId);
        }
        statement.query(row -> {
            RuleStatus.Builder status = counts.computeIfAbsent(row.getString("rule_id"), id -> RuleStatus.newBuilder());
            int n = row.getInt("n");
            switch (row.getString("state")) {
                case "ok" -> status.setOk(status.getOk() + n);
                case "pending" -> status.setPending(status.getPending() + n);
                case "firing" -> status.setFiring(status.getFiring() + n);
                default -> {}
            }
        });
        Map<String, RuleStatus> built = new HashMap<>();
        counts.forEach((id, status) -> built.put(id, status.build()));
        return built;
    }
}
