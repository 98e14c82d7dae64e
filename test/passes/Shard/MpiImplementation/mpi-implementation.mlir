// RUN: attn-opt %s --attn-mpi-implementation | FileCheck %s --check-prefix=MPICH
// RUN: attn-opt %s --attn-mpi-implementation="name=OpenMPI" | FileCheck %s --check-prefix=OMPI
// RUN: not attn-opt %s --attn-mpi-implementation="name=LAM" 2>&1 | FileCheck %s --check-prefix=BAD

// --attn-mpi-implementation: the MPI ABI the mpi dialect's lowering to LLVM
// reads from the module's dlti.map; other entries are kept.
// MPICH: module attributes {dlti.map = #dlti.map<"other" = 1 : i32, "MPI:Implementation" = "MPICH">}
// OMPI: module attributes {dlti.map = #dlti.map<"other" = 1 : i32, "MPI:Implementation" = "OpenMPI">}
// BAD: error: unknown MPI implementation 'LAM' (MPICH or OpenMPI)
module attributes {dlti.map = #dlti.map<"other" = 1 : i32>} {
}
