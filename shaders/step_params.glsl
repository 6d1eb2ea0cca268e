// The step parameter block (nn/op/params.go): values the host writes before
// each submit. Include after declaring the binding, for example:
//   layout(std430, binding = 0) readonly buffer Params { uint params[]; };
#define PARAM_STEP 0
#define PARAM_SEED_LO 1
#define PARAM_SEED_HI 2
#define PARAM_BATCH_OFFSET 3
#define PARAM_LR_GEN 4
#define PARAM_LR_DISC 5
