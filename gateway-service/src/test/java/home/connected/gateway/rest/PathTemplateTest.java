package home.connected.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void literalPathMatchesOnlyItself() {
        PathTemplate template = PathTemplate.parse("/api/v1/sensors");

        assertThat(template.match("/api/v1/sensors")).contains(Map.of());
        assertThat(template.match("/api/v1/sensors/")).isEmpty();
        assertThat(template.match("/api/v1/sensor")).isEmpty();
        assertThat(template.match("/api/v1/sensors/x")).isEmpty();
        assertThat(template.match("/api/v1")).isEmpty();
    }

    @Test
    void variablesTakeOneDecodedSegment() {
        PathTemplate template = PathTemplate.parse("/api/v1/groups/{name}/members/{username}");

        assertThat(template.match("/api/v1/groups/admins/members/alice"))
                .contains(Map.of("name", "admins", "username", "alice"));
        assertThat(template.match("/api/v1/groups/living%20room/members/b%2Fc"))
                .contains(Map.of("name", "living room", "username", "b/c"));
        assertThat(template.match("/api/v1/groups//members/alice")).isEmpty();
        assertThat(template.match("/api/v1/groups/admins/members")).isEmpty();
        assertThat(template.variables()).containsExactly("name", "username");
    }

    @Test
    void customVerbMustBePresentAndIsNotPartOfTheVariable() {
        PathTemplate template = PathTemplate.parse("/api/v1/devices/{device_id}:disable");

        assertThat(template.match("/api/v1/devices/pi-1:disable")).contains(Map.of("device_id", "pi-1"));
        assertThat(template.match("/api/v1/devices/a:b:disable")).contains(Map.of("device_id", "a:b"));
        assertThat(template.match("/api/v1/devices/pi-1:rotatePassword")).isEmpty();
        assertThat(template.match("/api/v1/devices/pi-1")).isEmpty();
        assertThat(template.openApiPath()).isEqualTo("/api/v1/devices/{device_id}:disable");
    }

    @Test
    void verbOnALiteralSegment() {
        PathTemplate series = PathTemplate.parse("/api/v1/readings:series");

        assertThat(series.match("/api/v1/readings:series")).contains(Map.of());
        assertThat(series.match("/api/v1/readings:latest")).isEmpty();
        assertThat(series.match("/api/v1/readings")).isEmpty();
    }

    @Test
    void withoutVerbAColonBelongsToTheVariable() {
        assertThat(PathTemplate.parse("/api/v1/groups/{name}").match("/api/v1/groups/x:y"))
                .contains(Map.of("name", "x:y"));
    }

    @Test
    void wildcards() {
        assertThat(PathTemplate.parse("/files/{path=**}").match("/files/a/b%20c/d"))
                .contains(Map.of("path", "a/b c/d"));
        assertThat(PathTemplate.parse("/a/*/c").match("/a/anything/c")).contains(Map.of());
        assertThat(PathTemplate.parse("/a/*/c").match("/a/b/d")).isEmpty();
    }

    @Test
    void refusesTemplatesItCannotServe() {
        assertThatThrownBy(() -> PathTemplate.parse("api/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a/{b=c/*}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a/**/c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a//b")).isInstanceOf(IllegalArgumentException.class);
    }
}
