// Package train runs the notebook's training: MNIST on the device, the train
// step replayed every batch, sample grids, the GIF, checkpoints and logs;
// and the commands around it (generate, interpolate, arith, eval and the
// judge's training).
package train
