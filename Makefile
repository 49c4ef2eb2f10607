# Jiebang: the verbs a newcomer needs. Everything runs on JDK 17 and Maven; the project starts its own
# Kafka broker and MongoDB-wire store unless KAFKA_BOOTSTRAP_SERVERS / MONGODB_URI point elsewhere.

MVN ?= mvn -B -ntp
DEVSTACK_CP = deploy/devstack/target/classes:$$(cat deploy/devstack/target/runtime.classpath)

.PHONY: run build test e2e screenshots chaos bench bench-scale images images-smoke manifests backup restore clean reset help

help:
	@echo "make run    build, start broker, store and every service, print the console URL (Ctrl-C stops all)"
	@echo "            JIEBANG_REPLICAS=2 make run: two instances of each service (the second console at :8180)"
	@echo "make test   every test: domain, integration on the real broker and store, end-to-end"
	@echo "make e2e    only the end-to-end tests (services as separate processes, and the console in headless Chromium)"
	@echo "make screenshots  the browser tests, saving the console's pages to docs/screenshots for the README"
	@echo "make chaos  the fault suite (kill -9, broker outage, replay, poison) with its figures, with one and with two instances of each service"
	@echo "make bench  open-loop load of the board's mix, step by step up to saturation, with baselines (about 10 minutes)"
	@echo "            options: make bench BENCH_ARGS='-Dbench.rates=100,200 -Dbench.before=old.json -Dbench.docs=true'"
	@echo "make bench-scale  the read model built from Kafka with 1,000,000 topics, then its reads (hours on the embedded store)"
	@echo "            options: make bench-scale SCALE_ARGS='-Dbench.scale.topics=100000'"
	@echo "make images  an OCI image per service with podman (IMAGE_PREFIX=$(IMAGE_PREFIX), IMAGE_TAG=$(IMAGE_TAG))"
	@echo "make images-smoke  runs the topic-service image against a local broker and store until it reports UP"
	@echo "make manifests  renders the Kubernetes overlays, validates the compose file, holds both to the services' settings"
	@echo "make backup   copy every service's store into backups/<time> (BACKUP=folder to choose; stop the services first)"
	@echo "make restore  BACKUP=backups/<time> [DATABASES='jiebang-claim']: replace the stores with a backup's copy"
	@echo "make clean  delete build output and local data (.data)"
	@echo "make reset  delete local data (.data) only: the next make run starts empty"

build:
	$(MVN) -DskipTests package

run: build
	java -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn -cp "$(DEVSTACK_CP)" io.jiebang.devstack.StackMain

test:
	deploy/setup/browser.sh
	deploy/setup/example-tools.sh
	deploy/setup/manifest-tools.sh
	deploy/setup/asyncapi-cli.sh
	$(MVN) verify

e2e:
	deploy/setup/browser.sh
	$(MVN) verify -pl services/e2e -am -Dtest='*EndToEnd*,*BrowserIT' -Dsurefire.failIfNoSpecifiedTests=false

screenshots:
	deploy/setup/browser.sh
	$(MVN) verify -pl services/e2e -am -Dtest=ConsoleBrowserIT -Djiebang.screenshots=docs/screenshots -Dsurefire.failIfNoSpecifiedTests=false -Djiebang.oneInstance

chaos:
	$(MVN) verify -pl services/e2e -am -Dtest=FaultSuiteIT -Dchaos=true -Dsurefire.failIfNoSpecifiedTests=false -Djiebang.twoInstances.tests=FaultSuiteIT

# The figures go to target/bench/result.json and result.md; progress to target/bench/progress.log while it runs.
BENCH_ARGS ?=
bench:
	$(MVN) verify -pl services/e2e -am -Dtest=LoadBenchmarkIT -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false -Djiebang.oneInstance $(BENCH_ARGS)
	@cat target/bench/result.md

# 40,000 streets, 100,000 departments and bench.scale.topics topics; figures to target/bench/scale.json and scale.md.
SCALE_ARGS ?=
bench-scale:
	$(MVN) verify -pl services/e2e -am -Dtest=ScaleBenchmarkIT -Dbench.scale=true -Dsurefire.failIfNoSpecifiedTests=false -Djiebang.oneInstance $(SCALE_ARGS)
	@cat target/bench/scale.md

# One image per service from its jar, on a JRE base built from Debian packages (deploy/setup/images.sh).
IMAGE_PREFIX ?= localhost/jiebang
IMAGE_TAG ?= latest
export BASE_IMAGE ?= localhost/jiebang/jre:17
SERVICES = topic-service claim-service dispatch-service resolution-service notification-service console
export CONTAINERS_CONF ?= $(CURDIR)/deploy/images/containers.conf
images: build
	deploy/setup/images.sh
	for service in $(SERVICES); do \
	  podman build --build-arg SERVICE=$$service --build-arg BASE_IMAGE=$(BASE_IMAGE) -t $(IMAGE_PREFIX)/$$service:$(IMAGE_TAG) \
	    -f deploy/images/Dockerfile services/$$service/target || exit 1; \
	done

images-smoke:
	$(MVN) verify -pl deploy/devstack -am -Dtest=ImageSmokeIT -Dimages.smoke=true -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dimages.prefix=$(IMAGE_PREFIX) -Dimages.tag=$(IMAGE_TAG)

manifests:
	deploy/setup/manifest-tools.sh
	$(MVN) verify -pl deploy/devstack -am -Dtest=DeploymentManifestsTest -Dsurefire.failIfNoSpecifiedTests=false

# The store at MONGODB_URI (default make run's); the signing keys (.data/keys) are copied beside the databases.
BACKUP ?= backups/$(shell date -u +%Y%m%dT%H%M%SZ)
backup:
	test -f deploy/devstack/target/runtime.classpath || $(MVN) -DskipTests package -pl deploy/devstack -am
	java -cp "$(DEVSTACK_CP)" io.jiebang.devstack.StoreBackup backup $(BACKUP) $(DATABASES)
	if [ -d .data/keys ]; then cp -a .data/keys $(BACKUP)/keys; fi

restore:
	test -d "$(BACKUP)" || { echo "BACKUP=backups/<time> names the backup to restore"; exit 2; }
	test -f deploy/devstack/target/runtime.classpath || $(MVN) -DskipTests package -pl deploy/devstack -am
	java -cp "$(DEVSTACK_CP)" io.jiebang.devstack.StoreBackup restore $(BACKUP) $(DATABASES)
	if [ -d $(BACKUP)/keys ]; then mkdir -p .data && rm -rf .data/keys && cp -a $(BACKUP)/keys .data/keys; fi

clean:
	$(MVN) clean
	rm -rf .data

reset:
	rm -rf .data
