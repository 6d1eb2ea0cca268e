package latent

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Expr is a parsed vector expression such as "3+9-12" or "(3+5+7)/3 - 2*4".
// Integers name noise vectors by index, except the numbers that scale: a
// number with a decimal point, the left number of '*' between two numbers
// ("2*3" is twice vector 3), a number multiplying a parenthesised
// expression, and the number on the right of '/'.
type Expr struct {
	root node
	// Operands lists the vector indices in order of first appearance.
	Operands []int
}

// node is an expression tree: a vector index, a scalar, or an operation.
type node struct {
	op          byte // 0 for a leaf
	index       int  // the vector of a leaf
	scalar      float64
	isScalar    bool
	left, right *node
}

// ParseExpr parses a vector expression.
func ParseExpr(s string) (*Expr, error) {
	if len(s) > MaxExprBytes {
		return nil, fmt.Errorf("--expr of %d bytes: at most %d", len(s), MaxExprBytes)
	}
	p := &exprParser{src: s}
	n, err := p.sum()
	if err == nil {
		p.skipSpace()
		if p.pos < len(p.src) {
			err = fmt.Errorf("unexpected %q at %d", p.src[p.pos], p.pos+1)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("--expr %q: %w", s, err)
	}
	if n.isScalar {
		return nil, fmt.Errorf("--expr %q: the expression is a number, not a vector", s)
	}
	e := &Expr{root: *n}
	seen := map[int]bool{}
	e.root.walk(func(leaf *node) {
		if !leaf.isScalar && !seen[leaf.index] {
			seen[leaf.index] = true
			e.Operands = append(e.Operands, leaf.index)
		}
	})
	if len(e.Operands) > MaxOperands {
		return nil, fmt.Errorf("--expr %q names %d vectors: at most %d", s, len(e.Operands), MaxOperands)
	}
	return e, nil
}

func (n *node) walk(leaf func(*node)) {
	if n.op == 0 {
		leaf(n)
		return
	}
	n.left.walk(leaf)
	n.right.walk(leaf)
}

type exprParser struct {
	src string
	pos int
}

func (p *exprParser) skipSpace() {
	for p.pos < len(p.src) && unicode.IsSpace(rune(p.src[p.pos])) {
		p.pos++
	}
}

func (p *exprParser) peek() byte {
	p.skipSpace()
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// sum := product (('+' | '-') product)*
func (p *exprParser) sum() (*node, error) {
	left, err := p.product()
	for err == nil && (p.peek() == '+' || p.peek() == '-') {
		op := p.src[p.pos]
		p.pos++
		var right *node
		if right, err = p.product(); err == nil {
			if left.isScalar || right.isScalar {
				return nil, fmt.Errorf("'%c' needs two vectors: scale a number with '*' or '/'", op)
			}
			left = &node{op: op, left: left, right: right}
		}
	}
	return left, err
}

// product := factor (('*' | '/') factor)*: '*' scales a vector by a number
// on either side, '/' divides a vector by a number on its right.
func (p *exprParser) product() (*node, error) {
	left, err := p.factor()
	for err == nil && (p.peek() == '*' || p.peek() == '/') {
		op := p.src[p.pos]
		p.pos++
		var right *node
		if right, err = p.factor(); err != nil {
			break
		}
		switch {
		case op == '/' && right.isLeafNumber():
			right.isScalar = true
		case op == '*' && left.isLeafNumber() && !right.isScalar:
			left.isScalar = true // "2*3", "0.5*3", "2*(3+4)": the number on the left scales
		case op == '*' && right.isLeafNumber():
			right.isScalar = true // "(3+4)*2", "3*0.5": the number on the right scales
		}
		if left.isScalar == right.isScalar || left.isScalar && op == '/' {
			return nil, fmt.Errorf("'%c' takes a vector and a number (\"2*3\", \"(3+5)/2\")", op)
		}
		if op == '/' && right.scalar == 0 {
			return nil, fmt.Errorf("division by zero")
		}
		left = &node{op: op, left: left, right: right}
	}
	return left, err
}

// isLeafNumber tells whether the node is a literal (vector index or scalar).
func (n *node) isLeafNumber() bool { return n.op == 0 }

// factor := number | '(' sum ')'
func (p *exprParser) factor() (*node, error) {
	switch c := p.peek(); {
	case c == '(':
		p.pos++
		n, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, fmt.Errorf("missing ')' at %d", p.pos+1)
		}
		p.pos++
		return n, nil
	case c >= '0' && c <= '9' || c == '.':
		start := p.pos
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
			p.pos++
		}
		text := p.src[start:p.pos]
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("bad number %q", text)
		}
		n := &node{scalar: v, isScalar: strings.Contains(text, ".")}
		if !n.isScalar {
			if v >= MaxVectorIndex {
				return nil, fmt.Errorf("vector index %s out of range [0, %d)", text, MaxVectorIndex)
			}
			n.index = int(v)
		}
		return n, nil
	case c == 0:
		return nil, fmt.Errorf("expression ends too soon")
	default:
		return nil, fmt.Errorf("unexpected %q at %d", c, p.pos+1)
	}
}

// Eval computes the expression's vector from the vectors it names.
func (e *Expr) Eval(vectors map[int][]float32) []float32 {
	return e.root.eval(vectors)
}

func (n *node) eval(vectors map[int][]float32) []float32 {
	if n.op == 0 {
		return append([]float32(nil), vectors[n.index]...)
	}
	switch n.op {
	case '*':
		if n.left.isScalar {
			return scale(n.right.eval(vectors), n.left.scalar)
		}
		return scale(n.left.eval(vectors), n.right.scalar)
	case '/':
		return scale(n.left.eval(vectors), 1/n.right.scalar)
	}
	a, b := n.left.eval(vectors), n.right.eval(vectors)
	sign := float32(1)
	if n.op == '-' {
		sign = -1
	}
	for i := range a {
		a[i] += sign * b[i]
	}
	return a
}

func scale(v []float32, s float64) []float32 {
	for i := range v {
		v[i] = float32(float64(v[i]) * s)
	}
	return v
}
