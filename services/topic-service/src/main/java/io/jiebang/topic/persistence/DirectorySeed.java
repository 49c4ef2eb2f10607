package io.jiebang.topic.persistence;

import io.jiebang.events.Districts;
import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.StaffRole;
import io.jiebang.topic.application.DirectoryUseCases;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the taxonomy and, when configured, the demo directory of organisations and accounts at start (a demo
 * convenience: a real district's coordinator administers its directory from the console). Both are idempotent: what
 * is already registered stays as it is, as the coordinator has changed it.
 */
@Component
public class DirectorySeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DirectorySeed.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final DirectoryUseCases directory;
    private final ResourceLoader resources;
    private final String taxonomyLocation;
    private final String directoryLocation;

    public DirectorySeed(DirectoryUseCases directory, ResourceLoader resources,
                         @Value("${jiebang.taxonomy:classpath:taxonomy.json}") String taxonomyLocation,
                         @Value("${jiebang.seed.directory:}") String directoryLocation) {
        this.directory = directory;
        this.resources = resources;
        this.taxonomyLocation = taxonomyLocation;
        this.directoryLocation = directoryLocation;
    }

    record Taxonomy(List<MatterClass> classes) {
    }

    record MatterClass(String code, String name, String nameEn, List<Kind> kinds) {
    }

    record Kind(String code, String name, String nameEn) {
    }

    /**
     * @param districts            the deployment's districts (tenants); the organisations and accounts name theirs, or
     *                             are the first's ({@link Districts#FIRST})
     * @param staffPerOrganisation one STAFF account per organisation, named like it (the demo's logins)
     */
    record Directory(List<DistrictEntry> districts, List<Org> organisations, List<User> users,
                     boolean staffPerOrganisation) {
    }

    record DistrictEntry(String id, String name, String nameEn) {
    }

    record User(String username, String displayName, List<StaffRole> roles, String orgId, String district) {

        String districtOrFirst() {
            return district == null ? Districts.FIRST : district;
        }
    }

    record Org(String id, String name, String nameEn, OrgKind kind, String parentId, String district) {

        String districtOrFirst() {
            return district == null ? Districts.FIRST : district;
        }
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Taxonomy taxonomy = read(taxonomyLocation, Taxonomy.class);
        Flux.fromIterable(taxonomy.classes())
                .concatMap(c -> Flux.fromIterable(c.kinds()).concatMap(kind -> directory.defineCategory(kind.code(),
                        kind.name(), kind.nameEn(), c.code(), c.name(), c.nameEn())))
                .then().block(Duration.ofMinutes(2));
        if (directoryLocation.isBlank()) {
            return;
        }
        Directory seed = read(directoryLocation, Directory.class);
        Flux.fromIterable(seed.districts() == null ? List.<DistrictEntry>of() : seed.districts())
                .concatMap(district -> directory.registerDistrict(district.id(), district.name(), district.nameEn()))
                .then().block(Duration.ofMinutes(2));
        Flux.fromIterable(seed.organisations())
                .concatMap(org -> directory.registerOrganisation(org.districtOrFirst(), org.id(), org.name(), org.nameEn(),
                        org.kind(), org.parentId()))
                .then().block(Duration.ofMinutes(2));
        List<User> users = new ArrayList<>(seed.users() == null ? List.of() : seed.users());
        if (seed.staffPerOrganisation()) {
            seed.organisations().forEach(org -> users.add(new User(org.id(), org.name(), List.of(StaffRole.STAFF), org.id(),
                    org.districtOrFirst())));
        }
        Flux.fromIterable(users)
                .concatMap(user -> directory.seedStaff(user.districtOrFirst(), user.username(), user.displayName(),
                        user.roles().get(0), user.orgId()))
                .then().block(Duration.ofMinutes(2));
        log.info("directory seeded from {}: {} organisations, {} accounts", directoryLocation, seed.organisations().size(),
                users.size());
    }

    private <T> T read(String location, Class<T> type) throws IOException {
        Resource resource = resources.getResource(location.startsWith("classpath:") || location.contains(":/")
                ? location : "file:" + location);
        try (InputStream in = resource.getInputStream()) {
            return JSON.readValue(in, type);
        }
    }
}
