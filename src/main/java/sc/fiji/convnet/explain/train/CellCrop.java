package sc.fiji.convnet.explain.train;

/**
 * One labelled crop position: the image's index in its list, the crop centre in image pixels, the size of
 * the object it was taken from (0 for background) and the class index.
 */
public record CellCrop(int image, double cx, double cy, double objectSize, int label) {}
