// Package shaders holds the GLSL compute kernels and their SPIR-V, compiled
// by tools/shadergen and embedded so that building dcganvk needs no shader
// compiler.
package shaders

import (
	"embed"
	"encoding/binary"
	"fmt"
)

//go:generate go run ../tools/winograd -m 4 -r 5 -out winograd.glsl
//go:generate go run ../tools/winograd -m 4 -r 3 -out winograd_3x3.glsl
//go:generate go run ../tools/shadergen -src . -out spv

//go:embed spv/*.spv
var spirv embed.FS

// SPIRV returns the compiled code of the named shader (its file name without
// .comp) as 32-bit words.
func SPIRV(name string) ([]uint32, error) {
	raw, err := spirv.ReadFile("spv/" + name + ".spv")
	if err != nil {
		return nil, fmt.Errorf("no compiled shader %q (run `make shaders`): %w", name, err)
	}
	if len(raw)%4 != 0 || len(raw) < 20 {
		return nil, fmt.Errorf("shader %q: %d bytes is not SPIR-V", name, len(raw))
	}
	words := make([]uint32, len(raw)/4)
	for i := range words {
		words[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	return words, nil
}
