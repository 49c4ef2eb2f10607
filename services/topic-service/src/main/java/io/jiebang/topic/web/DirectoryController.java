package io.jiebang.topic.web;

import static io.jiebang.platform.domain.Texts.blankToNull;

import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.StaffRole;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.web.CommandBody;
import io.jiebang.platform.web.CommandRequests;
import io.jiebang.topic.application.DirectoryUseCases;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The coordinator's administration of the directory: organisations and staff accounts (docs/administration.md). */
@RestController
public class DirectoryController {

    private final DirectoryUseCases directory;
    private final CommandRequests requests;

    public DirectoryController(DirectoryUseCases directory, CommandRequests requests) {
        this.directory = directory;
        this.requests = requests;
    }

    public record AddOrganisationRequest(@NotBlank @Size(max = 40) String id, @NotBlank @Size(max = 100) String name,
                                         @Size(max = 200) String nameEn, @NotNull OrgKind kind,
                                         @Size(max = 40) String parentId) {
    }

    public record RenameOrganisationRequest(@NotBlank @Size(max = 100) String name, @Size(max = 200) String nameEn) {
    }

    /** @param parentId null or absent: the top level */
    public record MoveOrganisationRequest(@Size(max = 40) String parentId) {
    }

    public record InviteStaffRequest(@NotBlank @Size(max = 40) String username, @NotBlank @Size(max = 100) String displayName,
                                     @NotNull StaffRole role, @Size(max = 40) String orgId) {
    }

    public record MoveStaffRequest(@NotBlank @Size(max = 40) String orgId) {
    }

    @PostMapping("/api/organisations")
    public Mono<ResponseEntity<String>> addOrganisation(CommandMeta meta, @Valid @CommandBody AddOrganisationRequest request) {
        return requests.respond(directory.addOrganisation(meta, request.id(), request.name().strip(), blankToNull(request.nameEn()),
                request.kind(), blankToNull(request.parentId())));
    }

    @PostMapping("/api/organisations/{id}/rename")
    public Mono<ResponseEntity<String>> renameOrganisation(CommandMeta meta, @PathVariable String id,
                                                           @Valid @CommandBody RenameOrganisationRequest request) {
        return requests.respond(directory.renameOrganisation(meta, id, request.name().strip(), blankToNull(request.nameEn())));
    }

    @PostMapping("/api/organisations/{id}/move")
    public Mono<ResponseEntity<String>> moveOrganisation(CommandMeta meta, @PathVariable String id,
                                                         @Valid @CommandBody MoveOrganisationRequest request) {
        return requests.respond(directory.moveOrganisation(meta, id, blankToNull(request.parentId())));
    }

    @PostMapping("/api/organisations/{id}/retire")
    public Mono<ResponseEntity<String>> retireOrganisation(CommandMeta meta, @PathVariable String id) {
        return requests.respond(directory.retireOrganisation(meta, id));
    }

    @PostMapping("/api/staff")
    public Mono<ResponseEntity<String>> invite(CommandMeta meta, @Valid @CommandBody InviteStaffRequest request) {
        return requests.respond(directory.inviteStaff(meta, request.username(), request.displayName().strip(), request.role(),
                blankToNull(request.orgId())));
    }

    @PostMapping("/api/staff/{username}/reset-credentials")
    public Mono<ResponseEntity<String>> resetCredentials(CommandMeta meta, @PathVariable String username) {
        return requests.respond(directory.resetCredentials(meta, username));
    }

    @PostMapping("/api/staff/{username}/move")
    public Mono<ResponseEntity<String>> moveStaff(CommandMeta meta, @PathVariable String username,
                                                  @Valid @CommandBody MoveStaffRequest request) {
        return requests.respond(directory.moveStaff(meta, username, request.orgId()));
    }

    @PostMapping("/api/staff/{username}/deactivate")
    public Mono<ResponseEntity<String>> deactivate(CommandMeta meta, @PathVariable String username) {
        return requests.respond(directory.deactivateStaff(meta, username));
    }
}
