package home.connected.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.auth.v1.AuthProto;
import home.connected.contracts.auth.v1.CreateGroupRequest;
import home.connected.contracts.auth.v1.RenameGroupRequest;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.QueryProto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class RequestMessagesTest {

    private static final byte[] NO_BODY = new byte[0];
    private final RouteTable routes = new RouteTable();

    @Test
    void nestedQueryParametersFillTheFilter() throws Exception {
        HttpRoute listSensors = route(HttpMethod.GET, "/api/v1/sensors");

        ListSensorsRequest request = ListSensorsRequest.parseFrom(RequestMessages.build(
                        listSensors,
                        Map.of(),
                        Map.of("filter.quantity", List.of("temperature"), "filter.deviceId", List.of("pi-1")),
                        NO_BODY)
                .toByteArray());

        assertThat(request.getFilter().getQuantity()).isEqualTo("temperature");
        assertThat(request.getFilter().getDeviceId()).isEqualTo("pi-1");
    }

    @Test
    void queryParametersCarryEnumsTimestampsDurationsNumbersAndRepeatedValues() throws Exception {
        HttpRoute seriesByQuery = HttpRoute.of(
                HttpMethod.GET,
                "/test/series",
                "",
                QueryProto.getDescriptor().findServiceByName("QueryService").findMethodByName("GetSeries"));

        GetSeriesRequest request = GetSeriesRequest.parseFrom(RequestMessages.build(
                        seriesByQuery,
                        Map.of(),
                        Map.of(
                                "start", List.of("2026-11-26T10:00:00Z"),
                                "window", List.of("300s"),
                                "aggregate", List.of("AGGREGATE_MEAN"),
                                "max_points", List.of("500")),
                        NO_BODY)
                .toByteArray());

        assertThat(request.getStart()).isEqualTo(Timestamps.parse("2026-11-26T10:00:00Z"));
        assertThat(request.getWindow()).isEqualTo(Durations.fromSeconds(300));
        assertThat(request.getAggregate()).isEqualTo(Aggregate.AGGREGATE_MEAN);
        assertThat(request.getMaxPoints()).isEqualTo(500);

        HttpRoute groupsByQuery = HttpRoute.of(
                HttpMethod.GET,
                "/test/groups/{name}",
                "",
                AuthProto.getDescriptor().findServiceByName("UserAdminService").findMethodByName("CreateGroup"));
        CreateGroupRequest group = CreateGroupRequest.parseFrom(RequestMessages.build(
                        groupsByQuery,
                        Map.of("name", "family"),
                        Map.of("permissions", List.of("readings:read", "alerts:read")),
                        NO_BODY)
                .toByteArray());
        assertThat(group.getName()).isEqualTo("family");
        assertThat(group.getPermissionsList()).containsExactly("readings:read", "alerts:read");
    }

    @Test
    void badQueryParametersAreRefusedWithTheirName() {
        HttpRoute listSensors = route(HttpMethod.GET, "/api/v1/sensors");

        assertThatThrownBy(() ->
                        RequestMessages.build(listSensors, Map.of(), Map.of("filter.colour", List.of("red")), NO_BODY))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("filter.colour");
        assertThatThrownBy(() -> RequestMessages.build(listSensors, Map.of(), Map.of("filter", List.of("x")), NO_BODY))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("request body");
        assertThatThrownBy(() -> RequestMessages.build(
                        listSensors, Map.of(), Map.of("filter.quantity", List.of("a", "b")), NO_BODY))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("one value");
        assertThatThrownBy(() -> RequestMessages.build(listSensors, Map.of(), Map.of(), bytes("{}")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("no request body");
    }

    @Test
    void wrongValueTypesAreRefused() {
        HttpRoute seriesByQuery = HttpRoute.of(
                HttpMethod.GET,
                "/test/series",
                "",
                QueryProto.getDescriptor().findServiceByName("QueryService").findMethodByName("GetSeries"));

        for (Map.Entry<String, String> bad : Map.of(
                        "max_points", "many",
                        "aggregate", "AGGREGATE_MEDIAN",
                        "start", "yesterday",
                        "window", "5 minutes")
                .entrySet()) {
            assertThatThrownBy(() -> RequestMessages.build(
                            seriesByQuery, Map.of(), Map.of(bad.getKey(), List.of(bad.getValue())), NO_BODY))
                    .as(bad.getKey())
                    .isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void wholeBodyInProtoJson() throws Exception {
        HttpRoute series = route(HttpMethod.POST, "/api/v1/readings:series");

        GetSeriesRequest request = GetSeriesRequest.parseFrom(
                RequestMessages.build(series, Map.of(), Map.of(), bytes("""
                                {"sensors":[{"deviceId":"pi-1","sensor":"bme280","quantity":"temperature"}],
                                 "start":"2026-11-25T00:00:00Z","end":"2026-11-26T00:00:00Z",
                                 "window":"3600s","aggregate":"AGGREGATE_MAX","max_points":24}
                                """)).toByteArray());

        assertThat(request.getSensors(0).getDeviceId()).isEqualTo("pi-1");
        assertThat(request.getEnd()).isEqualTo(Timestamps.parse("2026-11-26T00:00:00Z"));
        assertThat(request.getWindow()).isEqualTo(Durations.fromHours(1));
        assertThat(request.getAggregate()).isEqualTo(Aggregate.AGGREGATE_MAX);
        assertThat(request.getMaxPoints()).isEqualTo(24);
    }

    @Test
    void unknownOrMalformedBodiesAreRefused() {
        HttpRoute series = route(HttpMethod.POST, "/api/v1/readings:series");

        for (String body : List.of(
                "{\"sensors\":[],\"colour\":\"red\"}",
                "{\"maxPoints\":\"lots\"}",
                "{\"sensors\":[{\"deviceId\":\"a\"}]",
                "[1,2]",
                "{sensors:[]}",
                "{} {}",
                "\"text\"")) {
            assertThatThrownBy(() -> RequestMessages.build(series, Map.of(), Map.of(), bytes(body)))
                    .as(body)
                    .isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void pathVariablesWinOverTheBody() throws Exception {
        HttpRoute rename = route(HttpMethod.PATCH, "/api/v1/groups/family");
        RenameGroupRequest request = RenameGroupRequest.parseFrom(RequestMessages.build(
                        rename, Map.of("name", "family"), Map.of(), bytes("{\"name\":\"other\",\"newName\":\"kin\"}"))
                .toByteArray());

        assertThat(request.getName()).isEqualTo("family");
        assertThat(request.getNewName()).isEqualTo("kin");

        HttpRoute update = route(HttpMethod.PUT, "/api/v1/alert-rules/r-1");
        Rule rule = Rule.parseFrom(
                RequestMessages.build(update, Map.of("id", "r-1"), Map.of(), bytes("{\"id\":\"r-2\",\"name\":\"hot\"}"))
                        .toByteArray());
        assertThat(rule.getId()).isEqualTo("r-1");
        assertThat(rule.getName()).isEqualTo("hot");
    }

    @Test
    void emptyBodyIsAnEmptyRequest() throws Exception {
        DynamicMessage request =
                RequestMessages.build(route(HttpMethod.POST, "/api/v1/readings:latest"), Map.of(), Map.of(), NO_BODY);

        assertThat(request.getAllFields()).isEmpty();
    }

    private HttpRoute route(HttpMethod method, String path) {
        HttpRoute route = routes.find(method, path).route();
        assertThat(route).as(method + " " + path).isNotNull();
        return route;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
