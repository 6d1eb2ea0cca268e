package shaders

import (
	"path"
	"strings"
	"testing"
)

// SPIR-V opcodes the test reads.
const (
	opSpecConstantOp = 52
	opSRem           = 138
	opSMod           = 139
)

// TestNoSignedRemainderOfSpecConstants checks that no shader computes a
// signed remainder (GLSL's % on int) of specialization constants. The
// newer validation layer folds the constants into the shader it
// instruments for GPU-assisted validation and gets OpSMod wrong there (it
// adds the divisor: 0 % 2 became 2, 1 % 4 became 5), so that conv_gemm's
// phases wrote nothing and the vector-width choices took the other path.
// Such remainders are written with CONST_REM (constant_math.glsl) instead.
func TestNoSignedRemainderOfSpecConstants(t *testing.T) {
	files, err := spirv.ReadDir("spv")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), path.Ext(f.Name()))
		words, err := SPIRV(name)
		if err != nil {
			t.Fatal(err)
		}
		for i := 5; i < len(words); {
			count, opcode := int(words[i]>>16), words[i]&0xffff
			if count == 0 || i+count > len(words) {
				t.Fatalf("%s: malformed instruction at word %d", name, i)
			}
			if opcode == opSpecConstantOp && count > 3 && (words[i+3] == opSMod || words[i+3] == opSRem) {
				t.Errorf("%s: a %% of specialization constants (OpSpecConstantOp %d, result %%%d): use CONST_REM",
					name, words[i+3], words[i+2])
			}
			i += count
		}
	}
}
