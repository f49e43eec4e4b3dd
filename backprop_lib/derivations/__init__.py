"""The article's derivations in SymPy, for the notebooks to assert on.

  symbolic      eqs. (1)–(17) on the single-path network: σ', the chain rule, δ, the updates
  output_layer  the output δ^(L) = ∂J/∂ŷ · g'(z) for each output/cost pair (eqs. 13, 14)
  graphs        whole layers: many paths to the cost, Θᵀδ, ∂J/∂Θ = δᵀ [1, a] entry by entry
  multiclass    the softmax + cross-entropy δ^(L) = ŷ − y for K classes

May import: the core (backprop_lib's top-level modules) and SymPy. Nothing here imports the
studies, the figures, the playground or the exercises.
"""
