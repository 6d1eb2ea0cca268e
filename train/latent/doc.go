// Package latent draws images from a checkpoint's generator and walks its
// latent space: the numbered noise vectors of a seed (the training grid's
// fixed noise among them), `generate`, `interpolate` (a spherical path
// between two vectors) and `arith` (the image of a vector expression such
// as "3+9-12"), and the limits on what one such command may draw.
package latent
