package vkexec

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestWinogradTileMatchesShaders checks that the tile sizes the host lays
// the Winograd buffers out by are the ones shaders/winograd.glsl was
// generated for (make shaders).
func TestWinogradTileMatchesShaders(t *testing.T) {
	text, err := os.ReadFile("../../shaders/winograd.glsl")
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]int{"WINO_M": winoM, "WINO_R": winoR, "WINO_A": winoA} {
		if decl := fmt.Sprintf("const int %s = %d;", name, v); !strings.Contains(string(text), decl) {
			t.Errorf("shaders/winograd.glsl does not declare %q", decl)
		}
	}
}
