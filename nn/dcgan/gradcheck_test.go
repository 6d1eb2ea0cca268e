package dcgan

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"dcganvk/nn/op"
	"dcganvk/nn/ref"
)

// The finite-difference check of the whole train step. The plan's gradients
// (its hand-written backward ops, run by the CPU reference in float32
// storage) are compared with central differences of the losses that the
// plan's own forward ops compute, rerun in float64 through nn/ref's generic
// reference functions. The forward pass recomputes batch norm's batch
// statistics for every perturbation, so the differences include the loss's
// dependence on them, which the plan's batch-norm backward pass must carry.
//
// For every parameter tensor P (of G against the generator's loss, of D
// against the discriminator's), a direction v with elements drawn N(0,1)
// and a step h = gradStepRel·max(rms(P), 0.01):
//
//	analytic = Σ_i grad_i·v_i
//	numeric  = (L(P+h·v) - L(P-h·v)) / 2h
//	error    = |analytic - numeric| / ||grad||
//
// ||grad|| is the size g·v has for such a v (its standard deviation), so the
// error does not blow up when a direction happens to be nearly orthogonal to
// the gradient. Its sources:
//   - the analytic side carries the float32 storage of every activation and
//     gradient of the plan: a rounding of up to 6e-8 per element, which
//     adds up through the layers to 1e-8..2e-7 of ||grad|| here;
//   - the numeric side is float64 throughout: truncation O(h²) is below
//     1e-10 relative at h = 1e-5 of the tensor's scale, and rounding about
//     1e-16·L/h, below 1e-7 of ||grad|| even at the smallest h used;
//   - ReLU and LeakyReLU kinks: a pre-activation that changes sign between
//     P+h·v and P-h·v breaks the central difference (at batch 4 there are
//     275968 ReLU/LeakyReLU inputs, and h = 1e-5 crosses one or two for the
//     big kernels). Such a direction is redrawn with a step ten times
//     smaller, and the crossings are logged. The float64 forward pass could
//     also put an element within float32 rounding of zero on the other side
//     of the kink from the float32 plan; those are counted and logged (none
//     at this seed).
//
// gradTolerance, 1e-5, sits fifty times above the largest error seen (1.8e-7,
// see `go test -run TestGradientsMatchFiniteDifferences -v ./nn/dcgan`) and
// far below what a wiring mistake does: D's real and fake loss gradients
// swapped, G's gradient taken from D's fake loss instead of G's own,
// batch norm's variance term with its sign flipped or its mean term dropped
// each give errors of 0.4 to 5 of ||grad|| (tried by hand; the test fails).
const (
	gradBatch     = 4
	gradStepRel   = 1e-5
	gradTolerance = 1e-5
	gradRetries   = 4
)

// store64 holds float64 copies of a plan's tensors, one slice per root.
type store64 map[*op.Tensor][]float64

// get returns t's elements, allocating its root zeroed on first use.
func (m store64) get(t *op.Tensor) []float64 {
	r := t.Root()
	if m[r] == nil {
		m[r] = make([]float64, r.Len())
	}
	off := t.RootOffset()
	return m[r][off : off+t.Len()]
}

// forward64 runs the forward ops of a train step in float64 with nn/ref's
// functions, as nn/ref's executor maps them, and appends to pre the
// input of every ReLU and LeakyReLU in op order. The noise and the real
// batch (RandomFill and GatherImages) are inputs the caller puts in m.
func forward64(ops []op.Op, p op.StepParams, m store64, pre *[]float64) error {
	for _, o := range ops {
		switch o := o.(type) {
		case *op.RandomFill, *op.GatherImages:
		case *op.MatMul:
			ref.MatMul(m.get(o.A), m.get(o.B), m.get(o.C), o.M, o.N, o.K, o.TransA, o.TransB, o.Accumulate)
		case *op.BatchNormTrain:
			ref.BatchNormTrain(m.get(o.X), m.get(o.Gamma), m.get(o.Beta), m.get(o.MovingMean), m.get(o.MovingVar),
				m.get(o.Y), m.get(o.Mean), m.get(o.Var), o.Rows, o.C, float64(o.Momentum), float64(o.Eps), o.UnbiasedMoving)
		case *op.ActivationFwd:
			if o.Fn != op.Tanh {
				*pre = append(*pre, m.get(o.X)...)
			}
			ref.ActivationFwd(o.Fn, o.Slope, m.get(o.X), m.get(o.Y))
		case *op.BiasLeakyDropout:
			// By its definition in nn/ref: BiasAdd, LeakyReLU, then Dropout
			// over equal parts of the rows, one a stream.
			v, y := append([]float64(nil), m.get(o.X)...), m.get(o.Y)
			ref.BiasAdd(v, m.get(o.B), o.Rows, o.C)
			*pre = append(*pre, v...)
			ref.ActivationFwd(op.LeakyReLU, o.Slope, v, v)
			part := len(v) / len(o.Streams)
			for k, stream := range o.Streams {
				ref.Dropout(p, stream, o.Rate, v[k*part:(k+1)*part], y[k*part:(k+1)*part])
			}
		case *op.Concat:
			y := m.get(o.Y)
			copy(y, m.get(o.A))
			copy(y[o.A.Len():], m.get(o.B))
		case *op.Conv2D:
			ref.Conv2D(m.get(o.X), m.get(o.W), m.get(o.Y), o.S)
		case *op.Conv2DTranspose:
			ref.Conv2DBwdInput(m.get(o.X), m.get(o.W), m.get(o.Y), o.S)
		case *op.BiasAdd:
			ref.BiasAdd(m.get(o.Y), m.get(o.B), o.Rows, o.C)
		case *op.BCELogits:
			ref.BCELogits(m.get(o.Logits)[o.Offset:o.Offset+o.N], o.Target, m.get(o.Loss), m.get(o.Grad))
		default:
			return fmt.Errorf("%s %s is not a forward op of the train step", o.Kernel(), o.Shape())
		}
	}
	return nil
}

