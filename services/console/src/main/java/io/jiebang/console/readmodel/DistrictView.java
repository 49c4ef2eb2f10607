package io.jiebang.console.readmodel;

/** A district (区), a tenant of the deployment (docs/tenancy.md). */
public record DistrictView(String id, String name, String nameEn) {
}
