package dataset

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// ParseColor reads a colour written #rrggbb (the # may be left out).
func ParseColor(s string) (color.RGBA, error) {
	hex := strings.TrimPrefix(s, "#")
	v, err := strconv.ParseUint(hex, 16, 32)
	if len(hex) != 6 || err != nil {
		return color.RGBA{}, fmt.Errorf("colour %q: write it #rrggbb, such as #ffffff for white", s)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, nil
}
