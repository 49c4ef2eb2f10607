package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.devstack.StoreBackup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A service's store wiped and restored from a backup (make backup / make restore): the service gives the same
 * answers as before, idempotent replays included, and publishes nothing twice.
 */
class BackupRestoreEndToEndIT {

    @Test
    void claimServiceAnswersTheSameAfterItsStoreIsWipedAndRestored() throws Exception {
        Api api = RunningStack.api();
        Board board = new Board(api);
        LocalStack stack = RunningStack.get();
        String batchId = api.createOpenBatch("备份恢复 backup and restore");
        String awarded = board.postAndPublish("street-04", batchId, "备份前已确定 awarded before", "FIRST_COME", 0, 30);
        board.claimAndAwait(awarded, "dept-06");
        String bidding = board.postAndPublish("street-04", batchId, "备份前的竞标 bids before", "POSTER_SELECTS", 0, 30);
        String key = UUID.randomUUID().toString();
        Map<String, Object> bid = Map.of("coClaimantOrgIds", List.of(), "plan", "dept-07 的方案",
                "committedDate", api.now().plusDays(20).toString());
        String claimId = api.sendWithKey("POST", "/api/topics/" + bidding + "/claims", "dept-07", bid, key).expect(201).id();
        Api.Response refusedBefore = api.post("/api/topics/" + awarded + "/claims", "dept-08", bid);

        stack.stop(ServiceSpec.CLAIM);
        Path backup = Files.createTempDirectory("jiebang-backup-");
        StoreBackup.backup(stack.mongoUri(), List.of(ServiceSpec.CLAIM.database()), backup);
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            client.getDatabase(ServiceSpec.CLAIM.database()).drop();
            assertThat(client.getDatabase(ServiceSpec.CLAIM.database()).listCollectionNames().into(new java.util.ArrayList<>()))
                    .as("wiped").isEmpty();
        }
        StoreBackup.restore(stack.mongoUri(), List.of(ServiceSpec.CLAIM.database()), backup);
        long claimsBefore;
        try (KafkaOffsets kafka = new KafkaOffsets(stack.kafkaBootstrap())) {
            claimsBefore = claimsRecords(kafka);
        }
        stack.startServices(List.of(ServiceSpec.CLAIM));
        api.alignClock(ServiceSpec.CLAIM);

        assertThat(api.sendWithKey("POST", "/api/topics/" + bidding + "/claims", "dept-07", bid, key).expect(201).id())
                .as("the idempotent replay of a command from before the backup").isEqualTo(claimId);
        Api.Response refusedAfter = api.post("/api/topics/" + awarded + "/claims", "dept-08", bid);
        assertThat(refusedAfter.status()).isEqualTo(refusedBefore.status()).isEqualTo(409);
        assertThat(refusedAfter.type()).isEqualTo(refusedBefore.type());

        // One new award after the restore: exactly its two events reach Kafka, nothing from before the backup again.
        String after = board.postAndPublish("street-04", batchId, "恢复后 after the restore", "FIRST_COME", 0, 30);
        board.claimAndAwait(after, "dept-09");
        try (KafkaOffsets kafka = new KafkaOffsets(stack.kafkaBootstrap())) {
            assertThat(claimsRecords(kafka) - claimsBefore).as("ClaimSubmitted and ClaimAwarded of the new claim only").isEqualTo(2);
        }
    }

    private static long claimsRecords(KafkaOffsets kafka) {
        return kafka.endOffsets().entrySet().stream().filter(e -> e.getKey().topic().equals("jiebang.claims"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
