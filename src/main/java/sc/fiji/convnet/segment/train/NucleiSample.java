package sc.fiji.convnet.segment.train;

import sc.fiji.convnet.segment.LabelImage;

/** One training image: grey values (not yet normalised) and its instance labels. */
public record NucleiSample(String id, int width, int height, float[] pixels, LabelImage labels) {}
