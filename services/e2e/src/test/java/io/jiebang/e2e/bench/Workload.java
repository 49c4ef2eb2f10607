package io.jiebang.e2e.bench;

/** Where the load client gets its next request. */
interface Workload {

    Call next();
}
