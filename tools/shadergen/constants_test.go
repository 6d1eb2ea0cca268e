package main

import (
	"strings"
	"testing"
)

func TestParseInterfaceReadsConstantsInIDOrder(t *testing.T) {
	text := `layout(local_size_x_id = 3, local_size_y_id = 4)in;
layout(constant_id = 1)const float EPS = 1e-3;
layout(constant_id = 0)const uint N = 1;
layout(constant_id = 2)const bool ACCUMULATE = false;
layout(std430, binding = 0)readonly buffer A { float a[];};
layout(std430, binding = 0)readonly buffer A4 { vec4 a4[];};
layout(std430, binding = 1)buffer B { float b[];};`
	in, err := parseInterface(text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range in.constants {
		got = append(got, camel(c.glslName)+":"+goTypes[c.glslType])
	}
	want := "N:int Eps:float32 Accumulate:bool LocalSizeX:int LocalSizeY:int"
	if strings.Join(got, " ") != want || in.bindings != 2 {
		t.Fatalf("got %v and %d bindings, want %s and 2", got, in.bindings, want)
	}
}

func TestParseInterfaceRejectsDriftingDeclarations(t *testing.T) {
	for name, text := range map[string]string{
		"a constant_id used twice":            "layout(constant_id = 0)const uint N = 1;\nlayout(constant_id = 0)const uint C = 1;",
		"a workgroup size on a constant's id": "layout(local_size_x_id = 0)in;\nlayout(constant_id = 0)const uint N = 1;",
		"a gap in the bindings":               "layout(std430, binding = 0)buffer A { float a[];};\nlayout(std430, binding = 2)buffer B { float b[];};",
		"an unsupported type":                 "layout(constant_id = 0)const double X = 1;",
	} {
		if _, err := parseInterface(text); err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{"CIN": "Cin", "PAD_T": "PadT", "local_size_x": "LocalSizeX", "conv2d_fwd": "Conv2dFwd", "N_BEGIN": "NBegin"} {
		if got := camel(in); got != want {
			t.Errorf("camel(%s) = %s, want %s", in, got, want)
		}
	}
}
