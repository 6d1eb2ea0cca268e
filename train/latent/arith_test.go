package latent

import (
	"slices"
	"testing"
)

func TestExprEvaluates(t *testing.T) {
	v := map[int][]float32{3: {1, 2}, 5: {10, 20}, 7: {100, 200}, 9: {4, 4}, 12: {-1, 3}}
	cases := map[string]struct {
		want     []float32
		operands []int
	}{
		"12":            {[]float32{-1, 3}, []int{12}},
		"3+9-12":        {[]float32{6, 3}, []int{3, 9, 12}},
		"(3+5+7)/3":     {[]float32{37, 74}, []int{3, 5, 7}},
		"2*3 - 0.5*9":   {[]float32{0, 2}, []int{3, 9}},
		"(3+5)*2":       {[]float32{22, 44}, []int{3, 5}},
		" 9 - (3 - 12)": {[]float32{2, 5}, []int{9, 3, 12}},
		"3*5":           {[]float32{30, 60}, []int{5}},
		"3*0.5":         {[]float32{0.5, 1}, []int{3}},
	}
	for src, c := range cases {
		e, err := ParseExpr(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got := e.Eval(v); !slices.Equal(got, c.want) || !slices.Equal(e.Operands, c.operands) {
			t.Errorf("%q = %v over %v, want %v over %v", src, got, e.Operands, c.want, c.operands)
		}
	}
}

func TestBadExpressionsAreErrors(t *testing.T) {
	for _, src := range []string{"", "3+", "(3+4", "3+4)", "3 $ 4", "0.5", "3+0.5", "(3+4)*(5+6)",
		"2/3/0", "0.5/3", "3/0", "99999999", "-3", "3**4"} {
		if _, err := ParseExpr(src); err == nil {
			t.Errorf("%q parsed", src)
		}
	}
}

func TestSlerpEnds(t *testing.T) {
	a, b := []float32{1, 0, 0}, []float32{0, 2, 0}
	if got := Slerp(a, b, 0); !slices.Equal(got, a) {
		t.Errorf("t=0: %v", got)
	}
	mid := Slerp(a, b, 0.5)
	if mid[0] <= 0 || mid[1] <= 0 || mid[2] != 0 {
		t.Errorf("t=0.5: %v", mid)
	}
}

func TestNoiseVectorsDoNotDependOnTheSetSize(t *testing.T) {
	v, err := NoiseVectors(9, 5, 2)
	if err != nil {
		t.Fatal(err)
	}
	all := FixedNoise(9, 64)
	if !slices.Equal(v[0], all[500:600]) || !slices.Equal(v[1], all[200:300]) {
		t.Fatal("vector i of a seed changed with the number of vectors drawn")
	}
	if _, err := NoiseVectors(9, -1); err == nil {
		t.Error("a negative index was accepted")
	}
}
