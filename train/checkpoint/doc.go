// Package checkpoint is dcganvk's checkpoint format: safetensors files of
// finite float32 tensors with string metadata, written atomically and read
// with every size checked first; their names in a run's folder (ckpt-EPOCH)
// and the newest of them; which tensors a training checkpoint and the
// generator hold; and copying tensors between a file and an executor.
package checkpoint
