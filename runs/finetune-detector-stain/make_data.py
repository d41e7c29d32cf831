# A "new stain" for the BCCD detector: channels permuted (R,G,B -> B,R,G) and a 1-px Gaussian blur. Writes the 5
# training images (the first 5 of train.txt that show a platelet) with their VOC files, and every val image.
import os, sys, shutil, xml.etree.ElementTree as ET
from PIL import Image, ImageFilter
out = sys.argv[1]
root = '../shared/data/bccd'
def stain(name, folder):
    im = Image.open(f'{root}/JPEGImages/{name}.jpg').convert('RGB')
    r, g, b = im.split()
    Image.merge('RGB', (b, r, g)).filter(ImageFilter.GaussianBlur(1)).save(f'{folder}/{name}.png')
for d in ('train-images', 'train-annotations', 'val-images', 'val-annotations', 'val-original'):
    os.makedirs(f'{out}/{d}', exist_ok=True)
picked = []
for name in open(f'{root}/train.txt').read().split():
    names = [o.find('name').text for o in ET.parse(f'{root}/Annotations/{name}.xml').getroot().iter('object')]
    if 'Platelets' in names: picked.append(name)
    if len(picked) == 5: break
for name in picked:
    stain(name, f'{out}/train-images')
    shutil.copy(f'{root}/Annotations/{name}.xml', f'{out}/train-annotations/{name}.xml')
for name in open(f'{root}/val.txt').read().split():
    stain(name, f'{out}/val-images')
    shutil.copy(f'{root}/Annotations/{name}.xml', f'{out}/val-annotations/{name}.xml')
    os.symlink(os.path.abspath(f'{root}/JPEGImages/{name}.jpg'), f'{out}/val-original/{name}.jpg')
print('training images:', picked)
