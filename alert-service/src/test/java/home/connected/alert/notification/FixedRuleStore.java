package home.connected.alert.notification;

import home.connected.alert.rule.RuleStore;
import home.connected.contracts.alert.v1.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The rules the test defines (stands in for the real RuleStore until that one is merged). */
class FixedRuleStore extends RuleStore {

    private final Map<String, Rule> rules = new ConcurrentHashMap<>();

    void put(Rule rule) {
        rules.put(rule.getId(), rule);
    }

    void clear() {
        rules.clear();
    }

    @Override
    public long version() {
        return rules.size();
    }

    @Override
    public List<Rule> all() {
        return List.copyOf(rules.values());
    }

    @Override
    public Optional<Rule> find(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }
}
