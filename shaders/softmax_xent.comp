#version 450
// softmax_xent: softmax cross-entropy of N rows of C logits against integer
// labels, mean loss and gradient (nn/op.SoftmaxXent):
//   loss[0]   = (1/N) Σ_i log Σ_c exp(x[i,c]) - x[i,label_i]
//   grad[i,c] = (softmax(x_i)_c - [c == label_i])/N
// with the row's largest logit subtracted before exp. A label of C or more
// gives NaN (in the loss and its row of the gradient) rather than a wrong
// number. One workgroup: invocation l takes rows l, l+256, ... in order,
// then a fixed shared-memory tree adds the 256 partial sums, so the loss has
// the same bits on every run.
layout(local_size_x = 256) in;

layout(constant_id = 0) const uint N = 1;
layout(constant_id = 1) const uint C = 1;

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) readonly buffer BufLabels { uint labels[]; };
layout(std430, binding = 2) buffer BufLoss { float loss[]; };
layout(std430, binding = 3) buffer BufGrad { float grad[]; };

shared float partial[256];

void main() {
    uint l = gl_LocalInvocationID.x;
    float sum = 0.0;
    for (uint i = l; i < N; i += 256) {
        uint row = i * C;
        float top = x[row];
        for (uint c = 1; c < C; c++) {
            top = max(top, x[row + c]);
        }
        float z = 0.0;
        for (uint c = 0; c < C; c++) {
            z += exp(x[row + c] - top);
        }
        uint label = labels[i];
        float nan = uintBitsToFloat(0x7FC00000u);
        sum += label < C ? log(z) + top - x[row + label] : nan;
        for (uint c = 0; c < C; c++) {
            float p = exp(x[row + c] - top) / z;
            grad[row + c] = label < C ? (p - (c == label ? 1.0 : 0.0)) / float(N) : nan;
        }
    }
    partial[l] = sum;
    barrier();
    for (uint stride = 128; stride > 0; stride >>= 1) {
        if (l < stride) {
            partial[l] += partial[l + stride];
        }
        barrier();
    }
    if (l == 0) {
        loss[0] = partial[0] / float(N);
    }
}
