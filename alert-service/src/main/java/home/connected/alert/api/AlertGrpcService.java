package home.connected.alert.api;

import com.google.protobuf.Empty;
import home.connected.access.Rpc;
import home.connected.alert.alerts.AlertEvents;
import home.connected.alert.alerts.Alerts;
import home.connected.alert.channel.Channels;
import home.connected.alert.evaluation.RuleBacktests;
import home.connected.alert.grpc.Caller;
import home.connected.alert.rule.Rules;
import home.connected.alert.rule.RulesChanged;
import home.connected.contracts.alert.v1.Alert;
import home.connected.contracts.alert.v1.AlertRef;
import home.connected.contracts.alert.v1.AlertServiceGrpc;
import home.connected.contracts.alert.v1.BacktestRuleRequest;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.ChannelRef;
import home.connected.contracts.alert.v1.Delivery;
import home.connected.contracts.alert.v1.ListAlertEventsRequest;
import home.connected.contracts.alert.v1.ListAlertEventsResponse;
import home.connected.contracts.alert.v1.ListAlertsRequest;
import home.connected.contracts.alert.v1.ListAlertsResponse;
import home.connected.contracts.alert.v1.ListChannelsResponse;
import home.connected.contracts.alert.v1.ListRulesResponse;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RuleBacktest;
import home.connected.contracts.alert.v1.RulePreview;
import home.connected.contracts.alert.v1.RuleRef;
import home.connected.contracts.alert.v1.SilenceRequest;
import home.connected.tokens.Permission;
import io.grpc.stub.StreamObserver;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Every RPC of alert.proto, each handed to its feature. Who may call what is each RPC's access
 * option in the contract, checked before the call gets here; failures become statuses in
 * {@code grpc.GrpcErrors}.
 */
@Service
class AlertGrpcService extends AlertServiceGrpc.AlertServiceImplBase {

    private final Rules rules;
    private final Channels channels;
    private final Alerts alerts;
    private final AlertEvents events;
    private final RuleBacktests backtests;

    private final ApplicationEventPublisher publisher;

    AlertGrpcService(
            Rules rules,
            Channels channels,
            Alerts alerts,
            AlertEvents events,
            RuleBacktests backtests,
            ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.backtests = backtests;
        this.rules = rules;
        this.channels = channels;
        this.alerts = alerts;
        this.events = events;
    }

    @Override
    public void listRules(Empty request, StreamObserver<ListRulesResponse> response) {
        Rpc.answer(
                response,
                () -> ListRulesResponse.newBuilder().addAllRules(rules.list()).build());
    }

    @Override
    public void getRule(RuleRef request, StreamObserver<Rule> response) {
        Rpc.answer(response, () -> rules.get(request.getId()));
    }

    @Override
    public void createRule(Rule request, StreamObserver<Rule> response) {
        Rpc.answer(response, () -> changed(rules.create(request)));
    }

    @Override
    public void updateRule(Rule request, StreamObserver<Rule> response) {
        Rpc.answer(response, () -> changed(rules.update(request)));
    }

    @Override
    public void deleteRule(RuleRef request, StreamObserver<Empty> response) {
        Rpc.answer(response, () -> {
            rules.delete(request.getId());
            changed(null);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void previewRule(Rule request, StreamObserver<RulePreview> response) {
        Rpc.answer(response, () -> rules.preview(request));
    }

    /** On this (the request's) thread, never the evaluation loop's. */
    @Override
    public void backtestRule(BacktestRuleRequest request, StreamObserver<RuleBacktest> response) {
        Rpc.answer(response, () -> {
            Caller.require(Permission.READINGS_READ, "a backtest answers with stored readings");
            return backtests.backtest(request);
        });
    }

    @Override
    public void silenceRule(SilenceRequest request, StreamObserver<Rule> response) {
        Rpc.answer(response, () -> changed(rules.silence(request)));
    }

    @Override
    public void listChannels(Empty request, StreamObserver<ListChannelsResponse> response) {
        Rpc.answer(
                response,
                () -> ListChannelsResponse.newBuilder()
                        .addAllChannels(channels.list())
                        .build());
    }

    @Override
    public void getChannel(ChannelRef request, StreamObserver<Channel> response) {
        Rpc.answer(response, () -> channels.get(request.getId()));
    }

    @Override
    public void createChannel(Channel request, StreamObserver<Channel> response) {
        Rpc.answer(response, () -> channels.create(request));
    }

    @Override
    public void updateChannel(Channel request, StreamObserver<Channel> response) {
        Rpc.answer(response, () -> channels.update(request));
    }

    @Override
    public void deleteChannel(ChannelRef request, StreamObserver<Empty> response) {
        Rpc.answer(response, () -> {
            channels.delete(request.getId());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void testChannel(ChannelRef request, StreamObserver<Delivery> response) {
        Rpc.answer(response, () -> channels.test(request.getId()));
    }

    @Override
    public void listAlerts(ListAlertsRequest request, StreamObserver<ListAlertsResponse> response) {
        Rpc.answer(
                response,
                () -> ListAlertsResponse.newBuilder()
                        .addAllAlerts(alerts.list(request.getRuleId(), request.getIncludeOk()))
                        .build());
    }

    @Override
    public void getAlert(AlertRef request, StreamObserver<Alert> response) {
        Rpc.answer(response, () -> alerts.get(request.getId()));
    }

    @Override
    public void acknowledgeAlert(AlertRef request, StreamObserver<Alert> response) {
        Rpc.answer(response, () -> alerts.acknowledge(request.getId(), Caller.username()));
    }

    @Override
    public void silenceAlert(SilenceRequest request, StreamObserver<Alert> response) {
        Rpc.answer(response, () -> alerts.silence(request));
    }

    @Override
    public void listAlertEvents(ListAlertEventsRequest request, StreamObserver<ListAlertEventsResponse> response) {
        Rpc.answer(response, () -> events.list(request));
    }

    /** Tells this replica's evaluation that the rules changed (after the change is committed). */
    private <T> T changed(T answer) {
        publisher.publishEvent(new RulesChanged());
        return answer;
    }
}
