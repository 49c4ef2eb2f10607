package io.jiebang.notification.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.notification.application.TopicRecords;
import io.jiebang.notification.domain.TopicFact;
import io.jiebang.notification.domain.TopicRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Topic records in {@code topic_records}, one document per topic ({@code _id}), changed only by update operators that
 * are idempotent and commute ({@code $set} of a fact, {@code $addToSet} to a set), each in one
 * {@code findOneAndUpdate} by {@code _id} answering the document after it:
 * <pre>
 * { _id, posterOrgId, title, batchId,
 *   teams: { "&lt;round&gt;": { leadOrgId, coClaimantOrgIds: [...], withdrawn } },
 *   appeals: [ { appealId, orgId } ],
 *   waiting: [ { eventId, event: "&lt;the CloudEvent as JSON&gt;" } ] }
 * </pre>
 */
@Repository
public class MongoTopicRecords implements TopicRecords {

    private static final String COLLECTION = "topic_records";
    private static final String TEAMS = "teams";
    private static final String APPEALS = "appeals";
    private static final String WAITING = "waiting";
    private static final String LEAD = "leadOrgId";
    private static final String CO_CLAIMANTS = "coClaimantOrgIds";

    private final MongoCollection<Document> records;

    public MongoTopicRecords(ReactiveMongoDatabaseFactory databases) {
        this.records = MongoDocuments.database(databases).getCollection(COLLECTION);
    }

    @Override
    public Mono<Stored> find(String topicId) {
        return Mono.from(records.find(Filters.eq("_id", topicId)).first())
                .map(MongoTopicRecords::toStored)
                .defaultIfEmpty(new Stored(TopicRecord.unknown(topicId), List.of()));
    }

    @Override
    public Mono<Stored> record(String topicId, TopicFact fact) {
        return change(topicId, update(fact));
    }

    @Override
    public Mono<Stored> park(String topicId, EventEnvelope event) {
        return change(topicId, Updates.addToSet(WAITING, new Document("eventId", event.eventId())
                .append("event", EventCodec.encodeToString(event))));
    }

    @Override
    public Mono<Void> unpark(String topicId, String eventId) {
        return Mono.from(records.updateOne(Filters.eq("_id", topicId),
                Updates.pullByFilter(new Document(WAITING, new Document("eventId", eventId))))).then();
    }

    private Mono<Stored> change(String topicId, Bson update) {
        return Mono.from(records.findOneAndUpdate(Filters.eq("_id", topicId), update,
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(MongoTopicRecords::toStored);
    }

    private static Bson update(TopicFact fact) {
        if (fact instanceof TopicFact.Published published) {
            return Updates.combine(Updates.set("posterOrgId", published.posterOrgId()), Updates.set("title", published.title()),
                    Updates.set("batchId", published.batchId()));
        }
        if (fact instanceof TopicFact.TeamFormed formed) {
            // The co-claimants are added to those a redelivered joining may have put there before.
            return Updates.combine(Updates.set(team(formed.round(), LEAD), formed.leadOrgId()),
                    Updates.addEachToSet(team(formed.round(), CO_CLAIMANTS), formed.coClaimantOrgIds()));
        }
        if (fact instanceof TopicFact.TeamJoined joined) {
            return Updates.addToSet(team(joined.round(), CO_CLAIMANTS), joined.orgId());
        }
        if (fact instanceof TopicFact.TeamWithdrawn withdrawn) {
            return Updates.set(team(withdrawn.round(), "withdrawn"), true);
        }
        TopicFact.AppealMade appeal = (TopicFact.AppealMade) fact;
        return Updates.addToSet(APPEALS, new Document("appealId", appeal.appealId()).append("orgId", appeal.orgId()));
    }

    private static String team(int round, String field) {
        return TEAMS + "." + round + "." + field;
    }

    private static Stored toStored(Document stored) {
        Map<Integer, TopicRecord.Team> teams = new HashMap<>();
        stored.get(TEAMS, new Document()).forEach((round, value) -> {
            Document team = (Document) value;
            // A joining heard before its award (a redelivery) leaves a team without a lead: not formed yet.
            if (team.getString(LEAD) != null) {
                teams.put(Integer.valueOf(round), new TopicRecord.Team(team.getString(LEAD),
                        team.getList(CO_CLAIMANTS, String.class, List.of()), team.getBoolean("withdrawn", false)));
            }
        });
        Map<String, String> appellants = new HashMap<>();
        stored.getList(APPEALS, Document.class, List.of())
                .forEach(appeal -> appellants.put(appeal.getString("appealId"), appeal.getString("orgId")));
        List<EventEnvelope> waiting = stored.getList(WAITING, Document.class, List.of()).stream()
                .map(parked -> EventCodec.decode(parked.getString("event")))
                .flatMap(Optional::stream)
                .toList();
        TopicRecord record = new TopicRecord(stored.getString("_id"), stored.getString("posterOrgId"),
                stored.getString("title"), stored.getString("batchId"), teams, appellants);
        return new Stored(record, waiting);
    }
}
