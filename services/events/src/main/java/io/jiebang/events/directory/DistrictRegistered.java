package io.jiebang.events.directory;

import io.jiebang.events.DomainEvent;

/** A district (区) joined the deployment, as a tenant of its own (docs/tenancy.md). Key: districtId. */
public record DistrictRegistered(String districtId, String name, String nameEn) implements DomainEvent {

    @Override
    public String aggregateId() {
        return districtId;
    }
}
