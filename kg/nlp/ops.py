"""A thinc CPU backend whose matrix products go through numpy's BLAS.

thinc's ``NumpyOps.gemm`` calls blis, whose kernels are picked by CPU model; on the
2-core AMD EPYC machines kg is measured on it fell back to a kernel 3-4x slower than
numpy's OpenBLAS for the CNN's layer shapes, and matrix products were about half of
the model's run time. Everything else (and every result) is thinc's own.
"""

from __future__ import annotations

from typing import Optional

import numpy
from thinc.api import NumpyOps, registry
from thinc.types import Floats2d


@registry.ops("NumpyBlasOps")
class NumpyBlasOps(NumpyOps):
    name = "kg_numpy_blas"

    def gemm(
        self,
        x: Floats2d,
        y: Floats2d,
        out: Optional[Floats2d] = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Floats2d:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        return numpy.matmul(a, b, out=out)


BACKEND = NumpyBlasOps.name  # for thinc's ``use_ops``
