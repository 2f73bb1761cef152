package home.connected.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SensorAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(SensorAgentApplication.class, args);
    }
}
