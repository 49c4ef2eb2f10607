package io.jiebang.topic.domain;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.directory.DistrictRegistered;
import io.jiebang.platform.domain.Aggregate;
import java.util.List;

/** A district (区), a tenant of the deployment (docs/tenancy.md): registered once, as the deployment configures it. */
public final class District implements Aggregate {

    private final String id;
    private boolean registered;

    public District(String id) {
        this.id = id;
    }

    public List<DomainEvent> register(String name, String nameEn) {
        return registered ? List.of() : List.of(new DistrictRegistered(id, name, nameEn));
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof DistrictRegistered) {
            registered = true;
        }
    }
}
