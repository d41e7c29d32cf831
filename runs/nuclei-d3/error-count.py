# Error count of a segmentation against the truth: misses (no prediction with IoU > 0.5) split into merged (the
# overlapping prediction covers most of this nucleus and of another one), missed (< 20 % covered) and shape; false
# objects into split, unannotated (< 20 % on any nucleus) and shape. Usage: error-count.py PRED_DIR TRUTH_DIR
# (PRED_DIR holds bin/convnet segment's <id>_labels.tif, TRUTH_DIR the <id>.tif label images).
import sys, glob, os, numpy as np
from PIL import Image
def read(p):
    try:
        import tifffile; return tifffile.imread(p)
    except ImportError:
        return np.array(Image.open(p))
tot=dict(tp=0,fn=0,fp=0,fn_merged=0,fn_missed=0,fn_shape=0,fp_split=0,fp_unannotated=0,fp_shape=0,truth=0,pred=0)
for lab in sorted(glob.glob(sys.argv[1]+'/*_labels.tif')):
    iid=os.path.basename(lab)[:-len('_labels.tif')]
    P=read(lab).astype(np.int64); T=read(sys.argv[2]+'/'+iid+'.tif').astype(np.int64)
    # overlap matrix
    nt=T.max(); npd=P.max()
    idx=T.ravel()*(npd+1)+P.ravel()
    C=np.bincount(idx,minlength=(nt+1)*(npd+1)).reshape(nt+1,npd+1)
    at=C.sum(1); ap=C.sum(0)
    tids=[t for t in range(1,nt+1) if at[t]>0]; pids=[p for p in range(1,npd+1) if ap[p]>0]
    iou=lambda t,p: C[t,p]/(at[t]+ap[p]-C[t,p])
    tm=set(); pm=set()
    for t in tids:
        for p in np.nonzero(C[t,1:])[0]+1:
            if iou(t,p)>0.5: tm.add(t); pm.add(p)
    before=tot["fn_merged"]
    tot["truth"]+=len(tids); tot['pred']+=len(pids); tot['tp']+=len(tm)
    for t in tids:
        if t in tm: continue
        tot['fn']+=1
        row=C[t,1:]; p=np.argmax(row)+1 if row.sum()>0 else 0
        if p==0 or C[t,p]<0.2*at[t]: tot['fn_missed']+=1
        else:
            # merged: p also covers most of another true object
            others=[u for u in tids if u!=t and C[u,p]>0.5*at[u]]
            if others and C[t,p]>0.5*at[t]: tot['fn_merged']+=1
            else: tot['fn_shape']+=1
    print(iid[:8], "truth", len(tids), "merged misses", tot["fn_merged"]-before)
    for p in pids:
        if p in pm: continue
        tot['fp']+=1
        col=C[1:,p]; t=np.argmax(col)+1 if col.sum()>0 else 0
        if t==0 or C[t,p]<0.2*ap[p]: tot['fp_unannotated']+=1
        elif C[t,p]>0.5*ap[p] and any(q!=p and iou(t,q)>0 and C[t,q]>0.2*at[t] for q in pids): tot['fp_split']+=1
        else: tot['fp_shape']+=1
print(tot)
