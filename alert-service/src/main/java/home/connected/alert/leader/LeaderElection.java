package home.connected.alert.leader;

import home.connected.alert.AlertProperties;
import home.connected.alert.evaluation.EvaluationLoop;
import home.connected.alert.evaluation.NotificationsWritten;
import home.connected.alert.notification.NotificationDispatcher;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

/**
 * One replica evaluates and sends at a time: the one holding a lock row in MariaDB
 * (ALERT_INT_LOCK, Spring Integration's JdbcLockRegistry), renewed every heartbeat. When the
 * leader dies its row expires after time-to-live and a standby takes it, so the same election
 * works on one machine and in Kubernetes without a Lease. Even if two replicas lead for a moment
 * (a leader stalled past its lock), the keyed send log keeps a notification from going out twice.
 */
@Configuration(proxyBeanMethods = false)
class LeaderElection {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    static final String ROLE = "alert-evaluator";

    @Bean
    DefaultLockRepository alertLockRepository(DataSource dataSource, AlertProperties properties) {
        DefaultLockRepository repository =
                new DefaultLockRepository(dataSource, UUID.randomUUID().toString());
        repository.setPrefix("ALERT_INT_");
        repository.setRegion("alert-service");
        repository.setTimeToLive((int) properties.leader().timeToLive().toMillis());
        return repository;
    }

    @Bean
    JdbcLockRegistry alertLockRegistry(DefaultLockRepository repository, AlertProperties properties) {
        JdbcLockRegistry registry =
                new JdbcLockRegistry(repository, properties.leader().timeToLive());
        registry.setIdleBetweenTries(properties.leader().heartbeat().dividedBy(2));
        return registry;
    }

    @Bean
    LockRegistryLeaderInitiator alertLeaderInitiator(
            JdbcLockRegistry registry, AlertProperties properties, Leadership leadership) {
        LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(registry, leadership);
        initiator.setHeartBeatMillis(properties.leader().heartbeat().toMillis());
        initiator.setBusyWaitMillis(properties.leader().heartbeat().toMillis());
        return initiator;
    }

    @Bean
    Leadership leadership(EvaluationLoop loop, NotificationDispatcher dispatcher) {
        return new Leadership(loop, dispatcher);
    }

    /** New rows in the send log leave at once instead of at the dispatcher's next poll. */
    @Bean
    NotificationsWritten wakeTheDispatcher(NotificationDispatcher dispatcher) {
        return dispatcher::wakeUp;
    }

    /** What this replica does while it leads. */
    static final class Leadership extends DefaultCandidate {

        private final EvaluationLoop loop;
        private final NotificationDispatcher dispatcher;

        Leadership(EvaluationLoop loop, NotificationDispatcher dispatcher) {
            super(UUID.randomUUID().toString(), ROLE);
            this.loop = loop;
            this.dispatcher = dispatcher;
        }

        @Override
        public void onGranted(Context context) {
            log.info("this replica leads: evaluating rules and sending notifications");
            dispatcher.start();
            loop.start();
        }

        @Override
        public void onRevoked(Context context) {
            log.info("this replica no longer leads");
            loop.stop();
            dispatcher.stop();
        }
    }
}
