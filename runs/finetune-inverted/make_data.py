"""The inverted-and-blurred "microscope" of run.sh: 5 training images drawn (seed 7) from the stage-1 train split
(at most 520 px high, at least 10 nuclei), and every val image of both DSB sets, with their label images."""
import csv, os, random, sys
import numpy as np
from PIL import Image, ImageFilter

out = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
stage1 = os.path.normpath(os.path.join(here, '../../../shared/data/nuclei-dsb2018-stage1-train'))
dsb = os.path.normpath(os.path.join(here, '../../../shared/data/nuclei-dsb2018'))


def invert(src, dst):
    im = 255 - np.array(Image.open(src).convert('L')).astype(np.float32)
    Image.fromarray(im.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.0)).save(dst)


def link(src, dst):
    if not os.path.exists(dst):
        os.symlink(src, dst)


rows = list(csv.DictReader(open(os.path.join(stage1, 'split.csv'))))
train = [r for r in rows if r['split'] == 'train' and int(r['height']) <= 520 and int(r['n_nuclei']) >= 10]
random.Random(7).shuffle(train)
for d in ['train-images', 'train-labels']:
    os.makedirs(os.path.join(out, d), exist_ok=True)
for r in train[:5]:
    invert(f"{stage1}/images/{r['id']}.png", f"{out}/train-images/{r['id']}.png")
    link(f"{stage1}/labels/{r['id']}.tif", f"{out}/train-labels/{r['id']}.tif")
for name, root in [('dsb', dsb), ('stage1', stage1)]:
    for d in ['inv', 'labels', 'orig']:
        os.makedirs(f'{out}/val-{name}-{d}', exist_ok=True)
    for r in csv.DictReader(open(os.path.join(root, 'split.csv'))):
        if r['split'] != 'val':
            continue
        invert(f"{root}/images/{r['id']}.png", f"{out}/val-{name}-inv/{r['id']}.png")
        link(f"{root}/labels/{r['id']}.tif", f"{out}/val-{name}-labels/{r['id']}.tif")
        link(f"{root}/images/{r['id']}.png", f"{out}/val-{name}-orig/{r['id']}.png")
