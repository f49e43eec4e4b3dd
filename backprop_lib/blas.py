"""One BLAS thread for small matrices: the training loop's matmuls are too small to share.

A mini-batch of 32 through a [64, 32, 10] network multiplies matrices of a few thousand
entries: splitting such a product over threads costs more in hand-over than it saves, and on
a machine whose cores are busy (a class on one hub) a thread that must wait for a core stalls
every product. benchmarks/bench_digits.py measures it: on 2 busy cores the default 2 threads
made an epoch several times slower than one thread. Larger products keep the BLAS's default.
"""

import contextlib

SMALL_WORK = 2**20  # multiply-adds in the largest product of one pass; below: one thread

_controller = []  # threadpoolctl's controller, made on first use (it scans loaded libraries)


def blas_threads_for(samples, layers):
    """A context manager: BLAS limited to one thread while the products are small, else none.

    Inputs: samples, the columns of one pass (the batch size); layers, the network's sizes.
    """
    work = samples * max(n_in * n_out for n_in, n_out in zip(layers, layers[1:]))
    if work >= SMALL_WORK:
        return contextlib.nullcontext()
    if not _controller:
        from threadpoolctl import ThreadpoolController

        _controller.append(ThreadpoolController())
    return _controller[0].limit(limits=1, user_api="blas")
