package sc.fiji.convnet.detect.train;

import java.util.List;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;

/** One annotated image: its id, the full-size image and its ground-truth boxes in its pixels. */
public record DetectionSample(String id, RgbImage image, List<Box> boxes) {}
