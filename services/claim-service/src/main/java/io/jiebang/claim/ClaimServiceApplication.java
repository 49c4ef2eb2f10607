package io.jiebang.claim;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Claiming: claims (揭榜) alone or as a group, first come or chosen by the poster, rounds and assignments. */
@SpringBootApplication
public class ClaimServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClaimServiceApplication.class, args);
    }
}
