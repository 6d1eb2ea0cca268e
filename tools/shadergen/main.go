// Command shadergen compiles the GLSL compute shaders (*.comp) of a folder to
// SPIR-V with glslc, as the variant table says (variants.go), validates each
// with spirv-val, and writes them to the output folder. It also writes
// constants.go beside the sources: each source's specialization constants
// as a Go struct, read from its GLSL declarations, so that the host cannot
// pass them in another order. With -check it builds into a temporary folder
// instead and fails when the committed SPIR-V or constants.go differ from a
// fresh build. Names given as arguments (such as `conv2d_fwd`) limit the
// SPIR-V build to those shaders.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

const targetEnv = "vulkan1.1"

func main() {
	src := flag.String("src", "shaders", "folder of *.comp shaders and *.glsl includes")
	out := flag.String("out", "shaders/spv", "folder the .spv files go to")
	checkOnly := flag.Bool("check", false, "fail when the SPIR-V in -out is not what the sources compile to")
	flag.Parse()
	if err := run(*src, *out, *checkOnly, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "shadergen:", err)
		os.Exit(1)
	}
}

func run(src, out string, checkOnly bool, names []string) error {
	for _, tool := range []string{"glslc", "spirv-val"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found: apt-get install glslc spirv-tools", tool)
		}
	}
	paths, err := filepath.Glob(filepath.Join(src, "*.comp"))
	if err != nil {
		return err
	}
	var sources []string
	for _, p := range paths {
		sources = append(sources, strings.TrimSuffix(filepath.Base(p), ".comp"))
	}
	list, err := buildList(sources)
	if err != nil {
		return err
	}
	ifaces, err := interfaces(src, list)
	if err != nil {
		return err
	}
	goFile, err := goConstants(list, ifaces)
	if err != nil {
		return fmt.Errorf("generating %s: %w", constantsFile, err)
	}
	if len(names) > 0 {
		if checkOnly {
			return fmt.Errorf("-check compares every shader; give no names")
		}
		if list, err = pick(list, names); err != nil {
			return err
		}
	}
	build, err := os.MkdirTemp("", "shadergen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(build)
	if err := compileAll(src, list, build); err != nil {
		return err
	}
	goPath := filepath.Join(src, constantsFile)
	if checkOnly {
		if old, err := os.ReadFile(goPath); err != nil || !bytes.Equal(old, goFile) {
			return fmt.Errorf("%s is stale, run `make shaders`", goPath)
		}
		return compare(build, out)
	}
	if err := os.WriteFile(goPath, goFile, 0o644); err != nil {
		return err
	}
	return install(build, out, len(names) == 0)
}

// pick keeps the variants of list that names name.
func pick(list []variant, names []string) ([]variant, error) {
	byName := map[string]variant{}
	for _, v := range list {
		byName[v.name] = v
	}
	var out []variant
	for _, n := range names {
		v, ok := byName[n]
		if !ok {
			return nil, fmt.Errorf("no shader named %s", n)
		}
		out = append(out, v)
	}
	return out, nil
}

// compileAll compiles and validates every variant, two at a time.
func compileAll(src string, list []variant, build string) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	limit := make(chan struct{}, 2)
	for _, v := range list {
		wg.Add(1)
		go func() {
			defer wg.Done()
			limit <- struct{}{}
			defer func() { <-limit }()
			if err := compile(src, v, build); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// compile builds one variant into build/<name>.spv and validates it.
func compile(src string, v variant, build string) error {
	spv := filepath.Join(build, v.name+".spv")
	args := []string{"-fshader-stage=compute", "--target-env=" + targetEnv, "-O", "-I", src}
	for _, d := range v.defines {
		args = append(args, "-D"+d)
	}
	args = append(args, "-o", spv, filepath.Join(src, v.source+".comp"))
	if msg, err := exec.Command("glslc", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("glslc %s: %v\n%s", v.name, err, msg)
	}
	if msg, err := exec.Command("spirv-val", "--target-env", targetEnv, spv).CombinedOutput(); err != nil {
		return fmt.Errorf("spirv-val %s: %v\n%s", v.name, err, msg)
	}
	return nil
}

// spvFiles maps each .spv file name in dir to its content.
func spvFiles(dir string) (map[string][]byte, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.spv"))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(p)] = data
	}
	return files, nil
}

func compare(build, out string) error {
	fresh, err := spvFiles(build)
	if err != nil {
		return err
	}
	committed, err := spvFiles(out)
	if err != nil {
		return err
	}
	var stale []string
	for name, data := range fresh {
		if old, ok := committed[name]; !ok {
			stale = append(stale, name+" (missing)")
		} else if !bytes.Equal(old, data) {
			stale = append(stale, name+" (differs)")
		}
	}
	for name := range committed {
		if _, ok := fresh[name]; !ok {
			stale = append(stale, name+" (no source)")
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return fmt.Errorf("committed SPIR-V in %s is stale, run `make shaders`: %s", out, strings.Join(stale, ", "))
	}
	fmt.Printf("shadergen: %d shaders up to date\n", len(fresh))
	return nil
}

// install copies the fresh SPIR-V into out; after a full build it also
// removes SPIR-V whose source is gone.
func install(build, out string, full bool) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	fresh, err := spvFiles(build)
	if err != nil {
		return err
	}
	committed, err := spvFiles(out)
	if err != nil {
		return err
	}
	for name := range committed {
		if _, ok := fresh[name]; !ok && full {
			if err := os.Remove(filepath.Join(out, name)); err != nil {
				return err
			}
		}
	}
	for name, data := range fresh {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("shadergen: %d shaders compiled to %s\n", len(fresh), out)
	return nil
}
