package home.connected.ingest.pipeline;

import home.connected.testing.DevServices;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A private nginx under target/, on a free loopback port, for fault tests (Mosquitto: {@code ThrowawayMosquitto}). */
final class ThrowawayServers {

    private ThrowawayServers() {}

    /**
     * An InfluxDB v2-write front (as dev/services runs it, without the token check) in front of the
     * dev influxd: stopping it makes InfluxDB unreachable for ingest without touching the shared one.
     */
    static ChildProcess influxFront(int port) throws IOException {
        Path dir = ChildProcess.directory("nginx-" + port);
        Files.createDirectories(dir.resolve("tmp"));
        int influxd = URI.create(DevServices.get().influxDirectUrl()).getPort();
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        Files.writeString(dir.resolve("nginx.conf"), user + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    client_max_body_size 0;
                    upstream influxd { server 127.0.0.1:%2$d; keepalive 8; }
                    map $arg_precision $v1_precision { default ns; ns ns; us u; ms ms; s s; }
                    map $arg_bucket $v1_db_rp {
                        "~^(?<b_db>[^/%%]+)(?:/|%%2[Ff])(?<b_rp>.*)$" "db=$b_db&rp=$b_rp";
                        default "db=$arg_bucket";
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Authorization "";
                        location = /api/v2/write {
                            proxy_pass http://influxd/write?$v1_db_rp&precision=$v1_precision;
                        }
                        location / { proxy_pass http://influxd; }
                    }
                }
                """.formatted(dir, influxd, port));
        return new ChildProcess(
                List.of("nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir + "/", "-e", dir + "/error.log"),
                Map.of(),
                dir.resolve("out.log"));
    }
}
