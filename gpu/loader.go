package gpu

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdlib.h>

static void *dcganvk_load_vulkan(void) {
	const char *names[] = {"libvulkan.so.1", "libvulkan.so"};
	for (int i = 0; i < 2; i++) {
		void *lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
		if (lib != NULL) {
			void *sym = dlsym(lib, "vkGetInstanceProcAddr");
			if (sym != NULL) {
				return sym;
			}
		}
	}
	return NULL;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"

	vk "github.com/vulkan-go/vulkan"
)

// InstallHint names the Debian packages that provide a Vulkan loader, a CPU
// driver (lavapipe) and the validation layers.
const InstallHint = "install a Vulkan loader and driver, on Debian or Ubuntu: " +
	"apt-get install libvulkan1 mesa-vulkan-drivers (and vulkan-validationlayers for DCGANVK_VALIDATE=1)"

var (
	loadOnce sync.Once
	loadErr  error
	// getInstanceProc is the loader's vkGetInstanceProcAddr, for the few
	// entry points vulkan-go does not wrap.
	getInstanceProc unsafe.Pointer
)

// loadVulkan finds libvulkan.so.1 at run time (so the binary starts without
// it) and hands its vkGetInstanceProcAddr to vulkan-go.
func loadVulkan() error {
	loadOnce.Do(func() {
		proc := C.dcganvk_load_vulkan()
		if proc == nil {
			loadErr = errors.New("no Vulkan loader found (libvulkan.so.1): " + InstallHint)
			return
		}
		getInstanceProc = proc
		vk.SetGetInstanceProcAddr(proc)
		if err := vk.Init(); err != nil {
			loadErr = fmt.Errorf("initialising the Vulkan loader: %w; %s", err, InstallHint)
		}
	})
	return loadErr
}
