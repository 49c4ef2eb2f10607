package io.jiebang.topic.application;

import io.jiebang.events.OrgKind;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Keeps the directory of organisations and the taxonomy, as seeded and configured. */
@Service
public class DirectoryUseCases {

    private final CommandExecutor executor;

    public DirectoryUseCases(CommandExecutor executor) {
        this.executor = executor;
    }

    public Mono<Void> registerOrganisation(String id, String name, String nameEn, OrgKind kind, String parentId) {
        return executor.execute(TopicStreams.ORGANISATIONS, id, CommandMeta.system(), null,
                org -> org.register(name, nameEn, kind, parentId)).then();
    }

    public Mono<Void> defineCategory(String code, String name, String nameEn, String classCode, String className,
                                     String classNameEn) {
        return executor.execute(TopicStreams.CATEGORIES, code, CommandMeta.system(), null,
                category -> category.define(name, nameEn, classCode, className, classNameEn)).then();
    }
}
