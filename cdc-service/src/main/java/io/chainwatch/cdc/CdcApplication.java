package io.chainwatch.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns rows that applications write into their PostgreSQL databases into ChainWatch samples. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdcApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdcApplication.class, args);
    }
}
