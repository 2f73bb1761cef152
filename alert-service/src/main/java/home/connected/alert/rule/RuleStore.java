package home.connected.alert.rule;

import home.connected.alert.SqlTime;
import home.connected.contracts.alert.v1.Rule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rules in MariaDB, for the evaluator. */
@Component
public class RuleStore {

    private static final String COLUMNS = "SELECT id, definition, silenced_until FROM alert_rule";

    private final JdbcClient jdbc;

    public RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Grows on every change of any rule (create, update, delete, silence): every write gives the row
     * it writes (on delete: the newest remaining row) a version above all others. Only deleting the
     * last rule brings it back to 0.
     */
    public long version() {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM alert_rule")
                .query(Long.class)
                .single();
    }

    /** Every rule (enabled or not) with its id and silenced_until; status left empty. */
    public List<Rule> all() {
        return jdbc.sql(COLUMNS + " ORDER BY name, id").query(RuleStore::rule).list();
    }

    public Optional<Rule> find(String ruleId) {
        return jdbc.sql(COLUMNS + " WHERE id = ?")
                .param(ruleId)
                .query(RuleStore::rule)
                .optional();
    }

    private static Rule rule(ResultSet row, int number) throws SQLException {
        Instant silenced = SqlTime.read(row, "silenced_until");
        return RuleJson.parse(row.getString("id"), row.getString("definition"), silenced);
    }
}
