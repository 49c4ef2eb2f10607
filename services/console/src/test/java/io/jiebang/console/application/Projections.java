package io.jiebang.console.application;

import io.jiebang.console.persistence.MongoAuditTrail;
import java.time.Clock;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;

/** The board's projection as the console wires it, for tests that build it by hand (without local accounts). */
public final class Projections {

    private Projections() {
    }

    public static BoardProjection board(ReadModel readModel, BoardChanges changes, Digests digests,
                                        ReactiveMongoDatabaseFactory database) {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        return new BoardProjection(readModel, changes, digests, new StaffDirectory(none.getBeanProvider(Accounts.class),
                none.getBeanProvider(SignedOutTokens.class), Clock.systemUTC()), new MongoAuditTrail(database));
    }
}
