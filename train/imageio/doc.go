// Package imageio reads and writes dcganvk's pictures and arrays: sample
// grids (drawn as the live preview draws them) with their labels as PNG,
// animated GIFs written whole or grown a frame at a time, and noise vectors
// and images as NumPy .npy files, every size checked before anything is
// allocated. Every file is written atomically (package safefile).
package imageio
