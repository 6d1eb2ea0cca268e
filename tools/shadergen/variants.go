package main

import (
	"fmt"
	"sort"
)

// variant is one compiled shader: the SPIR-V named name is built from
// shaders/<source>.comp with the preprocessor names in defines set.
type variant struct {
	name    string
	source  string
	defines []string
}

// variants lists the shaders built from a source under other names, or
// several times with different defines. A .comp file that no entry names as
// its source is compiled once, under its own name; one that entries name is
// compiled exactly as they say.
var variants = []variant{
	{name: "conv2d_fwd", source: "conv2d_fwd"},
	{name: "conv2d_fwd_texel", source: "conv2d_fwd", defines: []string{"TEXEL_READS"}},
	{name: "conv2d_bwd_input", source: "conv2d_bwd_input"},
	{name: "conv2d_bwd_input_texel", source: "conv2d_bwd_input", defines: []string{"TEXEL_READS"}},
	{name: "conv2d_bwd_filter", source: "conv2d_bwd_filter"},
	{name: "conv2d_bwd_filter_texel", source: "conv2d_bwd_filter", defines: []string{"TEXEL_READS"}},
	{name: "matmul", source: "matmul"},
	{name: "matmul_texel", source: "matmul", defines: []string{"TEXEL_READS"}},
	{name: "winograd_data", source: "winograd_data"},
	{name: "winograd_data_texel", source: "winograd_data", defines: []string{"TEXEL_READS"}},
	{name: "winograd_filter", source: "winograd_filter"},
	{name: "winograd_filter_texel", source: "winograd_filter", defines: []string{"TEXEL_READS"}},
	{name: "winograd_gemm", source: "winograd_gemm"},
	{name: "winograd_gemm_texel", source: "winograd_gemm", defines: []string{"TEXEL_READS"}},
	{name: "winograd_inverse", source: "winograd_inverse"},
	{name: "winograd_inverse_texel", source: "winograd_inverse", defines: []string{"TEXEL_READS"}},
	{name: "winograd_data_3x3", source: "winograd_data", defines: []string{"WINO_3X3"}},
	{name: "winograd_data_3x3_texel", source: "winograd_data", defines: []string{"WINO_3X3", "TEXEL_READS"}},
	{name: "winograd_inverse_3x3", source: "winograd_inverse", defines: []string{"WINO_3X3"}},
	{name: "winograd_inverse_3x3_texel", source: "winograd_inverse", defines: []string{"WINO_3X3", "TEXEL_READS"}},
	{name: "im2col", source: "im2col"},
	{name: "im2col_texel", source: "im2col", defines: []string{"TEXEL_READS"}},
	{name: "col2im", source: "col2im"},
	{name: "col2im_texel", source: "col2im", defines: []string{"TEXEL_READS"}},
	{name: "dropout_fwd", source: "dropout"},
	{name: "dropout_bwd", source: "dropout"},
}

// buildList is every shader to compile from the sources (names of .comp
// files without the extension): the table's variants, and each source
// that the table does not name under its own name.
func buildList(sources []string) ([]variant, error) {
	known := map[string]bool{}
	for _, s := range sources {
		known[s] = true
	}
	named := map[string]bool{}
	var out []variant
	for _, v := range variants {
		if !known[v.source] {
			return nil, fmt.Errorf("variant %s: no source %s.comp", v.name, v.source)
		}
		named[v.source] = true
		out = append(out, v)
	}
	for _, s := range sources {
		if !named[s] {
			out = append(out, variant{name: s, source: s})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}