// signChanges counts the elements of a and b on different sides of zero.
func signChanges(a, b []float64) int {
	n := 0
	for i := range a {
		if (a[i] > 0) != (b[i] > 0) {
			n++
		}
	}
	return n
}

// gradCheck is a train step run once on the CPU reference, with what the
// finite differences need.
type gradCheck struct {
	s       *TrainStep
	params  op.StepParams
	forward []op.Op   // the ops up to the last loss
	base    store64   // the step's inputs in float64
	pre32   []float64 // the plan's ReLU/LeakyReLU inputs, from float32
	grads   map[*op.Tensor][]float32
}

// newGradCheck builds a train step of batch n, puts it in a state away from
// Keras' initial one (gammas, betas and biases drawn around their initial
// values, so that no term of the gradient vanishes by symmetry), runs it on
// the CPU reference and keeps the gradients.
func newGradCheck(n int, seed uint64) (*gradCheck, error) {
	s, err := NewTrainStep(MNIST, n, 2*n+3)
	if err != nil {
		return nil, err
	}
	state := s.SyntheticState(seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	for _, t := range []*op.Tensor{s.G.Gamma0, s.G.Gamma1, s.G.Gamma2} {
		state[t] = uniform(t.Len(), 0.8, 1.2, rng)
	}
	for _, t := range []*op.Tensor{s.G.Beta0, s.G.Beta1, s.G.Beta2, s.D.Bias1, s.D.Bias2, s.D.DenseB} {
		state[t] = uniform(t.Len(), -0.1, 0.1, rng)
	}
	params := op.DecodeParams(state[s.Params])

	e := ref.New(s.Plan)
	if err := op.WriteAll(state, e); err != nil {
		return nil, err
	}
	if err := e.Run(s.Plan); err != nil {
		return nil, fmt.Errorf("running the step: %w", err)
	}
	c := &gradCheck{s: s, params: params, base: store64{}, grads: map[*op.Tensor][]float32{}}
	for _, t := range append(s.GGrad.Views(), s.DGrad.Views()...) {
		if c.grads[t], err = e.Read(t); err != nil {
			return nil, err
		}
	}
	for t, v := range state {
		if t.Type == op.F32 {
			copy(c.base.get(t), widen(v))
		}
	}
	for i, o := range s.Plan.Ops {
		if _, ok := o.(*op.BCELogits); ok {
			c.forward = s.Plan.Ops[:i+1]
		}
	}
	for _, o := range c.forward {
		var input *op.Tensor
		switch o := o.(type) {
		case *op.RandomFill:
			input = o.Y
		case *op.GatherImages:
			input = o.Y
		case *op.ActivationFwd:
			if o.Fn != op.Tanh {
				x, err := e.Read(o.X)
				if err != nil {
					return nil, err
				}
				c.pre32 = append(c.pre32, widen(x)...)
			}
		case *op.BiasLeakyDropout:
			x, err := e.Read(o.X)
			if err != nil {
				return nil, err
			}
			// The bias as the step read it: Adam has moved it since.
			ref.BiasAdd(x, state[o.B], o.Rows, o.C)
			c.pre32 = append(c.pre32, widen(x)...)
		}
		if input != nil {
			v, err := e.Read(input)
			if err != nil {
				return nil, err
			}
			copy(c.base.get(input), widen(v))
		}
	}
	return c, nil
}

// losses runs the forward pass in float64 with P replaced by value, and
// returns the generator's and the discriminator's losses and the
// ReLU/LeakyReLU inputs.
func (c *gradCheck) losses(p *op.Tensor, value []float64) (gen, disc float64, pre []float64, err error) {
	m := store64{}
	for root, v := range c.base {
		m[root] = append([]float64(nil), v...)
	}
	if p != nil {
		copy(m.get(p), value)
	}
	if err := forward64(c.forward, c.params, m, &pre); err != nil {
		return 0, 0, nil, err
	}
	return m.get(c.s.GenLoss)[0], m.get(c.s.DiscLossReal)[0] + m.get(c.s.DiscLossFake)[0], pre, nil
}

// fdResult is one directional comparison.
type fdResult struct {
	analytic, numeric float64
	errRel            float64 // |analytic - numeric| / ||grad||
	h                 float64 // the step of the direction kept
	crossings         int     // kink crossings of the directions redrawn
}

// directional compares the analytic and numeric derivatives of one loss
// along a random direction of p. A direction whose step crosses a kink is
// redrawn with a step ten times smaller, up to gradRetries times.
func (c *gradCheck) directional(p *op.Tensor, grad []float32, ofGen bool, rng *rand.Rand) (fdResult, error) {
	theta := c.base.get(p)
	var sq, gsq float64
	for i, v := range theta {
		sq += v * v
		gsq += float64(grad[i]) * float64(grad[i])
	}
	r := fdResult{h: gradStepRel * math.Max(math.Sqrt(sq/float64(len(theta))), 0.01)}
	for try := 0; ; try++ {
		v := make([]float64, len(theta))
		r.analytic = 0
		for i := range v {
			v[i] = rng.NormFloat64()
			r.analytic += float64(grad[i]) * v[i]
		}
		plus, minus := make([]float64, len(theta)), make([]float64, len(theta))
		for i := range theta {
			plus[i], minus[i] = theta[i]+r.h*v[i], theta[i]-r.h*v[i]
		}
		genP, discP, preP, err := c.losses(p, plus)
		if err != nil {
			return r, err
		}
		genM, discM, preM, err := c.losses(p, minus)
		if err != nil {
			return r, err
		}
		lp, lm := discP, discM
		if ofGen {
			lp, lm = genP, genM
		}
		r.numeric = (lp - lm) / (2 * r.h)
		r.errRel = math.Abs(r.analytic-r.numeric) / math.Sqrt(gsq)
		crossed := signChanges(preP, preM)
		if crossed == 0 || try == gradRetries {
			return r, nil
		}
		r.crossings += crossed
		r.h /= 10
	}
}

// TestGradientsMatchFiniteDifferences checks the gradient of every parameter
// tensor of G and D that the train step's backward ops compute against
// central differences of the step's losses (see the comment at the top).
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	c, err := newGradCheck(gradBatch, 11)
	if err != nil {
		t.Fatal(err)
	}
	_, _, pre64, err := c.losses(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("batch %d; %d ReLU/LeakyReLU inputs, %d on the other side of zero in float64 than in the float32 plan",
		gradBatch, len(pre64), signChanges(pre64, c.pre32))
	rng := rand.New(rand.NewPCG(12, 13))
	worst := 0.0
	check := func(params, grads []*op.Tensor, ofGen bool) {
		for i, p := range params {
			r, err := c.directional(p, c.grads[grads[i]], ofGen, rng)
			if err != nil {
				t.Fatal(err)
			}
			worst = math.Max(worst, r.errRel)
			t.Logf("%-30s %7d elements  g·v %+.8e  FD %+.8e  |diff|/||g|| %.1e  h %.0e  (redrawn after %d kink crossings)",
				p.Name, p.Len(), r.analytic, r.numeric, r.errRel, r.h, r.crossings)
			if !(r.errRel <= gradTolerance) {
				t.Errorf("%s: g·v %.8e, finite difference %.8e: error %.2e of ||g|| (tolerance %.0e)",
					p.Name, r.analytic, r.numeric, r.errRel, gradTolerance)
			}
		}
	}
	check(c.s.G.Views(), c.s.GGrad.Views(), true)
	check(c.s.D.Views(), c.s.DGrad.Views(), false)
	t.Logf("largest error %.2e of ||g|| (tolerance %.0e)", worst, gradTolerance)
}

// uniform draws n numbers from U(lo, hi).
func uniform(n int, lo, hi float64, rng *rand.Rand) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(lo + (hi-lo)*rng.Float64())
	}
	return v
}

// widen converts float32 values to float64.
func widen(v []float32) []float64 {
	w := make([]float64, len(v))
	for i, x := range v {
		w[i] = float64(x)
	}
	return w
}
