#version 450
// tanh_fwd: y = tanh(x) (nn/op.ActivationFwd), the same few-ulp accuracy on
// every device: for |x| >= 1/4, sign(x)·(1-e)/(1+e) with e = exp(-2|x|) <= 1,
// which cannot overflow (a tanh built from exp(x) and exp(-x) gives NaN for
// large |x| on some drivers); below 1/4, where 1-e would cancel, its Taylor
// series to x⁹ (the next term is below 1e-8 of tanh there).
float fn(float x) {
    float ax = abs(x);
    if (ax < 0.25) {
        float x2 = x * x;
        return x + x * x2 * (-1.0 / 3.0 + x2 * (2.0 / 15.0 + x2 * (-17.0 / 315.0 + x2 * (62.0 / 2835.0))));
    }
    float e = exp(-2.0 * ax);
    return sign(x) * ((1.0 - e) / (1.0 + e));
}

#include "map_unary.glsl"
