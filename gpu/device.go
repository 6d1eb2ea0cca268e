package gpu

import (
	"errors"
	"fmt"
	"strings"

	vk "github.com/vulkan-go/vulkan"
)

// Options chooses the device and whether validation is on.
type Options struct {
	// Device selects a device by index or part of its name; empty picks the
	// best one (see Choose).
	Device string
	// Validate turns on VK_LAYER_KHRONOS_validation and collects its messages.
	Validate bool
	// Staging moves data through staging copies even where the device's
	// memory is unified, as on a discrete GPU (lets lavapipe test that path).
	Staging bool
	// Kernels chooses kernel variants for the executors that record on
	// this device, such as "conv=tiled,texel=off" (nn/vkexec.ParseVariants
	// reads it); empty lets each executor choose by device type.
	Kernels string
	// PipelinesOnly opens the device to build pipelines and read what the
	// driver made of them: no memory is set up, so a device with no usable
	// memory (RADV's null device) opens and any allocation is an error;
	// where the device offers VK_KHR_pipeline_executable_properties, every
	// pipeline captures the driver's statistics (see Statistics).
	PipelinesOnly bool
	// Window prepares for OpenWindow: the surface and swapchain extensions.
	// Without a display the device still opens, and OpenWindow says why
	// it cannot.
	Window bool
}

// Device is an open Vulkan device with one compute queue: everything the
// rest of the program needs to allocate buffers, build kernels and run them.
type Device struct {
	// Info describes the chosen device.
	Info DeviceInfo
	// Kernels is Options.Kernels: the kernel variants asked for.
	Kernels string

	validate    bool
	instance    vk.Instance
	debug       vk.DebugReportCallback
	physical    vk.PhysicalDevice
	device      vk.Device
	queue       vk.Queue
	queueFamily uint32
	commandPool vk.CommandPool
	// submitted tells whether any work was queued (see Close).
	submitted bool

	memory    *memory
	stats     *statistics // set when pipelines capture statistics
	modules   map[string]vk.ShaderModule
	pipelines map[string]*Pipeline

	// windowing is set when windows can be opened; windowErr says why not
	// when Options.Window asked for them and they cannot.
	windowing bool
	windowErr error
	windows   map[*Window]bool
}

// Open creates an instance, picks a device as opts says and opens it. Each
// step that can fail names its Vulkan call in the error, and whatever the
// steps before it made is destroyed.
func Open(opts Options) (*Device, error) {
	c := &Device{Kernels: opts.Kernels, validate: opts.Validate, modules: map[string]vk.ShaderModule{}, pipelines: map[string]*Pipeline{},
		windows: map[*Window]bool{}}
	var extensions []string
	if opts.Window {
		if extensions, c.windowErr = initWindowing(); c.windowErr == nil {
			c.windowing = true
		}
	}
	err := c.step("vkCreateInstance", func() (err error) {
		c.instance, c.debug, err = newInstance(opts.Validate, extensions)
		return err
	})
	if err == nil {
		err = c.openDevice(opts)
	}
	if err != nil {
		return nil, errors.Join(err, c.Close())
	}
	return c, nil
}

// openFault, set only by tests, runs before each step of Open with the
// step's name; an error from it fails the step in place of the step's own
// work, as a failing Vulkan call would.
var openFault func(step string, c *Device) error

// step runs one step of Open, named by the Vulkan call that can fail in it.
func (c *Device) step(call string, fn func() error) error {
	if openFault != nil {
		if err := openFault(call, c); err != nil {
			return fmt.Errorf("%s failed: %w", call, err)
		}
	}
	return fn()
}

func (c *Device) openDevice(opts Options) error {
	var pds []vk.PhysicalDevice
	err := c.step("vkEnumeratePhysicalDevices", func() (err error) {
		pds, err = physicalDevices(c.instance)
		return err
	})
	if err != nil {
		return err
	}
	infos := make([]DeviceInfo, len(pds))
	for i, pd := range pds {
		infos[i] = describe(c.instance, pd, i)
	}
	index, err := Choose(infos, opts.Device)
	if err != nil {
		return err
	}
	c.physical, c.Info = pds[index], infos[index]
	err = c.step("vkGetPhysicalDeviceQueueFamilyProperties", func() error {
		family, ok := computeQueueFamily(c.physical)
		if !ok {
			return fmt.Errorf("vkGetPhysicalDeviceQueueFamilyProperties: device %q has no compute queue", c.Info.Name)
		}
		c.queueFamily = family.Index
		return nil
	})
	if err != nil {
		return err
	}
	err = c.step("vkCreateDevice", func() error {
		return c.createDevice(opts.PipelinesOnly && c.offersStatistics())
	})
	if err != nil {
		return fmt.Errorf("opening %s: %w", c.Info.Name, err)
	}
	var queue vk.Queue
	vk.GetDeviceQueue(c.device, c.queueFamily, 0, &queue)
	c.queue = queue
	if err := c.step("vkCreateCommandPool", c.createCommandPool); err != nil {
		return err
	}
	return c.step("vkGetPhysicalDeviceMemoryProperties", func() (err error) {
		if opts.PipelinesOnly {
			c.memory = noMemory(c)
			return nil
		}
		c.memory, err = newMemory(c, opts.Staging)
		return err
	})
}

