package shaders

import "fmt"

// Constant is one specialization constant: its constant_id and the 32 bits
// Vulkan reads for it.
type Constant struct {
	ID   uint32
	Bits uint32
}

// Constants are the specialization constants of one shader source: a
// struct of constants.go, which tools/shadergen generates from the
// source's GLSL declarations, so its fields follow them by name and type.
type Constants interface {
	// Source is the .comp file the shader is built from, without extension.
	Source() string
	// Bindings is how many descriptor bindings the source declares.
	Bindings() int
	// Values are the constants in constant_id order.
	Values() []Constant
}

// CheckConstants fails unless the compiled shader name is built from the
// source whose constants c holds.
func CheckConstants(name string, c Constants) error {
	source, ok := sources[name]
	if !ok {
		return fmt.Errorf("no compiled shader %q (run `make shaders`)", name)
	}
	if c == nil || c.Source() != source {
		return fmt.Errorf("shader %s is built from %s.comp, but its constants are %T", name, source, c)
	}
	return nil
}

// boolBits is a bool constant's 32 bits (a VkBool32).
func boolBits(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
