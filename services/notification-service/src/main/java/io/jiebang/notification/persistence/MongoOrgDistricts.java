package io.jiebang.notification.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.notification.application.OrgDistricts;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Organisations' districts in {@code org_districts}: {@code _id} the organisation, {@code district}. */
@Repository
public class MongoOrgDistricts implements OrgDistricts {

    private final MongoCollection<Document> orgs;

    public MongoOrgDistricts(ReactiveMongoDatabaseFactory databases) {
        this.orgs = MongoDocuments.database(databases).getCollection("org_districts");
    }

    @Override
    public Mono<Void> record(String orgId, String district) {
        return Mono.from(orgs.updateOne(Filters.eq("_id", orgId), Updates.setOnInsert("district", district),
                        new UpdateOptions().upsert(true)))
                // Two deliveries upserting at once: the loser's insert is refused, and the winner's is the same.
                .onErrorResume(MongoDocuments::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    @Override
    public Mono<String> districtOf(String orgId) {
        return Mono.from(orgs.find(Filters.eq("_id", orgId)).first()).mapNotNull(doc -> doc.getString("district"));
    }
}
