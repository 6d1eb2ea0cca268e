#version 450
// bce_logits: sigmoid cross-entropy of the N logits x_i = x[OFFSET + i]
// against the constant target t, mean loss and gradient (nn/op.BCELogits):
//   loss[0] = (1/N) Σ_i max(x_i,0) - x_i·t + log(1 + exp(-|x_i|))
//   grad[i] = (sigmoid(x_i) - t)/N, computed as ((1-t)·sigmoid(x_i) - t·sigmoid(-x_i))/N,
//             which does not cancel when t = 1 and sigmoid(x_i) nears 1.
// One workgroup: invocation l sums elements l, l+256, ... in order, then a
// fixed shared-memory tree adds the 256 partial sums, so the loss has the
// same bits on every run.
layout(local_size_x = 256) in;

layout(constant_id = 0) const uint N = 1;
layout(constant_id = 1) const float TARGET = 1.0; // the label t
layout(constant_id = 2) const uint OFFSET = 0;    // the first logit

layout(std430, binding = 0) readonly buffer BufX { float x[]; };
layout(std430, binding = 1) buffer BufLoss { float loss[]; };
layout(std430, binding = 2) buffer BufGrad { float grad[]; };

shared float partial[256];

// sigmoid is 1/(1+exp(-v)) without overflow for any v.
float sigmoid(float v) {
    float e = exp(-abs(v));
    return v >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

void main() {
    uint l = gl_LocalInvocationID.x;
    float t = TARGET;
    float sum = 0.0;
    for (uint i = l; i < N; i += 256) {
        float v = x[OFFSET + i];
        sum += max(v, 0.0) - v * t + log(1.0 + exp(-abs(v)));
        grad[i] = ((1.0 - t) * sigmoid(v) - t * sigmoid(-v)) / float(N);
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
