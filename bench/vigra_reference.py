#!/usr/bin/env python3
"""Reference for the pixel-classification benchmark: the same project run with vigra (ilastik's own
filter and forest library, from Debian's python3-vigra) over the whole volume, as ilastik falls back to
when fastfilters is missing. Used only to time our engine against; its values are not ilastik-exact.

usage: vigra_reference.py PROJECT.ilp INPUT.h5 DATASET OUTPUT.h5
"""
import sys
import h5py
import numpy as np
import vigra

project, inp, dataset, out = sys.argv[1:5]
with h5py.File(project, 'r') as f:
    ids = [x.decode() if isinstance(x, bytes) else x for x in f['FeatureSelections/FeatureIds'][()]]
    scales = f['FeatureSelections/Scales'][()]
    sel = f['FeatureSelections/SelectionMatrix'][()]
    forest_names = sorted(k for k in f['PixelClassification/ClassifierForests'].keys() if k.startswith('Forest'))
forests = [vigra.learning.RandomForest(project, 'PixelClassification/ClassifierForests/' + n) for n in forest_names]

raw = h5py.File(inp, 'r')[dataset][()].astype(np.float32)
vol = vigra.taggedView(raw, 'zyx')
feats = []
for fi, fid in enumerate(ids):
    for si, s in enumerate(scales):
        if not sel[fi, si]:
            continue
        s = float(s)
        if fid == 'GaussianSmoothing':
            feats.append(vigra.filters.gaussianSmoothing(vol, s, window_size=3.5))
        elif fid == 'LaplacianOfGaussian':
            feats.append(vigra.filters.laplacianOfGaussian(vol, s, window_size=3.5))
        elif fid == 'GaussianGradientMagnitude':
            feats.append(vigra.filters.gaussianGradientMagnitude(vol, s, window_size=3.5))
        elif fid == 'DifferenceOfGaussians':
            feats.append(vigra.filters.gaussianSmoothing(vol, s, window_size=3.5) - vigra.filters.gaussianSmoothing(vol, 0.66 * s, window_size=3.5))
        elif fid == 'StructureTensorEigenvalues':
            feats.append(vigra.filters.structureTensorEigenvalues(vol, s, 0.5 * s, window_size=3.5))
        elif fid == 'HessianOfGaussianEigenvalues':
            feats.append(vigra.filters.hessianOfGaussianEigenvalues(vol, s, window_size=3.5))
cols = [np.asarray(f).reshape(raw.size, -1) for f in feats]
x = np.concatenate(cols, axis=1).astype(np.float32)
n = sum(f.treeCount() for f in forests)
p = sum(f.predictProbabilities(x) * f.treeCount() for f in forests) / n
with h5py.File(out, 'w') as f:
    f.create_dataset('exported_data', data=p.reshape(raw.shape + (p.shape[-1],)).astype(np.float32), chunks=True, compression='gzip')
print('features', x.shape[1], 'probabilities', p.shape)
