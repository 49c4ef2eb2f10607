package io.jiebang.console.web;

import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.OrgView;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Names of organisations and categories in the language of a download; the id where the directory does not know it. */
record ExportNames(Locale language, Map<String, OrgView> orgs, Map<String, CategoryView> categories) {

    static Mono<ExportNames> load(BoardQueries board, Locale language) {
        return Mono.zip(board.orgs().collectMap(OrgView::id), board.categories().collectMap(CategoryView::code))
                .map(directory -> new ExportNames(language, directory.getT1(), directory.getT2()));
    }

    String org(String id) {
        OrgView org = id == null ? null : orgs.get(id);
        return org == null ? id : english() && org.nameEn() != null ? org.nameEn() : org.name();
    }

    String category(String code) {
        CategoryView category = code == null ? null : categories.get(code);
        return category == null ? code : english() && category.nameEn() != null ? category.nameEn() : category.name();
    }

    private boolean english() {
        return Locale.ENGLISH.equals(language);
    }
}
