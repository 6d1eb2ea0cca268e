// Read-only inputs, bound either as storage buffers or, with TEXEL_READS
// defined (the *_texel.comp variant of a shader), as uniform texel buffers:
// on lavapipe a texel fetch is one vector gather where a storage buffer
// load is a loop over the SIMD lanes, several times slower. The host binds
// a texel buffer as R32F for READ1 and RGBA32F for READ4 (gpu.TexelFormat).
#ifdef TEXEL_READS
#define READ_BUFFER(b, name) layout(binding = b) uniform samplerBuffer name
#define READ1(name, i) texelFetch(name, int(i)).x
#define READ4(name, i) texelFetch(name, int(i))
#else
#define READ_BUFFER(b, name) \
    layout(std430, binding = b) readonly buffer name##1 { float name##_1[]; }; \
    layout(std430, binding = b) readonly buffer name##4 { vec4 name##_4[]; }
#define READ1(name, i) name##_1[i]
#define READ4(name, i) name##_4[i]
#endif
