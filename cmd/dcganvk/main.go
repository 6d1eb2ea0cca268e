// Command dcganvk trains the DCGAN of the notebook "Generating Handwritten
// Digits with DCGAN" on MNIST with hand-written Vulkan compute kernels, and
// checks them against a plain-Go CPU reference.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/urfave/cli/v2"

	"dcganvk/gpu"
)

// version is the release; `make build` may set it with -ldflags.
var version = "0.1.0-dev"

// GLFW, behind the live preview window, must run on the process's main
// thread: the main goroutine keeps it.
func init() { runtime.LockOSThread() }

func main() {
	if err := newApp().Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "dcganvk:", err)
		os.Exit(1)
	}
}

func newApp() *cli.App {
	app := &cli.App{
		Name:    "dcganvk",
		Usage:   "train a DCGAN on MNIST with Vulkan compute shaders, checked against a CPU reference",
		Version: version,
		Description: "Every numeric kernel is a GLSL compute shader run through Vulkan, on any GPU or,\n" +
			"without one, on Mesa's lavapipe. Environment: DCGANVK_DEVICE picks a device (index or\n" +
			"part of its name) like --device; DCGANVK_VALIDATE=1 turns on the Vulkan validation layer.",
		Commands: []*cli.Command{
			versionCommand(),
			devicesCommand(),
			verifyCommand(),
			trainCommand(),
			generateCommand(),
			interpolateCommand(),
			arithCommand(),
			exploreCommand(),
			benchCommand(),
			evalCommand(),
			judgeCommand(),
			pipelinesCommand(),
		},
		OnUsageError: usageError,
	}
	for _, c := range app.Commands {
		c.OnUsageError = usageError
	}
	return app
}

// usageError reports a bad flag in one line; cli's default prints the whole
// help after it.
func usageError(c *cli.Context, err error, _ bool) error {
	return fmt.Errorf("%w (see '%s --help')", err, c.Command.HelpName)
}

// requireFlags is a Before hook that refuses a command run without the
// flags named, in one line: cli's Required prints the whole help as well.
func requireFlags(names ...string) cli.BeforeFunc {
	return func(c *cli.Context) error {
		for _, name := range names {
			if !c.IsSet(name) {
				return fmt.Errorf("--%s is required (see '%s --help')", name, c.Command.HelpName)
			}
		}
		return nil
	}
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version",
		Action: func(c *cli.Context) error {
			fmt.Fprintln(c.App.Writer, "dcganvk", version)
			return nil
		},
	}
}

// deviceFlags are the flags of every command that opens a device.
func deviceFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "device", EnvVars: []string{"DCGANVK_DEVICE"},
			Usage: "Vulkan device: its index or part of its name (see 'dcganvk devices')"},
		&cli.BoolFlag{Name: "validate", EnvVars: []string{"DCGANVK_VALIDATE"},
			Usage: "run under VK_LAYER_KHRONOS_validation; any message it reports is an error"},
		&cli.StringFlag{Name: "kernels", EnvVars: []string{"DCGANVK_KERNELS"},
			Usage: "kernel variants, KEY=VALUE,...: texel=auto|on|off, conv=auto|direct|tiled, " +
				"filter=auto|direct|splitk, reduce=auto|lanes|twostage, params=auto|host|device, " +
				"matvec=auto|columns|rows, winograd=auto|off|on, im2col=auto|off|on, tile=auto|32|64|128 " +
				"(auto chooses by device type)"},
	}
}

// gpuOptions reads the device flags of a command.
func gpuOptions(c *cli.Context) gpu.Options {
	return gpu.Options{Device: c.String("device"), Validate: c.Bool("validate"), Kernels: c.String("kernels")}
}

// printJSON writes v as indented JSON, the form of every --json flag.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
