// Logarithm and cosine to about 2 ULP on every driver. Vulkan lets a
// driver's log be off by 2⁻²¹ absolutely near 1 and its cos by 2⁻¹¹ (both
// SwiftShader's are that loose): far above verify's bound for the normal
// numbers, whose CPU reference is float64. These use only float
// arithmetic, whose error Vulkan bounds to rounding (division 2.5 ULP).

// preciseLog is ln x for a positive normal x: x = m·2^e with m in [√½, √2),
// ln x = e·ln 2 + ln m, ln m = ln(1+f) as fdlibm's logf (s = f/(2+f),
// ln(1+f) = f - s·(f - R(s²)), its terms rearranged for accuracy) with
// R's Taylor coefficients 2/3, 2/5, ... 2/11 (the next term is below
// 2⁻³⁵ for |s| ≤ 0.172).
float preciseLog(float x) {
    const float LN2_HI = 6.9313812256e-01; // 17 significant bits: e·LN2_HI is exact
    const float LN2_LO = 9.0580006145e-06;
    uint bits = floatBitsToUint(x);
    int e = int(bits >> 23) - 127;
    float m = uintBitsToFloat((bits & 0x007fffffu) | 0x3f800000u);
    bool high = m > 1.41421356;
    m = high ? m * 0.5 : m;
    e = high ? e + 1 : e;
    float f = m - 1.0; // exact
    float s = f / (2.0 + f);
    float z = s * s;
    float r = z * (2.0 / 3.0 + z * (2.0 / 5.0 + z * (2.0 / 7.0 + z * (2.0 / 9.0 + z * (2.0 / 11.0)))));
    float hfsq = 0.5 * f * f;
    float k = float(e);
    return k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
}

// cosTurns is cos(2π·t) for t in [-½, ½]: folded by symmetry, exactly, to
// b in [0, ⅛] (|2π·b| ≤ π/4), then a Taylor polynomial in b of cos or of
// sin (terms to b¹⁰ and b¹¹; the next are below 2⁻³²).
float cosTurns(float t) {
    float a = abs(t);
    bool negate = a > 0.25;  // cos(2πa) = -cos(2π(½ - a))
    a = negate ? 0.5 - a : a; // exact, as are the subtractions below
    bool sine = a > 0.125;    // cos(2πa) = sin(2π(¼ - a))
    float b = sine ? 0.25 - a : a;
    float b2 = b * b;
    float c = 1.0 + b2 * (-19.739208802178716 + b2 * (64.93939402266828 + b2 * (-85.45681720669371 +
        b2 * (60.24464137187664 + b2 * -26.426256783374388))));
    float s = b * (6.283185307179586 + b2 * (-41.341702240399755 + b2 * (81.60524927607504 +
        b2 * (-76.70585975306136 + b2 * (42.058693944897634 + b2 * -15.094642576822984)))));
    float v = sine ? s : c;
    return negate ? -v : v;
}
