/**
 * Differentiable building blocks for neural energies. {@link io.ebm4j.nn.Mlp} is an MLP energy with analytic
 * input gradients, parameter gradients and the second-order quantities score matching needs (Laplacian, exact,
 * sliced and denoising score-matching gradients); {@link io.ebm4j.nn.Activation} lists its activations with three
 * derivatives each. Matrix products go to BLAS (ND4J gemm); elementwise work runs in fused Java loops over ND4J
 * memory with work buffers reused from call to call.
 */
package io.ebm4j.nn;
