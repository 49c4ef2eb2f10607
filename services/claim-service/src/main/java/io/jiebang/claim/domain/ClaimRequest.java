package io.jiebang.claim.domain;

import java.time.Instant;
import java.util.List;

/** What a claimant offers: co-claimants for a group claim (组团认领), a plan and a committed completion date. */
public record ClaimRequest(List<String> coClaimantOrgIds, String plan, Instant committedDate) {
}
