#!/usr/bin/env python3
"""Reference for `omero-ilastik bench`: a pixel classification project run with vigra (ilastik's own
filter and forest library, Debian's python3-vigra) on ilastik's schedule: per selected scale s, each
input channel is presmoothed once (sigma sqrt(s^2-1) for s > 1, else s; window 3.5), then every feature
of that scale is computed on the presmoothed data at its small scale (1 for s > 1, else s; window 2),
2D per slice where ComputeIn2d is set or z = 1; the project's forests predict on 2 threads and are
combined weighted by tree count. Timing reference only: vigra's filters are not fastfilters'.

usage: vigra_reference.py PROJECT.ilp INPUT.h5 DATASET AXES OUTPUT.h5     (AXES e.g. zyxc, tzyxc)
prints: seconds spent (excluding reading the input), feature channel count
"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import h5py
import numpy as np
import vigra

project, inp, dataset, axes, out = sys.argv[1:6]
with h5py.File(project, 'r') as f:
    ids = [x.decode() if isinstance(x, bytes) else x for x in f['FeatureSelections/FeatureIds'][()]]
    scales = [float(s) for s in f['FeatureSelections/Scales'][()]]
    sel = f['FeatureSelections/SelectionMatrix'][()]
    in2d = f['FeatureSelections/ComputeIn2d'][()] if 'ComputeIn2d' in f['FeatureSelections'] else [False] * len(scales)
    names = sorted(k for k in f['PixelClassification/ClassifierForests'] if k.startswith('Forest'))
forests = [vigra.learning.RandomForest(project, 'PixelClassification/ClassifierForests/' + n) for n in names]

raw = h5py.File(inp, 'r')[dataset][()]
# to (z, y, x, c) float32, one time point
order = {k: i for i, k in enumerate(axes)}
for k in 'zc':
    if k not in order:
        raw = raw[..., None] if k == 'c' else raw[None]
        axes = axes + 'c' if k == 'c' else 'z' + axes
        order = {k2: i for i, k2 in enumerate(axes)}
if 't' in order:
    raw = np.take(raw, 0, axis=order['t'])
    axes = axes.replace('t', '')
    order = {k: i for i, k in enumerate(axes)}
vol = np.transpose(raw, [order[k] for k in 'zyxc']).astype(np.float32)

start = time.perf_counter()


def features_at(p, fid, s, two_d):
    """Feature channels of one presmoothed channel p (zyx)."""
    def one(img):
        a = vigra.taggedView(np.ascontiguousarray(img), 'yx' if two_d else 'zyx')
        if fid == 'GaussianSmoothing':
            r = vigra.filters.gaussianSmoothing(a, s, window_size=2.0)
        elif fid == 'LaplacianOfGaussian':
            r = vigra.filters.laplacianOfGaussian(a, s, window_size=2.0)
        elif fid == 'GaussianGradientMagnitude':
            r = vigra.filters.gaussianGradientMagnitude(a, s, window_size=2.0)
        elif fid == 'DifferenceOfGaussians':
            r = vigra.filters.gaussianSmoothing(a, s, window_size=2.0) - vigra.filters.gaussianSmoothing(a, 0.66 * s, window_size=2.0)
        elif fid == 'StructureTensorEigenvalues':
            r = vigra.filters.structureTensorEigenvalues(a, s, 0.5 * s, window_size=2.0)
        else:
            r = vigra.filters.hessianOfGaussianEigenvalues(a, s, window_size=2.0)
        r = np.asarray(r)
        return r if r.ndim == img.ndim + 1 else r[..., None]
    if two_d:
        return np.stack([one(p[z]) for z in range(p.shape[0])])
    return one(p)


def smooth(img, s, two_d):
    if two_d:
        return np.stack([np.asarray(vigra.filters.gaussianSmoothing(vigra.taggedView(np.ascontiguousarray(img[z]), 'yx'), s, window_size=3.5))
                         for z in range(img.shape[0])])
    return np.asarray(vigra.filters.gaussianSmoothing(vigra.taggedView(img, 'zyx'), s, window_size=3.5))


blocks = {}
for si, s in enumerate(scales):
    if not sel[:, si].any():
        continue
    two_d = bool(in2d[si]) or vol.shape[0] == 1
    pre = np.sqrt(s * s - 1) if s > 1 else s
    small = 1.0 if s > 1 else s
    for c in range(vol.shape[-1]):
        p = smooth(vol[..., c], pre, two_d)
        for fi, fid in enumerate(ids):
            if sel[fi, si]:
                blocks.setdefault((fi, si), []).append(features_at(p, fid, small, two_d))
cols = [np.concatenate(blocks[k], axis=-1) for k in sorted(blocks)]
x = np.concatenate(cols, axis=-1).reshape(-1, sum(c.shape[-1] for c in cols)).astype(np.float32)


def predict(rows):
    n = sum(f.treeCount() for f in forests)
    return sum(f.predictProbabilities(rows) * f.treeCount() for f in forests) / n


half = x.shape[0] // 2
with ThreadPoolExecutor(2) as pool:
    parts = list(pool.map(predict, [x[:half], x[half:]]))
probs = np.concatenate(parts)
elapsed = time.perf_counter() - start
with h5py.File(out, 'w') as f:
    f.create_dataset('exported_data', data=probs.reshape(vol.shape[:3] + (probs.shape[-1],)))
print(f'{elapsed:.3f} {x.shape[1]}')