// createDevice creates the logical device with one compute queue, the
// swapchain extension where windows are wanted and the device offers it,
// and, with statistics, VK_KHR_pipeline_executable_properties with its
// pipelineExecutableInfo feature.
func (c *Device) createDevice(statistics bool) error {
	var extensions []string
	if c.windowing {
		if hasDeviceExtension(c.physical, swapchainExtension) {
			extensions = []string{swapchainExtension + "\x00"}
		} else {
			c.windowing, c.windowErr = false, fmt.Errorf("%s cannot present to windows (no %s)", c.Info.Name, swapchainExtension)
		}
	}
	info := vk.DeviceCreateInfo{
		SType:                   vk.StructureTypeDeviceCreateInfo,
		EnabledExtensionCount:   uint32(len(extensions)),
		PpEnabledExtensionNames: extensions,
		QueueCreateInfoCount:    1,
		PQueueCreateInfos: []vk.DeviceQueueCreateInfo{{
			SType:            vk.StructureTypeDeviceQueueCreateInfo,
			QueueFamilyIndex: c.queueFamily,
			QueueCount:       1,
			PQueuePriorities: []float32{1},
		}},
	}
	if statistics {
		features, free := newExecutableFeatures()
		defer free()
		info.PNext = features
		extensions = append(extensions, executableExtension+"\x00")
		info.EnabledExtensionCount, info.PpEnabledExtensionNames = uint32(len(extensions)), extensions
	}
	var device vk.Device
	var res vk.Result
	withoutGC(func() { res = vk.CreateDevice(c.physical, &info, nil, &device) })
	if err := check("vkCreateDevice", res); err != nil {
		return err
	}
	c.device = device
	if statistics {
		return c.loadStatistics()
	}
	return nil
}

// createCommandPool creates the pool of the device's command buffers.
func (c *Device) createCommandPool() error {
	info := vk.CommandPoolCreateInfo{
		SType:            vk.StructureTypeCommandPoolCreateInfo,
		Flags:            vk.CommandPoolCreateFlags(vk.CommandPoolCreateResetCommandBufferBit),
		QueueFamilyIndex: c.queueFamily,
	}
	var pool vk.CommandPool
	if err := check("vkCreateCommandPool", vk.CreateCommandPool(c.device, &info, nil, &pool)); err != nil {
		return err
	}
	c.commandPool = pool
	return nil
}

// Close waits for the device to go idle and destroys every Vulkan object the
// device made; it is safe on a Device that Open left part-made. With
// validation on, it returns an error listing every message the layer
// reported (including objects left alive).
func (c *Device) Close() error {
	for w := range c.windows {
		w.Close()
	}
	if c.device != nil {
		// Only a device that has run work waits: RADV's null device (no
		// hardware, RADV_FORCE_FAMILY) crashes in vkDeviceWaitIdle.
		if c.submitted {
			vk.DeviceWaitIdle(c.device)
		}
		for _, k := range c.pipelines {
			k.destroy(c.device)
		}
		for _, m := range c.modules {
			vk.DestroyShaderModule(c.device, m, nil)
		}
		if c.memory != nil {
			c.memory.destroy()
			c.memory = nil
		}
		if c.commandPool != vk.NullCommandPool {
			vk.DestroyCommandPool(c.device, c.commandPool, nil)
			c.commandPool = vk.NullCommandPool
		}
		vk.DestroyDevice(c.device, nil)
		c.device = nil
	}
	if c.instance != nil {
		destroyInstance(c.instance, c.debug)
		c.instance = nil
	}
	if c.windowing {
		terminateWindowing()
		c.windowing = false
	}
	if !c.validate {
		return nil
	}
	if msgs := ValidationMessages(); len(msgs) > 0 {
		return errors.New("validation layer reported:\n" + strings.Join(msgs, "\n"))
	}
	return nil
}
