package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"dcganvk/gpu"
)

func devicesCommand() *cli.Command {
	return &cli.Command{
		Name:  "devices",
		Usage: "list every Vulkan device and mark the one dcganvk would use",
		Description: "--json adds every extension, the features of the extensions GPU-shaped kernels may use\n" +
			"next (cooperative matrices, float16/int8, 16- and 8-bit storage, subgroup size control),\n" +
			"the memory types with their flags, and the limits on shared memory, buffers and alignments.",
		Flags: append(deviceFlags()[:2], &cli.BoolFlag{Name: "json", Usage: "print the list as JSON"}),
		Action: func(c *cli.Context) error {
			devices, err := gpu.Devices(c.Bool("validate"))
			if err != nil {
				return err
			}
			chosen, err := gpu.Choose(devices, c.String("device"))
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return printJSON(c.App.Writer, struct {
					Chosen  int              `json:"chosen"`
					Devices []gpu.DeviceInfo `json:"devices"`
				}{chosen, devices})
			}
			for _, d := range devices {
				printDevice(c.App.Writer, d, d.Index == chosen)
			}
			return nil
		},
	}
}

func printDevice(w io.Writer, d gpu.DeviceInfo, chosen bool) {
	mark := " "
	if chosen {
		mark = "*"
	}
	fmt.Fprintf(w, "%s %d  %s\n", mark, d.Index, d.Name)
	fmt.Fprintf(w, "     type %s, Vulkan %s, driver %s, vendor 0x%04x\n", d.Type, d.APIVersion, d.DriverVersion, d.VendorID)
	heaps := make([]string, len(d.Heaps))
	for i, h := range d.Heaps {
		heaps[i] = fmt.Sprintf("%.1f GiB", float64(h.Bytes)/(1<<30))
		if h.DeviceLocal {
			heaps[i] += " device-local"
		}
	}
	fmt.Fprintf(w, "     memory heaps: %s\n", strings.Join(heaps, ", "))
	fmt.Fprintf(w, "     compute: workgroup up to %dx%dx%d, %d invocations, %d KiB shared memory, subgroup %d\n",
		d.MaxWorkgroupSize[0], d.MaxWorkgroupSize[1], d.MaxWorkgroupSize[2],
		d.MaxWorkgroupInvocation, d.SharedMemoryBytes/1024, d.SubgroupSize)
	fmt.Fprintf(w, "     alignments: storage buffer offset %d, texel buffer offset %d, uniform buffer offset %d bytes\n",
		d.Limits.MinStorageBufferOffsetAlignment, d.Limits.MinTexelBufferOffsetAlignment, d.Limits.MinUniformBufferOffsetAlignment)
	types := make([]string, len(d.MemoryTypes))
	for i, t := range d.MemoryTypes {
		types[i] = fmt.Sprintf("%d: heap %d, %s", t.Index, t.HeapIndex, strings.Join(t.Flags, "+"))
	}
	fmt.Fprintf(w, "     memory types: %s\n", strings.Join(types, "; "))
	var offered []string
	for _, e := range gpu.NextStepExtensions {
		if d.NextStep[e] {
			offered = append(offered, e)
		}
	}
	if len(offered) == 0 {
		offered = []string{"none"}
	}
	fmt.Fprintf(w, "     next-step extensions: %s\n", strings.Join(offered, ", "))
	if d.Timestamps {
		fmt.Fprintf(w, "     timestamps: yes, %.3g ns a tick\n", d.TimestampPeriodNs)
	} else {
		fmt.Fprintf(w, "     timestamps: no\n")
	}
	if chosen {
		fmt.Fprintf(w, "     (* chosen)\n")
	}
}
