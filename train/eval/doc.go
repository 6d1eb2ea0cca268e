// Package eval scores a generator's samples, or a file of images, with the
// judge (an MNIST classifier trained once and cached beside the data)
// against MNIST's test set: FID on the judge's features, classifier score,
// confidence, digit shares, coverage and the collapse alarm. It holds
// `dcganvk eval`, the judge's training (`dcganvk judge train`), and the
// Scorer that training's --eval-every scores its epochs with.
package eval
