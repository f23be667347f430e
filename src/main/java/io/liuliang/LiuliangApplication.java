package io.liuliang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Liuliang (留量): an e-commerce CRM, one Spring Boot application organised as a modular monolith. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Liuliang", sharedModules = "shared")
public class LiuliangApplication {

    public static void main(String[] args) {
        SpringApplication.run(LiuliangApplication.class, args);
    }
}
