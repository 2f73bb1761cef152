package home.connected.auth.account;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start: makes sure the built-in groups exist, and — only while no enabled admin exists —
 * creates the first admin from {@code ch.auth.bootstrap.*} (a deployment secret). There is no
 * default password: without the settings nothing is created. Once an admin exists the settings
 * are ignored, so a leaked bootstrap secret is worthless after the first start.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final GroupRepository groups;
    private final UserAccountRepository users;
    private final Accounts accounts;
    private final Properties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AdminBootstrap(
            GroupRepository groups,
            UserAccountRepository users,
            Accounts accounts,
            Properties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.groups = groups;
        this.users = users;
        this.accounts = accounts;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (BuiltInGroup builtIn : BuiltInGroup.values()) {
            ensure(builtIn);
        }
        if (users.countEnabledMembers(Accounts.ADMINS) > 0) {
            log.info("an admin exists; the bootstrap admin settings are ignored");
            return;
        }
        if (isBlank(properties.username()) || isBlank(properties.password())) {
            log.warn("no admin exists and ch.auth.bootstrap.username/password (CH_BOOTSTRAP_ADMIN_USER,"
                    + " CH_BOOTSTRAP_ADMIN_PASSWORD) are not set: nobody can administer this installation yet");
            return;
        }
        if (accounts.createFirstAdmin(properties.username().strip(), properties.password())) {
            log.info(
                    "created the first admin '{}' from the bootstrap settings",
                    properties.username().strip());
        }
    }

    private void ensure(BuiltInGroup builtIn) {
        try {
            transactions.executeWithoutResult(status -> {
                if (!groups.existsByName(builtIn.groupName())) {
                    groups.saveAndFlush(
                            new Group(builtIn.groupName(), true, builtIn.defaultPermissions(), clock.instant()));
                    log.info("created built-in group {}", builtIn.groupName());
                } else if (builtIn == BuiltInGroup.ADMINS) {
                    // A permission added to the catalogue later reaches the admins too.
                    groups.findByName(builtIn.groupName()).orElseThrow().setPermissions(builtIn.defaultPermissions());
                }
            });
        } catch (DataIntegrityViolationException e) {
            log.debug("built-in group {} was created by another replica", builtIn.groupName());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @ConfigurationProperties("ch.auth.bootstrap")
    record Properties(String username, String password) {}
}
