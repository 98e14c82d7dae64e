// libAttnOpt.so has no sources of its own: it is the attn static libraries
// linked whole (see CMakeLists.txt).
