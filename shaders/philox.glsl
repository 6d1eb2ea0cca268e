// Philox4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as
// easy as 1, 2, 3", SC11), bit for bit Random123's philox4x32_10, and the
// word-to-number recipe of nn/op/random.go. nn/ref/philox.go is the same
// generator in Go.

const uint PHILOX_M0 = 0xD2511F53u; // round multipliers
const uint PHILOX_M1 = 0xCD9E8D57u;
const uint PHILOX_W0 = 0x9E3779B9u; // key schedule increments (golden ratio, sqrt(3)-1)
const uint PHILOX_W1 = 0xBB67AE85u;

// philox4x32_10 is the generator's block for counter ctr under key: ten
// rounds, the key bumped before each round after the first.
uvec4 philox4x32_10(uvec4 ctr, uvec2 key) {
    for (int r = 0; r < 10; r++) {
        if (r > 0) {
            key += uvec2(PHILOX_W0, PHILOX_W1);
        }
        uint hi0, lo0, hi1, lo1;
        umulExtended(PHILOX_M0, ctr.x, hi0, lo0);
        umulExtended(PHILOX_M1, ctr.z, hi1, lo1);
        ctr = uvec4(hi1 ^ ctr.y ^ key.x, lo1, hi0 ^ ctr.w ^ key.y, lo0);
    }
    return ctr;
}

// bits24 is the top 24 bits of a word, the part the recipe uses.
uint bits24(uint w) { return w >> 8; }

// unit24 is a word's uniform number in [0, 1): bits24(w)·2⁻²⁴, exact in float32.
float unit24(uint w) { return float(bits24(w)) * (1.0 / 16777216.0); }
