# dcganvk — see README.md. `make deps` installs what building, testing and the
# live window need on Debian or Ubuntu; everything else is Go.
GO ?= go
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEBIAN_PACKAGES := gcc libc6-dev libvulkan1 mesa-vulkan-drivers vulkan-tools vulkan-validationlayers \
	glslc spirv-tools libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev \
	libxxf86vm-dev libgl1-mesa-dev xvfb
TEST_TIMEOUT ?= 20m

.PHONY: all deps shaders shaders-check build test lint clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	else echo "Debian packages: all present"; fi
	$(GO) mod download

shaders:
	$(GO) generate ./shaders

shaders-check:
	$(GO) run ./tools/shadergen -src shaders -out shaders/spv -check

build:
	$(GO) build -o bin/dcganvk ./cmd/dcganvk

test:
	DCGANVK_VALIDATE=1 $(GO) test -timeout $(TEST_TIMEOUT) ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:" $$unformatted; exit 1; fi
	$(GO) vet ./...

clean:
	rm -rf bin
