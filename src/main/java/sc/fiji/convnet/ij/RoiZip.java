package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ij.gui.Roi;
import ij.io.RoiEncoder;

/** Writes ROIs as an ImageJ ROI set (a zip of .roi files) without touching the ROI Manager. */
public final class RoiZip {

	private RoiZip() {}

	public static void write(List<Roi> rois, File file) throws IOException {
		sc.fiji.convnet.io.AtomicFiles.write(file.toPath(), out -> write(rois, out));
	}

	/** The ROI set's zip bytes onto a stream (left open). */
	public static void write(List<Roi> rois, java.io.OutputStream out) throws IOException {
		Set<String> names = new HashSet<>();
		ZipOutputStream zip = new ZipOutputStream(out);
		for (Roi roi : rois) {
				String name = roi.getName() == null ? "roi" : roi.getName();
				String unique = name;
				for (int i = 2; !names.add(unique); i++) unique = name + "-" + i;
				zip.putNextEntry(new ZipEntry(unique + ".roi"));
				zip.write(RoiEncoder.saveAsByteArray(roi));
				zip.closeEntry();
		}
		zip.finish();
	}
}
