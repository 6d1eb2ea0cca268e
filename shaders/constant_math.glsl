// CONST_REM(a, b) is a % b for non-negative int specialization constants,
// written without GLSL's % on int (OpSMod). The newer validation layer
// folds the constants into the shaders it instruments for GPU-assisted
// validation and gets OpSMod wrong there (it adds the divisor: 0 % 2 came
// out 2, 1 % 4 came out 5); shaders/spec_constant_ops_test.go keeps every
// such remainder in this form.
#define CONST_REM(a, b) ((a) - (a) / (b) * (b))
