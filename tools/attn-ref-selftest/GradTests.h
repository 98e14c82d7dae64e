//===- GradTests.h - gradient checks of the reference self-test -*- C++ -*-===//
#ifndef ATTN_REF_SELFTEST_GRADTESTS_H
#define ATTN_REF_SELFTEST_GRADTESTS_H

/// The self-test's check(cond, what, line).
using CheckFn = void (*)(bool, const char *, int);

/// attentionBackward against central differences of attentionForward.
void testGradients(CheckFn check);

#endif
