package home.connected.alert.evaluation;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import home.connected.alert.AlertProperties;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InfluxConfiguration {

    @Bean(destroyMethod = "close")
    InfluxDBClient influxClient(AlertProperties properties) {
        AlertProperties.Influx influx = properties.influx();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(influx.timeout())
                .readTimeout(influx.timeout())
                .writeTimeout(influx.timeout());
        return InfluxDBClientFactory.create(InfluxDBClientOptions.builder()
                .url(influx.url())
                .authenticateToken(influx.token().toCharArray())
                .org(influx.org())
                .bucket(influx.database())
                .okHttpClient(http)
                .build());
    }
}
