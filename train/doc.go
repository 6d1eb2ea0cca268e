// Package train runs the notebook's training: MNIST on the device, the train
// step replayed every batch, and a run's folder: the sample grid of every
// epoch and their GIF, checkpoints, losses.csv and its plot, run.json, the
// judge's scores of the samples (--eval-every) and their plot, the lock
// that keeps one run to a folder, and the command that resumes it; with
// the progress bar and the live preview window on the way.
package train
