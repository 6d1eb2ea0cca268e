package op

import "fmt"

// BatchNormTrain is batch normalisation in training mode over X [Rows, C]:
// each of the C features (a Dense output, or a conv channel with Rows =
// batch*height*width) is normalised by its batch statistics:
//
//	mean[c] = Σ_r x[r,c] / Rows;  var[c] = Σ_r (x[r,c]-mean[c])² / Rows (biased)
//	y[r,c]  = gamma[c] · (x[r,c]-mean[c]) / sqrt(var[c]+Eps) + beta[c]
//
// and the moving statistics are updated in place:
//
//	movingMean = Momentum·movingMean + (1-Momentum)·mean
//	movingVar  = Momentum·movingVar  + (1-Momentum)·v
//
// with v = var·Rows/(Rows-1) when UnbiasedMoving (TF's fused kernel, the 4-D
// conv layers) and v = var otherwise (the 2-D path after a Dense layer).
// Mean and Var keep the batch statistics for the backward pass.
type BatchNormTrain struct {
	X, Gamma, Beta        *Tensor
	MovingMean, MovingVar *Tensor
	Y, Mean, Var          *Tensor
	Rows, C               int
	Momentum, Eps         float32
	UnbiasedMoving        bool
}

// Kernel implements Op.
func (o *BatchNormTrain) Kernel() string { return "batchnorm_train_fwd" }

// Shape implements Op.
func (o *BatchNormTrain) Shape() string { return fmt.Sprintf("%dx%d", o.Rows, o.C) }

// Reads implements Op.
func (o *BatchNormTrain) Reads() []*Tensor {
	return []*Tensor{o.X, o.Gamma, o.Beta, o.MovingMean, o.MovingVar}
}

// Writes implements Op.
func (o *BatchNormTrain) Writes() []*Tensor {
	return []*Tensor{o.MovingMean, o.MovingVar, o.Y, o.Mean, o.Var}
}

// FLOPs implements Op.
func (o *BatchNormTrain) FLOPs() int64 { return 8 * int64(o.Rows) * int64(o.C) }

// Validate implements Op.
func (o *BatchNormTrain) Validate() error {
	return CheckLens(o.X, o.Rows*o.C, o.Gamma, o.C, o.Beta, o.C, o.MovingMean, o.C, o.MovingVar, o.C,
		o.Y, o.Rows*o.C, o.Mean, o.C, o.Var, o.C)
}

// BatchNormInfer is batch normalisation in inference mode, with the moving
// statistics: y[r,c] = gamma[c]·(x[r,c]-movingMean[c])/sqrt(movingVar[c]+Eps) + beta[c].
type BatchNormInfer struct {
	X, Gamma, Beta        *Tensor
	MovingMean, MovingVar *Tensor
	Y                     *Tensor
	Rows, C               int
	Eps                   float32
}

// Kernel implements Op.
func (o *BatchNormInfer) Kernel() string { return "batchnorm_infer_fwd" }

// Shape implements Op.
func (o *BatchNormInfer) Shape() string { return fmt.Sprintf("%dx%d", o.Rows, o.C) }

// Reads implements Op.
func (o *BatchNormInfer) Reads() []*Tensor {
	return []*Tensor{o.X, o.Gamma, o.Beta, o.MovingMean, o.MovingVar}
}

// Writes implements Op.
func (o *BatchNormInfer) Writes() []*Tensor { return []*Tensor{o.Y} }

// FLOPs implements Op.
func (o *BatchNormInfer) FLOPs() int64 { return 4 * int64(o.Rows) * int64(o.C) }

// Validate implements Op.
func (o *BatchNormInfer) Validate() error {
	return CheckLens(o.X, o.Rows*o.C, o.Gamma, o.C, o.Beta, o.C, o.MovingMean, o.C, o.MovingVar, o.C,
		o.Y, o.Rows*o.C)
}

// BatchNormBwd is the training-mode backward pass, from the batch statistics
// that BatchNormTrain saved. With xhat = (x-mean)·istd, istd = 1/sqrt(var+Eps):
//
//	dbeta[c]  = Σ_r dy[r,c]
//	dgamma[c] = Σ_r dy[r,c]·xhat[r,c]
//	dx[r,c]   = gamma[c]·istd[c]/Rows · (Rows·dy[r,c] - dbeta[c] - xhat[r,c]·dgamma[c])
type BatchNormBwd struct {
	X, DY, Gamma, Mean, Var *Tensor
	DX, DGamma, DBeta       *Tensor
	Rows, C                 int
	Eps                     float32
}

// Kernel implements Op.
func (o *BatchNormBwd) Kernel() string { return "batchnorm_bwd" }

// Shape implements Op.
func (o *BatchNormBwd) Shape() string { return fmt.Sprintf("%dx%d", o.Rows, o.C) }

// Reads implements Op.
func (o *BatchNormBwd) Reads() []*Tensor { return []*Tensor{o.X, o.DY, o.Gamma, o.Mean, o.Var} }

// Writes implements Op.
func (o *BatchNormBwd) Writes() []*Tensor { return []*Tensor{o.DX, o.DGamma, o.DBeta} }

// FLOPs implements Op.
func (o *BatchNormBwd) FLOPs() int64 { return 10 * int64(o.Rows) * int64(o.C) }

// Validate implements Op.
func (o *BatchNormBwd) Validate() error {
	return CheckLens(o.X, o.Rows*o.C, o.DY, o.Rows*o.C, o.Gamma, o.C, o.Mean, o.C, o.Var, o.C,
		o.DX, o.Rows*o.C, o.DGamma, o.C, o.DBeta, o.C)
}
